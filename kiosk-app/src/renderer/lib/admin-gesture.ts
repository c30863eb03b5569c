/**
 * The hidden way to the kiosk's settings: five taps in the top-left corner within three seconds,
 * then the PIN. A citizen tapping around will not hit it by chance, and needs the PIN anyway.
 */
export const ADMIN_TAPS = 5;
export const ADMIN_WINDOW_MS = 3_000;

/** Record a corner tap; `open` says the gesture is complete (and the history starts over). */
export function cornerTap(history: readonly number[], now: number): { history: number[]; open: boolean } {
  const recent = [...history.filter((t) => now - t < ADMIN_WINDOW_MS && t <= now), now];
  if (recent.length >= ADMIN_TAPS) return { history: [], open: true };
  return { history: recent, open: false };
}
