/**
 * SQLite's own checks of the database file, and the facts that make it durable, for start-up,
 * `/api/health` and the admin's on-demand check.
 */
import type { Db } from './open-db.js';

export interface CheckResult {
  ok: boolean;
  problems: string[];
  at: number;
  kind: 'quick_check' | 'integrity_check';
}

function run(db: Db, kind: CheckResult['kind']): CheckResult {
  const rows = db.pragma(kind) as Record<string, string>[];
  const lines = rows.map((r) => String(Object.values(r)[0]));
  const ok = lines.length === 1 && lines[0] === 'ok';
  return { ok, problems: ok ? [] : lines, at: Date.now(), kind };
}

/** `PRAGMA quick_check`: every page and index entry readable (O(N), seconds at most). */
export function quickCheck(db: Db): CheckResult {
  try {
    return run(db, 'quick_check');
  } catch (e) {
    return { ok: false, problems: [(e as Error).message], at: Date.now(), kind: 'quick_check' };
  }
}

/** `PRAGMA integrity_check`: also that every index matches its table (slower; on demand). */
export function integrityCheck(db: Db): CheckResult {
  try {
    return run(db, 'integrity_check');
  } catch (e) {
    return { ok: false, problems: [(e as Error).message], at: Date.now(), kind: 'integrity_check' };
  }
}

const SYNC = ['off', 'normal', 'full', 'extra'];

/** Journal mode, synchronous level and foreign keys as the connection really has them. */
export function dbFacts(db: Db): { journalMode: string; synchronous: string; foreignKeys: boolean } {
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  const sync = Number(db.pragma('synchronous', { simple: true }));
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true })) === 1;
  return { journalMode, synchronous: SYNC[sync] ?? String(sync), foreignKeys };
}
