import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatMinutes } from './format.js';
import { chartScale, chartTicks, truncate } from './chart.js';

describe('format', () => {
  it('shows durations as mm:ss, h:mm:ss past an hour, never negative', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(59_999)).toBe('00:59');
    expect(formatDuration(61_000)).toBe('01:01');
    expect(formatDuration(3_600_000 + 5 * 60_000 + 7000)).toBe('1:05:07');
    expect(formatDuration(-5000)).toBe('00:00');
  });

  it('shows waits in minutes in both languages', () => {
    expect(formatMinutes(30_000, 'vi')).toBe('< 1 phút');
    expect(formatMinutes(12 * 60_000 + 59_000, 'vi')).toBe('12 phút');
    expect(formatMinutes(12 * 60_000, 'en')).toBe('12 min');
    expect(formatMinutes(75 * 60_000, 'vi')).toBe('1 giờ 15 phút');
  });

  it('shows clock times in the centre time zone', () => {
    // 02:05 UTC is 09:05 in Hà Nội.
    expect(formatClock(Date.UTC(2026, 2, 10, 2, 5, 9), 'Asia/Ho_Chi_Minh')).toBe('09:05');
    expect(formatClock(Date.UTC(2026, 2, 10, 2, 5, 9), 'Asia/Ho_Chi_Minh', true)).toBe('09:05:09');
  });
});

describe('chart helpers', () => {
  it('picks a round axis maximum of at least 5', () => {
    expect(chartScale([])).toBe(5);
    expect(chartScale([0, 3])).toBe(5);
    expect(chartScale([6])).toBe(10);
    expect(chartScale([21])).toBe(25);
    expect(chartScale([420])).toBe(500);
  });

  it('puts the grid on whole numbers', () => {
    for (const v of [0, 4, 7, 13, 22, 40, 90, 180, 240, 480, 999, 1500, 2400, 4000, 9000, 12_345]) {
      const ticks = chartTicks(chartScale([v]));
      expect(ticks.every((t) => Number.isInteger(t)), String(v)).toBe(true);
      expect(ticks.at(-1)! >= v).toBe(true);
    }
  });

  it('cuts long labels with an ellipsis', () => {
    expect(truncate('Hộ tịch', 10)).toBe('Hộ tịch');
    expect(truncate('Hướng dẫn dịch vụ công trực tuyến – VNeID', 20)).toBe('Hướng dẫn dịch vụ c…');
  });
});
