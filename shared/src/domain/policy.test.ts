import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chooseNext, peopleAhead, projectOrder, streakAfter, type PolicyCounter, type QueuedTicket } from './policy.js';
import { DEFAULT_QUEUE_POLICY, PRIORITY_CATEGORIES, type QueuePolicy, type ServiceId, type CounterId, type TicketId } from './model.js';

const S = (x: string) => x as ServiceId;
const C = (x: string) => x as CounterId;
const SERVICES = [S('a'), S('b'), S('c')];
const NOW = 1_000_000;

function ticket(i: number, service: ServiceId, priority: QueuedTicket['priority'], at: number, extra: Partial<QueuedTicket> = {}): QueuedTicket {
  return { id: `t${i}` as TicketId, serviceId: service, priority, queueKey: at, queueTie: i, targetCounterId: null, onHold: false, state: 'waiting', ...extra };
}

const counter = (serviceIds: ServiceId[], extra: Partial<PolicyCounter> = {}): PolicyCounter => ({
  id: C('c1'),
  serviceIds,
  state: 'open',
  priorityStreak: 0,
  ...extra,
});

const policy = (p: Partial<QueuePolicy> = {}): QueuePolicy => ({ ...DEFAULT_QUEUE_POLICY, ...p });

/** Waiting tickets issued in order over the last minutes: service, priority, issue time. */
const arbQueue = fc
  .array(
    fc.record({
      service: fc.constantFrom(...SERVICES),
      priority: fc.option(fc.constantFrom(...PRIORITY_CATEGORIES), { freq: 3 }),
      gap: fc.integer({ min: 0, max: 60_000 }),
    }),
    { minLength: 0, maxLength: 40 },
  )
  .map((specs) => {
    let at = NOW - 40 * 60_000;
    return specs.map((s, i) => {
      at += s.gap;
      return ticket(i, s.service, s.priority, at);
    });
  });

const arbPolicy = fc.record({
  priority: fc.constantFrom('strict' as const, 'alternate' as const, 'aging' as const),
  alternateMaxInRow: fc.integer({ min: 1, max: 4 }),
  crossService: fc.constantFrom('preference' as const, 'oldestFirst' as const),
  weight: fc.integer({ min: 0, max: 5 }),
}).map((p) => policy({
  priority: p.priority,
  alternateMaxInRow: p.alternateMaxInRow,
  crossService: p.crossService,
  priorityWeights: { elderly: p.weight, disabled: p.weight, pregnant_or_child: p.weight, veteran: p.weight },
}));

const arbCounterServices = fc.subarray(SERVICES, { minLength: 1 }).chain((subset) => fc.shuffledSubarray(subset, { minLength: subset.length }));

describe('chooseNext', () => {
  it('calls priority first, then the counter preference, then issue order (strict)', () => {
    const q = [
      ticket(1, S('b'), null, NOW - 9000),
      ticket(2, S('a'), null, NOW - 5000),
      ticket(3, S('b'), 'elderly', NOW - 1000),
      ticket(4, S('a'), null, NOW - 7000),
    ];
    const order = projectOrder(counter([S('a'), S('b')]), q, NOW, policy());
    expect(order.map((t) => t.id)).toEqual(['t3', 't4', 't2', 't1']);
  });

  it('calls the oldest first across services with crossService oldestFirst', () => {
    const q = [ticket(1, S('b'), null, NOW - 9000), ticket(2, S('a'), null, NOW - 5000)];
    expect(chooseNext(counter([S('a'), S('b')]), q, NOW, policy({ crossService: 'oldestFirst' }))?.id).toBe('t1');
  });

  it('keeps issue order for tickets issued in the same millisecond', () => {
    const q = [ticket(7, S('a'), null, NOW - 10), ticket(3, S('a'), null, NOW - 10), ticket(5, S('a'), null, NOW - 10)];
    expect(projectOrder(counter([S('a')]), q, NOW, policy()).map((t) => t.id)).toEqual(['t3', 't5', 't7']);
  });

  it('gives a paused or closed counter nothing', () => {
    const q = [ticket(1, S('a'), null, NOW - 10)];
    expect(chooseNext(counter([S('a')], { state: 'paused' }), q, NOW, policy())).toBeNull();
    expect(chooseNext(counter([S('a')], { state: 'closed' }), q, NOW, policy())).toBeNull();
  });

  it('skips held tickets and tickets sent to another counter', () => {
    const q = [
      ticket(1, S('a'), null, NOW - 30, { onHold: true }),
      ticket(2, S('a'), null, NOW - 20, { targetCounterId: C('c9') }),
      ticket(3, S('a'), null, NOW - 10),
    ];
    expect(chooseNext(counter([S('a')]), q, NOW, policy())?.id).toBe('t3');
  });

  it('lets a counter take a ticket transferred to it even from a service it does not serve', () => {
    const q = [ticket(1, S('c'), null, NOW - 30, { targetCounterId: C('c1') })];
    expect(chooseNext(counter([S('a')]), q, NOW, policy())?.id).toBe('t1');
  });

  it('alternate: after K priority calls in a row a normal ticket goes next', () => {
    const q = [
      ticket(1, S('a'), 'elderly', NOW - 50),
      ticket(2, S('a'), 'disabled', NOW - 40),
      ticket(3, S('a'), 'veteran', NOW - 30),
      ticket(4, S('a'), null, NOW - 100),
      ticket(5, S('a'), null, NOW - 20),
    ];
    const order = projectOrder(counter([S('a')]), q, NOW, policy({ priority: 'alternate', alternateMaxInRow: 2 }));
    expect(order.map((t) => t.id)).toEqual(['t1', 't2', 't4', 't3', 't5']);
  });

  it('alternate: never idle while a priority ticket waits and no normal one does', () => {
    const q = [ticket(1, S('a'), 'elderly', NOW - 50)];
    expect(chooseNext(counter([S('a')], { priorityStreak: 9 }), q, NOW, policy({ priority: 'alternate' }))?.id).toBe('t1');
  });

  it('aging: a long-waiting normal ticket overtakes a fresh priority ticket', () => {
    const q = [ticket(1, S('a'), null, NOW - 600_000), ticket(2, S('a'), 'elderly', NOW - 60_000)];
    expect(chooseNext(counter([S('a')]), q, NOW, policy({ priority: 'aging' }))?.id).toBe('t1');
  });

  it('aging: equal scores go to the higher weight, then the earlier issue', () => {
    const q = [ticket(1, S('a'), null, NOW - 2000), ticket(2, S('a'), 'elderly', NOW - 1000)];
    expect(chooseNext(counter([S('a')]), q, NOW, policy({ priority: 'aging' }))?.id).toBe('t2');
  });

  it('front transfers: the latest front transfer first', () => {
    const q = [ticket(1, S('a'), null, NOW - 5000), ticket(2, S('a'), null, -(NOW - 300), { queueTie: -10 }), ticket(3, S('a'), null, -(NOW - 100), { queueTie: -11 })];
    expect(projectOrder(counter([S('a')]), q, NOW, policy()).map((t) => t.id)).toEqual(['t3', 't2', 't1']);
  });
});

