/**
 * Issue 12, the role × event × route matrix: every socket event (from the protocol's own tables)
 * and every REST route (as fastify registered them), tried by nobody, a paired kiosk and display,
 * a revoked device, a signed-out session, an officer (also on another officer's counter), the
 * manager and the admin. Only what is allowed succeeds, and the database changes only then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { API_SCOPES, CLIENT_EVENT_SCHEMAS, ERROR_CODES, type Ack, type ApiKeyCreated, type ApiScope } from '@layso/shared';
import { must, rid, staff, startTestServer, type StaffSocket, type TestServer } from '../support/harness.js';
import { PRINCIPALS, principals, type Credentials, type Principal } from '../support/principals.js';
import { dbFingerprint } from '../support/fingerprint.js';

/** `apiKey`: an integration's key with a scope (no staff or device principal may). */
type Need = 'public' | 'signedIn' | 'manager' | 'admin' | 'apiKey';

/**
 * Who may use each route. A route fastify knows that is missing here fails the test, so a new
 * route cannot be added without deciding who may use it.
 */
const ROUTES: Record<string, Need> = {
  'GET /api/health': 'public',
  'GET /api/centre': 'public',
  'GET /api/services': 'public',
  'GET /api/tickets/:id': 'public',
  'POST /api/tickets/:id/rating': 'public',
  // Booking is for citizens, with no account (issue 14).
  'GET /api/book/options': 'public',
  'GET /api/book/slots': 'public',
  'POST /api/book': 'public',
  'GET /api/book/:id': 'public',
  'POST /api/book/:id/cancel': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signedIn',
  'GET /api/admin/services': 'manager',
  'POST /api/admin/services': 'admin',
  'PATCH /api/admin/services/:id': 'admin',
  'DELETE /api/admin/services/:id': 'admin',
  'GET /api/admin/counters': 'manager',
  'POST /api/admin/counters': 'admin',
  'PATCH /api/admin/counters/:id': 'admin',
  'DELETE /api/admin/counters/:id': 'admin',
  'GET /api/admin/settings': 'manager',
  'PUT /api/admin/settings': 'admin',
  'GET /api/admin/users': 'manager',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/:id': 'admin',
  'DELETE /api/admin/users/:id': 'admin',
  'GET /api/admin/devices': 'manager',
  'GET /api/board/devices': 'manager',
  'GET /api/board/ratings': 'manager',
  'POST /api/admin/pairing-codes': 'admin',
  'POST /api/devices/pair': 'public',
  'PATCH /api/admin/devices/:id': 'admin',
  'POST /api/admin/devices/:id/revoke': 'admin',
  'GET /api/admin/audit': 'manager',
  'GET /api/alerts': 'manager',
  'GET /api/admin/backups': 'manager',
  'POST /api/admin/backups': 'admin',
  'POST /api/alerts/:id/ack': 'manager',
  'POST /api/admin/integrity-check': 'admin',
  'GET /api/reports': 'manager',
  'GET /api/reports/export.csv': 'manager',
  'GET /api/reports/export.xlsx': 'manager',
  'GET /api/province/uplink': 'manager',
  'POST /api/province/uplink/enrol': 'admin',
  'DELETE /api/province/uplink': 'admin',
  // Integrations (issue 14): the admin's keys and webhooks, the REST API by key, staff booking.
  'GET /api/admin/api-keys': 'manager',
  'POST /api/admin/api-keys': 'admin',
  'POST /api/admin/api-keys/:id/revoke': 'admin',
  'GET /api/admin/webhooks': 'manager',
  'POST /api/admin/webhooks': 'admin',
  'PATCH /api/admin/webhooks/:id': 'admin',
  'DELETE /api/admin/webhooks/:id': 'admin',
  'GET /api/admin/webhooks/deliveries': 'manager',
  'POST /api/admin/webhooks/deliveries/:id/retry': 'admin',
  'GET /api/v1/slots': 'apiKey',
  'POST /api/v1/appointments': 'apiKey',
  'GET /api/v1/appointments/:id': 'apiKey',
  'POST /api/v1/appointments/:id/cancel': 'apiKey',
  'POST /api/v1/dossiers/ready': 'apiKey',
  'GET /api/v1/dossiers/status': 'apiKey',
  'POST /api/v1/dossiers/withdraw': 'apiKey',
  'POST /api/staff/appointments': 'signedIn',
  'POST /api/staff/appointments/:id/cancel': 'signedIn',
  'GET /api/staff/appointments/upcoming': 'signedIn',
  'GET /': 'public',
  'GET /favicon.ico': 'public',
  'GET /t/:id': 'public',
  'GET /static/tracking.js': 'public',
  'GET /static/tracking.css': 'public',
  'GET /static/landing.js': 'public',
  'GET /static/landing.css': 'public',
};

