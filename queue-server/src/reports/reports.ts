/**
 * Reports of a centre over a day or a range of days.
 *
 * A finished business day (before today, nothing left waiting, called or in service) is added up
 * once into the day rollup: at the day rollover, in the background after a start, or when a report
 * first asks for it. A whole month of finished days is added up again into the month rollup. A
 * report reads whole months from the month rollup, the days at its edges from the day rollup, and
 * computes today (and a day whose tickets were carried over) live from its tickets: a one-year
 * report reads a dozen rows per service or counter, and never a ticket of a finished day.
 * The rollup is derived data: `rebuildRollups` makes it again from the tickets and the event log.
 */
import type { Logger } from 'pino';
import { addDays, type AppointmentReportRow, type BoardRatings, type PauseRow, type RatingSummary, type RatingSummaryRow, type Report, type ReportDimension, type ReportQuery, type ReportRow } from '@layso/shared';
import type { Db } from '../store/open-db.js';
import { type FiguresRow, type PauseDim, type PauseSum, ReportRepo, monthBounds } from '../store/report-repo.js';
import { CUTS, type Cut, type DayCuts, type DayPause, aggregateDay, aggregatePauses, offsetOfDate } from './day.js';
import { appointmentFigures } from './appointments.js';
import { type Figures, addEncodedFigures, addFigures, emptyFigures, toRow } from './figures.js';

export interface ReportsDeps {
  db: Db;
  now: () => number;
  /** Today's business date: days before it are finished. */
  today: () => string;
  timeZone: () => string;
  log?: Logger;
}

interface DayFigures {
  cuts: DayCuts;
  pauses: DayPause[];
  tickets: number;
}

export const NO_KEY_LABEL: Record<Exclude<ReportDimension, 'hour'>, string> = {
  service: '(không rõ dịch vụ)',
  counter: '(chưa gọi đến quầy)',
  officer: '(không có cán bộ)',
};



function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months lying wholly inside [from, to]. */
export function wholeMonths(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) {
    const [first, last] = monthBounds(m);
    if (first >= from && last <= to) out.push(m);
  }
  return out;
}

export class Reports {
  readonly repo: ReportRepo;

  constructor(private readonly deps: ReportsDeps) {
    this.repo = new ReportRepo(deps.db);
  }

  private get timeZone(): string {
    return this.deps.timeZone();
  }

  /** Whether a day's figures can no longer change. */
  isFinal(date: string): boolean {
    return date < this.deps.today() && !this.repo.hasUnfinished(date);
  }

  /** Add up one day from its tickets and counter events. */
  computeDay(date: string, thresholds = this.thresholds()): DayFigures {
    const tickets = this.repo.dayTickets(date);
    const cuts = aggregateDay(tickets, {
      offsetMs: offsetOfDate(date, this.timeZone),
      thresholdMinOf: (id) => thresholds.get(id) ?? 30,
    });
    // A pause still running when the day's events end: until the centre's last activity that day,
    // or until now for today.
    const endOfDay = date < this.deps.today() ? (this.repo.lastEventAt(date) ?? 0) : this.deps.now();
    const pauses = aggregatePauses(this.repo.counterEvents(date), () => endOfDay);
    return { cuts, pauses, tickets: tickets.length };
  }

  /** Store the rollup of a finished day (replacing any). */
  buildDay(date: string, thresholds = this.thresholds()): void {
    const day = this.computeDay(date, thresholds);
    this.repo.writeDay(date, day.cuts, day.pauses, day.tickets, this.deps.now());
  }

  /** Whether every day of a month is over and rolled up, so that the month can be. */
  monthComplete(month: string): boolean {
    const [first, last] = monthBounds(month);
    if (last >= this.deps.today()) return false;
    const built = this.repo.builtDays(first, last);
    return this.repo.ticketDays(first, last).every((d) => built.has(d));
  }

