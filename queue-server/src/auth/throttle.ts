/**
 * Sign-in throttling that does not depend on the account: by source address (a delay that grows
 * with each failure past a few), and by name for names that are not accounts, so that an unknown
 * name locks exactly as a real one does and the answers do not tell which names exist.
 */

/** Failures an address may make before it has to wait. */
export const FREE_FAILURES_PER_ADDRESS = 5;
/** The first wait; it doubles with every further failure. */
export const FIRST_DELAY_MS = 1_000;
/** The longest wait. */
export const MAX_DELAY_MS = 60 * 60_000;
/** An address that has not failed for this long starts afresh. */
export const FORGET_AFTER_MS = 24 * 3600_000;
/** Bound on remembered addresses and names, so a flood cannot grow memory. */
const MAX_ENTRIES = 10_000;

interface AddressState {
  failures: number;
  lastFailure: number;
  nextAllowedAt: number;
}

interface NameState {
  failures: number;
  lockedUntil: number | null;
}

function bounded<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

export class LoginThrottle {
  private readonly addresses = new Map<string, AddressState>();
  private readonly names = new Map<string, NameState>();

  /** Milliseconds the address must still wait before its next attempt (0: it may try now). */
  addressWait(address: string, now: number): number {
    const s = this.addresses.get(address);
    if (!s) return 0;
    if (now - s.lastFailure > FORGET_AFTER_MS) {
      this.addresses.delete(address);
      return 0;
    }
    return Math.max(0, s.nextAllowedAt - now);
  }

  addressFailed(address: string, now: number): void {
    const prev = this.addresses.get(address);
    const failures = (prev && now - prev.lastFailure <= FORGET_AFTER_MS ? prev.failures : 0) + 1;
    const over = failures - FREE_FAILURES_PER_ADDRESS;
    const delay = over <= 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(over - 1, 30));
    bounded(this.addresses, address, { failures, lastFailure: now, nextAllowedAt: now + delay });
  }

  addressSucceeded(address: string): void {
    this.addresses.delete(address);
  }

  /** An unknown name is "locked" after as many failures as a real account would be. */
  nameLocked(name: string, now: number): boolean {
    const s = this.names.get(name.toLowerCase());
    return s?.lockedUntil != null && s.lockedUntil > now;
  }

  nameFailed(name: string, now: number, maxFailures: number, lockMs: number): void {
    const key = name.toLowerCase();
    const prev = this.names.get(key);
    const failures = (prev?.failures ?? 0) + 1;
    bounded(this.names, key, { failures, lockedUntil: failures >= maxFailures ? now + lockMs : (prev?.lockedUntil ?? null) });
  }
}
