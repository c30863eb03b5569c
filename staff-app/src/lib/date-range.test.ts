import { describe, expect, it } from 'vitest';
import { addDays, daysIn, formatDate, pickOf, quickRange, rangeProblem, todayIn } from './date-range.js';

const HCM = 'Asia/Ho_Chi_Minh';

describe('report date ranges', () => {
  it('takes "today" in Hồ Chí Minh City time, not UTC', () => {
    // 2026-03-31 17:30 UTC is already 1 April 00:30 in Hà Nội / HCMC (UTC+7).
    expect(todayIn(Date.UTC(2026, 2, 31, 17, 30), HCM)).toBe('2026-04-01');
    expect(todayIn(Date.UTC(2026, 2, 31, 16, 59), HCM)).toBe('2026-03-31');
    // A business day that starts at 03:00: 02:00 local still belongs to the day before.
    expect(todayIn(Date.UTC(2026, 2, 31, 19, 0), HCM, '03:00')).toBe('2026-03-31');
  });

  it('gives the quick picks from today', () => {
    const today = todayIn(Date.UTC(2026, 2, 31, 17, 30), HCM); // 2026-04-01
    expect(quickRange('today', today)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(quickRange('yesterday', today)).toEqual({ from: '2026-03-31', to: '2026-03-31' });
    expect(quickRange('last7', today)).toEqual({ from: '2026-03-26', to: '2026-04-01' });
    expect(quickRange('thisMonth', today)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(quickRange('lastMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('handles month and year ends, and February in leap years', () => {
    expect(quickRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(quickRange('lastMonth', '2028-03-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(quickRange('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quickRange('yesterday', '2026-01-01')).toEqual({ from: '2025-12-31', to: '2025-12-31' });
    expect(quickRange('last7', '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03' });
    expect(quickRange('thisMonth', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('knows which quick pick a range is', () => {
    expect(pickOf({ from: '2026-03-04', to: '2026-03-10' }, '2026-03-10')).toBe('last7');
    expect(pickOf({ from: '2026-03-10', to: '2026-03-10' }, '2026-03-10')).toBe('today');
    expect(pickOf({ from: '2026-03-02', to: '2026-03-10' }, '2026-03-10')).toBeNull();
    // On the 1st, "this month" and "today" are the same range: today wins (listed first).
    expect(pickOf({ from: '2026-04-01', to: '2026-04-01' }, '2026-04-01')).toBe('today');
  });

  it('refuses impossible ranges before asking the server', () => {
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-31' })).toBeNull();
    expect(rangeProblem({ from: '2026-03-31', to: '2026-03-01' })).toBe('fromAfterTo');
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('badDate');
    expect(rangeProblem({ from: '', to: '2026-03-01' })).toBe('badDate');
    expect(rangeProblem({ from: '2020-01-01', to: '2026-01-01' })).toBe('tooLong');
    expect(rangeProblem({ from: '2021-01-01', to: '2026-01-04' })).toBeNull();
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(daysIn({ from: '2026-03-10', to: '2026-03-10' })).toBe(1);
  });

  it('writes dates the Vietnamese and the English way', () => {
    expect(formatDate('2026-03-05', 'vi')).toBe('05/03/2026');
    expect(formatDate('2026-03-05', 'en')).toBe('5 Mar 2026');
  });
});
