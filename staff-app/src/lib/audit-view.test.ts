import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES } from '@layso/shared';
import { AUDIT_WORD, auditDiff, auditSummary, isAuditType, settingsChanges } from './audit-view.js';
import { WORDS } from '../i18n/words.js';

const entry = (type: string, data: unknown) => ({ type, data, serviceId: null, counterId: null });

describe('audit log entries in words', () => {
  it('has words for every kind of change', () => {
    for (const type of AUDIT_EVENT_TYPES) {
      expect(isAuditType(type)).toBe(true);
      expect(WORDS[AUDIT_WORD[type]].vi.length).toBeGreaterThan(0);
    }
    expect(isAuditType('ticket.issued')).toBe(false);
  });

  it('sums up what changed', () => {
    expect(auditSummary(entry('service.saved', { nameVi: 'Bảo hiểm', nameEn: 'Insurance', numbering: { kind: 'range', from: 7001, to: 7999 }, enabled: true }), 'vi')).toBe(
      'Bảo hiểm · 7001–7999 · bật',
    );
    expect(auditSummary(entry('service.deleted', { nameVi: 'Bảo hiểm' }), 'en')).toBe('Bảo hiểm');
    expect(auditSummary(entry('settings.api_key_created', { keyId: 'key-1', name: 'Một cửa', prefix: 'lk_AbCdEfG', scopes: ['appointments:write'] }), 'vi')).toBe(
      '“Một cửa” (lk_AbCdEfG…) · appointments:write',
    );
    expect(auditSummary(entry('settings.webhook_deleted', { endpointId: 'wh-1', name: 'Một cửa' }), 'en')).toBe('“Một cửa”');
    expect(auditDiff(entry('settings.webhook_updated', { events: ['ticket.issued', 'ticket.called'], before: { events: ['ticket.issued'] } }), 'vi')).toEqual([
      'sự kiện: ticket.issued → ticket.issued, ticket.called',
    ]);
    expect(auditSummary(entry('counter.saved', { number: 7, name: 'Quầy 7', serviceIds: ['a', 'b'] }), 'vi')).toBe('Quầy 7 · 2 dịch vụ');
    expect(auditSummary(entry('counter.saved', { number: 8, name: 'Tiếp nhận', serviceIds: ['a'] }), 'en')).toBe('Counter 8 (Tiếp nhận) · 1 service');
    expect(auditSummary(entry('user.created', { username: 'canbo7', displayName: 'Ngô Văn Bảy', role: 'officer' }), 'vi')).toBe(
      'canbo7 (Ngô Văn Bảy, cán bộ)',
    );
    expect(auditSummary(entry('user.password_reset', { username: 'canbo7', passwordReset: true }), 'vi')).toBe('canbo7');
    expect(auditSummary(entry('device.pairing_code_created', { kind: 'kiosk', name: 'Ki-ốt sảnh' }), 'vi')).toBe('ki-ốt “Ki-ốt sảnh”');
    expect(auditSummary(entry('device.updated', { deviceId: 'kiosk-x', config: { printer: { kind: 'tcp', host: '10.0.0.9', port: 9100, paperWidth: 58 } } }), 'en')).toBe(
      '“kiosk-x” · printer 10.0.0.9:9100, 58 mm',
    );
    expect(auditSummary(entry('settings.updated', { centreNameVi: 'Trung tâm A', centreNameEn: 'Centre A' }), 'en')).toBe('Centre A');
    expect(auditSummary(entry('something.else', null), 'vi')).toBe('');
  });

  it('names a device by its id, and says which settings changed', () => {
    const names = { deviceName: (id: string) => (id === 'kiosk-x' ? 'Ki-ốt sảnh' : null) };
    expect(auditSummary(entry('device.updated', { deviceId: 'kiosk-x', name: undefined }), 'vi', names)).toBe('“Ki-ốt sảnh”');
    expect(auditSummary(entry('device.updated', { deviceId: 'kiosk-y' }), 'vi', names)).toBe('“kiosk-y”');
    const before = { centreNameVi: 'A', displayNotice: '', queue: { priority: 'strict', alternateMaxInRow: 2 } };
    const after = { centreNameVi: 'A', displayNotice: 'Nghỉ trưa 11:30', queue: { priority: 'alternate', alternateMaxInRow: 3 } };
    expect(auditSummary(entry('settings.updated', after), 'vi', { previousSettings: before })).toBe('Đổi: cách gọi số ưu tiên, K xen kẽ, dòng thông báo');
    expect(settingsChanges(before, after, 'en')).toEqual(['priority policy', 'alternate K', 'display notice']);
    expect(auditSummary(entry('settings.updated', after), 'vi')).toBe('A');
  });

  it('says what changed, before → after', () => {
    const service = { nameVi: 'Bảo hiểm', numbering: { kind: 'range', from: 8001, to: 8999 }, enabled: true, before: { nameVi: 'Bảo hiểm', numbering: { kind: 'range', from: 7001, to: 7999 }, enabled: false } };
    expect(auditDiff(entry('service.saved', service), 'vi')).toEqual(['dải số: 7001–7999 → 8001–8999', 'bật: không → có']);
    expect(auditDiff(entry('counter.saved', { number: 7, name: 'Quầy 7', serviceIds: ['a'], before: { number: 7, name: 'Quầy bảy', serviceIds: ['a'] } }), 'en')).toEqual(['name: Quầy bảy → Quầy 7']);
    expect(auditDiff(entry('settings.updated', { timeZone: 'Asia/Bangkok', queue: { priority: 'aging' }, before: { timeZone: 'Asia/Ho_Chi_Minh', queue: { priority: 'strict' } } }), 'en')).toEqual([
      'time zone: Asia/Ho_Chi_Minh → Asia/Bangkok',
      'priority policy: strict → aging',
    ]);
    expect(auditDiff(entry('user.updated', { username: 'canbo7', role: 'manager', before: { role: 'officer' } }), 'vi')).toEqual(['vai trò: officer → manager']);
    expect(auditDiff(entry('service.saved', { nameVi: 'Mới' }), 'vi')).toEqual([]);
  });
});
