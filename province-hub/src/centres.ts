/** Registering centres, their one-time enrolment codes, and their revocable push credentials. */
import { randomInt } from 'node:crypto';
import type { EnrolResult } from '@layso/shared';
import type { Pool } from './db.js';
import { HubError, randomToken, sha256 } from './auth.js';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_TTL_MS = 24 * 3_600_000;

/** Twelve characters without look-alikes, in groups of four: about 60 bits. */
export function newEnrolmentCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Codes are compared without dashes, spaces or case. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export interface CodeIssued {
  centreId: string;
  code: string;
  expiresAt: number;
}

export async function registerCentre(pool: Pool, body: { id: string; nameVi: string; nameEn: string }): Promise<CodeIssued> {
  const code = newEnrolmentCode();
  const expiresAt = Date.now() + CODE_TTL_MS;
  try {
    await pool.query('INSERT INTO centres (id, name_vi, name_en, enrol_code_hash, enrol_expires_at) VALUES ($1, $2, $3, $4, $5)', [
      body.id,
      body.nameVi,
      body.nameEn,
      sha256(normaliseCode(code)),
      new Date(expiresAt),
    ]);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new HubError('CONFLICT', 'a centre with that id exists');
    throw e;
  }
  return { centreId: body.id, code, expiresAt };
}

/** A new code for a centre (lost code, new machine, after a revocation). */
export async function newCode(pool: Pool, centreId: string): Promise<CodeIssued> {
  const code = newEnrolmentCode();
  const expiresAt = Date.now() + CODE_TTL_MS;
  const r = await pool.query('UPDATE centres SET enrol_code_hash = $2, enrol_expires_at = $3 WHERE id = $1', [centreId, sha256(normaliseCode(code)), new Date(expiresAt)]);
  if (r.rowCount === 0) throw new HubError('NOT_FOUND', 'no such centre');
  return { centreId, code, expiresAt };
}

/** The centre's side of the exchange: a valid code, once, becomes a credential. */
export async function enrol(pool: Pool, code: string): Promise<EnrolResult> {
  const credential = randomToken(32);
  const r = await pool.query<{ id: string; name_vi: string; head_seq: number }>(
    `UPDATE centres SET credential_hash = $2, enrolled_at = now(), revoked_at = NULL, enrol_code_hash = NULL, enrol_expires_at = NULL
     WHERE enrol_code_hash = $1 AND enrol_expires_at > now() RETURNING id, name_vi, head_seq`,
    [sha256(normaliseCode(code)), sha256(credential)],
  );
  const row = r.rows[0];
  if (!row) throw new HubError('PAIRING_CODE_INVALID', 'wrong, used or expired enrolment code: ask the province admin for a new one');
  return { centreId: row.id, nameVi: row.name_vi, credential, head: row.head_seq };
}

export async function revoke(pool: Pool, centreId: string): Promise<void> {
  const r = await pool.query('UPDATE centres SET revoked_at = now(), credential_hash = NULL WHERE id = $1', [centreId]);
  if (r.rowCount === 0) throw new HubError('NOT_FOUND', 'no such centre');
}
