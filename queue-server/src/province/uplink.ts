/**
 * The centre's uplink to its province hub (issue 15). Off the command path: it wakes after a
 * change (or every `pollMs`), reads the events after the last one the hub acknowledged, at most
 * `batchSize` at a time, projects each to what may cross (shared `projectForProvince`: no actor,
 * no notes, no accounts or devices), and posts them with the figures of the days they touched.
 * The hub answers with its head (every seq up to it held): the next batch starts there, so a
 * lost answer, a duplicate or a gap is mended from the centre's own log. Failures back off
 * exponentially (with jitter) up to `maxBackoffMs`; the queue never waits on any of it.
 */
import type { Logger } from 'pino';
import {
  LaysoError,
  type CentreEventRow,
  type EnrolResult,
  type IngestAck,
  type ProvinceEvent,
  type ProvinceDayFigures,
  type ProvinceFigures,
  type UplinkStatus,
  projectForProvince,
} from '@layso/shared';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/open-db.js';
import type { EventSqlRow } from '../store/event-repo.js';
import type { QueueEngine } from '../engine/engine.js';
import { Reports } from '../reports/reports.js';
import type { Figures } from '../reports/figures.js';
import { checkHubUrl, hubRequest, type HubResponse } from './hub-client.js';

export interface UplinkOptions {
  db: Db;
  engine: QueueEngine;
  log: Logger;
  now: () => number;
  /** Most events one push carries. */
  batchSize?: number;
  /** How soon after a change a push starts (ms); changes within it go in one batch. */
  kickDelayMs?: number;
  /** A push (a heartbeat when nothing changed) at least this often (ms). */
  pollMs?: number;
  /** Today's figures at most this often (ms); a past day's as soon as it changes. */
  figuresEveryMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
}

interface Row {
  hub_url: string;
  province_centre_id: string;
  credential: string;
  pin: string | null;
  acked_seq: number;
  dirty_dates: string;
}

function sparse(h: Uint32Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < h.length; i++) if (h[i]) out[String(i)] = h[i]!;
  return out;
}

/** A day's ratings of one cut: how many, how many satisfied. */
export interface RatingCounts {
  rated: number;
  satisfied: number;
}

/** A centre's figures as they cross: counts, sums, the wait and service histograms, ratings. */
export function provinceFiguresOf(f: Figures, ratings: RatingCounts = { rated: 0, satisfied: 0 }): ProvinceFigures {
  return {
    issued: f.issued,
    transferredIn: f.transferredIn,
    called: f.called,
    served: f.served,
    noShows: f.noShows,
    transferredOut: f.transferredOut,
    cancelled: f.cancelled,
    expired: f.expired,
    withinThreshold: f.withinThreshold,
    waitN: f.waitN,
    waitSumMs: f.waitSumMs,
    serviceN: f.serviceN,
    serviceSumMs: f.serviceSumMs,
    waitHist: sparse(f.waitHist),
    serviceHist: sparse(f.serviceHist),
    rated: ratings.rated,
    satisfied: ratings.satisfied,
  };
}

function errorOf(r: HubResponse): { code: string; message: string } {
  const b = r.body as { error?: { code?: string; message?: string } } | null;
  return { code: b?.error?.code ?? `HTTP_${r.status}`, message: b?.error?.message ?? `hub answered ${r.status}` };
}


/** The centre's events after a seq, in order, at most a limit: what the uplink sends next. */
export const eventsAfter = (db: Db): Statement<[number, number], EventSqlRow> =>
  db.prepare<[number, number], EventSqlRow>('SELECT seq, at, business_date, type, ticket_id, service_id, counter_id, data_json FROM events WHERE seq > ? ORDER BY seq LIMIT ?');

/** One event of the centre's log as it crosses to the province. */
export function provinceEventOf(r: EventSqlRow): ProvinceEvent {
  const row: CentreEventRow = {
    seq: r.seq,
    at: r.at,
    businessDate: r.business_date,
    type: r.type,
    ticketId: r.ticket_id,
    serviceId: r.service_id,
    counterId: r.counter_id,
    data: r.data_json === null ? null : (JSON.parse(r.data_json) as unknown),
  };
  return projectForProvince(row);
}

export class Uplink {
  private readonly batchSize: number;
  private readonly stmts;
  private readonly reports: Reports;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failures = 0;
  private state: UplinkStatus['state'] = 'off';
  private lastError: string | null = null;
  private lastContactAt: number | null = null;
  private todayFiguresAt = 0;
  private servicesSent = false;

