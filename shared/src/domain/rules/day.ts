/** The business day: numbering restarts, yesterday's queue closes, every counter closes. */
import type { BusinessDate } from '../model.js';
import type { Draft } from '../queue-state.js';
import { putTicket, record, type RuleContext } from './common.js';

/**
 * Start the business day `date` (or, on the same day, close what an earlier day left live).
 * Tickets of earlier days still live expire, or the waiting ones carry over (a setting); when
 * the date turns every open counter closes, and officers open theirs again in the morning.
 * Returns whether anything changed.
 */
export function turnDay(d: Draft, ctx: RuleContext, date: BusinessDate): boolean {
  const carry = d.settings.endOfDay === 'carryOver';
  const stale = [...d.liveTickets()].filter((t) => t.businessDate < date && !(carry && t.state === 'waiting'));
  const turned = date !== d.today;
  if (!turned && stale.length === 0) return false;
  if (turned) d.turnDay(date);
  for (const t of stale) {
    putTicket(d, ctx, { ...t, state: 'expired', finishedAt: ctx.now });
    record(d, ctx, { type: 'ticket.expired', ticketId: t.id, serviceId: t.serviceId, data: { from: t.state } });
  }
  if (turned) {
    for (const c of [...d.counters()]) {
      if (c.state === 'closed') continue;
      d.putCounter({ ...c, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0 });
      record(d, ctx, { type: 'counter.closed', counterId: c.id, data: { reason: 'end of day' } });
    }
    record(d, ctx, { type: 'day.started', data: { businessDate: date } });
  }
  return true;
}
