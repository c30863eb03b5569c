import type { BusinessDate, Numbering } from './model.js';

const dateParts = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = dateParts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateParts.set(timeZone, f);
  }
  return f;
}

type LocalParts = { date: BusinessDate; hour: number; minute: number };

/** The last answer per time zone: every command asks for the same minute many times over. */
const lastParts = new Map<string, { minute: number; parts: LocalParts }>();

/** Local wall-clock parts of an instant in a time zone. */
export function localParts(now: number, timeZone: string): LocalParts {
  // Time zones move by whole minutes (or quarter hours), so one UTC minute is one local minute.
  const minute = Math.floor(now / 60_000);
  const cached = lastParts.get(timeZone);
  if (cached && cached.minute === minute) return cached.parts;
  const parts = computeLocalParts(now, timeZone);
  lastParts.set(timeZone, { minute, parts });
  return parts;
}

function computeLocalParts(now: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(now));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** A calendar date `YYYY-MM-DD` moved by `n` days (negative: back), across months and leap days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function previousDate(date: BusinessDate): BusinessDate {
  return addDays(date, -1);
}

/**
 * The business date an instant belongs to: the centre's local date, where a day starts at
 * `dayStartsAt` (`00:00` = local midnight). Numbering restarts with each business date.
 */
export function businessDateOf(now: number, timeZone: string, dayStartsAt = '00:00'): BusinessDate {
  const local = localParts(now, timeZone);
  const start = minutesOf(dayStartsAt);
  if (start > 0 && local.hour * 60 + local.minute < start) return previousDate(local.date);
  return local.date;
}

/** Whether a local time lies inside opening hours (`close` exclusive). */
export function isWithinHours(
  now: number,
  timeZone: string,
  hours: { open: string; close: string },
): boolean {
  const local = localParts(now, timeZone);
  const m = local.hour * 60 + local.minute;
  return m >= minutesOf(hours.open) && m < minutesOf(hours.close);
}

/** The first sequence number of a day for a numbering scheme. */
export function firstNumber(numbering: Numbering): number {
  return numbering.kind === 'range' ? numbering.from : (numbering.start ?? 1);
}

/** The number after `last` (or the first of the day); never wraps, so never repeats in a day. */
export function nextNumber(numbering: Numbering, last: number | null): number {
  return last === null ? firstNumber(numbering) : last + 1;
}

/** A range that has run past its end still issues, but the manager must be warned. */
export function isPastRangeEnd(numbering: Numbering, n: number): boolean {
  if (numbering.kind === 'range') return n > numbering.to;
  return String(n).length > numbering.digits;
}

export function displayNumberOf(numbering: Numbering, n: number): string {
  if (numbering.kind === 'range') return String(n);
  return numbering.prefix + String(n).padStart(numbering.digits, '0');
}

/** Two services may not share a prefix or overlapping number ranges. */
export function numberingConflict(a: Numbering, b: Numbering): boolean {
  if (a.kind === 'prefix' && b.kind === 'prefix') return a.prefix === b.prefix;
  if (a.kind === 'range' && b.kind === 'range') return a.from <= b.to && b.from <= a.to;
  return false;
}
