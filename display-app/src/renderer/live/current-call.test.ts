import { describe, expect, it } from 'vitest';
import type { CounterView, TicketInHand } from '@layso/shared';
import { currentCall, isStillCalling } from './current-call.js';

const inHand = (id: string, state: TicketInHand['state']): TicketInHand =>
  ({ id, displayNumber: id, serviceId: 's', state, priority: null, calledAt: 1, startedAt: null }) as TicketInHand;
const counter = (id: string, state: CounterView['state'], hand: TicketInHand | null): CounterView =>
  ({ id, number: 1, name: 'Quầy 1', serviceIds: [], state, officerId: null, pauseReason: null, priorityStreak: 0, inHand: hand, officerName: null }) as unknown as CounterView;

describe('isStillCalling', () => {
  const call = { ticketId: 't1', counterId: 'q1' } as never;
  it('is a call while the ticket is called to an open counter', () => {
    expect(isStillCalling(call, [counter('q1', 'open', inHand('t1', 'called'))])).toBe(true);
  });
  it('is no longer a call once transferred, done, started, or the counter paused', () => {
    expect(isStillCalling(call, [counter('q1', 'open', null)])).toBe(false);
    expect(isStillCalling(call, [counter('q1', 'open', inHand('t2', 'called'))])).toBe(false);
    expect(isStillCalling(call, [counter('q1', 'open', inHand('t1', 'serving'))])).toBe(false);
    expect(isStillCalling(call, [counter('q1', 'paused', inHand('t1', 'called'))])).toBe(false);
    expect(isStillCalling(call, [])).toBe(false);
  });
  it('picks the newest call still current', () => {
    const calls = [
      { ticketId: 't9', counterId: 'q2' },
      { ticketId: 't1', counterId: 'q1' },
    ];
    expect(currentCall(calls as never[], [counter('q1', 'open', inHand('t1', 'called')), counter('q2', 'open', null)])).toBe(calls[1]);
  });
});
