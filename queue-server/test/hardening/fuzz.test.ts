/**
 * Issue 12, fuzz: malformed payloads on every socket event (from the protocol's tables) and every
 * REST route (as fastify registered them). The server stays up, every answer is a stable code
 * (never INTERNAL), and no rejected input changes the database. FUZZ_RUNS sets how many (CI:
 * 10,000; `npm run test:fuzz` by hand: 100,000).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { API_SCOPES, CLIENT_EVENT_SCHEMAS, ERROR_CODES, type Ack } from '@layso/shared';
import { rid, startTestServer, type TestServer } from '../support/harness.js';
import { principals, type Credentials, type Principal } from '../support/principals.js';
import { dbFingerprintLight as dbFingerprint } from '../support/fingerprint.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Not fuzzed: enrolment would make the server reach out to the URL it is given; sign-out would end the fuzzer's own session (it takes no body). */
const NO_BODY_FUZZ = new Set(['POST /api/province/uplink/enrol', 'POST /api/auth/logout']);

let ts: TestServer;
let creds: Record<Principal, Credentials>;
/** An integration's key with every scope, for the `/api/v1` routes. */
let integration: Record<string, string>;
const sockets: Record<string, Socket> = {};

beforeAll(async () => {
  ts = await startTestServer({ settings: { demo: false, kioskRateLimitPerMin: 0 } });
  creds = await principals(ts.url);
  const who: Record<string, Principal> = { kiosk: 'kiosk', display: 'display', staff: 'admin', public: 'nobody' };
  for (const [ns, p] of Object.entries(who)) {
    const s = io(`${ts.url}/${ns}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: creds[p].auth });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    sockets[ns] = s;
  }
  // A rating tablet, paired as an admin would.
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ data: Record<string, string> }> =>
    (await (await fetch(`${ts.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
      data: Record<string, string>;
    };
  const code = await post('/api/admin/pairing-codes', { kind: 'rating', name: 'Máy đánh giá quầy 1' }, creds.admin.headers);
  const paired = await post('/api/devices/pair', { code: code.data.code, kind: 'rating' });
  const tablet = io(`${ts.url}/rating`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { deviceToken: paired.data.deviceToken } });
  await new Promise<void>((resolve, reject) => {
    tablet.once('connect', () => resolve());
    tablet.once('connect_error', reject);
  });
  sockets.rating = tablet;
  const key = await post('/api/admin/api-keys', { name: 'Fuzz', scopes: [...API_SCOPES] }, creds.admin.headers);
  integration = { authorization: `Bearer ${key.data.key}` };
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.disconnect();
  await ts?.close();
});

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', 'ho-tich', 'quay-1', 'quay-2', '1001', '__proto__', 'constructor', '<script>', '=1+1', '../../etc/passwd', '\u0000', 'x'.repeat(300)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('requestId', 'serviceId', 'counterId', 'ticketId', 'priority', 'reason', 'target', 'kind', 'number', 'note', 'held', '__proto__', 'x'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A payload near a valid one: the right keys, wrong or odd values, sometimes extra keys. */
const nearValid = fc.record(
  {
    requestId: fc.oneof(fc.constant(undefined), fc.uuid(), json),
    counterId: fc.oneof(fc.constantFrom('quay-1', 'quay-2', 'quay-99', ''), json),
    serviceId: fc.oneof(fc.constantFrom('ho-tich', 'dat-dai', 'khong-co'), json),
    ticketId: fc.oneof(fc.string({ minLength: 16, maxLength: 64 }), json),
    priority: fc.oneof(fc.constantFrom('elderly', 'vip', null), json),
    extra: json,
  },
  { requiredKeys: [] },
);

const payload = fc.oneof(json, nearValid);

const EVENTS: [string, string][] = Object.entries(CLIENT_EVENT_SCHEMAS).flatMap(([ns, table]) => Object.keys(table).map((ev): [string, string] => [ns, ev]));

describe('fuzz', () => {
  it(`${RUNS} malformed socket payloads and REST bodies: stable codes only, nothing changed by a refusal`, async () => {
    const routes = ts.server.app.routes
      .filter((r) => r.method !== 'HEAD' && r.method !== 'GET' && r.url.startsWith('/api/') && !NO_BODY_FUZZ.has(`${r.method} ${r.url}`))
      .map((r) => ({ method: r.method, url: r.url }));
    expect(routes.length).toBeGreaterThan(10);
    const target = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...EVENTS).map((e) => ({ kind: 'socket' as const, ns: e[0], ev: e[1] })) },
      { weight: 1, arbitrary: fc.constantFrom(...routes).map((r) => ({ kind: 'rest' as const, ...r })) },
    );
    const started = Date.now();
    let socketAnswers = 0;
    let restAnswers = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(target, payload, fc.boolean(), async (t, body, asAdmin) => {
        const before = dbFingerprint(ts.server.db);
        let ack: Ack<unknown>;
        if (t.kind === 'socket') {
          seen.add(`${t.ns} ${t.ev}`);
          // A fresh requestId half the time, so valid-looking commands are not just replays.
          const p = body && typeof body === 'object' && !Array.isArray(body) && asAdmin ? { ...body, requestId: rid() } : body;
          ack = (await sockets[t.ns]!.timeout(5000).emitWithAck(t.ev, p)) as Ack<unknown>;
          socketAnswers++;
        } else {
          seen.add(`${t.method} ${t.url}`);
          const r = await fetch(ts.url + t.url.replace(':id', 'quay-1'), {
            method: t.method,
            headers: { 'content-type': 'application/json', ...(t.url.startsWith('/api/v1/') ? integration : asAdmin ? creds.admin.headers : creds.officer.headers) },
            body: JSON.stringify(body ?? null),
          });
          expect(r.status).toBeLessThan(500);
          ack = (await r.json()) as Ack<unknown>;
          restAnswers++;
        }
        expect(typeof ack.ok).toBe('boolean');
        if (!ack.ok) {
          expect(ERROR_CODES).toContain(ack.error.code);
          expect(ack.error.code).not.toBe('INTERNAL');
          expect(dbFingerprint(ts.server.db)).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
    // The server is still up and every event and route was tried.
    expect((await fetch(`${ts.url}/api/health`)).status).toBe(200);
    expect(socketAnswers + restAnswers).toBe(RUNS);
    if (RUNS >= 5000) expect(seen.size).toBe(EVENTS.length + routes.length);
    console.log(`fuzz: ${RUNS} payloads (${socketAnswers} socket events, ${restAnswers} REST bodies) over ${EVENTS.length} events and ${routes.length} routes in ${Math.round((Date.now() - started) / 1000)} s`);
  }, Math.max(600_000, RUNS * 30));
});
