/** Sign-in with lockout, expiring sessions, and paired-device tokens. */
import { LaysoError, type LoginResult, type StaffUser, type UserId } from '@layso/shared';
import type { AccountRepo, DeviceRecord, UserRecord } from '../store/account-repo.js';
import type { Clock } from '../engine/engine.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from './passwords.js';
import { LoginThrottle } from './throttle.js';

/** A hash with the real parameters that no password matches: unknown names cost the same time. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const LOCKED_MESSAGE = 'tài khoản tạm khoá do nhập sai nhiều lần; thử lại sau ít phút';
const WRONG_MESSAGE = 'sai tên đăng nhập hoặc mật khẩu';
/**
 * The server PC itself is not throttled by address: it is where the local admin recovers (and
 * where the IT person stands); account locks still apply to it.
 */
const SERVER_PC = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const SESSION_TTL_MS = 12 * 3600_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export function staffUser(u: UserRecord): StaffUser {
  return { id: u.id as UserId, username: u.username, displayName: u.displayName, role: u.role };
}

export interface SessionEnd {
  tokenHash: string;
}

export class Accounts {
  private readonly names = new Map<string, string>();
  private readonly throttle = new LoginThrottle();
  private readonly sessionEndListeners: ((e: SessionEnd) => void)[] = [];

  constructor(
    private readonly repo: AccountRepo,
    private readonly clock: Clock,
  ) {}

  /**
   * Sign in. Every attempt is counted (and the account locked at the limit) in one synchronous
   * statement before the password hash is checked, so parallel guesses cannot all be checked
   * against a stale count. The source address is throttled too, with a delay that doubles past
   * a few failures, and an unknown name answers exactly as a real one does, locked included.
   */
  async login(username: string, password: string, address = 'unknown'): Promise<LoginResult> {
    const now = this.clock.now();
    const found = this.repo.userByUsername(username);
    const user = found && !found.disabled ? found : null;
    const locked = user ? user.lockedUntil !== null && user.lockedUntil > now : this.throttle.nameLocked(username, now);
    if (locked) {
      if (!SERVER_PC.has(address)) this.throttle.addressFailed(address, now);
      throw new LaysoError('ACCOUNT_LOCKED', LOCKED_MESSAGE);
    }
    const wait = SERVER_PC.has(address) ? 0 : this.throttle.addressWait(address, now);
    if (wait > 0) {
      throw new LaysoError('RATE_LIMITED', `quá nhiều lần đăng nhập sai từ máy này; thử lại sau ${Math.ceil(wait / 1000)} giây`);
    }
    if (user) this.repo.countLoginAttempt(user.id, MAX_FAILED_LOGINS, now + LOCKOUT_MS);
    else this.throttle.nameFailed(username, now, MAX_FAILED_LOGINS, LOCKOUT_MS);
    // Spend the same time for an unknown name as for a real check.
    const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !good) {
      if (!SERVER_PC.has(address)) this.throttle.addressFailed(address, now);
      throw new LaysoError('INVALID_CREDENTIALS', WRONG_MESSAGE);
    }
    this.throttle.addressSucceeded(address);
    this.repo.recordLoginSuccess(user.id);
    const token = newToken();
    const expiresAt = now + SESSION_TTL_MS;
    this.repo.insertSession(tokenHash(token), user.id, now, expiresAt);
    return { token, user: staffUser(user), expiresAt };
  }

  /** The signed-in user of a session token; the session slides while in use. */
  userOfToken(token: string | undefined): StaffUser | null {
    if (!token) return null;
    const now = this.clock.now();
    const hash = tokenHash(token);
    const u = this.repo.sessionUser(hash, now);
    if (!u) return null;
    if (u.expiresAt - now < SESSION_TTL_MS / 2) this.repo.extendSession(hash, now + SESSION_TTL_MS);
    return staffUser(u);
  }

  /** Forget expired sessions (run by the server's periodic check). */
  pruneSessions(): void {
    this.repo.pruneSessions(this.clock.now());
  }

  logout(token: string): void {
    this.repo.deleteSession(tokenHash(token));
    this.emitSessionEnd({ tokenHash: tokenHash(token) });
  }

  /** The session of a token as it stands, without sliding it (for checking open sockets). */
  sessionOf(hash: string): { userId: string; role: StaffUser['role'] } | null {
    const u = this.repo.sessionUser(hash, this.clock.now());
    return u ? { userId: u.id, role: u.role } : null;
  }

  /** Listen for sessions that end (logout), to close their sockets at once. */
  onSessionEnd(fn: (e: SessionEnd) => void): void {
    this.sessionEndListeners.push(fn);
  }

  private emitSessionEnd(e: SessionEnd): void {
    for (const fn of this.sessionEndListeners) {
      try {
        fn(e);
      } catch {
        // closing sockets is best effort; the periodic check catches what this missed
      }
    }
  }

  async createUser(u: { username: string; displayName: string; role: StaffUser['role']; password: string; id: string }): Promise<StaffUser> {
    if (this.repo.userByUsername(u.username)) throw new LaysoError('CONFLICT', `user ${u.username} exists`);
    const passwordHash = await hashPassword(u.password);
    this.repo.insertUser({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, passwordHash }, this.clock.now());
    return staffUser(this.repo.userById(u.id)!);
  }

  displayName(id: string): string | null {
    let n = this.names.get(id);
    if (n === undefined) {
      n = this.repo.userById(id)?.displayName ?? '';
      this.names.set(id, n);
    }
    return n || null;
  }

  forgetName(id: string): void {
    this.names.delete(id);
  }

  /** A device's current configuration (the admin may change it while the device is connected). */
  deviceConfig(id: string): Record<string, unknown> {
    return this.repo.deviceById(id)?.config ?? {};
  }

  deviceOfToken(token: string | undefined, kind: 'kiosk' | 'display' | 'rating'): DeviceRecord | null {
    if (!token) return null;
    const d = this.repo.deviceByTokenHash(tokenHash(token));
    return d && d.kind === kind ? d : null;
  }
}
