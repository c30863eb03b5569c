/**
 * The queue's rulebook: every command a centre's queue takes, decided by one pure function.
 *
 *   decide(state, command, { actor, now, newTicketId }) → { ok, result, changes } | { ok: false, error }
 *
 * It reads the state and never changes it; the changes it returns are what the server writes in
 * one transaction and then applies, or what a model applies in a test. Each rule lives in one
 * file under `rules/`: issue.ts (numbers), counter.ts (open, pause, close, the calling cycle),
 * tickets.ts (transfer, requeue, cancel, hold, note), day.ts (the business day), catalog.ts
 * (settings, services, counters), rating.ts (citizens' ratings); who may do what is in rules/common.ts.
 */
import { LaysoError, type ErrorCode } from '../protocol/errors.js';
import type {
  CallNumberAction,
  CounterAction,
  HoldAction,
  IssueAction,
  NoteAction,
  PauseAction,
  RateAction,
  TicketAction,
  TransferAction,
} from './commands.js';
import type { BusinessDate, Counter, CounterId, Rating, Service, ServiceId, Settings, Ticket } from './model.js';
import { Draft, type Changes, type QueueState } from './queue-state.js';
import type { RuleContext } from './rules/common.js';
import { issueTicket } from './rules/issue.js';
import {
  callNext,
  callNumber,
  closeCounter,
  type CounterOutcome,
  doneAndCallNext,
  done,
  noShow,
  openCounter,
  pauseCounter,
  recall,
  resumeCounter,
  start,
} from './rules/counter.js';
import { cancel, hold, note, requeue, transfer } from './rules/tickets.js';
import { turnDay } from './rules/day.js';
import { rate } from './rules/rating.js';
import { deleteCounter, deleteService, saveCounter, saveService, updateSettings } from './rules/catalog.js';

export type { RuleContext } from './rules/common.js';
export type { CounterOutcome } from './rules/counter.js';

/** The commands at a counter that take only the counter (and the ticket the officer saw). */
export const COUNTER_COMMANDS = [
  'counter.open',
  'counter.resume',
  'counter.close',
  'counter.callNext',
  'counter.doneAndCallNext',
  'ticket.recall',
  'ticket.start',
  'ticket.done',
  'ticket.noShow',
] as const;
export type CounterCommandType = (typeof COUNTER_COMMANDS)[number];

/** Every command the queue takes. */
export type QueueCommand =
  | ({ type: 'ticket.issue'; requestId: string | null; deviceId: string } & IssueAction)
  | ({ type: CounterCommandType } & CounterAction)
  | ({ type: 'counter.pause' } & PauseAction)
  | ({ type: 'counter.callNumber' } & CallNumberAction)
  | ({ type: 'ticket.transfer' } & TransferAction)
  | ({ type: 'ticket.requeue' | 'ticket.cancel' } & TicketAction)
  | ({ type: 'ticket.hold' } & HoldAction)
  | ({ type: 'ticket.note' } & NoteAction)
  | ({ type: 'ticket.rate' } & RateAction)
  | { type: 'day.turn'; date: BusinessDate }
  | { type: 'settings.update'; settings: Settings }
  | { type: 'service.save'; service: Service; create: boolean }
  | { type: 'service.delete'; serviceId: ServiceId }
  | { type: 'counter.save'; counter: Counter; create: boolean }
  | { type: 'counter.delete'; counterId: CounterId };

/** What each command answers when it succeeds. */
export type ResultOf<C extends QueueCommand> = C['type'] extends 'ticket.issue'
  ? { ticket: Ticket }
  : C['type'] extends CounterCommandType | 'counter.pause' | 'counter.callNumber'
    ? CounterOutcome
    : C['type'] extends 'ticket.transfer' | 'ticket.requeue' | 'ticket.cancel' | 'ticket.hold' | 'ticket.note'
      ? { ticket: Ticket }
      : C['type'] extends 'ticket.rate'
        ? { rating: Rating }
      : C['type'] extends 'day.turn'
        ? { turned: boolean }
        : C['type'] extends 'settings.update'
          ? Settings
          : C['type'] extends 'service.save'
            ? Service
            : C['type'] extends 'counter.save'
              ? Counter
              : null;

export interface QueueError {
  code: ErrorCode;
  message: string;
}

export type Decision<R> = { ok: true; result: R; changes: Changes } | { ok: false; error: QueueError };

function run(d: Draft, ctx: RuleContext, c: QueueCommand): unknown {
  switch (c.type) {
    case 'ticket.issue':
      return issueTicket(d, ctx, c);
    case 'counter.open':
      return openCounter(d, ctx, c);
    case 'counter.pause':
      return pauseCounter(d, ctx, c);
    case 'counter.resume':
      return resumeCounter(d, ctx, c);
    case 'counter.close':
      return closeCounter(d, ctx, c);
    case 'counter.callNext':
      return callNext(d, ctx, c);
    case 'counter.doneAndCallNext':
      return doneAndCallNext(d, ctx, c);
    case 'counter.callNumber':
      return callNumber(d, ctx, c);
    case 'ticket.recall':
      return recall(d, ctx, c);
    case 'ticket.start':
      return start(d, ctx, c);
    case 'ticket.done':
      return done(d, ctx, c);
    case 'ticket.noShow':
      return noShow(d, ctx, c);
    case 'ticket.transfer':
      return transfer(d, ctx, c);
    case 'ticket.requeue':
      return requeue(d, ctx, c);
    case 'ticket.cancel':
      return cancel(d, ctx, c);
    case 'ticket.hold':
      return hold(d, ctx, c);
    case 'ticket.note':
      return note(d, ctx, c);
    case 'ticket.rate':
      return rate(d, ctx, c);
    case 'day.turn':
      return { turned: turnDay(d, ctx, c.date) };
    case 'settings.update':
      return updateSettings(d, ctx, c.settings);
    case 'service.save':
      return saveService(d, ctx, c.service, c.create);
    case 'counter.save':
      return saveCounter(d, ctx, c.counter, c.create);
    case 'service.delete':
      deleteService(d, ctx, c.serviceId);
      return null;
    case 'counter.delete':
      deleteCounter(d, ctx, c.counterId);
      return null;
  }
}

/**
 * Decide one command against a state: its answer and everything it changes, or the rule it
 * breaks. The state is only read.
 */
export function decide<C extends QueueCommand>(state: QueueState, command: C, ctx: RuleContext): Decision<ResultOf<C>> {
  const d = new Draft(state);
  try {
    const result = run(d, ctx, command) as ResultOf<C>;
    return { ok: true, result, changes: d.changes() };
  } catch (e) {
    if (e instanceof LaysoError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}
