/**
 * The SQL of reports: a day's tickets and counter events, and the rollup derived from them: per
 * finished day and per whole month (report_days, report_months, report_*_figures, report_*_pauses;
 * see migration 002).
 */
import type { Db } from './open-db.js';
import type { CounterEvent, Cut, DayCuts, DayPause, DayTicket } from '../reports/day.js';
import { type Figures, encodeFigures } from '../reports/figures.js';

/** A ticket row with what an export shows besides the report figures. */
export interface ExportTicket extends DayTicket {
  businessDate: string;
  displayNumber: string;
  priority: string | null;
  /** The citizen's rating of this entry (never its free text); null when not rated. */
  rating: { scale: 'three' | 'five'; level: number; satisfied: boolean; reasons: string[] } | null;
}

/** Positional, as `.raw()` returns it: cheap for the millions of rows of a rebuild. */
type TicketTuple = [
  businessDate: string,
  displayNumber: string,
  serviceId: string,
  priority: string | null,
  issuedAt: number,
  calledAt: number | null,
  startedAt: number | null,
  finishedAt: number | null,
  state: string,
  counterId: string | null,
  officerId: string | null,
  isTransferEntry: number,
  transferredAt: number | null,
  expiredFromNoShow: number,
  ratingScale: 'three' | 'five' | null,
  ratingLevel: number | null,
  ratingSatisfied: number | null,
  ratingReasonsJson: string | null,
];


/** Stored figures of one key: one blob per row, decoded by `addEncodedFigures`. */
export interface FiguresRow {
  key: string;
  figures: Buffer;
}

/** Pauses summed by key (a counter or an officer) and reason. */
export interface PauseSum {
  key: string;
  reason: string;
  pauses: number;
  pausedMs: number;
}

export type PauseDim = 'counter' | 'officer';

const CUT_NAMES: readonly Cut[] = ['all', 'service', 'counter', 'officer', 'hour'];

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

const LIVE_STATES = `state IN ('waiting', 'called', 'serving', 'no_show')`;

