// One row of the bench's output: { id, name, value, unit, floor, ratio, target, met } (+ detail,
// or notMeasured with the reason). `id` is a stable key for comparing runs (quick or full). A target is one of { ratio } (value ≤ ratio × floor), { minRatio } (value ≥ minRatio × floor), { max },
// { min }, or none (the figure is reported, not judged: met is null).
import { round } from './stats.mjs';

function targetText(t, unit) {
  if (!t) return null;
  if (t.ratio !== undefined) return `≤ ${t.ratio} × floor`;
  if (t.minRatio !== undefined) return `≥ ${t.minRatio} × floor`;
  if (t.max !== undefined) return `≤ ${t.max} ${unit}`;
  return `≥ ${t.min} ${unit}`;
}

export function measured(id, name, value, unit, { floor = null, target = null, detail } = {}) {
  const ratio = floor !== null && floor > 0 ? value / floor : null;
  let met = null;
  if (target?.ratio !== undefined) met = ratio !== null && ratio <= target.ratio;
  else if (target?.minRatio !== undefined) met = ratio !== null && ratio >= target.minRatio;
  else if (target?.max !== undefined) met = value <= target.max;
  else if (target?.min !== undefined) met = value >= target.min;
  return {
    id,
    name,
    value: round(value),
    unit,
    floor: floor === null ? null : round(floor),
    ratio: ratio === null ? null : round(ratio),
    target: targetText(target, unit),
    met,
    ...(detail ? { detail } : {}),
  };
}

export function notMeasured(id, name, unit, reason, { target = null } = {}) {
  return { id, name, value: null, unit, floor: null, ratio: null, target: targetText(target, unit), met: false, notMeasured: reason };
}
