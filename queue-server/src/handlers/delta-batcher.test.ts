import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delta } from '@layso/shared';
import { DeltaBatcher } from './delta-batcher.js';

afterEach(() => vi.useRealTimers());

const delta = (prevSeq: number, extra: Partial<Delta> = {}): Delta => ({ prevSeq, seq: prevSeq + 1, serverTime: prevSeq, ...extra });

describe('DeltaBatcher', () => {
  it('sends one merged delta per window', () => {
    vi.useFakeTimers();
    const sent: Delta[] = [];
    const b = new DeltaBatcher(200, (d) => sent.push(d));
    b.push(delta(1));
    b.push(delta(2));
    b.push(delta(3));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([{ prevSeq: 1, seq: 4, serverTime: 3 }]);
    b.push(delta(4));
    vi.advanceTimersByTime(200);
    expect(sent.map((d) => [d.prevSeq, d.seq])).toEqual([[1, 4], [4, 5]]);
  });

  it('sends a new day at once, with what was pending', () => {
    vi.useFakeTimers();
    const sent: Delta[] = [];
    const b = new DeltaBatcher(200, (d) => sent.push(d));
    b.push(delta(1));
    b.push(delta(2, { dayChanged: true }));
    expect(sent).toEqual([{ prevSeq: 1, seq: 3, serverTime: 2, dayChanged: true }]);
  });

  it('sends configuration changes at once', () => {
    vi.useFakeTimers();
    const sent: Delta[] = [];
    const b = new DeltaBatcher(200, (d) => sent.push(d));
    b.push(delta(1));
    b.push(delta(2, { removedCounterIds: ['quay-9' as never] }));
    expect(sent.map((d) => [d.prevSeq, d.seq])).toEqual([[1, 3]]);
  });

  it('sends an urgent delta (a call, for displays) at once, with the counts pending before it', () => {
    vi.useFakeTimers();
    const sent: Delta[] = [];
    const b = new DeltaBatcher(100, (d) => sent.push(d), (d) => d.calls !== undefined);
    b.push(delta(1, { stats: [] }));
    expect(sent).toEqual([]);
    const call = { callId: 3, ticketId: 't'.repeat(22), displayNumber: '1001', serviceId: 's', counterId: 'c', counterNumber: 1, counterName: 'Quầy 1', at: 2, recall: false } as never;
    b.push(delta(2, { calls: [call] }));
    expect(sent.map((d) => [d.prevSeq, d.seq, d.calls?.length])).toEqual([[1, 3, 1]]);
  });

  it('with no window sends each delta as it comes', () => {
    const sent: Delta[] = [];
    const b = new DeltaBatcher(0, (d) => sent.push(d));
    b.push(delta(1));
    b.push(delta(2));
    expect(sent).toHaveLength(2);
  });
});
