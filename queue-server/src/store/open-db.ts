import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql as m001 } from './migrations/001-initial.js';
import { sql as m002 } from './migrations/002-reports-audit.js';
import { sql as m003 } from './migrations/003-province-uplink.js';
import { sql as m004 } from './migrations/004-alerts-kiosk-names.js';
import { sql as m005 } from './migrations/005-ratings.js';
import { sql as m006 } from './migrations/006-appointments.js';
import { sql as m007 } from './migrations/007-integrations.js';
import { sql as m008 } from './migrations/008-dossier-results.js';

export type Db = Database.Database;

/** Versioned migrations; `PRAGMA user_version` records how many ran. Append, never edit. */
const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008];

/**
 * Open (or create) a centre's database: WAL with synchronous=FULL, because a commune office
 * loses power and a printed number must never come back.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server (${MIGRATIONS.length}); upgrade Layso`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function schemaVersion(): number {
  return MIGRATIONS.length;
}
