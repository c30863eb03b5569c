/** Acting on one ticket: transfer, bring a no-show back, cancel, hold, annotate. */
import { LaysoError } from '../../protocol/errors.js';
import type { HoldAction, NoteAction, TicketAction, TransferAction } from '../commands.js';
import type { CounterId, ServiceId, Ticket } from '../model.js';
import { NOT_YET_CALLED } from '../model.js';
import type { Draft } from '../queue-state.js';
import { canTransition } from '../states.js';
import { byQueuePlace, rankOf } from '../policy.js';
import { isIssuing } from './issue.js';
import {
  putTicket,
  record,
  requireActsFor,
  requireCounter,
  requireInHand,
  requireLive,
  requireMayTouch,
  type RuleContext,
} from './common.js';

/** Where a transfer sends the ticket: a service, and maybe one counter alone. */
function transferTarget(d: Draft, ctx: RuleContext, source: Ticket, cmd: TransferAction): { serviceId: ServiceId; targetCounterId: CounterId | null } {
  let serviceId = source.serviceId;
  if (cmd.target.kind === 'service') {
    const service = d.service(cmd.target.serviceId);
    if (!service) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${cmd.target.serviceId}`);
    if (!isIssuing(d, service, ctx.now)) throw new LaysoError('SERVICE_CLOSED', `${service.nameVi} is closed`);
    serviceId = service.id;
  }
  const counterId = cmd.target.counterId;
  if (counterId === undefined) return { serviceId, targetCounterId: null };
  const target = d.counter(counterId);
  if (!target) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${counterId}`);
  if (target.state === 'closed') throw new LaysoError('COUNTER_CLOSED', `counter ${target.number} is closed`);
  return { serviceId, targetCounterId: target.id };
}

/**
 * Transfer keeps the number and the original issue time: the entry ends as `transferred` and a
 * new waiting entry takes its place in the target queue, at the front of its priority class, at
 * the back, or by original issue time. A transfer to one counter is seen by that counter alone.
 */
export function transfer(d: Draft, ctx: RuleContext, cmd: TransferAction): { ticket: Ticket } {
  const counter = requireCounter(d, cmd.counterId);
  requireActsFor(counter, ctx.actor);
  const source = cmd.ticketId ? requireLive(d, cmd.ticketId) : requireInHand(d, counter);
  if (!canTransition(source.state, 'transferred')) {
    throw new LaysoError('INVALID_STATE', `a ${source.state} ticket cannot be transferred`);
  }
  requireMayTouch(d, source, ctx.actor);
  const { serviceId, targetCounterId } = transferTarget(d, ctx, source, cmd);
  const allowPriority = d.service(serviceId)?.allowPriority ?? false;
  const priority = allowPriority ? (cmd.priority === undefined ? source.priority : cmd.priority) : null;
  const place =
    cmd.position === 'front'
      ? { queueKey: -ctx.now, queueTie: -d.takeTie() }
      : cmd.position === 'back'
        ? { queueKey: ctx.now, queueTie: d.takeTie() }
        : { queueKey: source.issuedAt, queueTie: source.queueTie };
  putTicket(d, ctx, { ...source, state: 'transferred', finishedAt: ctx.now });
  const entry: Ticket = {
    ...source,
    ...place,
    id: ctx.newTicketId(),
    serviceId,
    priority,
    state: 'waiting',
    targetCounterId,
    ...NOT_YET_CALLED,
    transferredFromId: source.id,
    // The booking was kept at the first service; the next queue is a walk-in's.
    slotAt: null,
  };
  d.putTicket(entry, { created: true });
  record(d, ctx, {
    type: 'ticket.transferred',
    ticketId: source.id,
    serviceId: source.serviceId,
    counterId: source.counterId,
    data: { to: entry.id, serviceId, targetCounterId, position: cmd.position, priority },
  });
  return { ticket: entry };
}

/**
 * The place K places from the head of a ticket's queue: among the waiting tickets of its service
 * and rank class, held ones not counted. With K or fewer waiting it goes to the back.
 */
