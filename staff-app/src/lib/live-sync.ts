/**
 * The staff app's copy of the centre: a snapshot, then deltas (shared/src/sync/live-state.ts).
 * On a gap it asks for a fresh snapshot and keeps the deltas that arrive meanwhile, replaying
 * them on top of it, so nothing that happened during the resync is lost. It also keeps the
 * offset between the server's clock and this machine's, so timers count in server time.
 */
import {
  type Delta,
  type LiveState,
  type StaffSnapshot,
  type StaffUser,
  applyDelta,
  fromSnapshot,
} from '@layso/shared';

export type DeltaOutcome = 'applied' | 'buffered' | 'resync';

export class LiveSync {
  state: LiveState | null = null;
  me: StaffUser | null = null;
  /** Server time minus local time, ms. */
  clockOffset = 0;
  private resyncing = false;
  private buffered: Delta[] = [];

  /** Replace everything with a snapshot. Returns true when a buffered delta shows a new gap. */
  snapshot(s: StaffSnapshot, localNow: number): boolean {
    this.me = s.me;
    this.clockOffset = s.serverTime - localNow;
    let state = fromSnapshot(s);
    const pending = this.buffered.sort((a, b) => a.seq - b.seq);
    this.buffered = [];
    this.resyncing = false;
    for (const d of pending) {
      const next = applyDelta(state, d);
      if (next === 'resync') {
        this.state = state;
        this.resyncing = true;
        this.buffered = pending.filter((x) => x.seq > state.seq);
        return true;
      }
      state = next;
    }
    this.state = state;
    return false;
  }

  /**
   * Apply a delta. `'resync'`: the caller must ask the server for a snapshot (once; later deltas
   * are buffered until it arrives).
   */
  delta(d: Delta, localNow: number): DeltaOutcome {
    this.clockOffset = d.serverTime - localNow;
    if (this.state === null || this.resyncing) {
      this.buffered.push(d);
      return 'buffered';
    }
    const next = applyDelta(this.state, d);
    if (next === 'resync') {
      this.resyncing = true;
      this.buffered.push(d);
      return 'resync';
    }
    this.state = next;
    return 'applied';
  }

  /** The snapshot request failed: the next delta may ask again. */
  resyncFailed(): void {
    this.resyncing = false;
  }

  /** The server's time now, as best this machine can tell. */
  serverNow(localNow: number): number {
    return localNow + this.clockOffset;
  }
}
