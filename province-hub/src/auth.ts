/**
 * People on the hub (province admin, province viewer, centre viewer) and centres' credentials.
 * Secrets are random and stored only as hashes: passwords with scrypt, tokens with SHA-256.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { httpStatusOf } from '@layso/shared';
import type { Pool } from './db.js';

export type Role = 'province_admin' | 'province_viewer' | 'centre_viewer';

export interface HubUser {
  username: string;
  role: Role;
  centreId: string | null;
}

export class HubError extends Error {
  constructor(
    readonly code: 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INVALID_CREDENTIALS' | 'PAIRING_CODE_INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'HUB_INSECURE_URL',
    message: string,
  ) {
    super(message);
  }
  /** As the centre's server answers, but a push over plain HTTP asks for TLS (426 Upgrade Required). */
  get status(): number {
    return this.code === 'HUB_INSECURE_URL' ? 426 : httpStatusOf(this.code);
  }
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, 32, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('base64')}:${(await scryptAsync(password, salt)).toString('base64')}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [kind, salt, hash] = stored.split(':');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'));
  const want = Buffer.from(hash, 'base64');
  return got.length === want.length && timingSafeEqual(got, want);
}

const SESSION_MS = 12 * 3_600_000;

export class HubAuth {
  constructor(private readonly pool: Pool) {}

  async createUser(username: string, password: string, role: Role, centreId: string | null): Promise<void> {
    if (password.length < 8) throw new HubError('VALIDATION', 'passwords have at least 8 characters');
    if ((role === 'centre_viewer') !== (centreId !== null)) throw new HubError('VALIDATION', 'a centre viewer has one centre; others none');
    try {
      await this.pool.query('INSERT INTO users (username, password_hash, role, centre_id) VALUES ($1, $2, $3, $4)', [
        username,
        await hashPassword(password),
        role,
        centreId,
      ]);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '23505') throw new HubError('CONFLICT', 'that username exists');
      if (code === '23503') throw new HubError('NOT_FOUND', 'no such centre');
      throw e;
    }
  }

  /** Make the first province admin when the hub has no user yet; true when made. */
  async bootstrapAdmin(username: string, password: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM users LIMIT 1');
    if ((r.rowCount ?? 0) > 0) return false;
    await this.createUser(username, password, 'province_admin', null);
    return true;
  }

  async login(username: string, password: string): Promise<{ token: string; user: HubUser }> {
    const r = await this.pool.query<{ username: string; password_hash: string; role: Role; centre_id: string | null }>(
      'SELECT username, password_hash, role, centre_id FROM users WHERE username = $1',
      [username],
    );
    const row = r.rows[0];
    // Hash even for a missing user, so that timing does not tell which usernames exist.
    const ok = await checkPassword(password, row?.password_hash ?? 'scrypt:AAAA:AAAA');
    if (!row || !ok) throw new HubError('INVALID_CREDENTIALS', 'wrong username or password');
    const token = randomToken();
    await this.pool.query('INSERT INTO sessions (token_hash, username, expires_at) VALUES ($1, $2, $3)', [
      sha256(token),
      row.username,
      new Date(Date.now() + SESSION_MS),
    ]);
    return { token, user: { username: row.username, role: row.role, centreId: row.centre_id } };
  }

  async userOf(token: string | undefined): Promise<HubUser> {
    if (!token) throw new HubError('UNAUTHENTICATED', 'sign in first');
    const r = await this.pool.query<{ username: string; role: Role; centre_id: string | null }>(
      `SELECT u.username, u.role, u.centre_id FROM sessions s JOIN users u USING (username)
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [sha256(token)],
    );
    const row = r.rows[0];
    if (!row) throw new HubError('UNAUTHENTICATED', 'session ended: sign in again');
    return { username: row.username, role: row.role, centreId: row.centre_id };
  }

  async logout(token: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
  }

  /** The centre a push credential belongs to (not revoked), or an error. */
  async centreOf(credential: string | undefined): Promise<string> {
    if (!credential) throw new HubError('UNAUTHENTICATED', 'a centre credential is needed');
    const r = await this.pool.query<{ id: string }>('SELECT id FROM centres WHERE credential_hash = $1 AND revoked_at IS NULL', [sha256(credential)]);
    const id = r.rows[0]?.id;
    if (!id) throw new HubError('UNAUTHENTICATED', 'unknown or revoked centre credential');
    return id;
  }
}

export function requireRole(user: HubUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) throw new HubError('FORBIDDEN', 'not allowed for your role');
}

/** Whether the user may see this centre. */
export function canSeeCentre(user: HubUser, centreId: string): boolean {
  return user.role !== 'centre_viewer' || user.centreId === centreId;
}