  /** Store the rollup of a complete month: the sum of its days. */
  buildMonth(month: string): void {
    const [first, last] = monthBounds(month);
    const cuts = {} as DayCuts;
    for (const cut of CUTS) cuts[cut] = sumRows(this.repo.dayFigures(cut, first, last));
    this.repo.writeMonth(month, cuts, this.repo.builtDays(first, last).size, this.deps.now());
  }

  /** Drop and make again the rollup of every finished day in a range, and of its months; returns the days built. */
  /** Today's ratings for the manager's board: the share satisfied and the latest low scores. */
  boardRatings(latest = 5): BoardRatings {
    const date = this.deps.today();
    const db = this.deps.db;
    const sums = db
      .prepare<[string], { count: number; satisfied: number | null }>('SELECT COUNT(*) AS count, SUM(satisfied) AS satisfied FROM ratings WHERE business_date = ?')
      .get(date) ?? { count: 0, satisfied: 0 };
    const low = db
      .prepare<[string, number], { at: number; display_number: string; counter_id: string; service_id: string; scale: 'three' | 'five'; level: number; reasons_json: string }>(
        `SELECT r.at, t.display_number, r.counter_id, r.service_id, r.scale, r.level, r.reasons_json
         FROM ratings r JOIN tickets t ON t.id = r.ticket_id
         WHERE r.business_date = ? AND r.low = 1 ORDER BY r.at DESC LIMIT ?`,
      )
      .all(date, latest);
    const satisfied = sums.satisfied ?? 0;
    return {
      businessDate: date,
      count: sums.count,
      satisfied,
      shareSatisfied: sums.count === 0 ? null : satisfied / sums.count,
      latestLow: low.map((r) => ({
        at: r.at,
        displayNumber: r.display_number,
        counterId: r.counter_id,
        serviceId: r.service_id,
        scale: r.scale,
        level: r.level,
        reasons: JSON.parse(r.reasons_json) as string[],
      })),
    };
  }

  /** How a report names and orders the groups of a dimension (a service's name, a counter's number …). */
  private namers(): { labelOf: (dim: ReportDimension, key: string) => string; order: (dim: ReportDimension, key: string) => number } {
    const names = this.repo.names();
    const services = new Map(names.services.map((s) => [s.id, s]));
    const counters = new Map(names.counters.map((c) => [c.id, c]));
    const users = new Map(names.users.map((u) => [u.id, u.displayName]));
    const labelOf = (dim: ReportDimension, key: string): string => {
      if (dim === 'hour') return `${key.padStart(2, '0')}:00–${String(Number(key) + 1).padStart(2, '0')}:00`;
      if (key === '') return NO_KEY_LABEL[dim];
      if (dim === 'service') return services.get(key)?.nameVi ?? key;
      if (dim === 'counter') return counters.get(key)?.name ?? key;
      return users.get(key) ?? key;
    };
    const order = (dim: ReportDimension, key: string): number => {
      if (key === '') return Number.MAX_SAFE_INTEGER;
      if (dim === 'hour') return Number(key);
      if (dim === 'service') return services.get(key)?.sortOrder ?? Number.MAX_SAFE_INTEGER - 1;
      if (dim === 'counter') return counters.get(key)?.number ?? Number.MAX_SAFE_INTEGER - 1;
      return 0;
    };
    return { labelOf, order };
  }

  /** The ratings of a period by each dimension a report shows, for the exports. */
  ratingSummaries(from: string, to: string): { by: ReportDimension; summary: RatingSummary }[] {
    const { labelOf, order } = this.namers();
    return (['service', 'counter', 'officer', 'hour'] as const).map((by) => ({ by, summary: this.ratings(from, to, by, labelOf, order) }));
  }

  /** Booked visits of a period by day and service, then per service (issue 14). */
  appointments(from: string, to: string): AppointmentReportRow[] {
    const { labelOf } = this.namers();
    return appointmentFigures(this.deps.db, from, to, (id) => labelOf('service', id));
  }

