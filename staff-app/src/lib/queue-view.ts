/**
 * What the console and the board compute from the live state: the next few in line (the same
 * `projectOrder` the server's choice uses), today's no-shows, and the per-service wait figures
 * with the manager's threshold.
 */
import {
  type CounterView,
  type QueuePolicy,
  type Service,
  type ServiceStats,
  type Ticket,
  type UserId,
  projectOrder,
} from '@layso/shared';

/** The counter a user sits at now (open or paused), if any. */
export function counterOfOfficer(counters: readonly CounterView[], userId: UserId | string): CounterView | null {
  return counters.find((c) => c.officerId === userId && c.state !== 'closed') ?? null;
}

/**
 * The tickets this counter would call next, in order, if nothing else changed. A paused counter
 * still sees what waits for it (projectOrder treats it as open).
 */
export function nextInLine(
  counter: CounterView,
  tickets: readonly Ticket[],
  now: number,
  policy: QueuePolicy,
  limit = 5,
): Ticket[] {
  return projectOrder(counter, tickets, now, policy, limit);
}

/**
 * Today's no-shows an officer may bring back: those marked at this counter, and those of the
 * services it serves. Latest first.
 */
export function noShowsFor(counter: Pick<CounterView, 'id' | 'serviceIds'>, tickets: readonly Ticket[]): Ticket[] {
  return tickets
    .filter((t) => t.state === 'no_show' && (t.counterId === counter.id || counter.serviceIds.includes(t.serviceId)))
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
}

export interface ServiceRow {
  service: Service;
  stats: ServiceStats | null;
  waiting: number;
  waitingPriority: number;
  /** How long the longest-waiting ticket has waited, ms; null when nobody waits. */
  longestWaitMs: number | null;
  /** The longest wait is past the service's threshold. */
  overThreshold: boolean;
}

/** One row per service (in the services' order), with the longest wait measured at `now`. */
export function serviceRows(
  services: readonly Service[],
  stats: Readonly<Record<string, ServiceStats>>,
  now: number,
): ServiceRow[] {
  return services.map((service) => {
    const s = stats[service.id] ?? null;
    const longestWaitMs = s && s.oldestWaitingSince !== null && s.waiting > 0 ? Math.max(0, now - s.oldestWaitingSince) : null;
    return {
      service,
      stats: s,
      waiting: s?.waiting ?? 0,
      waitingPriority: s?.waitingPriority ?? 0,
      longestWaitMs,
      overThreshold: longestWaitMs !== null && longestWaitMs > service.waitThresholdMin * 60_000,
    };
  });
}

/** How long the ticket in hand has been with the counter: since the start, else since the call. */
export function inHandSince(inHand: { calledAt: number | null; startedAt: number | null }): number | null {
  return inHand.startedAt ?? inHand.calledAt;
}
