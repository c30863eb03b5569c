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
