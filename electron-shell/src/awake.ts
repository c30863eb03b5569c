// A kiosk or a wall display must never blank or sleep while the centre is open.

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  isStarted(id: number): boolean;
}

export interface AwakeTimers {
  setInterval(fn: () => void, ms: number): unknown;
}

/** Block display sleep, and block it again should the system have dropped the blocker. */
export function keepScreenAwake(blocker: PowerSaveBlockerLike, timers: AwakeTimers, checkMs = 60_000): () => number {
  let id = blocker.start('prevent-display-sleep');
  timers.setInterval(() => {
    if (!blocker.isStarted(id)) id = blocker.start('prevent-display-sleep');
  }, checkMs);
  return () => id;
}