/** The scope each route of the integrations' API needs; a key-route missing here fails the test. */
const API_SCOPE_OF: Record<string, ApiScope> = {
  'GET /api/v1/slots': 'appointments:write',
  'POST /api/v1/appointments': 'appointments:write',
  'GET /api/v1/appointments/:id': 'appointments:write',
  'POST /api/v1/appointments/:id/cancel': 'appointments:write',
  'POST /api/v1/dossiers/ready': 'dossiers:write',
  'GET /api/v1/dossiers/status': 'dossiers:write',
  'POST /api/v1/dossiers/withdraw': 'dossiers:write',
};

const RANK: Record<Principal, number> = { nobody: 0, kiosk: 0, display: 0, revokedKiosk: 0, signedOut: 0, officer: 1, manager: 2, admin: 3 };
const NEED_RANK: Record<Need, number> = { public: 0, signedIn: 1, manager: 2, admin: 3, apiKey: 99 };

/** Who may connect to each namespace (the demo's loopback pass is off: a real centre). */
const NAMESPACE: Record<keyof typeof CLIENT_EVENT_SCHEMAS, (p: Principal) => boolean> = {
  kiosk: (p) => p === 'kiosk',
  display: (p) => p === 'display',
  staff: (p) => RANK[p] >= 1,
  public: () => true,
  // Only a device paired as a rating tablet: none of the principals here is one.
  rating: () => false,
};

let ts: TestServer;
let creds: Record<Principal, Credentials>;
let holder: StaffSocket;

beforeAll(async () => {
  ts = await startTestServer({ settings: { demo: false } });
  creds = await principals(ts.url);
  // Another officer holds counter 2 with a ticket in hand.
  holder = await staff(ts.url, 'canbo2');
  await must(holder, 'counter:open', { requestId: rid(), counterId: 'quay-2' });
  const k = io(`${ts.url}/kiosk`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: creds.kiosk.auth });
  await new Promise((r) => k.once('snapshot', r));
  for (let i = 0; i < 3; i++) await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
  k.disconnect();
  await must(holder, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' });
});
afterAll(async () => {
  holder?.disconnect();
  await ts?.close();
});

const fingerprint = (): string => dbFingerprint(ts.server.db);

