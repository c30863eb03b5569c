/** What a centre's database holds, as one string: equal strings, nothing changed. */
import type { Db } from '../../src/store/open-db.js';

const QUERIES = [
  'SELECT COUNT(*) AS n, MAX(seq) AS s FROM events',
  'SELECT id, state, counter_id, queue_key FROM tickets ORDER BY id',
  'SELECT * FROM counters ORDER BY id',
  'SELECT * FROM services ORDER BY id',
  'SELECT json FROM settings',
  'SELECT id, role, disabled, password_hash FROM users ORDER BY id',
  'SELECT id, name, revoked_at, config_json FROM devices ORDER BY id',
];

export function dbFingerprint(db: Db): string {
  return JSON.stringify(QUERIES.map((q) => db.prepare(q).all()));
}

/**
 * The cheap form, for many calls: every change the engine or the admin makes is an event row in
 * the same transaction, so the events' count and last seq move with any of them; accounts and
 * devices are added for what changes beside the log.
 */
export function dbFingerprintLight(db: Db): string {
  return JSON.stringify([
    db.prepare('SELECT COUNT(*) AS n, MAX(seq) AS s FROM events').get(),
    db.prepare('SELECT COUNT(*) AS n, MAX(rowid) AS r FROM tickets').get(),
    db.prepare('SELECT id, role, disabled, password_hash FROM users ORDER BY id').all(),
    db.prepare('SELECT id, revoked_at, config_json FROM devices ORDER BY id').all(),
  ]);
}
