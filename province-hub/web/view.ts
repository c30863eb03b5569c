/** What the board derives from the hub's figures: who is offline, how long the longest wait is. */
import type { BoardCentre } from '@layso/shared';

/** A centre pushes at least every 15 s; a minute without hearing from it is offline. */
export const OFFLINE_AFTER_MS = 60_000;

export function isOffline(c: BoardCentre, now: number): boolean {
  return c.lastSeenAt === null || now - c.lastSeenAt > OFFLINE_AFTER_MS;
}

export function longestWaitMin(c: BoardCentre, now: number): number | null {
  return c.oldestWaitingSince === null ? null : Math.max(0, Math.floor((now - c.oldestWaitingSince) / 60_000));
}

export function totals(centres: readonly BoardCentre[], now: number) {
  let waiting = 0;
  let served = 0;
  let open = 0;
  let offline = 0;
  let rated = 0;
  let satisfied = 0;
  for (const c of centres) {
    rated += c.ratedToday;
    satisfied += c.satisfiedToday;
    waiting += c.waiting;
    served += c.servedToday;
    open += c.openCounters;
    if (isOffline(c, now)) offline++;
  }
  return { waiting, served, open, offline, rated, satisfied };
}

/** Share satisfied as a whole percent, or null without ratings. */
export function sharePercent(satisfied: number, rated: number): number | null {
  return rated === 0 ? null : Math.round((100 * satisfied) / rated);
}

export function clock(at: number): string {
  return new Date(at).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });
}
