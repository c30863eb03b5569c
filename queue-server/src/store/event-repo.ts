/** The append-only event log and the record of commands already carried out. */
import type { Db } from './open-db.js';

/** An event of the log as SQLite returns it (the columns the uplink and the webhooks read). */
export interface EventSqlRow {
  seq: number;
  at: number;
  business_date: string;
  type: string;
  ticket_id: string | null;
  service_id: string | null;
  counter_id: string | null;
  data_json: string | null;
}

export interface EventInsert {
  at: number;
  businessDate: string;
  type: string;
  ticketId?: string | null;
  serviceId?: string | null;
  counterId?: string | null;
  actor?: string | null;
  data?: unknown;
}

export interface StoredRequest {
  actor: string;
  command: string;
  result: unknown;
}

export class EventRepo {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly centreId: string,
  ) {
    this.stmts = {
      insert: db.prepare(`
        INSERT INTO events (centre_id, at, business_date, type, ticket_id, service_id, counter_id,
          actor, data_json)
        VALUES (@centreId, @at, @businessDate, @type, @ticketId, @serviceId, @counterId, @actor,
          @data)`),
      lastSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM events'),
      getRequest: db.prepare<[string], { actor: string; command: string; result_json: string }>(
        'SELECT actor, command, result_json FROM requests WHERE request_id = ?',
      ),
      putRequest: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO requests (request_id, actor, command, result_json, at) VALUES (?, ?, ?, ?, ?)',
      ),
      pruneRequests: db.prepare<[number]>('DELETE FROM requests WHERE at < ?'),
    };
  }

  /** Append one event; returns its seq. */
  append(e: EventInsert): number {
    const r = this.stmts.insert.run({
      centreId: this.centreId,
      at: e.at,
      businessDate: e.businessDate,
      type: e.type,
      ticketId: e.ticketId ?? null,
      serviceId: e.serviceId ?? null,
      counterId: e.counterId ?? null,
      actor: e.actor ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    });
    return Number(r.lastInsertRowid);
  }

  lastSeq(): number {
    return this.stmts.lastSeq.get()!.seq;
  }

  request(requestId: string): StoredRequest | null {
    const r = this.stmts.getRequest.get(requestId);
    return r ? { actor: r.actor, command: r.command, result: JSON.parse(r.result_json) } : null;
  }

  putRequest(requestId: string, actor: string, command: string, result: unknown, at: number): void {
    this.stmts.putRequest.run(requestId, actor, command, JSON.stringify(result), at);
  }

  /** Request ids only need to outlive a client's retries; keep two days. */
  pruneRequests(before: number): void {
    this.stmts.pruneRequests.run(before);
  }
}
