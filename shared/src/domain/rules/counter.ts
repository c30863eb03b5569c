/** A counter's day: open, pause, close, and the calling cycle call → start → done / no-show. */
import { LaysoError } from '../../protocol/errors.js';
import type { CallNumberAction, CounterAction, PauseAction } from '../commands.js';
import type { Counter, Ticket } from '../model.js';
import type { Draft } from '../queue-state.js';
import { chooseNext, isEligible } from '../policy.js';
import {
  call,
  finish,
  putTicket,
  record,
  requireActsFor,
  requireCalling,
  requireCounter,
  requireInHand,
  requireSeen,
  type RuleContext,
} from './common.js';

/** What every counter command answers: the counter after it, and the ticket it acted on. */
export interface CounterOutcome {
  counter: Counter;
  ticket: Ticket | null;
}

/**
 * The common frame of a counter command: the counter exists, is not closed (but for opening and
 * closing), the actor acts for it, and the ticket the officer saw is still the one in hand.
 */
function atCounter(
  d: Draft,
  ctx: RuleContext,
  cmd: CounterAction,
  body: (counter: Counter) => Ticket | null,
  opts: { anyOfficer?: boolean; whenClosed?: boolean } = {},
): CounterOutcome {
  const counter = requireCounter(d, cmd.counterId);
  if (!opts.whenClosed && counter.state === 'closed') {
    throw new LaysoError('COUNTER_CLOSED', `counter ${counter.number} is closed`);
  }
  if (!opts.anyOfficer) requireActsFor(counter, ctx.actor);
  requireSeen(d, counter, cmd.ticketId);
  const ticket = body(counter);
  return { counter: d.counter(counter.id) ?? counter, ticket: ticket ?? d.inHandOf(counter.id) ?? null };
}

/** An officer opens a counter and sits at it; leaving the previous one closes that one. */
export function openCounter(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    const actor = ctx.actor;
    if (actor.kind !== 'staff') throw new LaysoError('FORBIDDEN', 'only staff open counters');
    if (counter.state !== 'closed' && counter.officerId === actor.userId) return null;
    if (counter.state !== 'closed' && counter.officerId !== null) {
      throw new LaysoError('COUNTER_TAKEN', `counter ${counter.number} is open for another officer`);
    }
    for (const other of [...d.counters()]) {
      if (other.id === counter.id || other.officerId !== actor.userId || other.state === 'closed') continue;
      if (d.inHandOf(other.id)) {
        throw new LaysoError('COUNTER_BUSY', `finish the ticket at counter ${other.number} first`);
      }
      d.putCounter({ ...other, state: 'closed', officerId: null, pauseReason: null });
      record(d, ctx, { type: 'counter.closed', counterId: other.id });
    }
    d.putCounter({ ...counter, state: 'open', officerId: actor.userId, pauseReason: null, priorityStreak: 0 });
    record(d, ctx, { type: 'counter.opened', counterId: counter.id });
    return null;
  }, { anyOfficer: true, whenClosed: true });
}

export function pauseCounter(d: Draft, ctx: RuleContext, cmd: PauseAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    if (counter.state === 'paused') return null;
    d.putCounter({ ...counter, state: 'paused', pauseReason: cmd.reason });
    record(d, ctx, { type: 'counter.paused', counterId: counter.id, data: { reason: cmd.reason } });
    return null;
  });
}

export function resumeCounter(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    if (counter.state === 'open') return null;
    d.putCounter({ ...counter, state: 'open', pauseReason: null });
    record(d, ctx, { type: 'counter.resumed', counterId: counter.id });
    return null;
  });
}

/** Closing is refused while a ticket is in hand: finish, transfer or mark it first. */
export function closeCounter(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    if (counter.state === 'closed') return null;
    if (d.inHandOf(counter.id)) {
      throw new LaysoError('COUNTER_BUSY', 'finish, transfer or mark the ticket in hand first');
    }
    d.putCounter({ ...counter, state: 'closed', officerId: null, pauseReason: null });
    record(d, ctx, { type: 'counter.closed', counterId: counter.id });
    return null;
  }, { whenClosed: true });
}

/** The tickets a counter may be given: its services' waiting tickets and those sent to it alone. */
function candidates(d: Draft, counter: Counter): Ticket[] {
  const out: Ticket[] = [];
  for (const s of counter.serviceIds) for (const t of d.waitingOf(s)) if (isEligible(counter, t)) out.push(t);
  for (const t of d.targetedAt(counter.id)) if (!counter.serviceIds.includes(t.serviceId) && isEligible(counter, t)) out.push(t);
  return out;
}

