import { describe, expect, it } from 'vitest';
import { addDays, businessDateOf, displayNumberOf, isPastRangeEnd, isWithinHours, nextNumber, numberingConflict } from './numbering.js';

const TZ = 'Asia/Ho_Chi_Minh';

describe('business date', () => {
  it('turns at local midnight in Hà Nội, not at UTC midnight', () => {
    // 16:59:59 UTC = 23:59:59 local on the 10th; 17:00 UTC = 00:00 local on the 11th.
    expect(businessDateOf(Date.UTC(2026, 2, 10, 16, 59, 59), TZ)).toBe('2026-03-10');
    expect(businessDateOf(Date.UTC(2026, 2, 10, 17, 0, 0), TZ)).toBe('2026-03-11');
  });

  it('honours a day that starts later than midnight', () => {
    // 03:00 local on the 11th belongs to the 10th when the day starts at 04:00.
    expect(businessDateOf(Date.UTC(2026, 2, 10, 20, 0, 0), TZ, '04:00')).toBe('2026-03-10');
    expect(businessDateOf(Date.UTC(2026, 2, 10, 21, 0, 0), TZ, '04:00')).toBe('2026-03-11');
  });

  it('crosses month and year ends', () => {
    expect(businessDateOf(Date.UTC(2026, 11, 31, 17, 0, 0), TZ)).toBe('2027-01-01');
    expect(businessDateOf(Date.UTC(2026, 2, 1, 20, 0, 0), TZ, '04:00')).toBe('2026-03-01');
    expect(businessDateOf(Date.UTC(2026, 1, 28, 20, 0, 0), TZ, '04:00')).toBe('2026-02-28');
  });
});

describe('numbers', () => {
  const range = { kind: 'range' as const, from: 1001, to: 1003 };
  const prefix = { kind: 'prefix' as const, prefix: 'A', digits: 3 };

  it('starts a range at its first number and goes on past its end rather than repeat', () => {
    expect(nextNumber(range, null)).toBe(1001);
    expect(nextNumber(range, 1003)).toBe(1004);
    expect(isPastRangeEnd(range, 1003)).toBe(false);
    expect(isPastRangeEnd(range, 1004)).toBe(true);
  });

  it('pads prefix numbers', () => {
    expect(displayNumberOf(prefix, nextNumber(prefix, null))).toBe('A001');
    expect(displayNumberOf(prefix, 42)).toBe('A042');
    expect(displayNumberOf(range, 1023)).toBe('1023');
    expect(isPastRangeEnd(prefix, 1000)).toBe(true);
  });

  it('refuses shared prefixes and overlapping ranges', () => {
    expect(numberingConflict(prefix, { ...prefix })).toBe(true);
    expect(numberingConflict(range, { kind: 'range', from: 1003, to: 1100 })).toBe(true);
    expect(numberingConflict(range, { kind: 'range', from: 2001, to: 2999 })).toBe(false);
    expect(numberingConflict(range, prefix)).toBe(false);
  });

  it('knows opening hours in the centre time zone', () => {
    const hours = { open: '07:30', close: '17:00' };
    expect(isWithinHours(Date.UTC(2026, 2, 10, 0, 29), TZ, hours)).toBe(false); // 07:29
    expect(isWithinHours(Date.UTC(2026, 2, 10, 0, 30), TZ, hours)).toBe(true); // 07:30
    expect(isWithinHours(Date.UTC(2026, 2, 10, 10, 0), TZ, hours)).toBe(false); // 17:00
    expect(isWithinHours(Date.UTC(2026, 2, 10, 16, 59), TZ, { open: '00:00', close: '24:00' })).toBe(true);
  });
});

describe('addDays', () => {
  it('moves a calendar date across months, years and leap days, both ways', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-10', -6)).toBe('2026-03-04');
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
  });
});
