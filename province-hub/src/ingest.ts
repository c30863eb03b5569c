/**
 * Taking a centre's batch: idempotent by (centre, seq), in any order. Events above the centre's
 * head are stored as they come; the head then advances over every contiguous seq, and the live
 * state (today's unfinished tickets, counters, served today) folds the events it passes, in seq
 * order, exactly once, in the same transaction.
 */
import type { IngestAck, ProvinceDayFigures, ProvinceEvent } from '@layso/shared';
import { type Pool, type Client, ensurePartitions, monthOf } from './db.js';
import { HubError } from './auth.js';

export interface IngestInput {
  events: ProvinceEvent[];
  figures: ProvinceDayFigures[];
  services: { id: string; nameVi: string; nameEn: string }[];
}

interface LiveTicket {
  business_date: string;
  service_id: string | null;
  state: string;
  since: Date;
  counter_id: string | null;
}
interface LiveCounter {
  number: number | null;
  name: string | null;
  state: string;
  ticket_number: string | null;
}

interface Fold {
  businessDate: string | null;
  servedToday: number;
  tickets: Map<string, LiveTicket>;
  counters: Map<string, LiveCounter>;
  services: Map<string, { nameVi: string; nameEn: string }>;
  touchedTickets: Set<string>;
  touchedCounters: Set<string>;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** Apply one event (in seq order) to the live state. */
function apply(f: Fold, e: ProvinceEvent): void {
  if (f.businessDate === null || e.businessDate > f.businessDate) {
    // A new business day: yesterday's leftovers are over (their expiry events came before).
    f.businessDate = e.businessDate;
    f.servedToday = 0;
    for (const [id, t] of f.tickets) {
      if (t.business_date < e.businessDate) {
        f.tickets.delete(id);
        f.touchedTickets.add(id);
      }
    }
  }
  const at = new Date(e.at);
  const d = e.data ?? {};
  const tid = e.ticketId;
  const setTicket = (id: string, t: LiveTicket): void => {
    f.tickets.set(id, t);
    f.touchedTickets.add(id);
  };
  const endTicket = (id: string): void => {
    f.tickets.delete(id);
    f.touchedTickets.add(id);
  };
  const counter = (id: string): LiveCounter => {
    let c = f.counters.get(id);
    if (!c) f.counters.set(id, (c = { number: null, name: null, state: 'closed', ticket_number: null }));
    f.touchedCounters.add(id);
    return c;
  };
  switch (e.type) {
    case 'ticket.issued':
      if (tid) setTicket(tid, { business_date: e.businessDate, service_id: e.serviceId, state: 'waiting', since: at, counter_id: null });
      break;
    case 'ticket.requeued':
    case 'ticket.released': {
      const t = tid ? f.tickets.get(tid) : undefined;
      if (tid && t) setTicket(tid, { ...t, state: 'waiting', since: e.type === 'ticket.requeued' ? at : t.since, counter_id: null });
      break;
    }
    case 'ticket.held': {
      const t = tid ? f.tickets.get(tid) : undefined;
      if (tid && t) setTicket(tid, { ...t, state: 'held' });
      break;
    }
    case 'ticket.called':
    case 'ticket.recalled':
    case 'ticket.started': {
      const t = tid ? f.tickets.get(tid) : undefined;
      if (tid && t) setTicket(tid, { ...t, state: e.type === 'ticket.started' ? 'serving' : 'called', counter_id: e.counterId });
      if (e.counterId && e.type === 'ticket.called') counter(e.counterId).ticket_number = str(d.number);
      break;
    }
    case 'ticket.done':
      if (e.businessDate === f.businessDate) f.servedToday++;
      if (tid) endTicket(tid);
      if (e.counterId) counter(e.counterId).ticket_number = null;
      break;
    case 'ticket.no_show':
    case 'ticket.cancelled':
    case 'ticket.expired':
      if (tid) endTicket(tid);
      if (e.counterId && e.type !== 'ticket.expired') counter(e.counterId).ticket_number = null;
      break;
    case 'ticket.transferred': {
      const t = tid ? f.tickets.get(tid) : undefined;
      if (tid) endTicket(tid);
      if (e.counterId) counter(e.counterId).ticket_number = null;
      const to = str(d.to);
      if (to) setTicket(to, { business_date: e.businessDate, service_id: str(d.serviceId) ?? t?.service_id ?? null, state: 'waiting', since: at, counter_id: null });
      break;
    }
    case 'counter.opened':
    case 'counter.resumed':
      if (e.counterId) counter(e.counterId).state = 'open';
      break;
    case 'counter.paused':
      if (e.counterId) counter(e.counterId).state = 'paused';
      break;
    case 'counter.closed':
      if (e.counterId) Object.assign(counter(e.counterId), { state: 'closed', ticket_number: null });
      break;
    case 'counter.saved':
      if (e.counterId) {
        const c = counter(e.counterId);
        if (typeof d.number === 'number') c.number = d.number;
        if (typeof d.name === 'string') c.name = d.name;
      }
      break;
    case 'counter.deleted':
      if (e.counterId) {
        f.counters.delete(e.counterId);
        f.touchedCounters.add(e.counterId);
      }
      break;
    case 'service.saved':
      if (e.serviceId && typeof d.nameVi === 'string') f.services.set(e.serviceId, { nameVi: d.nameVi, nameEn: str(d.nameEn) ?? d.nameVi });
      break;
    default:
      break;
  }
}

interface StoredEventRow {
  seq: number;
  at: Date;
  business_date: string;
  type: string;
  ticket_id: string | null;
  service_id: string | null;
  counter_id: string | null;
  data: Record<string, unknown> | null;
}

function fromRow(r: StoredEventRow): ProvinceEvent {
  return {
    seq: r.seq,
    at: r.at.getTime(),
    businessDate: r.business_date,
    type: r.type,
    ticketId: r.ticket_id,
    serviceId: r.service_id,
    counterId: r.counter_id,
    data: r.data,
  };
}

async function insertEvents(c: Client, centreId: string, events: ProvinceEvent[]): Promise<void> {
  if (events.length === 0) return;
  await c.query(
    `INSERT INTO events (centre_id, seq, at, business_date, type, ticket_id, service_id, counter_id, data)
     SELECT $1, * FROM unnest($2::bigint[], $3::timestamptz[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
     ON CONFLICT DO NOTHING`,
    [
      centreId,
      events.map((e) => e.seq),
      events.map((e) => new Date(e.at)),
      events.map((e) => e.businessDate),
      events.map((e) => e.type),
      events.map((e) => e.ticketId),
      events.map((e) => e.serviceId),
      events.map((e) => e.counterId),
      events.map((e) => (e.data === null ? null : JSON.stringify(e.data))),
    ],
  );
}

async function writeFigures(c: Client, centreId: string, figures: ProvinceDayFigures[]): Promise<void> {
  for (const row of figures) {
    const f = row.figures;
    await c.query(
      `INSERT INTO day_figures (centre_id, business_date, dim, key, issued, transferred_in, called, served, no_shows,
         transferred_out, cancelled, expired, within_threshold, wait_n, wait_sum_ms, service_n, service_sum_ms, wait_hist, service_hist,
         rated, satisfied)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
       ON CONFLICT (centre_id, business_date, dim, key) DO UPDATE SET
         issued = EXCLUDED.issued, transferred_in = EXCLUDED.transferred_in, called = EXCLUDED.called, served = EXCLUDED.served,
         no_shows = EXCLUDED.no_shows, transferred_out = EXCLUDED.transferred_out, cancelled = EXCLUDED.cancelled,
         expired = EXCLUDED.expired, within_threshold = EXCLUDED.within_threshold, wait_n = EXCLUDED.wait_n,
         wait_sum_ms = EXCLUDED.wait_sum_ms, service_n = EXCLUDED.service_n, service_sum_ms = EXCLUDED.service_sum_ms,
         wait_hist = EXCLUDED.wait_hist, service_hist = EXCLUDED.service_hist, rated = EXCLUDED.rated,
         satisfied = EXCLUDED.satisfied, updated_at = now()`,
      [
        centreId, row.businessDate, row.dim, row.key, f.issued, f.transferredIn, f.called, f.served, f.noShows,
        f.transferredOut, f.cancelled, f.expired, f.withinThreshold, f.waitN, f.waitSumMs, f.serviceN, f.serviceSumMs,
        JSON.stringify(f.waitHist), JSON.stringify(f.serviceHist), f.rated, f.satisfied,
      ],
    );
  }
}

export interface IngestResult extends IngestAck {
  /** Whether what the board shows may have changed. */
  changed: boolean;
}

export async function ingest(pool: Pool, centreId: string, input: IngestInput): Promise<IngestResult> {
  await ensurePartitions(pool, 'events', input.events.map((e) => monthOf(e.at)));
  await ensurePartitions(pool, 'day_figures', input.figures.map((f) => monthOf(f.businessDate)));
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const cr = await c.query<{ head_seq: number; max_seq: number; business_date: string | null; served_today: number; last_seen_at: Date | null }>(
      'SELECT head_seq, max_seq, business_date, served_today, last_seen_at FROM centres WHERE id = $1 AND revoked_at IS NULL FOR UPDATE',
      [centreId],
    );
    const centre = cr.rows[0];
    if (!centre) throw new HubError('UNAUTHENTICATED', 'unknown or revoked centre');
    const head = centre.head_seq;

    // Only seqs above the head, once each, and not already held (out of order earlier).
    const bySeq = new Map<number, ProvinceEvent>();
    for (const e of input.events) if (e.seq > head && !bySeq.has(e.seq)) bySeq.set(e.seq, e);
    // Only when batches came out of order can a seq above the head be held already.
    if (bySeq.size > 0 && centre.max_seq > head && [...bySeq.keys()].some((q) => q <= centre.max_seq)) {
      const held = await c.query<{ seq: number }>('SELECT seq FROM events WHERE centre_id = $1 AND seq = ANY($2::bigint[])', [centreId, [...bySeq.keys()]]);
      for (const r of held.rows) bySeq.delete(r.seq);
    }
    const fresh = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    await insertEvents(c, centreId, fresh);

    // Walk the head up over contiguous seqs: from this batch, then from earlier out-of-order ones.
    const next: ProvinceEvent[] = [];
    let h = head;
    for (const e of fresh) {
      if (e.seq !== h + 1) break;
      next.push(e);
      h = e.seq;
    }
    let pendingAbove = 0;
    const maxSeq = Math.max(centre.max_seq, fresh.at(-1)?.seq ?? 0);
    if (maxSeq > h) {
      const above = await c.query<StoredEventRow>(
        `SELECT seq, at, business_date, type, ticket_id, service_id, counter_id, data FROM events
         WHERE centre_id = $1 AND seq > $2 ORDER BY seq`,
        [centreId, h],
      );
      for (const r of above.rows) {
        if (r.seq === h + 1) {
          next.push(fromRow(r));
          h = r.seq;
        } else pendingAbove++;
      }
    }

    let changed = input.figures.length > 0;
    let fold: Fold | null = null;
    if (next.length > 0) {
      changed = true;
      fold = {
        businessDate: centre.business_date,
        servedToday: centre.served_today,
        tickets: new Map(),
        counters: new Map(),
        services: new Map(),
        touchedTickets: new Set(),
        touchedCounters: new Set(),
      };
      const lt = await c.query<LiveTicket & { ticket_id: string }>(
        'SELECT ticket_id, business_date, service_id, state, since, counter_id FROM live_tickets WHERE centre_id = $1',
        [centreId],
      );
      for (const r of lt.rows) fold.tickets.set(r.ticket_id, r);
      const lc = await c.query<LiveCounter & { counter_id: string }>(
        'SELECT counter_id, number, name, state, ticket_number FROM live_counters WHERE centre_id = $1',
        [centreId],
      );
      for (const r of lc.rows) fold.counters.set(r.counter_id, r);
      for (const e of next) apply(fold, e);
      await writeFold(c, centreId, fold);
    }
    await writeFigures(c, centreId, input.figures);
    const names = new Map(input.services.map((s) => [s.id, { nameVi: s.nameVi, nameEn: s.nameEn }]));
    if (names.size > 0) {
      changed = true;
      await c.query(
        `INSERT INTO services (centre_id, id, name_vi, name_en) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
         ON CONFLICT (centre_id, id) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en`,
        [centreId, [...names.keys()], [...names.values()].map((s) => s.nameVi), [...names.values()].map((s) => s.nameEn)],
      );
    }
    const last = next.at(-1);
    await c.query(
      `UPDATE centres SET head_seq = $2, max_seq = $3, business_date = $4, served_today = $5,
         last_event_at = COALESCE($6, last_event_at), last_seen_at = now() WHERE id = $1`,
      [centreId, h, maxSeq, fold?.businessDate ?? centre.business_date, fold?.servedToday ?? centre.served_today, last ? new Date(last.at) : null],
    );
    await c.query('COMMIT');
    // Coming back from offline changes the board even without events.
    const was = centre.last_seen_at;
    if (!was || Date.now() - was.getTime() > 30_000) changed = true;
    return { head: h, pendingAbove, changed };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

async function writeFold(c: Client, centreId: string, f: Fold): Promise<void> {
  const gone = [...f.touchedTickets].filter((id) => !f.tickets.has(id));
  const live = [...f.touchedTickets].filter((id) => f.tickets.has(id));
  if (gone.length > 0) await c.query('DELETE FROM live_tickets WHERE centre_id = $1 AND ticket_id = ANY($2::text[])', [centreId, gone]);
  if (live.length > 0) {
    const rows = live.map((id) => f.tickets.get(id)!);
    await c.query(
      `INSERT INTO live_tickets (centre_id, ticket_id, business_date, service_id, state, since, counter_id)
       SELECT $1, * FROM unnest($2::text[], $3::date[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
       ON CONFLICT (centre_id, ticket_id) DO UPDATE SET business_date = EXCLUDED.business_date, service_id = EXCLUDED.service_id,
         state = EXCLUDED.state, since = EXCLUDED.since, counter_id = EXCLUDED.counter_id`,
      [centreId, live, rows.map((t) => t.business_date), rows.map((t) => t.service_id), rows.map((t) => t.state), rows.map((t) => t.since), rows.map((t) => t.counter_id)],
    );
  }
  const cGone = [...f.touchedCounters].filter((id) => !f.counters.has(id));
  const cLive = [...f.touchedCounters].filter((id) => f.counters.has(id));
  if (cGone.length > 0) await c.query('DELETE FROM live_counters WHERE centre_id = $1 AND counter_id = ANY($2::text[])', [centreId, cGone]);
  if (cLive.length > 0) {
    const rows = cLive.map((id) => f.counters.get(id)!);
    await c.query(
      `INSERT INTO live_counters (centre_id, counter_id, number, name, state, ticket_number)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (centre_id, counter_id) DO UPDATE SET number = EXCLUDED.number, name = EXCLUDED.name,
         state = EXCLUDED.state, ticket_number = EXCLUDED.ticket_number`,
      [centreId, cLive, rows.map((k) => k.number), rows.map((k) => k.name), rows.map((k) => k.state), rows.map((k) => k.ticket_number)],
    );
  }
  if (f.services.size > 0) {
    await c.query(
      `INSERT INTO services (centre_id, id, name_vi, name_en) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
       ON CONFLICT (centre_id, id) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en`,
      [centreId, [...f.services.keys()], [...f.services.values()].map((s) => s.nameVi), [...f.services.values()].map((s) => s.nameEn)],
    );
  }
}