  /** Citizens' ratings of a period by a dimension: counts per level, share satisfied, reasons. */
  private ratings(
    from: string,
    to: string,
    by: ReportDimension,
    labelOf: (dim: ReportDimension, key: string) => string,
    order: (dim: ReportDimension, key: string) => number,
  ): RatingSummary {
    const groups = new Map<string, RatingSummaryRow>();
    const reasons = new Map<string, number>();
    const row = (key: string, label: string): RatingSummaryRow => {
      let r = groups.get(key);
      if (!r) groups.set(key, (r = { key, label, count: 0, satisfied: 0, low: 0, shareSatisfied: null, byLevel: [], reasons: [] }));
      return r;
    };
    const total: RatingSummaryRow = { key: '', label: 'Tổng cộng', count: 0, satisfied: 0, low: 0, shareSatisfied: null, byLevel: [], reasons: [] };
    const add = (r: RatingSummaryRow, x: ReturnType<typeof ratingRows>[number]): void => {
      r.count++;
      r.satisfied += x.satisfied;
      r.low += x.low;
      const lv = r.byLevel.find((l) => l.scale === x.scale && l.level === x.level);
      if (lv) lv.count++;
      else r.byLevel.push({ scale: x.scale, level: x.level, count: 1 });
      for (const reason of JSON.parse(x.reasons_json) as string[]) {
        const rr = r.reasons.find((y) => y.reason === reason);
        if (rr) rr.count++;
        else r.reasons.push({ reason, count: 1 });
      }
    };
    for (const x of ratingRows(this.deps.db, from, to)) {
      const key =
        by === 'service'
          ? x.service_id
          : by === 'counter'
            ? x.counter_id
            : by === 'officer'
              ? (x.officer_id ?? '')
              : String(new Date(x.at + offsetOfDate(x.business_date, this.timeZone)).getUTCHours());
      add(row(key, labelOf(by, key)), x);
      add(total, x);
      for (const reason of JSON.parse(x.reasons_json) as string[]) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const done = (r: RatingSummaryRow): RatingSummaryRow => ({
      ...r,
      shareSatisfied: r.count === 0 ? null : r.satisfied / r.count,
      byLevel: r.byLevel.sort((a, b) => a.scale.localeCompare(b.scale) || b.level - a.level),
      reasons: r.reasons.sort((a, b) => b.count - a.count),
    });
    return {
      rows: [...groups.values()].map(done).sort((a, b) => order(by, a.key) - order(by, b.key) || a.label.localeCompare(b.label, 'vi')),
      total: done(total),
      reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    };
  }

  rebuildRollups(from: string, to: string, onDay?: (date: string, done: number, total: number) => void): number {
    this.repo.deleteRange(from, to);
    const thresholds = this.thresholds();
    const days = this.repo.ticketDays(from, to).filter((d) => this.isFinal(d));
    days.forEach((d, i) => {
      this.buildDay(d, thresholds);
      onDay?.(d, i + 1, days.length);
    });
    // Months overlapping the range lost their rollup: make those that are complete again.
    for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) if (this.monthComplete(m)) this.buildMonth(m);
    return days.length;
  }

  /** Finished days with tickets and no rollup yet, up to yesterday. */
  missingDays(from = '0000-01-01', to = this.deps.today()): string[] {
    const built = this.repo.builtDays(from, to);
    return this.repo.ticketDays(from, to).filter((d) => !built.has(d) && this.isFinal(d));
  }

  /** Complete months with tickets and no month rollup yet. */
  missingMonths(): string[] {
    const days = this.repo.ticketDays('0000-01-01', this.deps.today());
    const first = days[0];
    if (!first) return [];
    const built = this.repo.builtMonths('0000-01', '9999-12');
    const out: string[] = [];
    for (let m = first.slice(0, 7); m < this.deps.today().slice(0, 7); m = nextMonth(m)) {
      if (!built.has(m) && this.monthComplete(m)) out.push(m);
    }
    return out;
  }

