import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyDelta, fromSnapshot, type LiveState } from './live-state.js';
import { mergeDeltas } from './merge.js';
import { statsFixture, ticketFixture } from '../testing/index.js';
import type { Delta, ServiceStats } from '../protocol/views.js';
import type { ServiceId, Ticket, TicketId } from '../domain/model.js';

const stats = (serviceId: string, waiting: number): ServiceStats => statsFixture(serviceId, { waiting, estimateMinutes: waiting * 5 });

const ticket = (id: string, state: Ticket['state']): Ticket => ticketFixture(1, { id: id.padEnd(22, 'x') as TicketId, serviceId: 'a' as ServiceId, displayNumber: '1001', state, queueTie: 0 });

const start: LiveState = fromSnapshot({
  seq: 10,
  serverTime: 0,
  centre: { centreId: 'c' as never, nameVi: 'x', nameEn: 'x', timeZone: 'Asia/Ho_Chi_Minh', businessDate: '2026-03-10', notice: '', ticketHeader: '', ticketFooter: '', demo: true },
  services: [],
  stats: [stats('a', 0), stats('b', 0)],
});

/** A random run of deltas, each following the last. */
const arbDeltas = fc
  .array(
    fc.record({
      svc: fc.constantFrom('a', 'b'),
      waiting: fc.integer({ min: 0, max: 9 }),
      t: fc.constantFrom('t1', 't2', 't3'),
      state: fc.constantFrom('waiting' as const, 'called' as const, 'done' as const),
      call: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((specs) =>
    specs.map((s, i): Delta => ({
      prevSeq: 10 + i,
      seq: 11 + i,
      serverTime: i,
      stats: [stats(s.svc, s.waiting)],
      tickets: [ticket(s.t, s.state)],
      ...(s.call
        ? { calls: [{ callId: 100 + i, ticketId: ticket(s.t, 'called').id, displayNumber: '1001', serviceId: 'a' as ServiceId, counterId: 'q' as never, counterNumber: 1, counterName: 'Quầy 1', at: i, recall: false }] }
        : {}),
    })),
  );

describe('mergeDeltas', () => {
  it('applying the merged delta equals applying each delta in turn', () => {
    fc.assert(
      fc.property(arbDeltas, (deltas) => {
        let oneByOne: LiveState = start;
        for (const d of deltas) {
          const next = applyDelta(oneByOne, d);
          if (next === 'resync') throw new Error('unexpected resync');
          oneByOne = next;
        }
        const merged = deltas.reduce((acc, d) => mergeDeltas(acc, d));
        const atOnce = applyDelta(start, merged);
        expect(atOnce).toEqual(oneByOne);
      }),
    );
  });

  it('refuses deltas that do not follow each other', () => {
    const a: Delta = { prevSeq: 1, seq: 2, serverTime: 0 };
    const c: Delta = { prevSeq: 3, seq: 4, serverTime: 0 };
    expect(() => mergeDeltas(a, c)).toThrow();
  });
});
