/**
 * Report date ranges: business dates `YYYY-MM-DD` in the centre's time zone (Asia/Ho_Chi_Minh by
 * default), and the quick picks a manager uses most. Pure calendar arithmetic on dates; "today"
 * comes from the server (its business date), or from its clock in the centre's zone.
 */
import { MAX_REPORT_DAYS, addDays, businessDateOf } from '@layso/shared';

export const QUICK_PICKS = ['today', 'yesterday', 'last7', 'thisMonth', 'lastMonth'] as const;
export type QuickPick = (typeof QUICK_PICKS)[number];

export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function utcOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function dateOf(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

export { addDays } from '@layso/shared';

/** The business date of an instant in a time zone (the centre's day may start after midnight). */
export function todayIn(now: number, timeZone: string, dayStartsAt = '00:00'): string {
  return businessDateOf(now, timeZone, dayStartsAt);
}

/** The range of a quick pick, seen from `today`. "7 ngày" is the last seven days, today included. */
export function quickRange(pick: QuickPick, today: string): DateRange {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (pick) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const d = addDays(today, -1);
      return { from: d, to: d };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const first = dateOf(Date.UTC(y, m - 2, 1));
      const last = dateOf(Date.UTC(y, m - 1, 0));
      return { from: first, to: last };
    }
  }
}

/** Which quick pick a range is (to highlight it), or null. */
export function pickOf(range: DateRange, today: string): QuickPick | null {
  return QUICK_PICKS.find((p) => {
    const r = quickRange(p, today);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

/** Days in an inclusive range (1 for a single day). */
export function daysIn(range: DateRange): number {
  return Math.round((utcOf(range.to) - utcOf(range.from)) / DAY_MS) + 1;
}

export type RangeProblem = 'badDate' | 'fromAfterTo' | 'tooLong';

/** What is wrong with a range before asking the server (the server checks the same). */
export function rangeProblem(range: DateRange): RangeProblem | null {
  const re = /^\d{4}-\d{2}-\d{2}$/;
  if (!re.test(range.from) || !re.test(range.to)) return 'badDate';
  if (Number.isNaN(utcOf(range.from)) || Number.isNaN(utcOf(range.to))) return 'badDate';
  if (dateOf(utcOf(range.from)) !== range.from || dateOf(utcOf(range.to)) !== range.to) return 'badDate';
  if (range.from > range.to) return 'fromAfterTo';
  if (daysIn(range) > MAX_REPORT_DAYS) return 'tooLong';
  return null;
}

/** `10/03/2026` (vi) or `10 Mar 2026` (en): how a date reads on the page. */
export function formatDate(date: string, lang: 'vi' | 'en'): string {
  const [y, m, d] = date.split('-');
  if (lang === 'vi') return `${d}/${m}/${y}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(m) - 1] ?? m} ${y}`;
}
