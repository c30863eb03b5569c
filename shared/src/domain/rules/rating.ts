/**
 * Citizens' ratings: one per served ticket entry, so a transferred citizen rates each counter that
 * served them; only a ticket a counter served (done, or transferred on from a counter) can be
 * rated, by the phone that holds its id or by the tablet of the counter that served it; a second
 * rating is refused with `ALREADY_RATED`; a low score needs a reason from the centre's list.
 */
import { LaysoError } from '../../protocol/errors.js';
import type { RateAction } from '../commands.js';
import type { Rating, Ticket } from '../model.js';
import type { Draft } from '../queue-state.js';
import { PHONE_RATING_WINDOW_MS, TABLET_RATING_WINDOW_MS, isLowScore, isSatisfied, maxLevel } from '../rating.js';
import { record, type RuleContext } from './common.js';

/** Whether a counter served this ticket entry: finished there, or sent on from there. */
export function servedAtCounter(t: Ticket): boolean {
  return t.counterId !== null && t.finishedAt !== null && (t.state === 'done' || (t.state === 'transferred' && t.calledAt !== null));
}

export function rate(d: Draft, ctx: RuleContext, cmd: RateAction): { rating: Rating } {
  const actor = ctx.actor;
  if (actor.kind !== 'phone' && actor.kind !== 'tablet') throw new LaysoError('FORBIDDEN', 'only the citizen rates, from the phone or the counter tablet');
  const t = d.ticket(cmd.ticketId) ?? d.history.pastTicket(cmd.ticketId);
  if (!t) throw new LaysoError('TICKET_NOT_FOUND', 'no such ticket');
  if (!servedAtCounter(t) || t.counterId === null || t.finishedAt === null) {
    throw new LaysoError('INVALID_STATE', 'only a ticket a counter has served can be rated');
  }
  if (actor.kind === 'tablet' && actor.counterId !== t.counterId) {
    throw new LaysoError('FORBIDDEN', "a counter's tablet rates only the tickets of its counter");
  }
  if (d.history.rated(t.id)) throw new LaysoError('ALREADY_RATED', 'this visit was already rated; thank you');
  const window = actor.kind === 'tablet' ? TABLET_RATING_WINDOW_MS : PHONE_RATING_WINDOW_MS;
  if (ctx.now - t.finishedAt > window) throw new LaysoError('INVALID_STATE', 'the time to rate this visit has passed');
  const { scale, reasons: offered } = d.settings.rating;
  if (cmd.level > maxLevel(scale)) throw new LaysoError('VALIDATION', `level ${cmd.level} is not on the ${scale}-level scale`);
  const low = isLowScore(scale, cmd.level);
  const reasons = low ? [...new Set(cmd.reasons)] : [];
  for (const r of reasons) if (!offered.includes(r)) throw new LaysoError('VALIDATION', 'a reason that is not on the list');
  if (low && reasons.length === 0 && offered.length > 0) throw new LaysoError('RATING_REASON_REQUIRED', 'a low score needs a reason');
  const rating: Rating = {
    ticketId: t.id,
    serviceId: t.serviceId,
    counterId: t.counterId,
    businessDate: t.businessDate,
    at: ctx.now,
    scale,
    level: cmd.level,
    satisfied: isSatisfied(scale, cmd.level),
    low,
    reasons,
    comment: cmd.comment,
    source: actor.kind,
  };
  d.putRating(rating);
  // The free text stays out of the event log: events leave for the province hub.
  record(d, ctx, {
    type: 'ticket.rated',
    ticketId: t.id,
    serviceId: t.serviceId,
    counterId: t.counterId,
    data: { scale, level: cmd.level, satisfied: rating.satisfied, reasons, source: actor.kind, comment: cmd.comment !== null },
  });
  return { rating };
}
