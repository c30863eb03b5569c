/**
 * The daily backup: once per business day the server copies its database into <data>/backups
 * (online, in steps) and keeps the last BACKUP_KEEP daily copies. `GET /api/admin/backups`
 * (manager and admin) lists them with the retention, for the admin screen; a failed backup is a
 * standing manager alert until the next one succeeds.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.js';
import type { Db } from '../store/open-db.js';
import { BACKUP_KEEP, backupDir, backupTo, dailyName, listBackups, pruneBackups } from '../store/backup.js';
import { jsonRoute, requireRole } from './http.js';
import type { StandingAlerts } from './integrity-route.js';

export interface DailyBackups {
  /** Take today's backup now if there is none yet (the timer calls this). */
  runIfDue(): Promise<void>;
  stop(): void;
}

export function startDailyBackups(
  http: FastifyInstance,
  deps: { db: Db; dataDir: string; log: Logger; accounts: Accounts; today: () => string; now: () => number; standing: StandingAlerts; everyMs?: number; keep?: number },
): DailyBackups {
  const dir = backupDir(deps.dataDir);
  const keep = deps.keep ?? BACKUP_KEEP;
  let running = false;
  let lastError: string | null = null;

  const runIfDue = async (): Promise<void> => {
    if (running) return;
    const dest = join(dir, dailyName(deps.today()));
    if (existsSync(dest)) return;
    running = true;
    try {
      mkdirSync(dir, { recursive: true });
      await backupTo(deps.db, dest);
      pruneBackups(dir, keep);
      // Also after a restart: a failure alert of an earlier run ends with the first good backup.
      deps.standing.clear('backup');
      lastError = null;
    } catch (e) {
      lastError = (e as Error).message;
      deps.log.error({ err: e }, 'daily backup failed');
      deps.standing.raise('backup', {
        kind: 'backup',
        level: 'error',
        message: `Sao lưu hằng ngày không thành công: ${lastError} · daily backup failed`,
        at: deps.now(),
      });
    } finally {
      running = false;
    }
  };

  http.get('/api/admin/backups', jsonRoute(deps.log, (req) => {
    requireRole(deps.accounts, req, 'manager');
    return {
      dir,
      keep,
      lastError,
      backups: listBackups(dir).map((b) => ({ name: b.name, bytes: b.bytes, at: b.at })),
    };
  }));

  const timer = setInterval(() => void runIfDue(), deps.everyMs ?? 3600_000);
  timer.unref();
  // The first one a minute after start, not in the middle of start-up.
  const first = setTimeout(() => void runIfDue(), Math.min(60_000, deps.everyMs ?? 60_000));
  first.unref();
  return {
    runIfDue,
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
