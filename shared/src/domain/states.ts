import type { TicketState } from './model.js';

/**
 * The ticket lifecycle. `transferred` ends this queue entry; the transfer creates a new waiting
 * entry that keeps the number and the original issue time. `no_show` may come back to waiting.
 */
const TRANSITIONS: Readonly<Record<TicketState, readonly TicketState[]>> = {
  waiting: ['called', 'transferred', 'cancelled', 'expired'],
  called: ['serving', 'done', 'no_show', 'transferred', 'cancelled', 'waiting', 'expired'],
  serving: ['done', 'transferred', 'expired'],
  no_show: ['waiting'],
  done: [],
  transferred: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: TicketState, to: TicketState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which a ticket is still part of today's live queue. */
export const ACTIVE_STATES: readonly TicketState[] = ['waiting', 'called', 'serving', 'no_show'];

/** States in which a ticket is in a counter's hands. */
export const IN_HAND_STATES: readonly TicketState[] = ['called', 'serving'];

export function isInHand(state: TicketState): boolean {
  return state === 'called' || state === 'serving';
}
