/**
 * The live queue's figures must equal a plain count over the waiting tickets, however the day
 * grows: the place of each new ticket of a batch, the waiting counts and the oldest wait.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUEUE_POLICY,
  type PriorityCategory,
  type QueueHistory,
  type ServiceId,
  type Settings,
  type Ticket,
  peopleAhead,
} from '@layso/shared';
import { settingsFixture, ticketFixture } from '@layso/shared/testing';
import { LiveQueue } from './live-queue.js';

const S = (id: string): ServiceId => id as ServiceId;
const none: QueueHistory = { pastTicket: () => undefined, numberGiven: () => false, numberGivenIn: () => null, idEverUsed: () => false, rated: () => false };

const settings = (weights: Record<PriorityCategory, number>): Settings => settingsFixture({ queue: { ...DEFAULT_QUEUE_POLICY, priorityWeights: weights } });

let n = 0;
function ticket(serviceId: ServiceId, priority: PriorityCategory | null, key: number, onHold = false): Ticket {
  n++;
  return ticketFixture(n, { serviceId, priority, issuedAt: key, queueKey: key, onHold });
}

const arbPriority = fc.constantFrom<PriorityCategory | null>(null, null, null, 'elderly', 'disabled', 'veteran');
const arbTicket = fc.record({ service: fc.constantFrom('a', 'b'), priority: arbPriority, hold: fc.boolean() });

describe('LiveQueue figures', () => {
  it('counts the people ahead of every new ticket of a batch as a scan would', () => {
    fc.assert(
      fc.property(
        fc.array(arbTicket, { maxLength: 30 }),
        fc.array(fc.record({ service: fc.constantFrom('a', 'b'), priority: arbPriority }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (before, batch, w) => {
          const s = settings({ elderly: 1, disabled: 1 + w, pregnant_or_child: 1, veteran: 2 });
          const existing = before.map((b, i) => ticket(S(b.service), b.priority, 1000 + i, b.hold));
          const q = new LiveQueue({ settings: s, today: '2026-03-10', services: [], counters: [], tickets: existing, nextTie: 0, recentCalls: [], history: none, loadLastNumber: () => null });
          const fresh = batch.map((b) => ticket(S(b.service), b.priority, 5000));
          q.apply({ tickets: fresh.map((t) => ({ ticket: t, created: true, requestId: null, deviceId: null, officerId: null })), counters: [], services: [], removedServiceIds: [], removedCounterIds: [], settings: null, numbers: [], nextTie: 0, dayTurnedTo: null, appointments: [], events: [], warnings: [], ratings: [] }, []);
          const all = [...existing, ...fresh];
          expect(q.peopleAheadOfNew(fresh)).toEqual(fresh.map((t) => peopleAhead(t, all, s.queue)));
          for (const id of ['a', 'b']) {
            const waiting = all.filter((t) => t.serviceId === id);
            expect(q.waitingCount(S(id))).toEqual({
              waiting: waiting.length,
              waitingPriority: waiting.filter((t) => t.priority !== null).length,
              oldest: waiting.length ? Math.min(...waiting.map((t) => t.issuedAt)) : null,
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
