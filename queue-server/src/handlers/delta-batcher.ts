/**
 * Sends a namespace at most one delta per window, merging what happened meanwhile. Kiosks only
 * show waiting counts and estimates, so at a provincial centre's peak they get one message per
 * window instead of one per ticket; displays are not batched, a call must show at once.
 */
import { mergeDeltas, type Delta } from '@layso/shared';

export class DeltaBatcher {
  private pending: Delta | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly send: (d: Delta) => void,
  ) {}

  push(d: Delta): void {
    if (this.windowMs <= 0) return this.send(d);
    this.pending = this.pending ? mergeDeltas(this.pending, d) : d;
    // A new day or new settings go out at once.
    if (d.dayChanged || d.centre) return this.flush();
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
