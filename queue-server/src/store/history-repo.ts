/**
 * Bulk writes of past days (synthetic history for demos and benchmarks): tickets, events and number
 * sequences with positional statements, for millions of rows inside big transactions.
 */
import type { Db } from './open-db.js';

/** Column order of `insertTicket`. */
export type TicketValues = [
  id: string,
  centreId: string,
  serviceId: string,
  businessDate: string,
  number: number,
  displayNumber: string,
  priority: string | null,
  state: string,
  issuedAt: number,
  queueKey: number,
  queueTie: number,
  counterId: string | null,
  calledAt: number | null,
  startedAt: number | null,
  finishedAt: number | null,
  callCount: number,
  transferredFromId: string | null,
  deviceId: string | null,
  officerId: string | null,
];

/** Column order of `insertEvent`. */
export type EventValues = [
  centreId: string,
  at: number,
  businessDate: string,
  type: string,
  ticketId: string | null,
  serviceId: string | null,
  counterId: string | null,
  actor: string | null,
  dataJson: string | null,
];

/** Rows per multi-row INSERT: one call into SQLite for many rows is what makes a bulk load fast. */
const CHUNK = 64;

const TICKET_COLUMNS = `id, centre_id, service_id, business_date, number, display_number, priority,
  state, issued_at, queue_key, queue_tie, counter_id, called_at, started_at, finished_at,
  call_count, transferred_from_id, device_id, officer_id`;
const EVENT_COLUMNS = 'centre_id, at, business_date, type, ticket_id, service_id, counter_id, actor, data_json';
const values = (n: number, width: number): string =>
  Array.from({ length: n }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');

export class HistoryRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      ticket: db.prepare<TicketValues>(`INSERT INTO tickets (${TICKET_COLUMNS}) VALUES ${values(1, 19)}`),
      tickets: db.prepare<unknown[]>(`INSERT INTO tickets (${TICKET_COLUMNS}) VALUES ${values(CHUNK, 19)}`),
      event: db.prepare<EventValues>(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${values(1, 9)}`),
      events: db.prepare<unknown[]>(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${values(CHUNK, 9)}`),
      sequence: db.prepare<[string, string, number]>(`
        INSERT INTO sequences (service_id, business_date, last_number) VALUES (?, ?, ?)
        ON CONFLICT (service_id, business_date) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)`),
      maxTie: db.prepare<[], { tie: number | null }>('SELECT MAX(queue_tie) AS tie FROM tickets'),
      daysWithTickets: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM sequences WHERE business_date BETWEEN ? AND ?',
      ),
    };
  }

  /** Insert rows in order (events keep their seq order). */
  insertTickets(rows: readonly TicketValues[]): void {
    this.insertMany(rows, this.stmts.tickets, this.stmts.ticket);
  }

  insertEvents(rows: readonly EventValues[]): void {
    this.insertMany(rows, this.stmts.events, this.stmts.event);
  }

  private insertMany<R extends unknown[]>(rows: readonly R[], many: { run(...p: unknown[]): unknown }, one: { run(...p: R): unknown }): void {
    let i = 0;
    for (; i + CHUNK <= rows.length; i += CHUNK) many.run(...rows.slice(i, i + CHUNK).flat());
    for (; i < rows.length; i++) one.run(...rows[i]!);
  }

  putSequence(serviceId: string, date: string, last: number): void {
    this.stmts.sequence.run(serviceId, date, last);
  }

  maxQueueTie(): number {
    return this.stmts.maxTie.get()?.tie ?? 0;
  }

  /** Whether any service already has numbers on a day in the range (history would collide). */
  hasDays(from: string, to: string): boolean {
    return this.stmts.daysWithTickets.get(from, to)!.n > 0;
  }

  /** Run `fn` in one transaction. */
  transaction<R>(fn: () => R): R {
    return this.db.transaction(fn)();
  }
}
