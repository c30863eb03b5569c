/**
 * A shell nobody babysits (a kiosk in the hall, a display on the wall): when the page's process
 * dies or hangs, or the server cannot be reached, load the page again, with a growing delay, and
 * never give up. Both shells use it; Electron's events come in through plain method calls.
 */

export interface RecoveryTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RecoveryPolicy {
  /** Delays before each successive reload; the last repeats. */
  delaysMs: readonly number[];
  /** After this long without trouble, the next trouble starts from the first delay again. */
  stableMs: number;
  /** A page unresponsive this long is reloaded. */
  unresponsiveMs: number;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  delaysMs: [1_000, 2_000, 5_000, 10_000, 30_000],
  stableMs: 60_000,
  unresponsiveMs: 10_000,
};

export interface RecoveryActions {
  /** Load the shell's page (again). */
  loadPage(): void;
  /** End a hung page's process before reloading it (`webContents.forcefullyCrashRenderer`). */
  killPage?(): void;
  /** Show the local "connecting to the server" page. */
  showOffline(): void;
  log(message: string): void;
}

export class PageRecovery {
  private attempts = 0;
  private reloadTimer: unknown = null;
  private hangTimer: unknown = null;
  private stableTimer: unknown = null;

  constructor(
    private readonly actions: RecoveryActions,
    private readonly timers: RecoveryTimers,
    private readonly policy: RecoveryPolicy = DEFAULT_RECOVERY,
  ) {}

  /** Load the page for the first time. */
  start(): void {
    this.actions.loadPage();
  }

  /** How many reloads in a row since the page was last stable. */
  get troubles(): number {
    return this.attempts;
  }

  /** The page's renderer process crashed, was killed or ran out of memory. */
  processGone(reason: string): void {
    if (reason === 'clean-exit') return;
    this.actions.log(`page process gone (${reason}): reloading`);
    this.scheduleReload();
  }

  unresponsive(): void {
    if (this.hangTimer !== null) return;
    this.hangTimer = this.timers.setTimeout(() => {
      this.hangTimer = null;
      this.actions.log('page unresponsive: reloading');
      this.actions.killPage?.();
      this.scheduleReload();
    }, this.policy.unresponsiveMs);
  }

  responsive(): void {
    this.clear('hangTimer');
  }

  /** A load failed; only the main frame matters, and an aborted load (-3) is a navigation. */
  loadFailed(errorCode: number, isMainFrame: boolean): void {
    if (!isMainFrame || errorCode === -3) return;
    this.actions.log(`page did not load (error ${errorCode}): server unreachable?`);
    this.actions.showOffline();
    this.scheduleReload();
  }

  /** The page finished loading: trouble is over once it has run for a while. */
  loaded(): void {
    this.clear('stableTimer');
    this.stableTimer = this.timers.setTimeout(() => {
      this.stableTimer = null;
      this.attempts = 0;
    }, this.policy.stableMs);
  }

  dispose(): void {
    this.clear('reloadTimer');
    this.clear('hangTimer');
    this.clear('stableTimer');
  }

  private clear(which: 'reloadTimer' | 'hangTimer' | 'stableTimer'): void {
    if (this[which] !== null) this.timers.clearTimeout(this[which]);
    this[which] = null;
  }

  private scheduleReload(): void {
    this.clear('stableTimer');
    if (this.reloadTimer !== null) return;
    const { delaysMs } = this.policy;
    const delay = delaysMs[Math.min(this.attempts, delaysMs.length - 1)] ?? 1_000;
    this.attempts++;
    this.reloadTimer = this.timers.setTimeout(() => {
      this.reloadTimer = null;
      this.actions.loadPage();
    }, delay);
  }
}
