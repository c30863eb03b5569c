import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_POLICY, type UserId } from '@layso/shared';
import { counterOfOfficer, inHandSince, nextInLine, noShowsFor, serviceRows } from './queue-view.js';
import { T0, counter, service, stats, ticket } from '../../test/fixtures.js';

describe('next in line', () => {
  it('follows the server policy: priority first, then the counter preference, then issue time', () => {
    const c = counter('q2', ['a', 'b']);
    const tickets = [
      ticket(1001, 'a'),
      ticket(2001, 'b', { queueKey: T0 - 100 }),
      ticket(1002, 'a', { priority: 'elderly' }),
      ticket(1003, 'a', { state: 'called', counterId: c.id }),
      ticket(1004, 'a', { onHold: true }),
      ticket(3001, 'z'),
    ];
    expect(nextInLine(c, tickets, T0, DEFAULT_QUEUE_POLICY).map((t) => t.displayNumber)).toEqual(['1002', '1001', '2001']);
    expect(nextInLine(c, tickets, T0, { ...DEFAULT_QUEUE_POLICY, crossService: 'oldestFirst' }).map((t) => t.displayNumber)).toEqual([
      '1002',
      '2001',
      '1001',
    ]);
    expect(nextInLine(c, tickets, T0, DEFAULT_QUEUE_POLICY, 1)).toHaveLength(1);
  });

  it('shows a paused counter what waits for it, and a ticket transferred to it', () => {
    const c = counter('q1', ['a'], { state: 'paused' });
    // A ticket transferred to this counter ranks with the counter's first service, by issue time.
    const tickets = [
      ticket(1001, 'a'),
      ticket(5001, 'e', { targetCounterId: c.id, queueKey: T0 }),
      ticket(5002, 'e', { targetCounterId: counter('q9', []).id }),
    ];
    expect(nextInLine(c, tickets, T0, DEFAULT_QUEUE_POLICY).map((t) => t.displayNumber)).toEqual(['5001', '1001']);
  });
});

describe('no-shows', () => {
  it("lists today's no-shows of the counter and of its services, latest first", () => {
    const c = counter('q1', ['a']);
    const tickets = [
      ticket(1001, 'a', { state: 'no_show', counterId: counter('q7', []).id, finishedAt: T0 + 10 }),
      ticket(2001, 'b', { state: 'no_show', counterId: c.id, finishedAt: T0 + 20 }),
      ticket(2002, 'b', { state: 'no_show', counterId: counter('q8', []).id, finishedAt: T0 + 30 }),
      ticket(1002, 'a', { state: 'waiting' }),
    ];
    expect(noShowsFor(c, tickets).map((t) => t.displayNumber)).toEqual(['2001', '1001']);
  });
});

describe('service rows', () => {
  it('measures the longest wait and flags it past the threshold', () => {
    const services = [service('a', { waitThresholdMin: 30 }), service('b', { waitThresholdMin: 10 })];
    const now = T0 + 20 * 60_000;
    const rows = serviceRows(services, { a: stats('a', { waiting: 2, oldestWaitingSince: T0 }), b: stats('b', { waiting: 1, oldestWaitingSince: T0 }) }, now);
    expect(rows.map((r) => [r.service.id, r.waiting, r.longestWaitMs, r.overThreshold])).toEqual([
      ['a', 2, 20 * 60_000, false],
      ['b', 1, 20 * 60_000, true],
    ]);
  });

  it('has no longest wait when nobody waits, and zero for a service without stats', () => {
    const rows = serviceRows([service('a'), service('b')], { a: stats('a', { waiting: 0, oldestWaitingSince: null }) }, T0);
    expect(rows[0]).toMatchObject({ waiting: 0, longestWaitMs: null, overThreshold: false });
    expect(rows[1]).toMatchObject({ stats: null, waiting: 0, longestWaitMs: null });
  });
});

describe('counters', () => {
  it("finds the officer's counter (open or paused, not closed)", () => {
    const me = 'u-me' as UserId;
    const cs = [counter('q1', [], { officerId: me, state: 'closed' }), counter('q2', [], { officerId: me, state: 'paused' })];
    expect(counterOfOfficer(cs, me)?.id).toBe('q2');
    expect(counterOfOfficer([cs[0]!], me)).toBeNull();
  });

  it('times the ticket in hand from its start, else from its call', () => {
    expect(inHandSince({ calledAt: 5, startedAt: 9 })).toBe(9);
    expect(inHandSince({ calledAt: 5, startedAt: null })).toBe(5);
  });
});
