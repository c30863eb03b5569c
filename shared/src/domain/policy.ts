/**
 * The next-ticket choice: a pure function of (counter, waiting tickets, time, policy). The server,
 * the simulator and the wait estimate all call this one function.
 */
import type { Counter, QueuePolicy, Ticket } from './model.js';

/** The fields of a ticket the choice looks at. */
export type QueuedTicket = Pick<
  Ticket,
  'id' | 'serviceId' | 'priority' | 'queueKey' | 'queueTie' | 'targetCounterId' | 'onHold' | 'state'
>;

export type PolicyCounter = Pick<Counter, 'id' | 'serviceIds' | 'state' | 'priorityStreak'>;

/** Whether a counter may be given this ticket at all (service, hold, target counter, state). */
export function isEligible(counter: PolicyCounter, t: QueuedTicket): boolean {
  return (
    t.state === 'waiting' &&
    !t.onHold &&
    (t.targetCounterId === null
      ? counter.serviceIds.includes(t.serviceId)
      : t.targetCounterId === counter.id)
  );
}

function weightOf(t: Pick<QueuedTicket, 'priority'>, policy: QueuePolicy): number {
  return t.priority === null ? 0 : (policy.priorityWeights[t.priority] ?? 1);
}

/**
 * A ticket's rank under `strict`: every priority ticket before every normal one, and among
 * priority tickets the heavier category first (all categories weigh the same by default).
 */
export function rankOf(t: Pick<QueuedTicket, 'priority'>, policy: QueuePolicy): number {
  return t.priority === null ? -1 : weightOf(t, policy);
}

function byQueuePlace(a: QueuedTicket, b: QueuedTicket): number {
  return a.queueKey - b.queueKey || a.queueTie - b.queueTie;
}

function makeComparator(
  counter: PolicyCounter,
  policy: QueuePolicy,
  now: number,
  mode: 'strict' | 'aging' | 'ignorePriority',
): (a: QueuedTicket, b: QueuedTicket) => number {
  // A ticket transferred to this counter in particular ranks with its service, or first when the
  // counter does not serve that service (the citizen has already waited once).
  const pref = (t: QueuedTicket): number =>
    policy.crossService === 'preference' ? Math.max(counter.serviceIds.indexOf(t.serviceId), 0) : 0;
  return (a, b) => {
    if (mode === 'strict') {
      const ra = rankOf(a, policy);
      const rb = rankOf(b, policy);
      if (ra !== rb) return rb - ra;
    } else if (mode === 'aging') {
      const wa = weightOf(a, policy);
      const wb = weightOf(b, policy);
      const sa = (now - a.queueKey) * (wa + 1);
      const sb = (now - b.queueKey) * (wb + 1);
      if (sa !== sb) return sb - sa;
      if (wa !== wb) return wb - wa;
    }
    return pref(a) - pref(b) || byQueuePlace(a, b);
  };
}

function best(
  tickets: readonly QueuedTicket[],
  cmp: (a: QueuedTicket, b: QueuedTicket) => number,
): QueuedTicket | null {
  let top: QueuedTicket | null = null;
  for (const t of tickets) if (top === null || cmp(t, top) < 0) top = t;
  return top;
}

/**
 * The ticket a counter should call next, or null when nothing it may take is waiting.
 * A paused or closed counter is given nothing.
 *
 * - strict: priority tickets first across all the counter's services (the heavier category first),
 *   then the counter's service preference (or the oldest first), then queue place (issue time,
 *   ties in issue order).
 * - alternate: as strict, but after `alternateMaxInRow` priority calls in a row a normal ticket
 *   goes next if one waits; the counter is never idle while anything waits.
 * - aging: score = wait × (weight + 1), higher first; equal scores go to the higher weight, then
 *   the preference order, then the earlier queue place.
 */
export function chooseNext<T extends QueuedTicket>(
  counter: PolicyCounter,
  waiting: readonly T[],
  now: number,
  policy: QueuePolicy,
): T | null {
  if (counter.state !== 'open') return null;
  const eligible = waiting.filter((t) => isEligible(counter, t));
  if (eligible.length === 0) return null;
  if (policy.priority === 'aging') {
    return best(eligible, makeComparator(counter, policy, now, 'aging')) as T | null;
  }
  if (policy.priority === 'alternate' && counter.priorityStreak >= policy.alternateMaxInRow) {
    const normal = best(
      eligible.filter((t) => t.priority === null),
      makeComparator(counter, policy, now, 'ignorePriority'),
    );
    if (normal) return normal as T;
  }
  return best(eligible, makeComparator(counter, policy, now, 'strict')) as T | null;
}

/** The counter's priority streak after it calls `t`. */
export function streakAfter(counter: PolicyCounter, t: Pick<QueuedTicket, 'priority'>): number {
  return t.priority === null ? 0 : counter.priorityStreak + 1;
}

/**
 * The order in which one counter would call what waits now, if nothing else changed: the "next
 * few in line" of the officer's console.
 */
export function projectOrder<T extends QueuedTicket>(
  counter: PolicyCounter,
  waiting: readonly T[],
  now: number,
  policy: QueuePolicy,
  limit = Infinity,
): T[] {
  const order: T[] = [];
  let remaining = waiting.filter((t) => isEligible(counter, t));
  let c: PolicyCounter = { ...counter, state: 'open' };
  while (remaining.length > 0 && order.length < limit) {
    const next = chooseNext(c, remaining, now, policy);
    if (!next) break;
    order.push(next);
    c = { ...c, priorityStreak: streakAfter(c, next) };
    remaining = remaining.filter((t) => t !== next);
  }
  return order;
}

/**
 * Where a ticket stands in its own service's queue: how many waiting tickets of the service are
 * ahead of it in rank-then-queue-place order. Held tickets are not counted.
 */
export function peopleAhead(ticket: QueuedTicket, waiting: Iterable<QueuedTicket>, policy: QueuePolicy): number {
  const rank = rankOf(ticket, policy);
  let n = 0;
  for (const t of waiting) {
    if (t === ticket || t.id === ticket.id) continue;
    if (t.serviceId !== ticket.serviceId || t.state !== 'waiting' || t.onHold) continue;
    const r = rankOf(t, policy);
    if (r > rank || (r === rank && byQueuePlace(t, ticket) < 0)) n++;
  }
  return n;
}

/** Queue-place order: queue key, then the tie-breaker. */
export { byQueuePlace };
