/** What several rules share: finding things, who may act on what, and the steps of a call. */
import { LaysoError } from '../../protocol/errors.js';
import { type Actor, actorKey, isManager } from '../actor.js';
import type { Counter, CounterId, Ticket, TicketId } from '../model.js';
import type { Draft, DomainEvent } from '../queue-state.js';
import { isInHand } from '../states.js';
import { streakAfter } from '../policy.js';
import { learnServiceTime } from '../estimate.js';

/** The clock, the actor and the id source of one command. */
export interface RuleContext {
  actor: Actor;
  now: number;
  newTicketId: () => TicketId;
}

export function requireCounter(d: Draft, id: CounterId): Counter {
  const c = d.counter(id);
  if (!c) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${id}`);
  return c;
}

/** A live ticket, or why not: "no such ticket" differs from "already done". */
export function requireLive(d: Draft, id: TicketId): Ticket {
  const t = d.ticket(id);
  if (t) return t;
  const past = d.history.pastTicket(id);
  if (past) throw new LaysoError('INVALID_STATE', `the ticket is ${past.state}`);
  throw new LaysoError('TICKET_NOT_FOUND', `no ticket ${id}`);
}

export function requireInHand(d: Draft, counter: Counter): Ticket {
  const t = d.inHandOf(counter.id);
  if (!t) throw new LaysoError('NO_TICKET_IN_HAND', `counter ${counter.number} has no ticket in hand`);
  return t;
}

/**
 * The ticket the officer saw in hand must still be the one in hand: a key pressed twice, or an
 * old console, never acts on the next citizen.
 */
export function requireSeen(d: Draft, counter: Counter, seen: TicketId | undefined): void {
  if (seen === undefined) return;
  const inHand = d.inHandOf(counter.id);
  if (inHand?.id !== seen) {
    throw new LaysoError(
      'TICKET_CHANGED',
      inHand ? `counter ${counter.number} now has số ${inHand.displayNumber} in hand` : `counter ${counter.number} has no ticket in hand any more`,
    );
  }
}

/** Officers act only at the counter they have open; managers, admins and the system anywhere. */
export function requireActsFor(counter: Counter, actor: Actor): void {
  if (actor.kind !== 'staff' && actor.kind !== 'system') throw new LaysoError('FORBIDDEN', `a ${actor.kind} cannot act on counters`);
  if (isManager(actor)) return;
  if (actor.kind === 'staff' && counter.officerId !== actor.userId) {
    throw new LaysoError('NOT_YOUR_COUNTER', `counter ${counter.number} is not yours`);
  }
}

/** The counter an officer has open (or paused), if any: an officer sits at one counter. */
export function officersCounter(d: Draft, userId: string): Counter | undefined {
  for (const c of d.counters()) if (c.officerId === userId && c.state !== 'closed') return c;
  return undefined;
}

/**
 * Whether an actor may act on a ticket by id (cancel, hold, note, requeue, transfer a waiting
 * ticket). An officer only with a counter open, and only on the tickets of that counter: in its
 * hands, a no-show it marked, or a waiting ticket it could call (its services, or sent to it).
 */
export function requireMayTouch(d: Draft, t: Ticket, actor: Actor): void {
  if (actor.kind !== 'staff' && actor.kind !== 'system') throw new LaysoError('FORBIDDEN', `a ${actor.kind} cannot act on tickets`);
  if (isManager(actor) || actor.kind !== 'staff') return;
  const mine = officersCounter(d, actor.userId);
  if (!mine) throw new LaysoError('NOT_YOUR_COUNTER', 'open your counter first');
  const ok =
    isInHand(t.state) || t.state === 'no_show'
      ? t.counterId === mine.id
      : t.targetCounterId !== null
        ? t.targetCounterId === mine.id
        : mine.serviceIds.includes(t.serviceId);
  if (!ok) throw new LaysoError('NOT_YOUR_COUNTER', `số ${t.displayNumber} is not for counter ${mine.number}`);
}

/** Counters may call only when open and empty-handed. */
export function requireCalling(d: Draft, counter: Counter): void {
  if (counter.state === 'closed') throw new LaysoError('COUNTER_CLOSED', `counter ${counter.number} is closed`);
  if (counter.state === 'paused') throw new LaysoError('COUNTER_PAUSED', `counter ${counter.number} is paused`);
  if (d.inHandOf(counter.id)) {
    throw new LaysoError('COUNTER_BUSY', `counter ${counter.number} already has a ticket in hand`);
  }
}

/** An event of this command, stamped with its time, day and actor. */
export function record(d: Draft, ctx: RuleContext, e: Omit<DomainEvent, 'at' | 'businessDate' | 'actor'> & { actor?: string }): void {
  d.event({ ...e, at: ctx.now, businessDate: d.today, actor: e.actor ?? actorKey(ctx.actor) });
}

export function officerOf(actor: Actor): string | null {
  return actor.kind === 'staff' ? actor.userId : null;
}

/** Write a changed ticket, remembering the officer who changed it. */
export function putTicket(d: Draft, ctx: RuleContext, t: Ticket): void {
  d.putTicket(t, { officerId: officerOf(ctx.actor) });
}

/** Call a ticket to a counter: the displays announce it. */
export function call(d: Draft, ctx: RuleContext, counter: Counter, t: Ticket): Ticket {
  const next: Ticket = {
    ...t,
    state: 'called',
    counterId: counter.id,
    calledAt: ctx.now,
    startedAt: null,
    finishedAt: null,
    callCount: t.callCount + 1,
  };
  putTicket(d, ctx, next);
  const after = { ...counter, priorityStreak: streakAfter(counter, t) };
  d.putCounter(after);
  record(d, ctx, {
    type: 'ticket.called',
    ticketId: t.id,
    serviceId: t.serviceId,
    counterId: counter.id,
    data: { number: t.displayNumber, counterNumber: counter.number },
    call: { ticket: next, counter: after, recall: false },
  });
  return next;
}

/** Finish a ticket in hand, and learn the service's average time from it. */
export function finish(d: Draft, ctx: RuleContext, t: Ticket): Ticket {
  const next: Ticket = { ...t, state: 'done', finishedAt: ctx.now };
  putTicket(d, ctx, next);
  // Done straight from called: service time counts from the call.
  const from = t.startedAt ?? t.calledAt ?? ctx.now;
  const service = d.service(t.serviceId);
  if (service) {
    d.putService({ ...service, avgServiceSec: learnServiceTime(service.avgServiceSec, (ctx.now - from) / 1000) }, true);
  }
  record(d, ctx, { type: 'ticket.done', ticketId: t.id, serviceId: t.serviceId, counterId: t.counterId });
  return next;
}