export class ReportRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      // An expired ticket was a no-show at closing when its expiry event says so (events_ticket).
      dayTickets: db
        .prepare<[string], TicketTuple>(`
          SELECT t.business_date, t.display_number, t.service_id, t.priority, t.issued_at,
            t.called_at, t.started_at, t.finished_at, t.state, t.counter_id, t.officer_id,
            t.transferred_from_id IS NOT NULL, src.finished_at,
            CASE WHEN t.state = 'expired' THEN EXISTS (
              SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.type = 'ticket.expired'
                AND json_extract(e.data_json, '$.from') = 'no_show') ELSE 0 END,
            r.scale, r.level, r.satisfied, r.reasons_json
          FROM tickets t LEFT JOIN tickets src ON src.id = t.transferred_from_id
            LEFT JOIN ratings r ON r.ticket_id = t.id
          WHERE t.business_date = ?
          ORDER BY t.issued_at, t.seq`)
        .raw(),
      counterEvents: db.prepare<[string], { seq: number; at: number; type: string; counter_id: string; actor: string | null; reason: string | null }>(`
        SELECT seq, at, type, counter_id, actor, json_extract(data_json, '$.reason') AS reason FROM events
        WHERE business_date = ? AND type IN ('counter.paused', 'counter.resumed', 'counter.closed', 'counter.opened')
        ORDER BY seq`),
      lastEventAt: db.prepare<[string], { at: number | null }>('SELECT MAX(at) AS at FROM events WHERE business_date = ?'),
      // Repeats the partial index tickets_live's condition so that SQLite uses it.
      unfinished: db.prepare<[string], { one: number }>(
        `SELECT 1 AS one FROM tickets WHERE ${LIVE_STATES} AND business_date = ? AND state <> 'no_show' LIMIT 1`,
      ),
      ticketDays: db.prepare<[string, string], { business_date: string }>(
        'SELECT DISTINCT business_date FROM sequences WHERE business_date BETWEEN ? AND ? ORDER BY business_date',
      ),
      builtDays: db.prepare<[string, string], { business_date: string }>(
        'SELECT business_date FROM report_days WHERE business_date BETWEEN ? AND ?',
      ),
      builtMonths: db.prepare<[string, string], { month: string }>('SELECT month FROM report_months WHERE month BETWEEN ? AND ?'),
      deleteDays: db.prepare<[string, string]>('DELETE FROM report_days WHERE business_date BETWEEN ? AND ?'),
      deleteDayFigures: db.prepare<[string, string, string]>('DELETE FROM report_day_figures WHERE dim = ? AND business_date BETWEEN ? AND ?'),
      deleteDayPauses: db.prepare<[string, string, string]>('DELETE FROM report_day_pauses WHERE dim = ? AND business_date BETWEEN ? AND ?'),
      deleteMonths: db.prepare<[string, string]>('DELETE FROM report_months WHERE month BETWEEN ? AND ?'),
      deleteMonthFigures: db.prepare<[string, string, string]>('DELETE FROM report_month_figures WHERE dim = ? AND month BETWEEN ? AND ?'),
      deleteMonthPauses: db.prepare<[string, string, string]>('DELETE FROM report_month_pauses WHERE dim = ? AND month BETWEEN ? AND ?'),
      insertDay: db.prepare<[string, number, number]>('INSERT INTO report_days (business_date, built_at, tickets) VALUES (?, ?, ?)'),
      insertDayFigures: db.prepare<[string, string, string, number, Buffer]>(
        'INSERT INTO report_day_figures (dim, business_date, key, tickets, figures) VALUES (?, ?, ?, ?, ?)',
      ),
      insertDayPause: db.prepare<[string, string, string, string, number, number]>(
        'INSERT INTO report_day_pauses (dim, business_date, key, reason, pauses, paused_ms) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertMonth: db.prepare<[string, number, number]>('INSERT INTO report_months (month, built_at, days) VALUES (?, ?, ?)'),
      insertMonthFigures: db.prepare<[string, string, string, number, Buffer]>(
        'INSERT INTO report_month_figures (dim, month, key, tickets, figures) VALUES (?, ?, ?, ?, ?)',
      ),
      // A month's pauses are the sum of its days'.
      insertMonthPauses: db.prepare<[string, string, string, string]>(`
        INSERT INTO report_month_pauses (dim, month, key, reason, pauses, paused_ms)
        SELECT dim, ?, key, reason, SUM(pauses), SUM(paused_ms) FROM report_day_pauses
        WHERE dim = ? AND business_date BETWEEN ? AND ? GROUP BY key, reason`),
      dayFigures: db
        .prepare<[string, string, string], [string, Buffer]>('SELECT key, figures FROM report_day_figures WHERE dim = ? AND business_date BETWEEN ? AND ?')
        .raw(),
      monthFigures: db
        .prepare<[string, string, string], [string, Buffer]>('SELECT key, figures FROM report_month_figures WHERE dim = ? AND month BETWEEN ? AND ?')
        .raw(),
      dayPauses: db.prepare<[string, string, string], { key: string; reason: string; pauses: number; paused_ms: number }>(`
        SELECT key, reason, SUM(pauses) AS pauses, SUM(paused_ms) AS paused_ms FROM report_day_pauses
        WHERE dim = ? AND business_date BETWEEN ? AND ? GROUP BY key, reason`),
      monthPauses: db.prepare<[string, string, string], { key: string; reason: string; pauses: number; paused_ms: number }>(`
        SELECT key, reason, SUM(pauses) AS pauses, SUM(paused_ms) AS paused_ms FROM report_month_pauses
        WHERE dim = ? AND month BETWEEN ? AND ? GROUP BY key, reason`),
      services: db.prepare<[], { id: string; name_vi: string; name_en: string; wait_threshold_min: number; sort_order: number }>(
        'SELECT id, name_vi, name_en, wait_threshold_min, sort_order FROM services',
      ),
      counters: db.prepare<[], { id: string; number: number; name: string }>('SELECT id, number, name FROM counters'),
      users: db.prepare<[], { id: string; display_name: string }>('SELECT id, display_name FROM users'),
    };
  }

  /**
   * How SQLite runs each statement (EXPLAIN QUERY PLAN), for tests and for checking that no report
   * query scans the tickets or the events.
   */
  queryPlans(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, stmt] of Object.entries(this.stmts)) {
      if (!stmt.reader) continue;
      const params = stmt.source.match(/\?/g)?.map(() => '2026-01-01') ?? [];
      out[name] = (this.db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    }
    return out;
  }

  /** A day's tickets, in issue order. */
  dayTickets(date: string): ExportTicket[] {
    return this.stmts.dayTickets.all(date).map((r) => ({
      businessDate: r[0],
      displayNumber: r[1],
      serviceId: r[2],
      priority: r[3],
      issuedAt: r[4],
      calledAt: r[5],
      startedAt: r[6],
      finishedAt: r[7],
      state: r[8],
      counterId: r[9],
      officerId: r[10],
      isTransferEntry: r[11] === 1,
      transferredAt: r[12],
      expiredFromNoShow: r[13] === 1,
      rating: r[14] === null ? null : { scale: r[14], level: r[15] ?? 0, satisfied: r[16] === 1, reasons: JSON.parse(r[17] ?? '[]') as string[] },
    }));
  }

  counterEvents(date: string): CounterEvent[] {
    return this.stmts.counterEvents.all(date).map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      counterId: r.counter_id,
      actor: r.actor,
      reason: r.reason,
    }));
  }

  lastEventAt(date: string): number | null {
    return this.stmts.lastEventAt.get(date)?.at ?? null;
  }

  /** Whether a day still has tickets waiting, called or being served (carried over, or today). */
  hasUnfinished(date: string): boolean {
    return this.stmts.unfinished.get(date) !== undefined;
  }

  /** Business dates with at least one ticket, ascending. */
  ticketDays(from: string, to: string): string[] {
    return this.stmts.ticketDays.all(from, to).map((r) => r.business_date);
  }

  builtDays(from: string, to: string): Set<string> {
    return new Set(this.stmts.builtDays.all(from, to).map((r) => r.business_date));
  }

  builtMonths(from: string, to: string): Set<string> {
    return new Set(this.stmts.builtMonths.all(from, to).map((r) => r.month));
  }

  /** Replace a day's rollup in one transaction. */
  writeDay(date: string, cuts: DayCuts, pauses: DayPause[], tickets: number, builtAt: number): void {
    this.db.transaction(() => {
      this.deleteDays(date, date);
      this.stmts.insertDay.run(date, builtAt, tickets);
      for (const [cut, byKey] of Object.entries(cuts) as [Cut, Map<string, Figures>][]) {
        for (const [key, f] of byKey) this.stmts.insertDayFigures.run(cut, date, key, f.issued + f.transferredIn, encodeFigures(f));
      }
      for (const dim of ['counter', 'officer'] as const) {
        const sums = new Map<string, PauseSum>();
        for (const p of pauses) {
          const key = dim === 'counter' ? p.counterId : p.officerId;
          const id = `${key}\u0000${p.reason}`;
          const s = sums.get(id) ?? { key, reason: p.reason, pauses: 0, pausedMs: 0 };
          s.pauses += p.pauses;
          s.pausedMs += p.pausedMs;
          sums.set(id, s);
        }
        for (const p of sums.values()) this.stmts.insertDayPause.run(dim, date, p.key, p.reason, p.pauses, Math.round(p.pausedMs));
      }
    })();
  }

  /** Replace a month's rollup (figures already summed from its days) in one transaction. */
  writeMonth(month: string, cuts: DayCuts, days: number, builtAt: number): void {
    const [first, last] = monthBounds(month);
    this.db.transaction(() => {
      this.deleteMonths(month, month);
      this.stmts.insertMonth.run(month, builtAt, days);
      for (const [cut, byKey] of Object.entries(cuts) as [Cut, Map<string, Figures>][]) {
        for (const [key, f] of byKey) this.stmts.insertMonthFigures.run(cut, month, key, f.issued + f.transferredIn, encodeFigures(f));
      }
      for (const dim of ['counter', 'officer']) this.stmts.insertMonthPauses.run(month, dim, first, last);
    })();
  }

  private deleteDays(from: string, to: string): void {
    this.stmts.deleteDays.run(from, to);
    for (const cut of CUT_NAMES) this.stmts.deleteDayFigures.run(cut, from, to);
    for (const dim of ['counter', 'officer']) this.stmts.deleteDayPauses.run(dim, from, to);
  }

  private deleteMonths(from: string, to: string): void {
    this.stmts.deleteMonths.run(from, to);
    for (const cut of CUT_NAMES) this.stmts.deleteMonthFigures.run(cut, from, to);
    for (const dim of ['counter', 'officer']) this.stmts.deleteMonthPauses.run(dim, from, to);
  }

  /** Drop the rollup of the days in a range and of every month that overlaps it. */
  deleteRange(from: string, to: string): void {
    this.db.transaction(() => {
      this.deleteDays(from, to);
      this.deleteMonths(from.slice(0, 7), to.slice(0, 7));
    })();
  }

  /** Stored figures of one cut: day rows over a range of dates, or month rows over a range of months. */
  dayFigures(cut: Cut, from: string, to: string): FiguresRow[] {
    return this.stmts.dayFigures.all(cut, from, to).map((r) => ({ key: r[0], figures: r[1] }));
  }

  monthFigures(cut: Cut, fromMonth: string, toMonth: string): FiguresRow[] {
    return this.stmts.monthFigures.all(cut, fromMonth, toMonth).map((r) => ({ key: r[0], figures: r[1] }));
  }

  dayPauses(dim: PauseDim, from: string, to: string): PauseSum[] {
    return this.stmts.dayPauses.all(dim, from, to).map((r) => ({ key: r.key, reason: r.reason, pauses: r.pauses, pausedMs: r.paused_ms }));
  }

  monthPauses(dim: PauseDim, fromMonth: string, toMonth: string): PauseSum[] {
    return this.stmts.monthPauses.all(dim, fromMonth, toMonth).map((r) => ({ key: r.key, reason: r.reason, pauses: r.pauses, pausedMs: r.paused_ms }));
  }

  /** Every service, counter and user ever configured (deleted ones too: history names them). */
  names(): {
    services: { id: string; nameVi: string; nameEn: string; waitThresholdMin: number; sortOrder: number }[];
    counters: { id: string; number: number; name: string }[];
    users: { id: string; displayName: string }[];
  } {
    return {
      services: this.stmts.services.all().map((s) => ({ id: s.id, nameVi: s.name_vi, nameEn: s.name_en, waitThresholdMin: s.wait_threshold_min, sortOrder: s.sort_order })),
      counters: this.stmts.counters.all(),
      users: this.stmts.users.all().map((u) => ({ id: u.id, displayName: u.display_name })),
    };
  }
}
