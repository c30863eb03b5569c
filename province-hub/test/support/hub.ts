/**
 * Test support for the province hub: hub nodes (in-process, or real `main.ts` processes that can
 * be killed), a loopback TCP load balancer in front of them, real centre servers (the queue
 * server's own harness) doing a day's work, and row-for-row comparisons of the logs.
 */
import { spawnListening, type ListeningProcess } from '@layso/node-shared/testing';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import type { ProvinceEvent } from '@layso/shared';
import { eventsAfter, provinceEventOf } from '../../../queue-server/src/province/uplink.js';
import type { Db } from '../../../queue-server/src/store/open-db.js';
import { kiosk, must, rid, send, staff, type TestServer } from '../../../queue-server/test/support/harness.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const ADMIN = { username: 'admin', password: 'mat-khau-tinh' };

export interface Ok<T> {
  ok: true;
  data: T;
}
export type Answer<T> = Ok<T> | { ok: false; error: { code: string; message: string } };

export async function api<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Answer<T> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer<T> };
}

export async function must2<T>(p: Promise<{ status: number; body: Answer<T> }>): Promise<T> {
  const r = await p;
  if (!r.body.ok) throw new Error(`hub answered ${r.status} ${r.body.error.code}: ${r.body.error.message}`);
  return r.body.data;
}

export async function hubLogin(base: string, username = ADMIN.username, password = ADMIN.password): Promise<string> {
  return (await must2(api<{ token: string }>(base, 'POST', '/api/login', { username, password }))).token;
}

/** Register a centre on the hub; its one-time code. */
export async function registerCentre(base: string, token: string, id: string, nameVi = `Trung tâm ${id}`): Promise<string> {
  return (await must2(api<{ code: string }>(base, 'POST', '/api/centres', { id, nameVi, nameEn: `Centre ${id}` }, token))).code;
}

/** A centre admin enrols its centre with the code (the centre's own REST, as the staff app does). */
export async function enrolCentre(centre: TestServer | { url: string }, hubUrl: string, code: string): Promise<void> {
  const login = await fetch(`${centre.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo' }),
  });
  const token = ((await login.json()) as Ok<{ token: string }>).data.token;
  const r = await fetch(`${centre.url}/api/province/uplink/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ hubUrl, code }),
  });
  const body = (await r.json()) as Answer<unknown>;
  if (!body.ok) throw new Error(`enrolment failed: ${body.error.code} ${body.error.message}`);
}

/** The centre's log as it must be on the hub: every event, projected. */
export function centreLog(db: Db): ProvinceEvent[] {
  return eventsAfter(db).all(0, Number.MAX_SAFE_INTEGER).map(provinceEventOf);
}

/** The hub's copy of a centre's log, in seq order. */
export async function hubLog(databaseUrl: string, centreId: string): Promise<ProvinceEvent[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ seq: string; at: Date; business_date: string; type: string; ticket_id: string | null; service_id: string | null; counter_id: string | null; data: Record<string, unknown> | null }>(
      "SELECT seq, at, to_char(business_date, 'YYYY-MM-DD') AS business_date, type, ticket_id, service_id, counter_id, data FROM events WHERE centre_id = $1 ORDER BY seq",
      [centreId],
    );
    return r.rows.map((x) => ({
      seq: Number(x.seq),
      at: x.at.getTime(),
      businessDate: x.business_date,
      type: x.type,
      ticketId: x.ticket_id,
      serviceId: x.service_id,
      counterId: x.counter_id,
      data: x.data,
    }));
  } finally {
    await c.end();
  }
}

/**
 * Some of a centre's day: `tickets` numbers issued at the kiosk, counter quay-1 opened, and
 * `served` of them called, started and done; the clock moves a minute a step.
 */
export async function centreWork(ts: TestServer, tickets: number, served: number): Promise<void> {
  const k = await kiosk(ts.url);
  const o = await staff(ts.url, 'canbo1');
  try {
    for (let i = 0; i < tickets; i++) {
      ts.clock.advance(60_000);
      await must(k, 'ticket:issue', { requestId: rid(), serviceId: i % 3 === 2 ? 'dat-dai' : 'ho-tich', priority: null });
    }
    // Open the counter (it may be open already from an earlier round).
    await send(o, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    for (let i = 0; i < served; i++) {
      ts.clock.advance(60_000);
      const r = await send<{ ticket: unknown }>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
      if (!r.ok && r.error.code === 'QUEUE_EMPTY') break;
      if (!r.ok) throw new Error(`callNext: ${r.error.code}`);
      if (!r.data.ticket) break;
      ts.clock.advance(20_000);
      await must(o, 'ticket:start', { requestId: rid(), counterId: 'quay-1' });
      ts.clock.advance(180_000);
      await must(o, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    }
  } finally {
    k.disconnect();
    o.disconnect();
  }
}

export interface HubProcess extends ListeningProcess {
  /** Kills the node (SIGKILL unless told), as a crash would. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A real hub node: `province-hub/src/main.ts` in its own process, as `npm run hub` runs it. */
export async function spawnHub(databaseUrl: string, name: string, env: Record<string, string> = {}): Promise<HubProcess> {
  const node = await spawnListening({
    entry: join(repoRoot, 'province-hub/src/main.ts'),
    cwd: repoRoot,
    env: { PORT: '0', LAYSO_HUB_HOST: '127.0.0.1', LAYSO_HUB_DATABASE_URL: databaseUrl, LAYSO_HUB_ADMIN_PASSWORD: ADMIN.password, LAYSO_HUB_NODE: name, LAYSO_LOG_LEVEL: 'warn', ...env },
    listening: /HUB_LISTENING (\d+)/,
    what: 'hub',
  });
  return {
    ...node,
    async kill(signal = 'SIGKILL') {
      await node.stop(signal);
    },
  };
}

export { LoopbackBalancer } from '../../src/loopback-balancer.js';
