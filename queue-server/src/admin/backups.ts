/**
 * The daily backup: once per business day the server copies its database into <data>/backups
 * (online, in steps, checked) and keeps the last BACKUP_KEEP daily copies. The admin screen reads
 * `GET /api/admin/backups` (manager and admin): the schedule, the retention, every backup with
 * its time, size and whether it was verified, and the last failure. `POST /api/admin/backups`
 * (admin) backs up now: audited (storage.backup_taken), the last BACKUP_NOW_KEEP such copies kept;
 * BACKUP_RUNNING while another backup runs, BACKUP_FAILED when it could not be made. A failed
 * backup is a standing manager alert until the next one succeeds.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { LaysoError, type BackupFile, type BackupList } from '@layso/shared';
import type { Accounts } from '../auth/accounts.js';
import type { Db } from '../store/open-db.js';
import type { QueueEngine } from '../engine/engine.js';
import { staffActor } from '../engine/access.js';
import { BACKUP_KEEP, BACKUP_NOW_KEEP, backupDir, backupTo, dailyName, listBackups, nowName, pruneBackups } from '../store/backup.js';
import { jsonRoute, requireRole } from './http.js';
import type { StandingAlerts } from '../alerts/server-alerts.js';

export interface DailyBackups {
  /** Take today's backup now if there is none yet (the timer calls this). */
  runIfDue(): Promise<void>;
  stop(): void;
}

const HOUR = 3600_000;

export function startDailyBackups(
  http: FastifyInstance,
  deps: {
    db: Db;
    dataDir: string;
    log: Logger;
    accounts: Accounts;
    engine: QueueEngine;
    today: () => string;
    now: () => number;
    standing: StandingAlerts;
    everyMs?: number;
    keep?: number;
  },
): DailyBackups {
  const dir = backupDir(deps.dataDir);
  const keep = deps.keep ?? BACKUP_KEEP;
  const everyMs = deps.everyMs ?? HOUR;
  let running = false;
  let lastFailure: { at: number; message: string } | null = null;
  let lastSuccessAt: number | null = null;

  /** One backup into `dest`; the failure alert is raised or ended. Throws BACKUP_FAILED. */
  const take = async (dest: string): Promise<BackupFile> => {
    running = true;
    try {
      mkdirSync(dir, { recursive: true });
      const b = await backupTo(deps.db, dest);
      pruneBackups(dir, keep, BACKUP_NOW_KEEP);
      lastFailure = null;
      lastSuccessAt = deps.now();
      // Also after a restart: a failure alert of an earlier run ends with the first good backup.
      deps.standing.clear('backup');
      return { name: b.name, bytes: b.bytes, at: b.at, verified: b.verified, kind: b.kind };
    } catch (e) {
      const message = (e as Error).message;
      lastFailure = { at: deps.now(), message };
      deps.log.error({ err: e }, 'backup failed');
      deps.standing.raise('backup', {
        kind: 'backup',
        level: 'error',
        message: `Sao lưu không thành công: ${message} · backup failed`,
        at: deps.now(),
      });
      throw new LaysoError('BACKUP_FAILED', `the backup failed: ${message}`);
    } finally {
      running = false;
    }
  };

  const runIfDue = async (): Promise<void> => {
    if (running) return;
    const dest = join(dir, dailyName(deps.today()));
    if (existsSync(dest)) return;
    await take(dest).catch(() => undefined);
  };

  http.get('/api/admin/backups', jsonRoute(deps.log, (req): BackupList => {
    requireRole(deps.accounts, req, 'manager');
    return {
      dir,
      checkEveryMs: everyMs,
      keep,
      keepNow: BACKUP_NOW_KEEP,
      running,
      lastSuccessAt,
      lastFailure,
      backups: listBackups(dir).map((b) => ({ name: b.name, bytes: b.bytes, at: b.at, verified: b.verified, kind: b.kind })),
    };
  }));

  http.post('/api/admin/backups', jsonRoute(deps.log, async (req): Promise<BackupFile> => {
    const user = requireRole(deps.accounts, req, 'admin');
    if (running) throw new LaysoError('BACKUP_RUNNING', 'a backup is being taken already; wait for it');
    const dest = join(dir, nowName(deps.today(), localTime(deps.now(), deps.engine.getSettings().timeZone)));
    const b = await take(dest);
    // In the audit log: who backed up, when, which file.
    deps.engine.adminChange('storage.backup_taken', staffActor(user), () => b, (x) => ({ name: x.name, bytes: x.bytes }));
    return b;
  }));

  const timer = setInterval(() => void runIfDue(), everyMs);
  timer.unref();
  // The first one a minute after start, not in the middle of start-up.
  const first = setTimeout(() => void runIfDue(), Math.min(60_000, everyMs));
  first.unref();
  return {
    runIfDue,
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}

/** `143005` for 14:30:05 in the centre's time zone. */
function localTime(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('hour')}${get('minute')}${get('second')}`;
}
