import { describe, expect, it } from 'vitest';
import type { StaffSnapshot } from '@layso/shared';
import { LiveSync } from './live-sync.js';
import { T0, delta, snapshot, stats, ticket } from '../../staff-app/test/fixtures.js';

describe('LiveSync', () => {
  it('starts from the snapshot and applies the deltas that follow it', () => {
    const s = new LiveSync<StaffSnapshot>();
    expect(s.takeSnapshot(snapshot(10), T0 - 5000)).toBe(false);
    expect(s.snapshot?.me.username).toBe('canbo1');
    expect(s.takeDelta(delta(10, 11, { stats: [stats('a', { waiting: 3 })] }), T0)).toBe('applied');
    expect(s.state?.stats.a?.waiting).toBe(3);
    expect(s.state?.seq).toBe(11);
  });

  it('keeps the server clock offset from the latest message', () => {
    const s = new LiveSync<StaffSnapshot>();
    s.takeSnapshot(snapshot(1), T0 - 60_000);
    expect(s.clockOffset).toBe(60_000);
    expect(s.serverNow(T0)).toBe(T0 + 60_000);
    s.takeDelta(delta(1, 2), T0 + 2000 - 1000);
    expect(s.clockOffset).toBe(1000);
  });

  it('asks for a snapshot once on a gap, buffers deltas meanwhile, and replays the newer ones', () => {
    const s = new LiveSync<StaffSnapshot>();
    s.takeSnapshot(snapshot(10), T0);
    // seq 11 was missed.
    expect(s.takeDelta(delta(11, 12, { stats: [stats('a', { waiting: 1 })] }), T0)).toBe('resync');
    expect(s.takeDelta(delta(12, 13, { stats: [stats('a', { waiting: 2 })] }), T0)).toBe('buffered');
    // The snapshot the server sends is at seq 12; delta 13 must still apply on top of it.
    const needAgain = s.takeSnapshot(snapshot(12, { stats: [stats('a', { waiting: 1 })] }), T0);
    expect(needAgain).toBe(false);
    expect(s.state?.seq).toBe(13);
    expect(s.state?.stats.a?.waiting).toBe(2);
    expect(s.takeDelta(delta(13, 14, { stats: [stats('a', { waiting: 5 })] }), T0)).toBe('applied');
  });

  it('says so when a buffered delta leaves a gap after the snapshot too', () => {
    const s = new LiveSync<StaffSnapshot>();
    s.takeSnapshot(snapshot(10), T0);
    s.takeDelta(delta(11, 12), T0);
    s.takeDelta(delta(20, 21), T0);
    expect(s.takeSnapshot(snapshot(12), T0)).toBe(true);
  });

  it('buffers deltas that arrive before the first snapshot', () => {
    const s = new LiveSync<StaffSnapshot>();
    expect(s.takeDelta(delta(5, 6, { tickets: [ticket(1001, 'a')] }), T0)).toBe('buffered');
    s.takeSnapshot(snapshot(5), T0);
    expect(Object.keys(s.state!.tickets)).toHaveLength(1);
  });

  it('ignores a delta it already has', () => {
    const s = new LiveSync<StaffSnapshot>();
    s.takeSnapshot(snapshot(10), T0);
    expect(s.takeDelta(delta(9, 10), T0)).toBe('stale');
    expect(s.state?.seq).toBe(10);
  });

  it('lets the next delta ask again after a failed resync', () => {
    const s = new LiveSync<StaffSnapshot>();
    s.takeSnapshot(snapshot(1), T0);
    expect(s.takeDelta(delta(2, 3), T0)).toBe('resync');
    s.resyncFailed();
    expect(s.takeDelta(delta(3, 4), T0)).toBe('resync');
  });
});
