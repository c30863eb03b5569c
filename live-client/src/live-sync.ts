/**
 * A client's copy of the centre, kept from the server's snapshot and deltas (the pure functions
 * of shared/src/sync/live-state.ts). On a gap it asks for a fresh snapshot once and keeps the
 * deltas that arrive meanwhile, replaying the newer ones on top of it, so nothing that happened
 * during the resync is lost. It also keeps the offset between the server's clock and this one's.
 * No I/O: `LiveClient` feeds it what the socket brings.
 */
import { applyDelta, fromSnapshot, type AnySnapshot, type Delta, type LiveState } from '@layso/shared';

/** applied: the copy moved on; stale: already had it; buffered: kept for after the snapshot; resync: ask for one. */
export type DeltaOutcome = 'applied' | 'stale' | 'buffered' | 'resync';

export class LiveSync<S extends AnySnapshot = AnySnapshot> {
  state: LiveState | null = null;
  /** The last snapshot taken, for what a role's snapshot carries beyond the live state. */
  snapshot: S | null = null;
  /** Server time minus local time, ms, from the latest message. */
  clockOffset = 0;
  private resyncing = false;
  private buffered: Delta[] = [];

  /** Whether a snapshot has been asked for and not come yet. */
  get awaitingSnapshot(): boolean {
    return this.resyncing;
  }

  /** Replace everything with a snapshot. Returns true when a buffered delta shows a new gap. */
  takeSnapshot(s: S, localNow: number): boolean {
    this.snapshot = s;
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
  takeDelta(d: Delta, localNow: number): DeltaOutcome {
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
    if (next === this.state) return 'stale';
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
