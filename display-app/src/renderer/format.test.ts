import { describe, expect, it } from 'vitest';
import { clockText, fitFontPx } from './format.js';

describe('clockText', () => {
  it('shows the centre’s local time and date in Vietnamese and English', () => {
    // 2026-03-10 02:05 UTC is 09:05 in Hà Nội.
    const t = clockText(Date.UTC(2026, 2, 10, 2, 5), 'Asia/Ho_Chi_Minh');
    expect(t.time).toBe('09:05');
    expect(t.dateVi).toBe('Thứ Ba, 10/03/2026');
    expect(t.dateEn).toBe('Tuesday, 10 March 2026');
  });

  it('falls back to the machine’s zone for an unknown zone', () => {
    expect(clockText(0, 'Mars/Olympus').time).toMatch(/^\d\d:\d\d$/);
  });
});

describe('fitFontPx', () => {
  it('keeps a four-digit number at the largest size and shrinks a long one to fit', () => {
    expect(fitFontPx('1023', 1000, 300)).toBe(300);
    const size = fitFontPx('9999999', 1000, 300);
    expect(size).toBeLessThan(300);
    expect(size * 7 * 0.62).toBeLessThanOrEqual(1000);
    expect(fitFontPx('AB10523', 100, 300, 40)).toBe(40);
  });
});
