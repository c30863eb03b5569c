import { describe, expect, it } from 'vitest';
import { DEFAULT_APPOINTMENT_POLICY, type Service, type ServiceId } from '@layso/shared';
import {
  changedFields,
  counterDraftOf,
  counterNumberTaken,
  deviceConfigOf,
  moveItem,
  numberingText,
  printerDraftOf,
  reorderServices,
  serviceClashes,
  serviceDraftOf,
  settingsBodyOf,
  settingsDraftOf,
  suggestRange,
} from './admin-forms.js';
import { counter, service, settings } from '../../test/fixtures.js';

const a = service('a', { sortOrder: 1, numbering: { kind: 'range', from: 1001, to: 1999 } });
const b = service('b', { sortOrder: 2, numbering: { kind: 'range', from: 2001, to: 2999 } });
const c = service('c', { sortOrder: 3, numbering: { kind: 'prefix', prefix: 'A', digits: 3 } });

describe('administration forms', () => {
  it('suggests the next free thousand for a new service and fills an edit form from the service', () => {
    expect(suggestRange([a, b, c])).toEqual({ from: 3001, to: 3999 });
    expect(suggestRange([])).toEqual({ from: 1001, to: 1999 });
    const d = serviceDraftOf(c, [a, b, c]);
    expect(d).toMatchObject({ numberingKind: 'prefix', prefix: 'A', digits: '3', nameVi: c.nameVi, waitThresholdMin: '30' });
    expect(numberingText(a.numbering)).toBe('1001–1999');
    expect(numberingText(c.numbering)).toBe('A001…');
  });

  it('finds the clashes the schema cannot see: backwards ranges and hours, shared numbers', () => {
    expect(serviceClashes({ kind: 'range', from: 1500, to: 1600 }, { open: '07:30', close: '17:00' }, null, [a, b], 'vi')).toEqual({
      'numbering.from': `Trùng dải số với dịch vụ “${a.nameVi}”.`,
    });
    // A service never clashes with itself.
    expect(serviceClashes(a.numbering, a.hours, a.id, [a, b], 'vi')).toEqual({});
    expect(serviceClashes({ kind: 'prefix', prefix: 'A', digits: 4 }, a.hours, null, [c], 'en')).toEqual({
      'numbering.prefix': `The numbers overlap those of “${c.nameEn}”.`,
    });
    expect(serviceClashes({ kind: 'range', from: 9000, to: 8000 }, { open: '17:00', close: '07:00' }, null, [], 'vi')).toEqual({
      'numbering.to': 'Số cuối phải lớn hơn hoặc bằng số đầu.',
      'hours.close': 'Giờ đóng phải sau giờ mở.',
    });
  });

  it('reorders services with as few changes as possible, and not past either end', () => {
    expect(reorderServices([a, b, c], 'c', -1)).toEqual([
      { id: 'c', sortOrder: 2 },
      { id: 'b', sortOrder: 3 },
    ]);
    expect(reorderServices([a, b, c], 'a', -1)).toEqual([]);
    expect(reorderServices([a, b, c], 'c', 1)).toEqual([]);
    // Gaps and ties in the stored order are renumbered 1, 2, 3 …
    const messy: Service[] = [service('x', { sortOrder: 10 }), service('y', { sortOrder: 10 }), service('z', { sortOrder: 40 })];
    expect(reorderServices(messy, 'z', -1)).toEqual([
      { id: 'x', sortOrder: 1 },
      { id: 'z', sortOrder: 2 },
      { id: 'y', sortOrder: 3 },
    ]);
  });

  it('moves an item in a list without losing any', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('sends only the changed fields of an edit, whatever the key order', () => {
    const body = { nameVi: a.nameVi, numbering: { to: 1999, from: 1001, kind: 'range' }, waitThresholdMin: 45 };
    expect(changedFields(body, a)).toEqual({ waitThresholdMin: 45 });
    expect(changedFields({ serviceIds: ['b', 'a'] }, counter('q1', ['a', 'b']))).toEqual({ serviceIds: ['b', 'a'] });
  });

  it('proposes the next counter number and spots a taken one', () => {
    const counters = [counter('q1', ['a']), counter('q4', ['b'])];
    expect(counterDraftOf(null, counters)).toEqual({ number: '5', name: 'Quầy 5', serviceIds: [] });
    expect(counterNumberTaken(4, null, counters)?.id).toBe('q4');
    expect(counterNumberTaken(4, 'q4', counters)).toBeNull();
  });

  it('edits a kiosk printer and keeps the rest of the device configuration', () => {
    expect(printerDraftOf({})).toEqual({ kind: 'none', host: '', port: '9100', paperWidth: '80' });
    expect(printerDraftOf({ printer: { kind: 'tcp', host: '10.0.0.9', port: 9101, paperWidth: 58 } })).toEqual({
      kind: 'tcp',
      host: '10.0.0.9',
      port: '9101',
      paperWidth: '58',
    });
    expect(deviceConfigOf({ volume: 3 }, { kind: 'tcp', host: ' 10.0.0.9 ', port: '9100', paperWidth: '58' })).toEqual({
      volume: 3,
      printer: { kind: 'tcp', host: '10.0.0.9', port: 9100, paperWidth: 58 },
    });
    expect(deviceConfigOf({ printer: { kind: 'tcp' } }, { kind: 'none', host: 'x', port: '1', paperWidth: '80' })).toEqual({ printer: { kind: 'none' } });
  });

  it('turns settings into a form and back without change', () => {
    const withPolicy = {
      ...settings,
      queue: { ...settings.queue, priority: 'aging' as const, noShowReturn: { kind: 'placesDown' as const, places: 4 }, appointmentMaxInRow: 3 },
      appointments: { ...DEFAULT_APPOINTMENT_POLICY, slotMin: 20, askPhone: true },
      elderlyAge: 65,
      resultsServiceId: 'tra-ket-qua' as ServiceId,
    };
    const { centreId: _centreId, ...rest } = withPolicy;
    expect(settingsBodyOf(settingsDraftOf(withPolicy))).toEqual(rest);
  });
});

describe('appointment settings', () => {
  it('a centre that never set them gets the defaults; the form sends what was typed', () => {
    const d = settingsDraftOf(settings);
    expect(d).toMatchObject({ apptEnabled: true, slotMin: '15', capacityPerSlot: '2', earlyMin: '15', lateMin: '10', elderlyAge: '60', resultsServiceId: '', appointmentMaxInRow: '2' });
    const body = settingsBodyOf({ ...d, slotMin: '30', elderlyAge: 'x', resultsServiceId: 'ho-tich', askName: true });
    expect(body).toMatchObject({ appointments: { slotMin: 30, askName: true }, resultsServiceId: 'ho-tich' });
    expect(body.elderlyAge).toBeNaN();
  });
});