describe('chooseNext properties', () => {
  it('calls every waiting ticket of a served service exactly once, and nothing else', () => {
    fc.assert(
      fc.property(arbQueue, arbPolicy, arbCounterServices, (queue, pol, services) => {
        const c = counter(services);
        const order = projectOrder(c, queue, NOW, pol);
        const served = queue.filter((t) => services.includes(t.serviceId));
        expect(new Set(order.map((t) => t.id)).size).toBe(order.length);
        expect(order.map((t) => t.id).sort()).toEqual(served.map((t) => t.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('strict and aging: a priority ticket is never called after a normal ticket issued later', () => {
    fc.assert(
      fc.property(arbQueue, arbPolicy, arbCounterServices, (queue, pol, services) => {
        fc.pre(pol.priority !== 'alternate');
        const order = projectOrder(counter(services), queue, NOW, pol);
        order.forEach((t, i) => {
          if (t.priority === null) return;
          for (const earlier of order.slice(0, i)) {
            if (earlier.priority === null) expect(earlier.queueKey <= t.queueKey).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('strict: within the same service and class, issue order holds', () => {
    fc.assert(
      fc.property(arbQueue, arbCounterServices, (queue, services) => {
        const order = projectOrder(counter(services), queue, NOW, policy());
        for (let i = 1; i < order.length; i++) {
          const a = order[i - 1]!;
          const b = order[i]!;
          if (a.serviceId === b.serviceId && (a.priority === null) === (b.priority === null)) {
            expect(a.queueKey < b.queueKey || (a.queueKey === b.queueKey && a.queueTie < b.queueTie)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('alternate: no normal ticket starves behind an endless stream of priority tickets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 }), (k, rounds) => {
        const pol = policy({ priority: 'alternate', alternateMaxInRow: k });
        let c = counter([S('a')]);
        const normal = ticket(0, S('a'), null, NOW - 1000);
        let waiting: QueuedTicket[] = [normal];
        let calledAt = -1;
        for (let i = 0; i < rounds && calledAt < 0; i++) {
          // A new priority ticket arrives before every call.
          waiting.push(ticket(i + 1, S('a'), 'elderly', NOW + i));
          const next = chooseNext(c, waiting, NOW + i, pol)!;
          c = { ...c, priorityStreak: streakAfter(c, next) };
          waiting = waiting.filter((t) => t !== next);
          if (next === normal) calledAt = i;
        }
        expect(calledAt).toBeGreaterThanOrEqual(0);
        expect(calledAt).toBeLessThanOrEqual(k);
      }),
    );
  });

  it('aging: a normal ticket is called eventually however many priority tickets keep arriving', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), (weight) => {
        const pol = policy({ priority: 'aging', priorityWeights: { elderly: weight, disabled: weight, pregnant_or_child: weight, veteran: weight } });
        const c = counter([S('a')]);
        const normal = ticket(0, S('a'), null, 0);
        let waiting: QueuedTicket[] = [normal];
        // One priority arrival per minute, one call per minute.
        for (let minute = 1; minute < 500; minute++) {
          const now = minute * 60_000;
          waiting.push(ticket(minute, S('a'), 'elderly', now - 1));
          const next = chooseNext(c, waiting, now, pol)!;
          if (next === normal) return;
          waiting = waiting.filter((t) => t !== next);
        }
        throw new Error('the normal ticket starved');
      }),
    );
  });

  it('people ahead counts exactly the tickets of the service a strict queue puts first', () => {
    fc.assert(
      fc.property(arbQueue, (queue) => {
        const single = queue.filter((t) => t.serviceId === S('a'));
        const order = projectOrder(counter([S('a')]), single, NOW, policy());
        order.forEach((t, i) => expect(peopleAhead(t, queue, policy())).toBe(i));
      }),
      { numRuns: 200 },
    );
  });
});
