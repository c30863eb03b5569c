/** Tickets and the per-day number sequences. */
import { Ticket, type BusinessDate, type ServiceId } from '@layso/shared';
import type { Db } from './open-db.js';

interface TicketRow {
  seq: number;
  id: string;
  service_id: string;
  business_date: string;
  number: number;
  display_number: string;
  priority: string | null;
  state: string;
  issued_at: number;
  queue_key: number;
  queue_tie: number;
  target_counter_id: string | null;
  counter_id: string | null;
  on_hold: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  call_count: number;
  transferred_from_id: string | null;
  note: string | null;
  slot_at: number | null;
}

function fromRow(r: TicketRow): Ticket {
  return Ticket.parse({
    id: r.id,
    serviceId: r.service_id,
    businessDate: r.business_date,
    number: r.number,
    displayNumber: r.display_number,
    priority: r.priority,
    state: r.state,
    issuedAt: r.issued_at,
    queueKey: r.queue_key,
    queueTie: r.queue_tie,
    targetCounterId: r.target_counter_id,
    counterId: r.counter_id,
    onHold: r.on_hold === 1,
    calledAt: r.called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    callCount: r.call_count,
    transferredFromId: r.transferred_from_id,
    note: r.note,
    slotAt: r.slot_at,
  });
}

export interface TicketInsert {
  ticket: Ticket;
  centreId: string;
  requestId: string | null;
  deviceId: string | null;
}

export class TicketRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      lastNumber: db.prepare<[string, string], { last_number: number }>(
        'SELECT last_number FROM sequences WHERE service_id = ? AND business_date = ?',
      ),
      putNumber: db.prepare<[string, string, number]>(`
        INSERT INTO sequences (service_id, business_date, last_number) VALUES (?, ?, ?)
        ON CONFLICT (service_id, business_date) DO UPDATE SET last_number = excluded.last_number`),
      nextSeq: db.prepare<[], { seq: number }>(
        "SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM tickets",
      ),
      insert: db.prepare(`
        INSERT INTO tickets (id, centre_id, service_id, business_date, number, display_number,
          priority, state, issued_at, queue_key, queue_tie, target_counter_id, counter_id, on_hold,
          called_at, started_at, finished_at, call_count, transferred_from_id, note, request_id,
          device_id, slot_at)
        VALUES (@id, @centreId, @serviceId, @businessDate, @number, @displayNumber, @priority,
          @state, @issuedAt, @queueKey, @queueTie, @targetCounterId, @counterId, @onHold,
          @calledAt, @startedAt, @finishedAt, @callCount, @transferredFromId, @note, @requestId,
          @deviceId, @slotAt)`),
      update: db.prepare(`
        UPDATE tickets SET service_id = @serviceId, priority = @priority, state = @state,
          queue_key = @queueKey, queue_tie = @queueTie, target_counter_id = @targetCounterId,
          counter_id = @counterId, on_hold = @onHold, called_at = @calledAt,
          started_at = @startedAt, finished_at = @finishedAt, call_count = @callCount,
          note = @note, slot_at = @slotAt, officer_id = COALESCE(@officerId, officer_id)
        WHERE id = @id`),
      byRequest: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE request_id = ?'),
      byId: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      successor: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE transferred_from_id = ?'),
      numberTaken: db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM tickets WHERE business_date = ? AND display_number = ? AND transferred_from_id IS NULL',
      ),
      live: db.prepare<[], TicketRow>(
        "SELECT * FROM tickets WHERE state IN ('waiting', 'called', 'serving', 'no_show') ORDER BY seq",
      ),
    };
  }

  /** The last number handed out for a service on a business date, or null. */
  lastNumber(serviceId: ServiceId, date: BusinessDate): number | null {
    return this.stmts.lastNumber.get(serviceId, date)?.last_number ?? null;
  }

  setLastNumber(serviceId: ServiceId, date: BusinessDate, n: number): void {
    this.stmts.putNumber.run(serviceId, date, n);
  }

  /** The tie-breaker for the next ticket: strictly increasing, so one-millisecond ties keep order. */
  nextTie(): number {
    return this.stmts.nextSeq.get()!.seq;
  }

  insert(row: TicketInsert): void {
    const t = row.ticket;
    this.stmts.insert.run({
      ...t,
      slotAt: t.slotAt ?? null,
      centreId: row.centreId,
      onHold: t.onHold ? 1 : 0,
      requestId: row.requestId,
      deviceId: row.deviceId,
    });
  }

  update(t: Ticket, officerId: string | null = null): void {
    this.stmts.update.run({ ...t, slotAt: t.slotAt ?? null, onHold: t.onHold ? 1 : 0, officerId });
  }

  byRequestId(requestId: string): Ticket | null {
    const r = this.stmts.byRequest.get(requestId);
    return r ? fromRow(r) : null;
  }

  /** Whether a number was already handed out on a business date (by any service). */
  numberTaken(date: BusinessDate, displayNumber: string): boolean {
    return this.stmts.numberTaken.get(date, displayNumber) !== undefined;
  }

  /** The queue entry a transfer created from this one. */
  successorOf(id: string): Ticket | null {
    const r = this.stmts.successor.get(id);
    return r ? fromRow(r) : null;
  }

  byId(id: string): Ticket | null {
    const r = this.stmts.byId.get(id);
    return r ? fromRow(r) : null;
  }

  /** Every ticket still in a live state, of any day (the engine expires old days). */
  live(): Ticket[] {
    return this.stmts.live.all().map(fromRow);
  }
}
