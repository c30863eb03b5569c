import { describe, expect, it } from 'vitest';
import { CounterCreateBody, DeviceUpdateBody, Password, ServiceCreateBody, SettingsBody, UserCreateBody } from '@layso/shared';
import { checkForm, issueWords, numberOf } from './form-check.js';
import { SERVICE_HINTS, USER_HINTS, serviceBodyOf, serviceDraftOf, settingsBodyOf, settingsDraftOf } from './admin-forms.js';
import { settings } from '../../test/fixtures.js';

describe('form validation in words (shared schemas)', () => {
  it('says what is wrong with each field of a new service, in Vietnamese and English', () => {
    const draft = { ...serviceDraftOf(null, []), nameVi: '  ', numberingKind: 'prefix' as const, prefix: 'a1', digits: '2.5', open: '25:00', waitThresholdMin: '' };
    const vi = checkForm(ServiceCreateBody, serviceBodyOf(draft), 'vi', SERVICE_HINTS);
    expect(vi.ok).toBe(false);
    if (vi.ok) return;
    expect(vi.errors).toEqual({
      nameVi: 'Không được để trống.',
      nameEn: 'Không được để trống.',
      'numbering.prefix': 'Một hoặc hai chữ cái in hoa, ví dụ A hoặc HT.',
      'numbering.digits': 'Hãy nhập số nguyên.',
      'hours.open': 'Giờ dạng HH:MM, ví dụ 07:30.',
      waitThresholdMin: 'Hãy nhập một số.',
    });
    const en = checkForm(ServiceCreateBody, serviceBodyOf(draft), 'en', SERVICE_HINTS);
    expect(en.ok ? null : en.errors.waitThresholdMin).toBe('Enter a number.');
    expect(en.ok ? null : en.errors['numbering.prefix']).toBe('One or two capital letters, e.g. A or HT.');
  });

  it('passes a good form through, parsed as the server will parse it', () => {
    const draft = { ...serviceDraftOf(null, []), nameVi: ' Bảo hiểm ', nameEn: 'Insurance', rangeFrom: '7001', rangeTo: '7999' };
    const r = checkForm(ServiceCreateBody, serviceBodyOf(draft), 'vi', SERVICE_HINTS);
    expect(r).toEqual({
      ok: true,
      data: expect.objectContaining({ nameVi: 'Bảo hiểm', numbering: { kind: 'range', from: 7001, to: 7999 }, waitThresholdMin: 30, enabled: true }),
    });
  });

  it('words numbers out of range, passwords too short, and bad usernames', () => {
    const c = checkForm(CounterCreateBody, { number: 0, name: 'x' }, 'vi');
    expect(c.ok ? null : c.errors.number).toBe('Nhỏ nhất là 1.');
    const u = checkForm(UserCreateBody, { username: 'Cán bộ', displayName: '', role: 'officer', password: 'short' }, 'vi', USER_HINTS);
    expect(u.ok ? null : u.errors).toEqual({
      username: 'Từ 2 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
      displayName: 'Không được để trống.',
      password: 'Cần ít nhất 8 ký tự.',
    });
    const p = checkForm(Password, 'abc', 'en');
    expect(p.ok ? null : p.errors['']).toBe('At least 8 characters.');
    const d = checkForm(DeviceUpdateBody, { config: { printer: { kind: 'tcp', host: '', port: 70000, paperWidth: 60 } } }, 'vi');
    expect(d.ok ? null : d.errors).toEqual({
      'config.printer.host': 'Không được để trống.',
      'config.printer.port': 'Lớn nhất là 65535.',
      'config.printer.paperWidth': 'Hãy chọn một giá trị trong danh sách.',
    });
  });

  it('checks the whole settings, nested queue policy included', () => {
    const draft = { ...settingsDraftOf(settings), priority: 'alternate' as const, alternateMaxInRow: '0', kioskRateLimitPerMin: '-1', dayStartsAt: '7h' };
    const r = checkForm(SettingsBody, settingsBodyOf(draft), 'vi', { dayStartsAt: { vi: 'Giờ dạng HH:MM.', en: 'HH:MM.' } });
    expect(r.ok ? null : r.errors).toEqual({
      dayStartsAt: 'Giờ dạng HH:MM.',
      'queue.alternateMaxInRow': 'Nhỏ nhất là 1.',
      kioskRateLimitPerMin: 'Nhỏ nhất là 0.',
    });
    expect(checkForm(SettingsBody, settingsBodyOf(settingsDraftOf(settings)), 'vi').ok).toBe(true);
  });

  it('words an exclusive minimum and falls back to the message for unknown issues', () => {
    expect(issueWords({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false, path: ['x'], message: '' }, 'vi')).toBe('Phải lớn hơn 0.');
    expect(issueWords({ code: 'custom', path: ['from'], message: '`from` must not be after `to`' }, 'en')).toBe('`from` must not be after `to`');
  });

  it('reads a number field: empty is not zero, a comma is a decimal point', () => {
    expect(numberOf('')).toBeNaN();
    expect(numberOf(' 12 ')).toBe(12);
    expect(numberOf('1,5')).toBe(1.5);
  });
});