describe('REST routes × principals', () => {
  it('every route fastify registered has a rule here', () => {
    const known = ts.server.app.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    const missing = known.filter((k) => !(k in ROUTES) && !/^GET \/(kiosk|display|staff)(\/|$)/.test(k));
    expect(missing).toEqual([]);
    expect(known.length).toBeGreaterThanOrEqual(Object.keys(ROUTES).length);
  });

  it('only the allowed principals get past the door, and refused ones change nothing', async () => {
    const routes = Object.entries(ROUTES)
      // Signing out is tried last, so the sessions stay valid for the rest.
      .sort(([a], [b]) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')));
    let tried = 0;
    for (const [key, need] of routes) {
      const [method, url] = key.split(' ') as [string, string];
      for (const p of PRINCIPALS) {
        if (key.endsWith('/logout') && p !== 'nobody' && p !== 'signedOut') continue;
        const before = fingerprint();
        const path = url.replace(':id', 'khong-co-id');
        const r = await fetch(ts.url + path, {
          method,
          headers: { ...creds[p].headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        const allowed = RANK[p] >= NEED_RANK[need];
        const label = `${key} by ${p}`;
        tried++;
        if (allowed) {
          expect([401, 403], label).not.toContain(r.status);
        } else {
          expect([401, 403], label).toContain(r.status);
          const body = (await r.json()) as Ack<unknown>;
          expect(body.ok, label).toBe(false);
          if (!body.ok) expect(['UNAUTHENTICATED', 'FORBIDDEN'], label).toContain(body.error.code);
          expect(fingerprint(), label).toBe(before);
        }
        if (r.status >= 500) throw new Error(`${label}: ${r.status}`);
      }
    }
    expect(tried).toBeGreaterThan(250);
  });
});

describe('REST routes × API keys', () => {
  it('every key route needs a key with its scope: none, revoked or another scope is refused with a stable code and changes nothing', async () => {
    const keyRoutes = Object.entries(ROUTES).filter(([, need]) => need === 'apiKey').map(([k]) => k);
    expect(keyRoutes.filter((k) => !(k in API_SCOPE_OF))).toEqual([]);
    const make = async (scopes: ApiScope[]): Promise<ApiKeyCreated> => {
      const r = await fetch(`${ts.url}/api/admin/api-keys`, { method: 'POST', headers: { ...creds.admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ma trận', scopes }) });
      const a = (await r.json()) as Ack<ApiKeyCreated>;
      if (!a.ok) throw new Error(a.error.code);
      return a.data;
    };
    const all = await make([...API_SCOPES]);
    const revoked = await make([...API_SCOPES]);
    await fetch(`${ts.url}/api/admin/api-keys/${revoked.id}/revoke`, { method: 'POST', headers: creds.admin.headers });
    let tried = 0;
    for (const route of keyRoutes) {
      const [method, url] = route.split(' ') as [string, string];
      const scope = API_SCOPE_OF[route]!;
      const others = API_SCOPES.filter((s) => s !== scope);
      const wrong = others.length > 0 ? await make(others) : null;
      const cases: [string, string | null, string | null][] = [
        ['no key', null, 'UNAUTHENTICATED'],
        ['revoked', revoked.key, 'API_KEY_REVOKED'],
        ...(wrong ? [['another scope', wrong.key, 'API_SCOPE_MISSING'] as [string, string, string]] : []),
        ['its scope', all.key, null],
      ];
      for (const [label, key, code] of cases) {
        const before = fingerprint();
        const r = await fetch(ts.url + url.replace(':id', 'khong-co-id-nao-ca-16'), {
          method,
          headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        const body = (await r.json()) as Ack<unknown>;
        tried++;
        if (code === null) {
          expect([401, 403], `${route} ${label}`).not.toContain(r.status);
        } else {
          expect([401, 403], `${route} ${label}`).toContain(r.status);
          expect(!body.ok && body.error.code, `${route} ${label}`).toBe(code);
          expect(fingerprint(), `${route} ${label}`).toBe(before);
        }
        expect(r.status, `${route} ${label}`).toBeLessThan(500);
      }
    }
    expect(tried).toBeGreaterThanOrEqual(keyRoutes.length * 3);
  });
});

function connect(ns: string, auth: Record<string, string>): Promise<{ socket: Socket; error: string | null }> {
  return new Promise((resolve) => {
    const socket = io(`${ts.url}/${ns}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (e: Error & { data?: { code?: string } }) => resolve({ socket, error: e.data?.code ?? e.message }));
  });
}

describe('socket events × principals', () => {
  const namespaces = Object.keys(CLIENT_EVENT_SCHEMAS) as (keyof typeof CLIENT_EVENT_SCHEMAS)[];

  it.each(namespaces)('/%s: only its principals connect; every event of it answers a stable code and changes nothing when refused', async (ns) => {
    const events = Object.keys(CLIENT_EVENT_SCHEMAS[ns]);
    expect(events.length).toBeGreaterThan(0);
    for (const p of PRINCIPALS) {
      const { socket, error } = await connect(ns, creds[p].auth);
      const label = `/${ns} by ${p}`;
      if (!NAMESPACE[ns](p)) {
        // Refused at the handshake: none of the namespace's events can reach the server.
        expect(error, label).toBe('UNAUTHENTICATED');
        socket.disconnect();
        continue;
      }
      expect(error, label).toBeNull();
      for (const ev of events) {
        const before = fingerprint();
        const a = (await socket.timeout(5000).emitWithAck(ev, { requestId: rid() })) as Ack<unknown>;
        if (!a.ok) {
          expect(ERROR_CODES, `${label} ${ev}`).toContain(a.error.code);
          expect(a.error.code, `${label} ${ev}`).not.toBe('INTERNAL');
          expect(fingerprint(), `${label} ${ev}`).toBe(before);
        }
      }
      socket.disconnect();
    }
  });

  it('an officer can do nothing to a counter another officer holds', async () => {
    const { socket } = await connect('staff', creds.officer.auth);
    const schemas = CLIENT_EVENT_SCHEMAS.staff;
    const extras: Record<string, unknown>[] = [{}, { reason: 'Nghỉ trưa' }, { number: '1002' }, { displayNumber: '1002' }, { target: { kind: 'service', serviceId: 'dat-dai' } }];
    let tried = 0;
    for (const [ev, schema] of Object.entries(schemas)) {
      if (ev === 'sync:snapshot') continue;
      const payload = extras.map((x) => ({ requestId: rid(), counterId: 'quay-2', ...x })).find((x) => schema.safeParse(x).success);
      if (!payload) continue; // commands on a ticket by id, not a counter's
      const before = fingerprint();
      const a = (await socket.timeout(5000).emitWithAck(ev, payload)) as Ack<unknown>;
      expect(a.ok, ev).toBe(false);
      if (!a.ok) expect(['NOT_YOUR_COUNTER', 'COUNTER_TAKEN', 'FORBIDDEN'], ev).toContain(a.error.code);
      expect(fingerprint(), ev).toBe(before);
      tried++;
    }
    expect(tried).toBeGreaterThanOrEqual(12);
    socket.disconnect();
  });
});