  /**
   * Build missing day and month rollups in the background, a slice at a time, so that the queue
   * never waits on it for more than a few tens of milliseconds.
   */
  catchUp(sliceMs = 40): Promise<number> {
    const days = this.missingDays();
    let months: string[] | null = null;
    let built = 0;
    return new Promise((resolve) => {
      const step = (): void => {
        const start = Date.now();
        try {
          const thresholds = this.thresholds();
          while (built < days.length && Date.now() - start < sliceMs) this.buildDay(days[built++]!, thresholds);
          if (built === days.length) {
            months ??= this.missingMonths();
            while (months.length > 0 && Date.now() - start < sliceMs) this.buildMonth(months.shift()!);
          }
        } catch (e) {
          this.deps.log?.error({ err: e }, 'building report rollups failed');
          return resolve(built);
        }
        if (built < days.length || months === null || months.length > 0) setImmediate(step);
        else resolve(built);
      };
      setImmediate(step);
    });
  }

  private thresholds(): Map<string, number> {
    return new Map(this.repo.names().services.map((s) => [s.id, s.waitThresholdMin]));
  }

  /** The report of a range of business days (inclusive), grouped by one dimension. */
  report(q: ReportQuery): Report {
    const { from, to, by } = q;
    const built = this.repo.builtDays(from, to);
    let builtNow = 0;
    const liveDays: DayFigures[] = [];
    const thresholds = this.thresholds();
    for (const d of this.repo.ticketDays(from, to)) {
      if (built.has(d)) continue;
      if (this.isFinal(d)) {
        this.buildDay(d, thresholds);
        built.add(d);
        builtNow++;
      } else {
        liveDays.push(this.computeDay(d, thresholds));
      }
    }
    // Whole months come from the month rollup (made now if it can be); the rest day by day.
    const months = wholeMonths(from, to);
    const monthsBuilt = months.length > 0 ? this.repo.builtMonths(months[0]!, months.at(-1)!) : new Set<string>();
    for (const m of months) {
      if (!monthsBuilt.has(m) && this.monthComplete(m)) {
        this.buildMonth(m);
        monthsBuilt.add(m);
      }
    }
    const dayRanges: [string, string][] = [];
    let start: string | null = null;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const covered = monthsBuilt.has(d.slice(0, 7)) && months.includes(d.slice(0, 7));
      if (!covered && start === null) start = d;
      if (covered && start !== null) {
        dayRanges.push([start, addDays(d, -1)]);
        start = null;
      }
    }
    if (start !== null) dayRanges.push([start, to]);
    const monthSpan: [string, string] | null = monthsBuilt.size > 0 ? [[...monthsBuilt].sort()[0]!, [...monthsBuilt].sort().at(-1)!] : null;

    const cache = new Map<Cut, Map<string, Figures>>();
    const collect = (cut: Cut): Map<string, Figures> => {
      let out = cache.get(cut);
      if (out) return out;
      const rows: FiguresRow[] = [];
      if (monthSpan) rows.push(...this.repo.monthFigures(cut, monthSpan[0], monthSpan[1]));
      for (const [a, b] of dayRanges) rows.push(...this.repo.dayFigures(cut, a, b));
      out = sumRows(rows);
      for (const day of liveDays) {
        for (const [key, f] of day.cuts[cut]) {
          let into = out.get(key);
          if (!into) out.set(key, (into = emptyFigures()));
          addFigures(into, f);
        }
      }
      cache.set(cut, out);
      return out;
    };

    const { labelOf, order } = this.namers();
    const rowsOf = (dim: ReportDimension): ReportRow[] =>
      [...collect(dim)]
        .map(([key, f]) => toRow(key, labelOf(dim, key), f))
        .sort((a, b) => order(dim, a.key) - order(dim, b.key) || a.label.localeCompare(b.label, 'vi'));

