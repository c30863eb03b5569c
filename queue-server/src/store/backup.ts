/**
 * Backups of a centre's database: online (SQLite's backup API copies pages in steps while the
 * server keeps issuing; a step holds the read lock only briefly), checked, and restored whole.
 *
 * - `npm run backup [-- <file>]`: a copy of the running (or stopped) centre, with progress.
 * - `npm run restore -- <file>`: puts a backup in place of a stopped centre's database (the
 *   current one is kept aside as layso.sqlite.before-restore-<time>).
 * - The server takes a daily backup into <data>/backups and keeps the last BACKUP_KEEP of them.
 */
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './open-db.js';

export const BACKUP_KEEP = 14;
export const BACKUP_PREFIX = 'layso-';

export interface BackupInfo {
  file: string;
  name: string;
  bytes: number;
  at: number;
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
  return { file: dest, name: basename(dest), bytes: st.size, at: st.mtimeMs };
}

export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** The backups in a directory, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith('.sqlite'))
    .map((name) => {
      const st = statSync(join(dir, name));
      return { file: join(dir, name), name, bytes: st.size, at: st.mtimeMs };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** Keep the newest `keep` backups of the directory, delete the rest. */
export function pruneBackups(dir: string, keep = BACKUP_KEEP): string[] {
  // Only the daily ones; a backup someone took by hand stays until someone removes it.
  const gone = listBackups(dir)
    .filter((b) => /^layso-\d{4}-\d{2}-\d{2}\.sqlite$/.test(b.name))
    .slice(keep)
    .map((b) => b.file);
  for (const f of gone) rmSync(f, { force: true });
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
