/**
 * What to do when the page dies or hangs: reload it, at once the first times, then with a pause
 * so a page that crashes on load does not spin the CPU.
 */
export class CrashReloadPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly quickReloads = 3,
    private readonly pauseMs = 10_000,
  ) {}

  /** Record a crash at `now`; returns how long to wait before reloading. */
  onCrash(now: number): number {
    this.crashes = [...this.crashes.filter((t) => now - t < this.windowMs), now];
    return this.crashes.length <= this.quickReloads ? 0 : this.pauseMs;
  }
}

/** Reasons `render-process-gone` is a fault to recover from (not a clean exit on quit). */
export function isCrash(reason: string): boolean {
  return reason !== 'clean-exit';
}

/** How long a page may stay unresponsive before it is reloaded. */
export const UNRESPONSIVE_RELOAD_MS = 15_000;
