/** Small helpers of the board's SVG chart. */

/**
 * A round axis maximum at or above the largest value: at least 5 (so a few tickets look few),
 * and always a multiple of 5, so the five grid steps fall on whole numbers.
 */
export function chartScale(values: readonly number[]): number {
  const top = Math.max(5, ...values);
  const steps = [5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000];
  return steps.find((s) => s >= top) ?? Math.ceil(top / 10_000) * 10_000;
}

/** The axis ticks: 0 and five equal whole steps up to the maximum. */
export function chartTicks(max: number): number[] {
  return [0, 1, 2, 3, 4, 5].map((i) => (i * max) / 5);
}

/** Cut a label to `max` characters with an ellipsis (the full name is in the SVG title). */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * A round axis for any values (minutes with decimals too): 4 to 6 equal steps of 1, 2, 2.5 or 5
 * times a power of ten, the smallest top at or above the largest value (and at least `minTop`);
 * `integer` keeps to whole steps (counts of tickets).
 */
export function niceScale(
  values: readonly number[],
  minTop = 5,
  opts: { integer?: boolean } = {},
): { max: number; step: number; ticks: number[] } {
  const top = Math.max(minTop, ...values.filter((v) => Number.isFinite(v)));
  let best: { max: number; step: number } | null = null;
  const magnitude = 10 ** Math.floor(Math.log10(top / 6));
  for (const k of [magnitude / 10, magnitude, magnitude * 10]) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * k;
      // Counts: whole steps only.
      if (opts.integer && !Number.isInteger(Math.round(step * 1e6) / 1e6)) continue;
      for (let n = 4; n <= 6; n++) {
        const max = step * n;
        if (max >= top - 1e-9 && (!best || max < best.max - 1e-9)) best = { max, step };
      }
    }
  }
  const { max, step } = best ?? { max: top, step: top / 5 };
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(round(v));
  return { max: round(max), step: round(step), ticks };
}

/** Where a value falls on an axis of `length` px from 0 to `max` (clamped to the axis). */
export function scaleTo(value: number, max: number, length: number): number {
  if (max <= 0 || !Number.isFinite(value)) return 0;
  return Math.min(length, Math.max(0, (value / max) * length));
}

/**
 * The hours a by-hour chart shows: the office day (7–17 h) widened to every hour that has a
 * figure, so nothing is cut off and a quiet day still reads as a day.
 */
export function hourSpan(points: readonly { hour: number; issued: number; served: number }[], day: [number, number] = [7, 17]): number[] {
  const busy = points.filter((p) => p.issued > 0 || p.served > 0).map((p) => p.hour);
  const first = Math.min(day[0], ...busy);
  const last = Math.max(day[1], ...busy);
  const out: number[] = [];
  for (let h = first; h <= last; h++) out.push(h);
  return out;
}

/** An SVG polyline `points` attribute. */
export function polyline(points: readonly { x: number; y: number }[]): string {
  return points.map((p) => `${round1(p.x)},${round1(p.y)}`).join(' ');
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
