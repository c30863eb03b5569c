/** Staff accounts, their sessions, and paired devices. */
import type { Db } from './open-db.js';
import type { Role } from '@layso/shared';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: number | null;
  disabled: boolean;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_logins: number;
  locked_until: number | null;
  disabled: number;
}

export interface DeviceRecord {
  id: string;
  kind: 'kiosk' | 'display' | 'rating';
  name: string;
  config: Record<string, unknown>;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

interface DeviceRow {
  id: string;
  kind: 'kiosk' | 'display' | 'rating';
  name: string;
  config_json: string;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
}

const userFromRow = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  disabled: r.disabled === 1,
});

const deviceFromRow = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  config: JSON.parse(r.config_json) as Record<string, unknown>,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

export class AccountRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY role, username'),
      insertUser: db.prepare(`
        INSERT INTO users (id, username, display_name, role, password_hash, created_at)
        VALUES (@id, @username, @displayName, @role, @passwordHash, @createdAt)`),
      updateUser: db.prepare(`
        UPDATE users SET display_name = @displayName, role = @role, password_hash = @passwordHash,
          disabled = @disabled WHERE id = @id`),
      loginFailed: db.prepare<[number | null, string]>(
        'UPDATE users SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?',
      ),
      loginAttempt: db.prepare<[number, number, string]>(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END WHERE id = ?`,
      ),
      loginOk: db.prepare<[string]>(
        'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?',
      ),
      insertSession: db.prepare<[string, string, number, number]>(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      session: db.prepare<[string, number], UserRow & { expires_at: number }>(`
        SELECT users.*, sessions.expires_at FROM sessions JOIN users ON users.id = sessions.user_id
        WHERE sessions.token_hash = ? AND sessions.expires_at > ? AND users.disabled = 0`),
      touchSession: db.prepare<[number, string]>(
        'UPDATE sessions SET expires_at = ? WHERE token_hash = ?',
      ),
      deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
      deleteUserSessions: db.prepare<[string]>('DELETE FROM sessions WHERE user_id = ?'),
      pruneSessions: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
      insertDevice: db.prepare(`
        INSERT INTO devices (id, kind, name, token_hash, config_json, created_at)
        VALUES (@id, @kind, @name, @tokenHash, @config, @createdAt)`),
      deviceByToken: db.prepare<[string], DeviceRow>(
        'SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
      ),
      deviceById: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?'),
      devices: db.prepare<[], DeviceRow>('SELECT * FROM devices ORDER BY created_at'),
      revokeDevice: db.prepare<[number, string]>(
        'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      ),
      seenDevice: db.prepare<[number, string]>('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
      setDeviceConfig: db.prepare<[string, string]>(
        'UPDATE devices SET config_json = ? WHERE id = ?',
      ),
      insertPairing: db.prepare(`
        INSERT INTO pairing_codes (code_hash, kind, name, created_by, expires_at)
        VALUES (@codeHash, @kind, @name, @createdBy, @expiresAt)`),
      pairing: db.prepare<
        [string, number],
        { code_hash: string; kind: 'kiosk' | 'display' | 'rating'; name: string }
      >(
        'SELECT code_hash, kind, name FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
      ),
      usePairing: db.prepare<[number, string]>(
        'UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?',
      ),
    };
  }

  userByUsername(username: string): UserRecord | null {
    const r = this.stmts.userByName.get(username);
    return r ? userFromRow(r) : null;
  }

  userById(id: string): UserRecord | null {
    const r = this.stmts.userById.get(id);
    return r ? userFromRow(r) : null;
  }

  users(): UserRecord[] {
    return this.stmts.users.all().map(userFromRow);
  }

  insertUser(u: Omit<UserRecord, 'failedLogins' | 'lockedUntil' | 'disabled'>, at: number): void {
    this.stmts.insertUser.run({ ...u, createdAt: at });
  }

  updateUser(u: UserRecord): void {
    this.stmts.updateUser.run({ ...u, disabled: u.disabled ? 1 : 0 });
  }

  recordLoginFailure(id: string, lockedUntil: number | null): void {
    this.stmts.loginFailed.run(lockedUntil, id);
  }

  /** Count a sign-in attempt as failed until it proves right; lock at `max` (one statement). */
  countLoginAttempt(id: string, max: number, lockUntil: number): void {
    this.stmts.loginAttempt.run(max, lockUntil, id);
  }

  recordLoginSuccess(id: string): void {
    this.stmts.loginOk.run(id);
  }

  insertSession(tokenHash: string, userId: string, at: number, expiresAt: number): void {
    this.stmts.insertSession.run(tokenHash, userId, at, expiresAt);
  }

  sessionUser(tokenHash: string, now: number): (UserRecord & { expiresAt: number }) | null {
    const r = this.stmts.session.get(tokenHash, now);
    return r ? { ...userFromRow(r), expiresAt: r.expires_at } : null;
  }

  extendSession(tokenHash: string, expiresAt: number): void {
    this.stmts.touchSession.run(expiresAt, tokenHash);
  }

  deleteSession(tokenHash: string): void {
    this.stmts.deleteSession.run(tokenHash);
  }

  deleteUserSessions(userId: string): void {
    this.stmts.deleteUserSessions.run(userId);
  }

  pruneSessions(now: number): void {
    this.stmts.pruneSessions.run(now);
  }

  insertDevice(d: { id: string; kind: 'kiosk' | 'display' | 'rating'; name: string; tokenHash: string; config: unknown }, at: number): void {
    this.stmts.insertDevice.run({ ...d, config: JSON.stringify(d.config ?? {}), createdAt: at });
  }

  deviceByTokenHash(tokenHash: string): DeviceRecord | null {
    const r = this.stmts.deviceByToken.get(tokenHash);
    return r ? deviceFromRow(r) : null;
  }

  deviceById(id: string): DeviceRecord | null {
    const r = this.stmts.deviceById.get(id);
    return r ? deviceFromRow(r) : null;
  }

  devices(): DeviceRecord[] {
    return this.stmts.devices.all().map(deviceFromRow);
  }

  revokeDevice(id: string, at: number): boolean {
    return this.stmts.revokeDevice.run(at, id).changes > 0;
  }

  deviceSeen(id: string, at: number): void {
    this.stmts.seenDevice.run(at, id);
  }

  setDeviceConfig(id: string, config: unknown): void {
    this.stmts.setDeviceConfig.run(JSON.stringify(config), id);
  }

  insertPairingCode(p: { codeHash: string; kind: 'kiosk' | 'display' | 'rating'; name: string; createdBy: string; expiresAt: number }): void {
    this.stmts.insertPairing.run(p);
  }

  /** Take a pairing code once: returns what it pairs, and marks it used. */
  usePairingCode(codeHash: string, now: number): { kind: 'kiosk' | 'display' | 'rating'; name: string } | null {
    const r = this.stmts.pairing.get(codeHash, now);
    if (!r) return null;
    this.stmts.usePairing.run(now, codeHash);
    return { kind: r.kind, name: r.name };
  }
}
