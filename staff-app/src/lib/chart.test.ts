import { describe, expect, it } from 'vitest';
import { hourSpan, niceScale, polyline, scaleTo } from './chart.js';

describe('chart scaling', () => {
  it('picks a round axis just above the largest value, with 4 to 6 steps', () => {
    expect(niceScale([])).toEqual({ max: 5, step: 1, ticks: [0, 1, 2, 3, 4, 5] });
    expect(niceScale([12.3])).toMatchObject({ max: 12.5, step: 2.5 });
    expect(niceScale([13])).toMatchObject({ max: 15, step: 2.5 });
    expect(niceScale([22.8, 9.7])).toMatchObject({ max: 25, step: 5 });
    expect(niceScale([530])).toMatchObject({ max: 600, step: 100 });
    expect(niceScale([1000])).toMatchObject({ max: 1000, step: 200 });
    expect(niceScale([0.4], 0.1)).toMatchObject({ max: 0.4, step: 0.1 });
  });

  it('keeps to whole steps for counts', () => {
    expect(niceScale([12], 5, { integer: true })).toMatchObject({ max: 12, step: 2 });
    expect(niceScale([13], 5, { integer: true })).toMatchObject({ max: 20, step: 5 });
    for (const top of [1, 7, 13, 29, 99, 101, 530, 4321]) {
      const s = niceScale([top], 5, { integer: true });
      expect(s.max).toBeGreaterThanOrEqual(top);
      expect(s.ticks.every((x) => Number.isInteger(x))).toBe(true);
      expect(s.ticks.length).toBeGreaterThanOrEqual(5);
      expect(s.ticks.length).toBeLessThanOrEqual(7);
      expect(s.ticks.at(-1)).toBe(s.max);
    }
  });

  it('maps values onto the axis, clamped', () => {
    expect(scaleTo(5, 10, 200)).toBe(100);
    expect(scaleTo(15, 10, 200)).toBe(200);
    expect(scaleTo(-1, 10, 200)).toBe(0);
    expect(scaleTo(3, 0, 200)).toBe(0);
    expect(scaleTo(Number.NaN, 10, 200)).toBe(0);
  });

  it('shows the office day, widened to every hour with figures', () => {
    expect(hourSpan([])).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(hourSpan([{ hour: 6, issued: 2, served: 0 }, { hour: 19, issued: 0, served: 1 }, { hour: 22, issued: 0, served: 0 }])).toEqual([
      6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
  });

  it('writes SVG points to a tenth of a pixel', () => {
    expect(polyline([{ x: 1.234, y: 5 }, { x: 2, y: 6.06 }])).toBe('1.2,5 2,6.1');
  });
});
