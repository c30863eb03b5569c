/**
 * Outbound webhooks. Off the command path: after a change (or every `pollMs`) the events after
 * the outbox cursor are read from the append-only event log, turned into payloads (ids, numbers,
 * service, counter and times only — never personal data) and stored as one delivery per
 * subscribed endpoint, with the cursor, in one transaction: an event committed before a crash is
 * delivered after it. Deliveries are POSTed, signed
 *
 *   X-Layso-Timestamp: <unix seconds>
 *   X-Layso-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *
 * in order per endpoint; a failure (no answer in `timeoutMs`, a status outside 2xx) is retried
 * with exponential backoff and jitter, up to `maxAttempts` tries, then kept as `failed` for the
 * admin to retry. The queue never waits on any of it.
 */
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookPayload } from '@layso/shared';
import type { Db } from '../store/open-db.js';
import type { QueueEngine } from '../engine/engine.js';
import { IntegrationRepo, type DueDelivery, type EndpointRecord } from '../store/integration-repo.js';
import { guarded } from '../store/faults.js';
import type { EventSqlRow } from '../store/event-repo.js';

export interface WebhookOptions {
  db: Db;
  engine: QueueEngine;
  log: Logger;
  now: () => number;
  /** A look for due deliveries at least this often (ms). */
  pollMs?: number;
  /** The first retry waits this long (ms), each next one twice as long … */
  minBackoffMs?: number;
  /** … up to this (ms). */
  maxBackoffMs?: number;
  /** Tries before a delivery is given up (the admin may retry it). */
  maxAttempts?: number;
  /** A receiver that has not answered in this long failed this try (ms). */
  timeoutMs?: number;
}

/** Delivered rows stay in the log this long; failed ones until retried. */
export const DELIVERED_KEPT_MS = 30 * 86_400_000;

/** Event log types → webhook events. */
const EVENT_OF: Record<string, WebhookEvent> = {
  'ticket.issued': 'ticket.issued',
  'ticket.called': 'ticket.called',
  'ticket.done': 'ticket.done',
  'ticket.rated': 'ticket.rated',
  'appointment.booked': 'appointment.booked',
  'appointment.checkedIn': 'appointment.checked_in',
  'appointment.missed': 'appointment.missed',
  'appointment.cancelled': 'appointment.cancelled',
};
const LOG_TYPES = Object.keys(EVENT_OF);


