/**
 * Retries are safe: a command sent again with the same request id gets the first answer, and a
 * kiosk's retried tap gets the ticket it already took, never a second one.
 */
import { LaysoError, type Ticket } from '@layso/shared';
import type { EventRepo } from '../store/event-repo.js';
import type { TicketRepo } from '../store/ticket-repo.js';

export class Idempotency {
  constructor(
    private readonly events: EventRepo,
    private readonly tickets: TicketRepo,
  ) {}

  /** The first answer to this request id, if it was already carried out; refused if it was another command's. */
  earlier<R>(requestId: string, command: string, actor: string): { result: R } | null {
    const r = this.events.request(requestId);
    if (!r) return null;
    if (r.command !== command || r.actor !== actor) {
      throw new LaysoError('REQUEST_ID_REUSED', 'this request id was already used for another command');
    }
    return { result: r.result as R };
  }

  /** Remember an answer, in the transaction of the command it answers. */
  remember(requestId: string, command: string, actor: string, result: unknown, now: number): void {
    this.events.putRequest(requestId, actor, command, result, now);
  }

  /** The ticket an earlier issue with this request id gave, if any. */
  issued(requestId: string): Ticket | null {
    return this.tickets.byRequestId(requestId);
  }

  /** Request ids only need to outlive a client's retries. */
  forgetBefore(at: number): void {
    this.events.pruneRequests(at);
  }
}
