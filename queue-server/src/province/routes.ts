/**
 * The centre admin's REST for the province uplink: see it, enrol with a code, forget the hub.
 *   GET    /api/province/uplink
 *   POST   /api/province/uplink/enrol   { hubUrl, code }
 *   DELETE /api/province/uplink
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { UplinkEnrolBody } from '@layso/shared';
import type { Accounts } from '../auth/accounts.js';
import { jsonRoute, requireRole } from '../admin/http.js';
import { Uplink, type UplinkOptions } from './uplink.js';

export function registerProvinceUplink(http: FastifyInstance, deps: UplinkOptions & { accounts: Accounts; log: Logger }): Uplink {
  const uplink = new Uplink(deps);
  const { accounts, log } = deps;
  http.get('/api/province/uplink', jsonRoute(log, (req) => {
    requireRole(accounts, req, 'manager');
    return uplink.status();
  }));
  http.post('/api/province/uplink/enrol', jsonRoute(log, async (req) => {
    requireRole(accounts, req, 'admin');
    const body = UplinkEnrolBody.parse(req.body);
    return uplink.enrol(body.hubUrl, body.code);
  }));
  http.delete('/api/province/uplink', jsonRoute(log, (req) => {
    requireRole(accounts, req, 'admin');
    return uplink.forget();
  }));
  return uplink;
}
