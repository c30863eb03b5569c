/**
 * Sends a namespace at most one delta per window, merging what happened meanwhile. Kiosks only
 * show waiting counts and estimates, so at a provincial centre's peak they get one message per
 * window instead of one per ticket. What is `urgent` goes at once, with whatever was pending
 * before it: for displays, every call (a call must show and sound at once).
 */
import { mergeDeltas, type Delta } from '@layso/shared';

export class DeltaBatcher {
  private pending: Delta | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly send: (d: Delta) => void,
    private readonly urgent: (d: Delta) => boolean = () => false,
  ) {}

  push(d: Delta): void {
    if (this.windowMs <= 0) return this.send(d);
    this.pending = this.pending ? mergeDeltas(this.pending, d) : d;
    // Configuration changes go out at once (a new day, settings, services, counters removed): an
    // admin's screen edits from this state, and a second edit must see the first. Only ticket
    // traffic waits for the window.
    if (d.dayChanged || d.centre || d.settings || d.services || d.removedServiceIds || d.removedCounterIds || this.urgent(d)) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const d = this.pending;
    this.pending = null;
    if (d) this.send(d);
  }
}
