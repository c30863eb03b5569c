/** `POST /api/admin/integrity-check` (admin): SQLite's full integrity check, on demand. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.js';
import type { Db } from '../store/open-db.js';
import { integrityCheck } from '../store/integrity.js';
import { jsonRoute, requireRole } from './http.js';
import type { StandingAlerts } from '../alerts/server-alerts.js';

export type { StandingAlerts } from '../alerts/server-alerts.js';

export function registerIntegrityRoute(
  http: FastifyInstance,
  deps: { accounts: Accounts; db: Db; log: Logger; standing: StandingAlerts },
): void {
  http.post('/api/admin/integrity-check', jsonRoute(deps.log, (req) => {
    requireRole(deps.accounts, req, 'admin');
    const r = integrityCheck(deps.db);
    if (r.ok) deps.standing.clear('integrity');
    else {
      deps.log.error({ problems: r.problems.slice(0, 20) }, 'integrity_check found damage');
      deps.standing.raise('integrity', {
        kind: 'integrity',
        level: 'error',
        message: `Kiểm tra dữ liệu thấy ${r.problems.length} lỗi: hãy báo kỹ thuật · integrity check found ${r.problems.length} problems: call IT`,
        at: r.at,
      });
    }
    return { ok: r.ok, problems: r.problems.slice(0, 100), checkedAt: r.at };
  }));
}
