/**
 * Backups of a centre's database: online (SQLite's backup API copies pages in steps while the
 * server keeps issuing; a step holds the read lock only briefly), checked, and restored whole.
 *
 * - `npm run backup [-- <file>]`: a copy of the running (or stopped) centre, with progress.
 * - `npm run restore -- <file>`: puts a backup in place of a stopped centre's database (the
 *   current one is kept aside as layso.sqlite.before-restore-<time>).
 * - The server takes a daily backup into <data>/backups and keeps the last BACKUP_KEEP of them.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './open-db.js';

export const BACKUP_KEEP = 14;
/** Copies taken with "back up now" in the admin that are kept. */
export const BACKUP_NOW_KEEP = 5;
export const BACKUP_PREFIX = 'layso-';

const DAILY = /^layso-\d{4}-\d{2}-\d{2}\.sqlite$/;
const NOW = /^layso-\d{4}-\d{2}-\d{2}-now-\d{6}\.sqlite$/;

export interface BackupInfo {
  file: string;
  name: string;
  bytes: number;
  at: number;
  /** It passed quick_check when written and has the size it had then (its `.verified` note). */
  verified: boolean;
  kind: 'daily' | 'now' | 'manual';
}

/** The note beside a backup that says it passed its check, and at what size. */
function verifiedNote(file: string): string {
  return `${file}.verified`;
}

function isVerified(file: string, bytes: number): boolean {
  try {
    const note = JSON.parse(readFileSync(verifiedNote(file), 'utf8')) as { bytes?: unknown; check?: unknown };
    return note.check === 'ok' && note.bytes === bytes;
  } catch {
    return false;
  }
}

/** Copy `db` to `dest` while it stays in use; `progress(done, total)` after each step of pages. */
export async function backupTo(db: Db, dest: string, progress?: (done: number, total: number) => void): Promise<BackupInfo> {
  const tmp = `${dest}.partial`;
  rmSync(tmp, { force: true });
  await db.backup(tmp, {
    progress: ({ totalPages, remainingPages }) => {
      progress?.(totalPages - remainingPages, totalPages);
      // Pages per step (4 KB each): small enough that the server's writes get in between.
      return 100;
    },
  });
  const pages = Number(db.pragma('page_count', { simple: true }));
  progress?.(pages, pages);
  const check = new Database(tmp, { readonly: true });
  const ok = check.pragma('quick_check', { simple: true });
  check.close();
  if (ok !== 'ok') {
    rmSync(tmp, { force: true });
    throw new Error(`the backup did not pass its check (${String(ok)}); nothing was kept`);
  }
  renameSync(tmp, dest);
  const st = statSync(dest);
  writeFileSync(verifiedNote(dest), JSON.stringify({ check: 'ok', bytes: st.size, at: Date.now() }));
  return { file: dest, name: basename(dest), bytes: st.size, at: st.mtimeMs, verified: true, kind: kindOf(basename(dest)) };
}

function kindOf(name: string): BackupInfo['kind'] {
  return DAILY.test(name) ? 'daily' : NOW.test(name) ? 'now' : 'manual';
}

export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** The backups in a directory, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // No folder yet, or something else in its place: no backups (the next one reports why).
    return [];
  }
  return names
    .filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith('.sqlite'))
    .map((name) => {
      const file = join(dir, name);
      const st = statSync(file);
      return { file, name, bytes: st.size, at: st.mtimeMs, verified: isVerified(file, st.size), kind: kindOf(name) };
    })
    .sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/**
 * Keep the newest `keep` daily backups and the newest `keepNow` "back up now" copies; delete the
 * rest. A backup someone put there by hand (`npm run backup`) stays until someone removes it.
 */
export function pruneBackups(dir: string, keep = BACKUP_KEEP, keepNow = BACKUP_NOW_KEEP): string[] {
  const all = listBackups(dir).sort((a, b) => b.name.localeCompare(a.name));
  const gone = [...all.filter((b) => b.kind === 'daily').slice(keep), ...all.filter((b) => b.kind === 'now').slice(keepNow)].map((b) => b.file);
  for (const f of gone) {
    rmSync(f, { force: true });
    rmSync(verifiedNote(f), { force: true });
  }
  return gone;
}

/**
 * Put a backup in place of a (stopped) centre's database. The backup is checked first; the
 * database it replaces, and its WAL, are kept aside, never deleted.
 */
export function restoreFrom(backup: string, dbFile: string, now: number): { keptAside: string | null } {
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  const ok = check.pragma('quick_check', { simple: true });
  const hasCentre = check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'settings'").get() !== undefined;
  check.close();
  if (ok !== 'ok' || !hasCentre) throw new Error(`${backup} is not a sound Layso backup (${String(ok)})`);
  let keptAside: string | null = null;
  if (existsSync(dbFile)) {
    keptAside = `${dbFile}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dbFile, keptAside);
    for (const ext of ['-wal', '-shm']) if (existsSync(dbFile + ext)) renameSync(dbFile + ext, keptAside + ext);
  }
  copyFileSync(backup, `${dbFile}.restoring`);
  renameSync(`${dbFile}.restoring`, dbFile);
  return { keptAside };
}

/** `layso-2026-03-10.sqlite` for a daily backup of that local date. */
export function dailyName(localDate: string): string {
  return `${BACKUP_PREFIX}${localDate}.sqlite`;
}

/** `layso-2026-03-10-now-143005.sqlite` for a "back up now" at that local date and time. */
export function nowName(localDate: string, hhmmss: string): string {
  return `${BACKUP_PREFIX}${localDate}-now-${hhmmss}.sqlite`;
}