function callNextAt(d: Draft, ctx: RuleContext, counter: Counter): Ticket | null {
  const next = chooseNext(counter, candidates(d, counter), ctx.now, d.settings.queue);
  return next ? call(d, ctx, counter, next) : null;
}

/** Call the next ticket under the centre's policy. Refused with a ticket still in hand. */
export function callNext(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    requireCalling(d, counter);
    const called = callNextAt(d, ctx, counter);
    if (!called) throw new LaysoError('QUEUE_EMPTY', 'no ticket waits for this counter');
    return called;
  });
}

/**
 * "Done and call next": its own explicit action, so a plain call-next never drops a ticket. The
 * ticket in hand is finished even when nobody waits (its service time stops); the answer then
 * carries no ticket. With nothing in hand and nobody waiting it is `QUEUE_EMPTY`.
 */
export function doneAndCallNext(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  const outcome = atCounter(d, ctx, cmd, (counter) => {
    const inHand = d.inHandOf(counter.id);
    if (inHand) finish(d, ctx, inHand);
    if (counter.state === 'paused') {
      if (inHand) return null;
      throw new LaysoError('COUNTER_PAUSED', `counter ${counter.number} is paused`);
    }
    const called = callNextAt(d, ctx, d.counter(counter.id) ?? counter);
    if (!called && !inHand) throw new LaysoError('QUEUE_EMPTY', 'no ticket waits for this counter');
    return called;
  });
  // Nobody was called: the answer says so, rather than naming the ticket just finished.
  return { counter: outcome.counter, ticket: d.inHandOf(outcome.counter.id) ?? null };
}

/**
 * Call a given number out of order: a waiting ticket, or a no-show who came back, of the
 * counter's services (or sent to it). A held ticket is not called until it is released.
 */
export function callNumber(d: Draft, ctx: RuleContext, cmd: CallNumberAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    requireCalling(d, counter);
    const wanted = cmd.displayNumber.toUpperCase();
    const found: Ticket[] = [];
    for (const t of d.liveTickets()) {
      if (t.displayNumber.toUpperCase() !== wanted) continue;
      if (t.state !== 'waiting' && t.state !== 'no_show') continue;
      if (cmd.serviceId !== undefined && t.serviceId !== cmd.serviceId) continue;
      found.push(t);
    }
    const t = found.find((c) => c.state === 'waiting') ?? found[0];
    if (!t) throw new LaysoError('TICKET_NOT_FOUND', `số ${cmd.displayNumber} không có trong hàng chờ`);
    const servable = t.targetCounterId === null ? counter.serviceIds.includes(t.serviceId) : t.targetCounterId === counter.id;
    if (!servable) {
      throw new LaysoError('NOT_ELIGIBLE', `số ${t.displayNumber} không thuộc dịch vụ của quầy ${counter.number}`);
    }
    if (t.onHold) throw new LaysoError('TICKET_ON_HOLD', `số ${t.displayNumber} đang được giữ lại: bỏ giữ trước khi gọi`);
    return call(d, ctx, counter, { ...t, state: 'waiting' });
  });
}

/** Recall re-announces the ticket in hand; it changes no order and no timestamp. */
export function recall(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    const t = requireInHand(d, counter);
    if (t.state !== 'called') throw new LaysoError('INVALID_STATE', 'only a called ticket can be recalled');
    const next = { ...t, callCount: t.callCount + 1 };
    putTicket(d, ctx, next);
    record(d, ctx, {
      type: 'ticket.recalled',
      ticketId: t.id,
      serviceId: t.serviceId,
      counterId: counter.id,
      call: { ticket: next, counter, recall: true },
    });
    return next;
  });
}

export function start(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    const t = requireInHand(d, counter);
    if (t.state !== 'called') throw new LaysoError('INVALID_STATE', 'the ticket is already being served');
    const next: Ticket = { ...t, state: 'serving', startedAt: ctx.now };
    putTicket(d, ctx, next);
    record(d, ctx, { type: 'ticket.started', ticketId: t.id, serviceId: t.serviceId, counterId: counter.id });
    return next;
  });
}

/** Done is accepted straight from called (service time then counts from the call). */
export function done(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => finish(d, ctx, requireInHand(d, counter)));
}

export function noShow(d: Draft, ctx: RuleContext, cmd: CounterAction): CounterOutcome {
  return atCounter(d, ctx, cmd, (counter) => {
    const t = requireInHand(d, counter);
    if (t.state !== 'called') throw new LaysoError('INVALID_STATE', 'a ticket being served cannot be a no-show');
    const next: Ticket = { ...t, state: 'no_show', finishedAt: ctx.now };
    putTicket(d, ctx, next);
    record(d, ctx, { type: 'ticket.no_show', ticketId: t.id, serviceId: t.serviceId, counterId: counter.id });
    return next;
  });
}