/** The signature header's value for a body sent at `timestamp` (unix seconds). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function obj(json: string | null): Record<string, unknown> {
  if (!json) return {};
  const v = JSON.parse(json) as unknown;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export class Webhooks {
  readonly repo: IntegrationRepo;
  private readonly pollMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  private stopped = false;
  private prunedAt = 0;
  /** Endpoints with deliveries on their way. */
  private readonly busy = new Map<string, Promise<void>>();
  private readonly ticketOf;

  constructor(private readonly o: WebhookOptions) {
    this.repo = new IntegrationRepo(o.db);
    this.pollMs = o.pollMs ?? 5_000;
    this.minBackoffMs = o.minBackoffMs ?? 10_000;
    this.maxBackoffMs = o.maxBackoffMs ?? 3_600_000;
    this.maxAttempts = o.maxAttempts ?? 15;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.ticketOf = o.db.prepare<[string], { display_number: string; slot_at: number | null }>('SELECT display_number, slot_at FROM tickets WHERE id = ?');
  }

  start(): void {
    this.o.engine.onChange(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Fan out new events and send what is due, soon; never in the caller's turn. */
  kick(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      guarded(this.o.log, 'queueing webhooks', () => this.fanOut());
      guarded(this.o.log, 'sending webhooks', () => this.dispatch());
      const now = this.o.now();
      if (now - this.prunedAt >= 3_600_000) {
        this.prunedAt = now;
        guarded(this.o.log, 'pruning the webhook log', () => this.repo.prune(now - DELIVERED_KEPT_MS));
      }
    });
  }

  /**
   * Each endpoint's due deliveries, in order, one at a time; endpoints side by side, so a slow or
   * failing receiver holds up only its own.
   */
  private dispatch(): void {
    const now = this.o.now();
    for (const e of this.repo.endpoints()) {
      if (!e.enabled || this.busy.has(e.id)) continue;
      const due = this.repo.dueFor(e.id, now, 50);
      if (due.length === 0) continue;
      const run = this.drain(due).then(
        (allSent) => {
          this.busy.delete(e.id);
          // More may be due behind a full batch.
          if (allSent && due.length === 50) this.kick();
        },
        (err: unknown) => {
          this.busy.delete(e.id);
          this.o.log.warn({ err, endpointId: e.id }, 'webhook deliveries failed');
        },
      );
      this.busy.set(e.id, run);
    }
  }

  private async drain(list: DueDelivery[]): Promise<boolean> {
    for (const d of list) {
      if (this.stopped) return false;
      // A failed delivery holds the ones after it back (in order per endpoint).
      if (!(await this.send(d))) return false;
    }
    return true;
  }

  /** Wait until nothing is queued or on its way (tests, stopping). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.scheduled) await new Promise<void>((r) => setImmediate(r));
      else if (this.busy.size > 0) await Promise.all(this.busy.values());
      else return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.scheduled = false;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /** Events after the cursor → deliveries, with the new cursor, in one transaction. */
  fanOut(): number {
    const { db, engine } = this.o;
    const head = engine.lastSeq;
    const all = this.repo.endpoints();
    // No endpoint at all (most centres): nothing to queue and no cursor to write. Writing it would
    // cost an fsync after every kiosk batch; an endpoint added later starts at its own fromSeq.
    if (all.length === 0) return 0;
    const from = Math.max(this.repo.cursor(), Math.min(...all.map((e) => e.fromSeq)));
    if (head <= from) return 0;
    const endpoints = all.filter((e) => e.enabled);
    let queued = 0;
    db.transaction(() => {
      if (endpoints.length > 0) {
        const rows = db
          .prepare<[number, number], EventSqlRow>(
            `SELECT seq, at, business_date, type, ticket_id, service_id, counter_id, data_json FROM events
             WHERE seq > ? AND seq <= ? AND type IN (${LOG_TYPES.map(() => '?').join(', ')}) ORDER BY seq`,
          )
          .all(from, head, ...(LOG_TYPES as [])) as EventSqlRow[];
        for (const r of rows) queued += this.enqueue(r, endpoints);
      }
      this.repo.setCursor(head);
    })();
    return queued;
  }

  private enqueue(r: EventSqlRow, endpoints: EndpointRecord[]): number {
    const event = EVENT_OF[r.type];
    if (!event) return 0;
    const targets = endpoints.filter((e) => e.events.includes(event) && r.seq > e.fromSeq);
    if (targets.length === 0) return 0;
    const payload = JSON.stringify(this.payloadOf(event, r));
    const at = this.o.now();
    for (const e of targets) this.repo.enqueue({ endpointId: e.id, seq: r.seq, type: event, payload, at });
    return targets.length;
  }

  /** What leaves the centre: ids, numbers, the service, the counter and times. */
  payloadOf(event: WebhookEvent, r: EventSqlRow): WebhookPayload {
    const d = obj(r.data_json);
    const ticket = r.ticket_id ? this.ticketOf.get(r.ticket_id) : undefined;
    const counter = r.counter_id ? this.o.engine.getCounter(r.counter_id as never) : undefined;
    const data: WebhookPayload['data'] = {};
    if (r.service_id) data.serviceId = r.service_id;
    if (r.ticket_id) {
      data.ticketId = r.ticket_id;
      const number = str(d.number) ?? ticket?.display_number;
      if (number !== undefined) data.number = number;
    }
    if (event.startsWith('ticket.')) {
      if (r.counter_id) {
        data.counterId = r.counter_id;
        data.counterNumber = num(d.counterNumber) ?? counter?.number ?? null;
      }
      if (event === 'ticket.issued') data.slotAt = num(d.slotAt) ?? null;
      if (event === 'ticket.rated') {
        const level = num(d.level);
        if (level !== undefined) data.level = level;
        if (d.scale === 'three' || d.scale === 'five') data.scale = d.scale;
        if (typeof d.satisfied === 'boolean') data.satisfied = d.satisfied;
      }
    } else {
      const id = str(d.appointmentId);
      if (id) data.appointmentId = id;
      const slotAt = num(d.slotAt);
      if (slotAt !== undefined) data.slotAt = slotAt;
      if (event === 'appointment.booked') {
        data.appointmentState = 'booked';
        if (d.bookedVia === 'public' || d.bookedVia === 'staff' || d.bookedVia === 'integration') data.bookedVia = d.bookedVia;
        const key = str(d.apiKeyId);
        if (key) data.apiKeyId = key;
      }
      if (event === 'appointment.checked_in') {
        const outcome = d.outcome;
        if (outcome === 'kept' || outcome === 'late' || outcome === 'early') data.appointmentState = outcome;
      }
      if (event === 'appointment.missed') data.appointmentState = 'missed';
      if (event === 'appointment.cancelled') data.appointmentState = 'cancelled';
    }
    const centreId = this.o.engine.getSettings().centreId;
    return { id: `${centreId}-${r.seq}`, type: event, centreId, seq: r.seq, occurredAt: r.at, businessDate: r.business_date as WebhookPayload['businessDate'], data };
  }

  /** One try of one delivery; true when the receiver took it. */
  private async send(d: DueDelivery): Promise<boolean> {
    const timestamp = Math.floor(this.o.now() / 1000);
    let status: number | null = null;
    let error: string;
    try {
      const r = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Layso-Webhooks/1',
          'x-layso-event': d.eventType,
          'x-layso-delivery': String(d.id),
          'x-layso-timestamp': String(timestamp),
          'x-layso-signature': signatureOf(d.secret, timestamp, d.payload),
        },
        body: d.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = r.status;
      // The answer's body is not needed; reading it frees the connection.
      await r.arrayBuffer().catch(() => undefined);
      if (r.status >= 200 && r.status < 300) {
        guarded(this.o.log, 'recording a webhook delivery', () => this.repo.delivered(d.id, r.status, this.o.now()));
        return true;
      }
      error = `HTTP ${r.status}`;
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      error = e instanceof Error && e.name === 'TimeoutError' ? `no answer in ${this.timeoutMs} ms` : cause?.code ?? (e instanceof Error ? e.message : String(e));
    }
    const tries = d.attempts + 1;
    const next = tries >= this.maxAttempts ? null : this.o.now() + this.backoff(tries);
    this.o.log.warn({ endpointId: d.endpointId, deliveryId: d.id, status, error, tries }, 'webhook delivery failed');
    guarded(this.o.log, 'recording a webhook failure', () => this.repo.attemptFailed(d.id, status, error, next));
    return false;
  }

  /** The wait before try `tries + 1`: doubling from `minBackoffMs`, at most `maxBackoffMs`, ±20 %. */
  backoff(tries: number): number {
    const base = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** (tries - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }
}

export { WEBHOOK_EVENTS };
