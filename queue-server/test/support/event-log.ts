/**
 * Test support: replay a centre's append-only event log and compare what it says of each ticket
 * (state, counter, number) with the tickets table. After a crash the two must agree: a ticket's
 * change and its event are written in one transaction, or neither is.
 */
import Database from 'better-sqlite3';

interface EventRow {
  seq: number;
  type: string;
  ticket_id: string;
  counter_id: string | null;
  data_json: string | null;
}

interface TicketRow {
  id: string;
  state: string;
  counter_id: string | null;
  display_number: string;
}

interface Replayed {
  state: string;
  counterId: string | null;
  number: string | null;
}

/** The state each ticket event leaves its ticket in (null: the state does not change). */
const STATE_AFTER: Record<string, string | null> = {
  'ticket.issued': 'waiting',
  'ticket.called': 'called',
  'ticket.recalled': 'called',
  'ticket.started': 'serving',
  'ticket.done': 'done',
  'ticket.no_show': 'no_show',
  'ticket.cancelled': 'cancelled',
  'ticket.requeued': 'waiting',
  'ticket.expired': 'expired',
  'ticket.transferred': 'transferred',
  'ticket.hold': null,
  'ticket.noted': null,
  'ticket.rated': null,
};

/** The tickets as the event log tells them. */
export function replayTickets(db: Database.Database): Map<string, Replayed> {
  const out = new Map<string, Replayed>();
  const events = db.prepare<[], EventRow>("SELECT seq, type, ticket_id, counter_id, data_json FROM events WHERE ticket_id IS NOT NULL AND type LIKE 'ticket.%' ORDER BY seq").all();
  for (const e of events) {
    if (!(e.type in STATE_AFTER)) throw new Error(`event ${e.seq}: ${e.type} is not known to the replay; teach it`);
    const state = STATE_AFTER[e.type];
    if (state === null || state === undefined) continue;
    const data = e.data_json ? (JSON.parse(e.data_json) as { number?: string; to?: string }) : {};
    const before = out.get(e.ticket_id);
    if (e.type === 'ticket.issued') {
      out.set(e.ticket_id, { state, counterId: null, number: data.number ?? null });
      continue;
    }
    if (!before) throw new Error(`event ${e.seq}: ${e.type} of ticket ${e.ticket_id} that the log never issued`);
    const counterId = e.type === 'ticket.called' || e.type === 'ticket.recalled' ? e.counter_id : e.type === 'ticket.requeued' ? null : before.counterId;
    out.set(e.ticket_id, { ...before, state, counterId });
    // A transfer ends the ticket and starts its entry in the next queue (same number).
    if (e.type === 'ticket.transferred' && data.to) out.set(data.to, { state: 'waiting', counterId: null, number: before.number });
  }
  return out;
}

/** Every way the tickets table and the replayed log disagree (empty when they agree). */
export function logDisagreements(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const replayed = replayTickets(db);
    const rows = db.prepare<[], TicketRow>('SELECT id, state, counter_id, display_number FROM tickets').all();
    const out: string[] = [];
    for (const r of rows) {
      const l = replayed.get(r.id);
      if (!l) {
        out.push(`${r.display_number}: in the tickets table, not in the log`);
        continue;
      }
      replayed.delete(r.id);
      if (l.state !== r.state) out.push(`${r.display_number}: ${r.state} in the table, ${l.state} by the log`);
      if (l.counterId !== r.counter_id) out.push(`${r.display_number}: at ${r.counter_id} in the table, ${l.counterId} by the log`);
      if (l.number !== null && l.number !== r.display_number) out.push(`${r.id}: number ${r.display_number} in the table, ${l.number} by the log`);
    }
    for (const [id, l] of replayed) out.push(`${l.number ?? id}: in the log, not in the tickets table`);
    return out;
  } finally {
    db.close();
  }
}

/** How many events of each ticket type the log holds (to show the replay had work to do). */
export function eventCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare<[], { type: string; n: number }>("SELECT type, COUNT(*) AS n FROM events WHERE type LIKE 'ticket.%' GROUP BY type").all();
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  } finally {
    db.close();
  }
}
