/** Sign-in with lockout, expiring sessions, and paired-device tokens. */
import { LaysoError, type LoginResult, type StaffUser, type UserId } from '@layso/shared';
import type { AccountRepo, DeviceRecord, UserRecord } from '../store/account-repo.js';
import type { Clock } from '../engine/engine.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from './passwords.js';

export const SESSION_TTL_MS = 12 * 3600_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export function staffUser(u: UserRecord): StaffUser {
  return { id: u.id as UserId, username: u.username, displayName: u.displayName, role: u.role };
}

export class Accounts {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly repo: AccountRepo,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const now = this.clock.now();
    const user = this.repo.userByUsername(username);
    if (!user || user.disabled) {
      // Spend the same time as a real check, so a guesser learns nothing about which names exist.
      await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      throw new LaysoError('INVALID_CREDENTIALS', 'sai tên đăng nhập hoặc mật khẩu');
    }
    if (user.lockedUntil !== null && user.lockedUntil > now) {
      throw new LaysoError('ACCOUNT_LOCKED', 'tài khoản tạm khoá do nhập sai nhiều lần; thử lại sau ít phút');
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedLogins + 1;
      this.repo.recordLoginFailure(user.id, failures >= MAX_FAILED_LOGINS ? now + LOCKOUT_MS : null);
      throw new LaysoError('INVALID_CREDENTIALS', 'sai tên đăng nhập hoặc mật khẩu');
    }
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

  deviceOfToken(token: string | undefined, kind: 'kiosk' | 'display'): DeviceRecord | null {
    if (!token) return null;
    const d = this.repo.deviceByTokenHash(tokenHash(token));
    return d && d.kind === kind ? d : null;
  }
}