  constructor(private readonly o: UplinkOptions) {
    this.batchSize = o.batchSize ?? 200;
    const db = o.db;
    this.stmts = {
      get: db.prepare<[], Row>('SELECT hub_url, province_centre_id, credential, pin, acked_seq, dirty_dates FROM province_uplink WHERE id = 1'),
      put: db.prepare(
        `INSERT OR REPLACE INTO province_uplink (id, hub_url, province_centre_id, credential, pin, acked_seq, dirty_dates, enrolled_at)
         VALUES (1, @hubUrl, @centreId, @credential, @pin, @acked, '[]', @at)`,
      ),
      ack: db.prepare<[number, string]>('UPDATE province_uplink SET acked_seq = ?, dirty_dates = ? WHERE id = 1'),
      forget: db.prepare('DELETE FROM province_uplink'),
      after: eventsAfter(db),
      lastSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM events'),
      ratedDate: db.prepare<[string], { d: string }>('SELECT business_date AS d FROM ratings WHERE ticket_id = ?'),
      ratings: db.prepare<[string], { service_id: string; rated: number; satisfied: number }>(
        'SELECT service_id, COUNT(*) AS rated, COALESCE(SUM(satisfied), 0) AS satisfied FROM ratings WHERE business_date = ? GROUP BY service_id',
      ),
      dateBefore: db.prepare<[number, string], { d: string }>(
        'SELECT business_date AS d FROM events WHERE seq < ? AND business_date < ? ORDER BY seq DESC LIMIT 1',
      ),
    };
    this.reports = new Reports({ db, now: o.now, today: () => o.engine.businessDate, timeZone: () => o.engine.getSettings().timeZone });
    o.engine.onChange(() => this.kick());
    if (this.stmts.get.get()) {
      this.state = 'streaming';
      this.schedule(0);
    }
  }

  status(): UplinkStatus {
    const row = this.stmts.get.get();
    return {
      enrolled: Boolean(row),
      hubUrl: row?.hub_url ?? null,
      provinceCentreId: row?.province_centre_id ?? null,
      pin: row?.pin ?? null,
      ackedSeq: row?.acked_seq ?? 0,
      lastSeq: this.stmts.lastSeq.get()!.seq,
      state: row ? this.state : 'off',
      lastError: this.lastError,
      lastContactAt: this.lastContactAt,
    };
  }

