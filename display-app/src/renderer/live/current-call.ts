/**
 * Whether a call on the wall is still a call: its ticket is still called to that counter, and
 * the counter is open. A ticket transferred, finished, started or no-show, or a counter paused or
 * closed, ends the call: the big "now calling" stops showing it (the recent calls keep it).
 */
import type { CallView, CounterView } from '@layso/shared';

export function isStillCalling(call: Pick<CallView, 'ticketId' | 'counterId'>, counters: readonly CounterView[]): boolean {
  const counter = counters.find((c) => c.id === call.counterId);
  return counter !== undefined && counter.state === 'open' && counter.inHand?.id === call.ticketId && counter.inHand.state === 'called';
}

/** The newest call of the area that is still a call, if any. */
export function currentCall<C extends Pick<CallView, 'ticketId' | 'counterId'>>(calls: readonly C[], counters: readonly CounterView[]): C | null {
  return calls.find((c) => isStillCalling(c, counters)) ?? null;
}