    const rows = rowsOf(by);
    const total = toRow('', 'Tổng cộng', collect('all').get('') ?? emptyFigures());
    const byHour = [...collect('hour')]
      // Arrivals are tickets issued; a transfer is the same citizen, not a new arrival.
      .map(([key, f]) => ({ hour: Number(key), issued: f.issued, served: f.servedInHour }))
      .sort((a, b) => a.hour - b.hour);
    const waitByService = (by === 'service' ? rows : rowsOf('service')).map((r) => ({
      serviceId: r.key,
      label: r.label,
      avgMin: r.wait.avgMin,
      p90Min: r.wait.p90Min,
    }));

    // Pauses belong to a counter and an officer: by officer they are the officer's, else the counter's.
    const pauseDim: PauseDim = by === 'officer' ? 'officer' : 'counter';
    const sums: PauseSum[] = [];
    if (monthSpan) sums.push(...this.repo.monthPauses(pauseDim, monthSpan[0], monthSpan[1]));
    for (const [a, b] of dayRanges) sums.push(...this.repo.dayPauses(pauseDim, a, b));
    for (const day of liveDays) {
      for (const p of day.pauses) {
        sums.push({ key: pauseDim === 'officer' ? p.officerId : p.counterId, reason: p.reason, pauses: p.pauses, pausedMs: p.pausedMs });
      }
    }
    const pauses = new Map<string, PauseRow>();
    const reasons = new Map<string, { reason: string; count: number; totalMin: number }>();
    for (const p of sums) {
      const id = `${p.key}\u0000${p.reason}`;
      let row = pauses.get(id);
      if (!row) pauses.set(id, (row = { key: p.key, label: labelOf(pauseDim, p.key), reason: p.reason, count: 0, totalMin: 0 }));
      row.count += p.pauses;
      row.totalMin += p.pausedMs / 60_000;
      let r = reasons.get(p.reason);
      if (!r) reasons.set(p.reason, (r = { reason: p.reason, count: 0, totalMin: 0 }));
      r.count += p.pauses;
      r.totalMin += p.pausedMs / 60_000;
    }
    const round = <T extends { totalMin: number }>(x: T): T => ({ ...x, totalMin: Math.round(x.totalMin * 10) / 10 });

    return {
      from,
      to,
      by,
      generatedAt: this.deps.now(),
      timeZone: this.timeZone,
      rows,
      total,
      series: { byHour, waitByService },
      pauses: [...pauses.values()].map(round).sort((a, b) => b.totalMin - a.totalMin),
      pauseReasons: [...reasons.values()].map(round).sort((a, b) => b.totalMin - a.totalMin),
      ratings: this.ratings(from, to, by, labelOf, order),
      appointments: appointmentFigures(this.deps.db, from, to, (id) => labelOf('service', id)),
      notes: [
        'p90: read from histograms, exact to within one bucket (1 min for wait and service time, 10 s for walk)',
      ],
      source: { rolledUpDays: built.size - builtNow, liveDays: liveDays.length, builtDays: builtNow },
    };
  }
}

/** The ratings rows of a period: few beside the tickets, so added up from the table directly. */
function ratingRows(
  db: Db,
  from: string,
  to: string,
): { business_date: string; service_id: string; counter_id: string; officer_id: string | null; at: number; scale: 'three' | 'five'; level: number; satisfied: number; low: number; reasons_json: string }[] {
  return db
    .prepare<[string, string], ReturnType<typeof ratingRows>[number]>(
      'SELECT business_date, service_id, counter_id, officer_id, at, scale, level, satisfied, low, reasons_json FROM ratings WHERE business_date BETWEEN ? AND ?',
    )
    .all(from, to);
}

/** Add stored rows up by key. */
function sumRows(rows: FiguresRow[]): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const r of rows) {
    let f = out.get(r.key);
    if (!f) out.set(r.key, (f = emptyFigures()));
    addEncodedFigures(f, r.figures);
  }
  return out;
}