  /** Exchange a one-time code for a credential, pinning the key the hub shows. */
  async enrol(hubUrl: string, code: string): Promise<UplinkStatus> {
    const base = checkHubUrl(hubUrl.replace(/\/+$/, '') + '/');
    let pin: string | null = null;
    let r: HubResponse;
    try {
      r = await hubRequest(base, { method: 'POST', path: 'api/enrol', body: { code }, pin: null, onPin: (p) => (pin = p), timeoutMs: this.o.timeoutMs ?? 15_000 });
    } catch (e) {
      throw new LaysoError('HUB_UNREACHABLE', `cannot reach the hub: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.status !== 200) {
      const err = errorOf(r);
      throw new LaysoError(err.code === 'PAIRING_CODE_INVALID' ? 'PAIRING_CODE_INVALID' : 'HUB_UNREACHABLE', err.message);
    }
    const result = (r.body as { data: EnrolResult }).data;
    this.stmts.put.run({ hubUrl: base.toString(), centreId: result.centreId, credential: result.credential, pin, acked: result.head, at: this.o.now() });
    this.o.log.info({ hub: base.origin, centre: result.centreId }, 'enrolled with the province hub');
    this.failures = 0;
    this.lastError = null;
    this.state = 'streaming';
    this.servicesSent = false;
    this.schedule(0);
    return this.status();
  }

  /** Stop streaming and forget the hub (the hub keeps what it has). */
  forget(): UplinkStatus {
    this.stmts.forget.run();
    this.clearTimer();
    this.state = 'off';
    this.lastError = null;
    return this.status();
  }

  /** Something changed: push soon, unless backing off. */
  kick(): void {
    if (this.stopped || this.state === 'backoff' || this.state === 'refused' || this.state === 'off') return;
    this.schedule(this.o.kickDelayMs ?? 250);
  }

  /** Push until the hub holds everything, today's figures included (tests, shutdown). */
  async syncNow(): Promise<void> {
    this.todayFiguresAt = 0;
    for (let i = 0; i < 10_000; i++) {
      if (this.running) await this.running;
      const row = this.stmts.get.get();
      if (!row) return;
      const more = await this.pushOnce(true);
      if (!more) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    if (this.running) await this.running.catch(() => undefined);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  /** Run a cycle in `ms`, unless one is due sooner. */
  private schedule(ms: number): void {
    if (this.stopped) return;
    const at = Date.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.cycle();
    }, ms);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    if (this.running) {
      // One push at a time; look again right after this one.
      await this.running.catch(() => undefined);
      this.schedule(0);
      return;
    }
    let more = false;
    const run = (async () => {
      try {
        more = await this.pushOnce(false);
        this.failures = 0;
      } catch (e) {
        this.failures++;
        const refused = e instanceof LaysoError && (e.code === 'UNAUTHENTICATED' || e.code === 'HUB_CERT_MISMATCH' || e.code === 'HUB_INSECURE_URL');
        this.state = refused ? 'refused' : 'backoff';
        this.lastError = e instanceof LaysoError ? e.code : 'HUB_UNREACHABLE';
        this.o.log.warn({ err: e instanceof Error ? e.message : String(e), failures: this.failures }, 'province uplink push failed');
      }
    })();
    this.running = run;
    await run;
    this.running = null;
    if (!this.stmts.get.get()) return;
    if (this.state === 'backoff' || this.state === 'refused') {
      const base = this.o.minBackoffMs ?? 1_000;
      const cap = this.state === 'refused' ? Math.max(this.o.maxBackoffMs ?? 60_000, 300_000) : (this.o.maxBackoffMs ?? 60_000);
      const delay = Math.min(cap, base * 2 ** Math.min(this.failures - 1, 16));
      this.schedule(Math.round(delay * (0.75 + Math.random() * 0.5)));
    } else {
      this.schedule(more ? 0 : this.stmts.lastSeq.get()!.seq > (this.stmts.get.get()?.acked_seq ?? 0) ? (this.o.kickDelayMs ?? 250) : (this.o.pollMs ?? 15_000));
    }
  }

  /** One push; true when more is waiting. */
  private async pushOnce(forceFigures: boolean): Promise<boolean> {
    const row = this.stmts.get.get();
    if (!row) return false;
    const rows = this.stmts.after.all(row.acked_seq, this.batchSize);
    const events = rows.map(provinceEventOf);
    // Days whose figures the hub should have again: those touched by these events, plus earlier.
    const dirty = new Set<string>(JSON.parse(row.dirty_dates) as string[]);
    for (const e of events) {
      dirty.add(e.businessDate);
      // The day rollover expires the last day's leftovers in events dated the new day: the last
      // day's figures change with them.
      if (e.type === 'day.started' || e.type === 'ticket.expired') {
        const before = this.stmts.dateBefore.get(e.seq, e.businessDate);
        if (before) dirty.add(before.d);
      }
      // A rating counts on its ticket's day, which a phone may rate the next day.
      if (e.type === 'ticket.rated' && e.ticketId) {
        const rated = this.stmts.ratedDate.get(e.ticketId);
        if (rated) dirty.add(rated.d);
      }
    }
    const today = this.o.engine.businessDate;
    const now = this.o.now();
    const todayDue = forceFigures || now - this.todayFiguresAt >= (this.o.figuresEveryMs ?? 30_000);
    const sendDates = [...dirty].filter((d) => d !== today || todayDue).sort().slice(0, 31);
    const figures: ProvinceDayFigures[] = [];
    for (const date of sendDates) {
      const day = this.reports.computeDay(date);
      const byService = new Map(this.stmts.ratings.all(date).map((r) => [r.service_id, { rated: r.rated, satisfied: r.satisfied }]));
      const all = { rated: 0, satisfied: 0 };
      for (const r of byService.values()) {
        all.rated += r.rated;
        all.satisfied += r.satisfied;
      }
      for (const dim of ['all', 'service'] as const) {
        for (const [key, f] of day.cuts[dim]) {
          figures.push({ businessDate: date, dim, key, figures: provinceFiguresOf(f, dim === 'all' ? all : byService.get(key)) });
        }
      }
    }
    const services = !this.servicesSent || figures.length > 0
      ? this.o.engine.listServices().map((s) => ({ id: s.id, nameVi: s.nameVi, nameEn: s.nameEn }))
      : [];
    const base = checkHubUrl(row.hub_url);
    let r: HubResponse;
    try {
      r = await hubRequest(base, { method: 'POST', path: 'api/ingest', body: { events, figures, services }, credential: row.credential, pin: row.pin, timeoutMs: this.o.timeoutMs ?? 15_000 });
    } catch (e) {
      if (e instanceof LaysoError) throw e;
      throw new LaysoError('HUB_UNREACHABLE', e instanceof Error ? e.message : String(e));
    }
    if (r.status !== 200) {
      const err = errorOf(r);
      throw new LaysoError(err.code === 'UNAUTHENTICATED' || err.code === 'HUB_INSECURE_URL' ? err.code : 'HUB_UNREACHABLE', err.message);
    }
    const ack = (r.body as { data: IngestAck }).data;
    this.lastContactAt = this.o.now();
    this.servicesSent = true;
    if (sendDates.includes(today)) this.todayFiguresAt = now;
    for (const d of sendDates) dirty.delete(d);
    // The hub's head is where the next batch starts: a gap below what was sent is sent again.
    const lastSent = events.length > 0 ? events[events.length - 1]!.seq : row.acked_seq;
    const acked = Math.min(ack.head, Math.max(lastSent, row.acked_seq));
    this.stmts.ack.run(acked, JSON.stringify([...dirty]));
    const lastSeq = this.stmts.lastSeq.get()!.seq;
    this.state = acked >= lastSeq && dirty.size === 0 ? 'caught_up' : 'streaming';
    this.lastError = null;
    // Straight on while catching up (a full batch, a gap, a past day's figures); events that came
    // during this push wait for their kick, so that a busy centre sends a few batches a second,
    // not one per event.
    if (forceFigures) return acked < lastSeq || dirty.size > 0;
    return rows.length === this.batchSize || ack.head < lastSent || [...dirty].some((d) => d !== today);
  }
}
