/** `GET /api/reports`, `/api/reports/export.csv`, `/api/reports/export.xlsx`, `/api/board/ratings`: managers and admins. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ExportQuery, ReportQuery } from '@layso/shared';
import type { Accounts } from '../auth/accounts.js';
import type { QueueEngine } from '../engine/engine.js';
import { jsonRoute, requireRole, sendAck } from '../admin/http.js';
import { toFailure } from '../handlers/wrap.js';
import type { Reports } from './reports.js';
import { csvAppointmentsExport, csvExport, csvRatingsExport, xlsxExport } from './export.js';

export interface ReportDeps {
  reports: Reports;
  engine: QueueEngine;
  accounts: Accounts;
  log: Logger;
}

export function registerReportRoutes(http: FastifyInstance, deps: ReportDeps): void {
  const { reports, engine, accounts, log } = deps;

  http.get('/api/reports', jsonRoute(log, (req) => {
    requireRole(accounts, req, 'manager');
    return reports.report(ReportQuery.parse(req.query));
  }));

  // The manager's board: today's ratings (then kept current by the `ratings:today` push).
  http.get('/api/board/ratings', jsonRoute(log, (req) => {
    requireRole(accounts, req, 'manager');
    return reports.boardRatings();
  }));

  for (const format of ['csv', 'xlsx'] as const) {
    http.get(`/api/reports/export.${format}`, async (req, reply) => {
      try {
        requireRole(accounts, req, 'manager');
        const q = ExportQuery.parse(req.query);
        const tz = engine.getSettings().timeZone;
        const name = `layso-${q.table !== 'tickets' && format === 'csv' ? `${q.table}-` : ''}${q.from}_${q.to}.${format}`;
        reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        if (format === 'csv' && q.table === 'ratings') return reply.send(csvRatingsExport(reports.ratingSummaries(q.from, q.to), q.lang));
        if (format === 'csv' && q.table === 'appointments') return reply.send(csvAppointmentsExport(reports.appointments(q.from, q.to), q.lang));
        return reply.send(
          format === 'csv'
            ? csvExport(reports.repo, q.from, q.to, tz, q.lang)
            : await xlsxExport(reports.repo, q.from, q.to, tz, q.lang, reports.ratingSummaries(q.from, q.to), reports.appointments(q.from, q.to)),
        );
      } catch (e) {
        return sendAck(reply, toFailure(e, log));
      }
    });
  }
}