export function placeKDown(d: Draft, t: Ticket, k: number, now: number): { queueKey: number; queueTie: number } {
  const rank = rankOf(t, d.settings.queue);
  const queue = [...d.waitingOf(t.serviceId)]
    .filter((x) => x.id !== t.id && !x.onHold && rankOf(x, d.settings.queue) === rank)
    .sort(byQueuePlace);
  if (k >= queue.length) return { queueKey: now, queueTie: d.takeTie() };
  // Strictly between two neighbouring places of the whole live queue: a held ticket (not counted
  // as a place) or one of another class or service may stand right there, and two tickets at one
  // place would be ordered by how they happen to be stored.
  if (k === 0) {
    const after = queue[0]!;
    const below = nearestTie(d, t, after, -1);
    return { queueKey: after.queueKey, queueTie: below === null ? after.queueTie - 0.5 : (below + after.queueTie) / 2 };
  }
  const before = queue[k - 1]!;
  const above = nearestTie(d, t, before, 1);
  return { queueKey: before.queueKey, queueTie: above === null ? before.queueTie + 0.5 : (before.queueTie + above) / 2 };
}

/** The tie of the live ticket nearest to a place at the same queue key, above it (1) or below it (−1). */
function nearestTie(d: Draft, self: Ticket, p: Pick<Ticket, 'queueKey' | 'queueTie'>, dir: 1 | -1): number | null {
  let best: number | null = null;
  for (const x of d.liveTickets()) {
    if (x.id === self.id || x.queueKey !== p.queueKey) continue;
    const gap = (x.queueTie - p.queueTie) * dir;
    if (gap > 0 && (best === null || gap < (best - p.queueTie) * dir)) best = x.queueTie;
  }
  return best;
}

/** Bring a no-show back: at its original issue time, or K places from the head (a setting). */
export function requeue(d: Draft, ctx: RuleContext, cmd: TicketAction): { ticket: Ticket } {
  const t = requireLive(d, cmd.ticketId);
  requireMayTouch(d, t, ctx.actor);
  if (t.state !== 'no_show') throw new LaysoError('INVALID_STATE', 'only a no-show can be brought back');
  const rule = d.settings.queue.noShowReturn;
  const place = rule.kind === 'original' ? { queueKey: t.issuedAt, queueTie: t.queueTie } : placeKDown(d, t, rule.places, ctx.now);
  // An appointment ticket brought back comes back as a walk-in: the booking was for the call it missed.
  const next: Ticket = { ...t, ...place, state: 'waiting', counterId: null, finishedAt: null, onHold: false, slotAt: null };
  putTicket(d, ctx, next);
  record(d, ctx, { type: 'ticket.requeued', ticketId: t.id, serviceId: t.serviceId });
  return { ticket: next };
}

/** A cancelled ticket never comes back. */
export function cancel(d: Draft, ctx: RuleContext, cmd: TicketAction): { ticket: Ticket } {
  const t = requireLive(d, cmd.ticketId);
  requireMayTouch(d, t, ctx.actor);
  if (!canTransition(t.state, 'cancelled')) throw new LaysoError('INVALID_STATE', `a ${t.state} ticket cannot be cancelled`);
  const next: Ticket = { ...t, state: 'cancelled', finishedAt: ctx.now };
  putTicket(d, ctx, next);
  record(d, ctx, { type: 'ticket.cancelled', ticketId: t.id, serviceId: t.serviceId, counterId: t.counterId });
  return { ticket: next };
}

/** A held ticket is skipped (and can't be called by number) until released; it keeps its place. */
export function hold(d: Draft, ctx: RuleContext, cmd: HoldAction): { ticket: Ticket } {
  const t = requireLive(d, cmd.ticketId);
  requireMayTouch(d, t, ctx.actor);
  if (t.state !== 'waiting') throw new LaysoError('INVALID_STATE', 'only a waiting ticket can be held');
  if (t.onHold === cmd.hold) return { ticket: t };
  const next: Ticket = { ...t, onHold: cmd.hold };
  putTicket(d, ctx, next);
  record(d, ctx, { type: cmd.hold ? 'ticket.held' : 'ticket.released', ticketId: t.id, serviceId: t.serviceId });
  return { ticket: next };
}

export function note(d: Draft, ctx: RuleContext, cmd: NoteAction): { ticket: Ticket } {
  const t = requireLive(d, cmd.ticketId);
  requireMayTouch(d, t, ctx.actor);
  const next: Ticket = { ...t, note: cmd.note === '' ? null : cmd.note };
  putTicket(d, ctx, next);
  record(d, ctx, { type: 'ticket.noted', ticketId: t.id, serviceId: t.serviceId, data: { note: next.note } });
  return { ticket: next };
}

