/**
 * Integrations against the real server (issue 14): API keys created and revoked by the admin,
 * scoped, hashed, rate-limited; the REST API books and cancels under the same capacity rule as
 * the public page; webhooks reach a real receiver on 127.0.0.1 with a valid signature, are
 * retried after the receiver fails, and carry no personal data.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Ack,
  type ApiKeyCreated,
  type ApiKeyView,
  type AppointmentReportRow,
  type Report,
  type AuditPage,
  type BookingView,
  DEFAULT_APPOINTMENT_POLICY,
  type DeliveryView,
  type SlotList,
  type UpcomingList,
  type WebhookCreated,
  WebhookPayload,
  type WebhookView,
} from '@layso/shared';
import { adminCall, kiosk, login, must, MORNING, rid, staff, startTestServer, TestClock, until, type TestServer } from './support/harness.js';

const MIN = 60_000;
let ts: TestServer | null = null;
const closers: (() => unknown)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await ts?.close();
  ts = null;
});

async function call<T>(url: string, method: string, path: string, key: string | null, body?: unknown): Promise<{ status: number; ack: Ack<T> }> {
  const r = await fetch(url + path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, ack: (await r.json()) as Ack<T> };
}

const codeOf = (a: Ack<unknown>): string | null => (a.ok ? null : a.error.code);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback; `answers` are the statuses of its first answers (then 200). */
async function receiver(answers: number[] = []): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/layso`, got, server };
}

/** The receiver's side of the signature, as docs/API.md shows it. */
function verify(secret: string, r: Received): boolean {
  const ts = r.headers['x-layso-timestamp'];
  const sig = r.headers['x-layso-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function createKey(t: TestServer, admin: string, scopes: string[], name = 'Một cửa điện tử'): Promise<ApiKeyCreated> {
  return adminCall<ApiKeyCreated>(t.url, admin, 'POST', '/api/admin/api-keys', { name, scopes });
}

describe('API keys', () => {
  it('a key books and cancels; revoked, it changes nothing; the key is stored hashed; the audit says before → after', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false } });
    const admin = await login(ts.url, 'admin');
    const k = await createKey(ts, admin, ['appointments:write']);
    expect(k.key).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(k.prefix).toBe(k.key.slice(0, 10));
    // Only the hash is kept: the key's text is nowhere in the database.
    const dump = JSON.stringify(ts.server.db.prepare('SELECT * FROM api_keys').all()) + JSON.stringify(ts.server.db.prepare('SELECT data_json FROM events').all());
    expect(dump).not.toContain(k.key);
    // The list never shows a key.
    const list = await adminCall<ApiKeyView[]>(ts.url, admin, 'GET', '/api/admin/api-keys');
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(k.key);

    const slots = await call<SlotList>(ts.url, 'GET', '/api/v1/slots?serviceId=ho-tich&date=2026-03-10', k.key);
    expect(slots.ack.ok).toBe(true);
    const slotAt = MORNING + 60 * MIN;
    const booked = await call<BookingView>(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt });
    expect(booked.status).toBe(200);
    if (!booked.ack.ok) throw new Error(booked.ack.error.code);
    expect(booked.ack.data.code).toMatch(/^\d{6}$/);
    expect(ts.server.engine.appointments.bookedBy(booked.ack.data.id)).toBe(`apikey:${k.id}`);
    const seen = await call<BookingView>(ts.url, 'GET', `/api/v1/appointments/${booked.ack.data.id}`, k.key);
    expect(seen.ack.ok && seen.ack.data.state).toBe('booked');
    const cancelled = await call<BookingView>(ts.url, 'POST', `/api/v1/appointments/${booked.ack.data.id}/cancel`, k.key);
    expect(cancelled.ack.ok && cancelled.ack.data.state).toBe('cancelled');

    const revoked = await adminCall<ApiKeyView>(ts.url, admin, 'POST', `/api/admin/api-keys/${k.id}/revoke`, {});
    expect(revoked.revokedAt).toBe(MORNING);
    const before = ts.server.db.prepare('SELECT COUNT(*) AS n FROM appointments').get();
    const refused = await call<BookingView>(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt });
    expect(refused.status).toBe(401);
    expect(codeOf(refused.ack)).toBe('API_KEY_REVOKED');
    expect(ts.server.db.prepare('SELECT COUNT(*) AS n FROM appointments').get()).toEqual(before);
    // A key nobody issued, a staff token and no key at all: UNAUTHENTICATED.
    expect(codeOf((await call(ts.url, 'POST', '/api/v1/appointments', `lk_${'x'.repeat(43)}`, { serviceId: 'ho-tich', slotAt })).ack)).toBe('UNAUTHENTICATED');
    expect(codeOf((await call(ts.url, 'POST', '/api/v1/appointments', admin, { serviceId: 'ho-tich', slotAt })).ack)).toBe('UNAUTHENTICATED');
    expect(codeOf((await call(ts.url, 'POST', '/api/v1/appointments', null, { serviceId: 'ho-tich', slotAt })).ack)).toBe('UNAUTHENTICATED');

    const audit = await adminCall<AuditPage>(ts.url, admin, 'GET', '/api/admin/audit');
    const created = audit.entries.find((e) => e.type === 'settings.api_key_created');
    const revokedEntry = audit.entries.find((e) => e.type === 'settings.api_key_revoked');
    expect(created?.actor).toBe('user:u-admin');
    expect(created?.data).toMatchObject({ keyId: k.id, scopes: ['appointments:write'], before: null });
    expect(revokedEntry?.data).toMatchObject({ keyId: k.id, revokedAt: MORNING, before: { revokedAt: null } });
  });

  it('a key without the scope is refused with API_SCOPE_MISSING and changes nothing; only the admin makes keys', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false } });
    const admin = await login(ts.url, 'admin');
    const k = await createKey(ts, admin, ['dossiers:write']);
    const events = (): unknown => ts!.server.db.prepare('SELECT COUNT(*) AS n FROM events').get();
    const before = events();
    const r = await call(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt: MORNING + 60 * MIN });
    expect(r.status).toBe(403);
    expect(codeOf(r.ack)).toBe('API_SCOPE_MISSING');
    expect(events()).toEqual(before);
    const manager = await login(ts.url, 'quanly');
    const byManager = await call(ts.url, 'POST', '/api/admin/api-keys', manager, { name: 'x', scopes: ['appointments:write'] });
    expect(codeOf(byManager.ack)).toBe('FORBIDDEN');
    const badScope = await call(ts.url, 'POST', '/api/admin/api-keys', admin, { name: 'x', scopes: ['tickets:write'] });
    expect(codeOf(badScope.ack)).toBe('VALIDATION');
  });

  it('books under the public capacity rule (never overbooked), answers a retried request id with the first booking, and limits each key', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false, appointments: { ...DEFAULT_APPOINTMENT_POLICY, capacityPerSlot: 2 } } });
    const admin = await login(ts.url, 'admin');
    const k = await createKey(ts, admin, ['appointments:write']);
    const slotAt = MORNING + 30 * MIN;
    const pub = await call<BookingView>(ts.url, 'POST', '/api/book', null, { serviceId: 'ho-tich', slotAt });
    expect(pub.ack.ok).toBe(true);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call<BookingView>(ts!.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt })),
    );
    expect(answers.filter((a) => a.ack.ok)).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.ack) === 'SLOT_FULL')).toHaveLength(19);
    expect(ts.server.engine.appointments.taken('ho-tich' as never, slotAt)).toBe(2);

    const other = MORNING + 45 * MIN;
    const first = await call<BookingView>(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt: other, requestId: 'mc-2026-000123' });
    const again = await call<BookingView>(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt: other, requestId: 'mc-2026-000123' });
    expect(first.ack.ok && again.ack.ok && again.ack.data.id === first.ack.data.id).toBe(true);
    expect(ts.server.engine.appointments.taken('ho-tich' as never, other)).toBe(1);
    const reused = await call(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt: MORNING + 60 * MIN, requestId: 'mc-2026-000123' });
    expect(codeOf(reused.ack)).toBe('REQUEST_ID_REUSED');
    // A name is refused while the centre does not ask for one (as on the public page).
    const named = await call(ts.url, 'POST', '/api/v1/appointments', k.key, { serviceId: 'ho-tich', slotAt: MORNING + 60 * MIN, name: 'Nguyễn Văn A' });
    expect(codeOf(named.ack)).toBe('VALIDATION');

    // 120 requests a minute per key: the 121st is refused; another key is not affected.
    const used = 20 + 3 + 1;
    const codes: (string | null)[] = [];
    for (let i = used; i < 121; i++) codes.push(codeOf((await call(ts.url, 'GET', '/api/v1/slots?serviceId=ho-tich&date=2026-03-10', k.key)).ack));
    expect(codes.slice(0, -1).every((c) => c === null)).toBe(true);
    expect(codes[codes.length - 1]).toBe('RATE_LIMITED');
    const k2 = await createKey(ts, admin, ['appointments:write'], 'Hệ thống khác');
    expect((await call(ts.url, 'GET', '/api/v1/slots?serviceId=ho-tich&date=2026-03-10', k2.key)).ack.ok).toBe(true);
    ts.clock.advance(61_000);
    expect((await call(ts.url, 'GET', '/api/v1/slots?serviceId=ho-tich&date=2026-03-10', k.key)).ack.ok).toBe(true);
  });
});

describe('results ready for pickup', () => {
  it('a dossiers:write key reports a result ready by the receipt code; the kiosk’s lookup finds it; another scope cannot', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false } });
    const admin = await login(ts.url, 'admin');
    const k = await createKey(ts, admin, ['dossiers:write']);
    const other = await createKey(ts, admin, ['appointments:write']);
    const code = '000.00.12.H29-240315-0012';
    const refused = await call(ts.url, 'POST', '/api/v1/dossiers/ready', other.key, { code });
    expect(codeOf(refused.ack)).toBe('API_SCOPE_MISSING');
    expect(ts.server.engine.results.lookup(code)).toBeNull();
    const ready = await call<{ code: string; readyAt: number; reportedBy: string }>(ts.url, 'POST', '/api/v1/dossiers/ready', k.key, { code: ` ${code.toLowerCase()} ` });
    expect(ready.ack.ok && ready.ack.data).toMatchObject({ code, readyAt: MORNING, reportedBy: `apikey:${k.id}` });
    expect(ts.server.engine.results.lookup(code)).toMatchObject({ code, serviceId: null, pickedUpTicketId: null });
    const status = await call<{ code: string }>(ts.url, 'GET', `/api/v1/dossiers/status?code=${encodeURIComponent(code)}`, k.key);
    expect(status.ack.ok && status.ack.data.code).toBe(code);
    expect(codeOf((await call(ts.url, 'POST', '/api/v1/dossiers/ready', k.key, { code: '123456' })).ack)).toBe('VALIDATION');
    expect(codeOf((await call(ts.url, 'POST', '/api/v1/dossiers/ready', k.key, { code, serviceId: 'khong-co' })).ack)).toBe('SERVICE_NOT_FOUND');
    const withdrawn = await call(ts.url, 'POST', '/api/v1/dossiers/withdraw', k.key, { code });
    expect(withdrawn.ack.ok).toBe(true);
    expect(ts.server.engine.results.lookup(code)).toBeNull();
    expect(codeOf((await call(ts.url, 'GET', `/api/v1/dossiers/status?code=${encodeURIComponent(code)}`, k.key)).ack)).toBe('NOT_FOUND');
  });
});

describe('webhooks', () => {
  it('reach a receiver with a valid signature, are retried after it fails (500, then 200), and carry no personal data', async () => {
    const clock = new TestClock(MORNING);
    ts = await startTestServer({ clock, settings: { demo: false, appointments: { ...DEFAULT_APPOINTMENT_POLICY, askName: true, askPhone: true } }, webhooks: { pollMs: 50, minBackoffMs: 30_000 } });
    const rx = await receiver([500]);
    const admin = await login(ts.url, 'admin');
    const hook = await adminCall<WebhookCreated>(ts.url, admin, 'POST', '/api/admin/webhooks', {
      name: 'Một cửa',
      url: rx.url,
      events: ['appointment.booked', 'ticket.issued', 'ticket.called', 'ticket.done', 'appointment.checked_in', 'appointment.cancelled'],
    });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await adminCall<WebhookView[]>(ts.url, admin, 'GET', '/api/admin/webhooks'))).not.toContain(hook.secret);

    // A booking with a name and a phone number (the centre asks for them).
    const booked = await call<BookingView>(ts.url, 'POST', '/api/book', null, { serviceId: 'ho-tich', slotAt: MORNING + 15 * MIN, name: 'Trần Thị Bình', phone: '0912 345 678' });
    if (!booked.ack.ok) throw new Error(booked.ack.error.code);
    // First try: the receiver answers 500. The delivery stays pending, due after the backoff.
    await until(() => rx.got.length === 1, 5000, 'the first try');
    await ts.server.webhooks.idle();
    const log1 = await adminCall<{ deliveries: DeliveryView[] }>(ts.url, admin, 'GET', '/api/admin/webhooks/deliveries');
    expect(log1.deliveries).toHaveLength(1);
    expect(log1.deliveries[0]).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', event: 'appointment.booked', endpointName: 'Một cửa' });
    expect(log1.deliveries[0]!.nextAttemptAt).toBeGreaterThanOrEqual(MORNING + 24_000);
    // Not retried before its time …
    await new Promise((r) => setTimeout(r, 200));
    expect(rx.got).toHaveLength(1);
    // … and retried once it is due: the receiver now answers 200.
    clock.advance(60_000);
    await until(() => rx.got.length === 2, 5000, 'the retry');
    await ts.server.webhooks.idle();
    const log2 = await adminCall<{ deliveries: DeliveryView[] }>(ts.url, admin, 'GET', '/api/admin/webhooks/deliveries');
    expect(log2.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200, lastError: null });

    for (const r of rx.got) {
      expect(verify(hook.secret, r)).toBe(true);
      expect(verify('whsec_wrong-secret-of-someone-else', r)).toBe(false);
      expect(r.headers['x-layso-event']).toBe('appointment.booked');
    }
    // Both tries carry the same body (the same id: the receiver drops repeats by it).
    expect(rx.got[1]!.body).toBe(rx.got[0]!.body);
    expect(rx.got[1]!.headers['x-layso-timestamp']).toBe(String(Math.floor((MORNING + 60_000) / 1000)));
    const p = WebhookPayload.parse(JSON.parse(rx.got[0]!.body));
    expect(p).toMatchObject({ type: 'appointment.booked', data: { appointmentId: booked.ack.data.id, serviceId: 'ho-tich', slotAt: MORNING + 15 * MIN, bookedVia: 'public', appointmentState: 'booked' } });

    // The day goes on: check-in, a call, done; each reaches the receiver in order, signed.
    const k = await kiosk(ts.url, { deviceToken: await pairKiosk(ts, admin) });
    closers.push(() => k.close());
    await must(k, 'appointment:checkIn', { requestId: rid(), code: booked.ack.data.code, walkInIfEarly: false });
    const officer = await staff(ts.url, 'canbo1');
    closers.push(() => officer.close());
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    await until(() => rx.got.length === 6, 5000, 'the day’s events');
    const types = rx.got.slice(2).map((r) => WebhookPayload.parse(JSON.parse(r.body)).type);
    expect(types).toEqual(['ticket.issued', 'appointment.checked_in', 'ticket.called', 'ticket.done']);
    const called = WebhookPayload.parse(JSON.parse(rx.got[4]!.body));
    expect(called.data).toMatchObject({ counterId: 'quay-1', counterNumber: 1, serviceId: 'ho-tich' });
    expect(called.data.number).toMatch(/\d/);
    const checkedIn = WebhookPayload.parse(JSON.parse(rx.got[3]!.body));
    expect(checkedIn.data).toMatchObject({ appointmentId: booked.ack.data.id, appointmentState: 'kept' });
    for (const r of rx.got) {
      expect(verify(hook.secret, r)).toBe(true);
      // Nothing of the citizen leaves: not the name, not the phone number.
      expect(r.body).not.toContain('Bình');
      expect(r.body).not.toContain('345');
      expect(r.body).not.toMatch(/name|phone|priority|note|comment/i);
    }
    // The booking code is not in any payload either (it checks a citizen in).
    expect(rx.got.map((r) => r.body).join('')).not.toContain(`"${booked.ack.data.code}"`);
  });

  it('survives a restart: an event committed while nothing was sent is delivered after; a given-up delivery can be retried by the admin', async () => {
    const clock = new TestClock(MORNING);
    ts = await startTestServer({ clock, settings: { demo: false }, webhooks: { pollMs: 50, minBackoffMs: 1000, maxAttempts: 2 } });
    const rx = await receiver([503, 503]);
    const admin = await login(ts.url, 'admin');
    await adminCall<WebhookCreated>(ts.url, admin, 'POST', '/api/admin/webhooks', { name: 'Một cửa', url: rx.url, events: ['appointment.booked', 'appointment.cancelled'], secret: 'a-secret-the-receiver-chose' });
    // Stop the outbox worker, then book: the event is committed, nothing is sent.
    await ts.server.webhooks.stop();
    const b = await call<BookingView>(ts.url, 'POST', '/api/book', null, { serviceId: 'ho-tich', slotAt: MORNING + 15 * MIN });
    expect(b.ack.ok).toBe(true);
    const dataDir = ts.dataDir;
    await ts.close({ keepData: true });
    ts = await startTestServer({ clock, dataDir, webhooks: { pollMs: 50, minBackoffMs: 1000, maxAttempts: 2 } });
    await until(() => rx.got.length === 1, 5000, 'the first try after the restart');
    await ts.server.webhooks.idle();
    clock.advance(5_000);
    await until(() => rx.got.length === 2, 5000, 'the second try');
    await ts.server.webhooks.idle();
    const admin2 = await login(ts.url, 'admin');
    const failed = await adminCall<{ deliveries: DeliveryView[] }>(ts.url, admin2, 'GET', '/api/admin/webhooks/deliveries?state=failed');
    expect(failed.deliveries).toHaveLength(1);
    expect(failed.deliveries[0]).toMatchObject({ attempts: 2, lastStatus: 503, nextAttemptAt: null });
    const retried = await adminCall<DeliveryView>(ts.url, admin2, 'POST', `/api/admin/webhooks/deliveries/${failed.deliveries[0]!.id}/retry`, {});
    expect(retried.state).toBe('pending');
    await until(() => rx.got.length === 3, 5000, 'the admin’s retry');
    await ts.server.webhooks.idle();
    const done = await adminCall<{ deliveries: DeliveryView[] }>(ts.url, admin2, 'GET', '/api/admin/webhooks/deliveries');
    expect(done.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 3 });
    // Retrying a delivered one is refused with a stable code.
    const again = await call(ts.url, 'POST', `/api/admin/webhooks/deliveries/${failed.deliveries[0]!.id}/retry`, admin2, {});
    expect(codeOf(again.ack)).toBe('INVALID_STATE');
    // Delivered rows leave the log after 30 days.
    clock.advance(29 * 86_400_000);
    ts.server.webhooks.kick();
    await ts.server.webhooks.idle();
    expect((ts.server.db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries').get() as { n: number }).n).toBe(1);
    clock.advance(2 * 86_400_000);
    ts.server.webhooks.kick();
    await ts.server.webhooks.idle();
    expect((ts.server.db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries').get() as { n: number }).n).toBe(0);
  });

  it('a deleted webhook’s deliveries stop and cannot be sent again', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false }, webhooks: { pollMs: 50, maxAttempts: 1 } });
    const rx = await receiver([500]);
    const admin = await login(ts.url, 'admin');
    const h = await adminCall<WebhookCreated>(ts.url, admin, 'POST', '/api/admin/webhooks', { name: 'Một cửa', url: rx.url, events: ['appointment.booked'] });
    expect((await call(ts.url, 'POST', '/api/book', null, { serviceId: 'ho-tich', slotAt: MORNING + 15 * MIN })).ack.ok).toBe(true);
    await until(() => rx.got.length === 1, 5000, 'the only try');
    await ts.server.webhooks.idle();
    const [failed] = (await adminCall<{ deliveries: DeliveryView[] }>(ts.url, admin, 'GET', '/api/admin/webhooks/deliveries?state=failed')).deliveries;
    expect(failed).toMatchObject({ attempts: 1, lastStatus: 500 });
    await adminCall(ts.url, admin, 'DELETE', `/api/admin/webhooks/${h.id}`);
    expect(codeOf((await call(ts.url, 'POST', `/api/admin/webhooks/deliveries/${failed!.id}/retry`, admin, {})).ack)).toBe('INVALID_STATE');
  });

  it('a centre with no webhook writes nothing for them: no transaction after each kiosk batch', async () => {
    ts = await startTestServer({ webhooks: { pollMs: 50 } });
    const k = await kiosk(ts.url);
    closers.push(() => k.close());
    const cursor = (): number => (ts!.server.db.prepare('SELECT seq FROM webhook_cursor WHERE id = 1').get() as { seq: number }).seq;
    const before = cursor();
    for (let i = 0; i < 3; i++) await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    await ts.server.webhooks.idle();
    await new Promise((r) => setTimeout(r, 120)); // a poll or two
    expect(cursor()).toBe(before);
    // The first endpoint then gets only what happens after it was added.
    const admin = await login(ts.url, 'admin');
    await adminCall<WebhookCreated>(ts.url, admin, 'POST', '/api/admin/webhooks', { name: 'Sau', url: 'http://127.0.0.1:9/', events: ['ticket.issued'] });
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    const queued = (): number => (ts!.server.db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries').get() as { n: number }).n;
    await until(() => queued() === 1, 2000, 'one delivery, for the ticket after the endpoint');
    await ts.server.webhooks.idle();
    expect(queued()).toBe(1);
  });

  it('a slow receiver never holds up a queue command', async () => {
    const clock = new TestClock(MORNING);
    ts = await startTestServer({ clock, settings: { demo: false }, webhooks: { pollMs: 50, timeoutMs: 3000 } });
    const hang = createServer(() => undefined); // never answers
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => { hang.closeAllConnections(); hang.close(r); }));
    const admin = await login(ts.url, 'admin');
    await adminCall<WebhookCreated>(ts.url, admin, 'POST', '/api/admin/webhooks', { name: 'Chậm', url: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`, events: ['ticket.issued'] });
    const k = await kiosk(ts.url, { deviceToken: await pairKiosk(ts, admin) });
    closers.push(() => k.close());
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    // The first delivery now hangs on the receiver; kiosks still get their tickets at once.
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    for (let i = 0; i < 5; i++) await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(Date.now() - started).toBeLessThan(2500);
    // Each ticket is queued for delivery behind the hanging one, none lost.
    const pending = (): number => (ts!.server.db.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE state = 'pending'").get() as { n: number }).n;
    await until(() => pending() === 6, 2000, 'six deliveries queued');
  });

  it('only http(s) URLs without credentials; the admin alone changes endpoints, each change audited without the secret', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false } });
    const admin = await login(ts.url, 'admin');
    for (const url of ['ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/x', 'không phải url']) {
      expect(codeOf((await call(ts.url, 'POST', '/api/admin/webhooks', admin, { name: 'x', url, events: ['ticket.issued'] })).ack)).toBe('VALIDATION');
    }
    const manager = await login(ts.url, 'quanly');
    expect(codeOf((await call(ts.url, 'POST', '/api/admin/webhooks', manager, { name: 'x', url: 'http://127.0.0.1:9/x', events: ['ticket.issued'] })).ack)).toBe('FORBIDDEN');
    const h = await adminCall<WebhookCreated>(ts.url, admin, 'POST', '/api/admin/webhooks', { name: 'Một cửa', url: 'http://127.0.0.1:9/x', events: ['ticket.issued'], enabled: false });
    const updated = await adminCall<WebhookView>(ts.url, admin, 'PATCH', `/api/admin/webhooks/${h.id}`, { events: ['ticket.issued', 'ticket.called'] });
    expect(updated.events).toEqual(['ticket.issued', 'ticket.called']);
    await adminCall(ts.url, admin, 'DELETE', `/api/admin/webhooks/${h.id}`);
    expect(await adminCall<WebhookView[]>(ts.url, admin, 'GET', '/api/admin/webhooks')).toEqual([]);
    const audit = await adminCall<AuditPage>(ts.url, admin, 'GET', '/api/admin/audit');
    const upd = audit.entries.find((e) => e.type === 'settings.webhook_updated');
    expect(upd?.data).toMatchObject({ endpointId: h.id, events: ['ticket.issued', 'ticket.called'], before: { events: ['ticket.issued'] } });
    expect(audit.entries.some((e) => e.type === 'settings.webhook_deleted')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(h.secret);
  });
});

describe('staff booking on a citizen’s behalf', () => {
  it('any signed-in staff books and cancels, booked_by names them; today’s upcoming bookings are listed; nobody else can', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { demo: false } });
    const officer = await login(ts.url, 'canbo1');
    const b = await call<BookingView>(ts.url, 'POST', '/api/staff/appointments', officer, { serviceId: 'ho-tich', slotAt: MORNING + 30 * MIN });
    if (!b.ack.ok) throw new Error(b.ack.error.code);
    expect(ts.server.engine.appointments.bookedBy(b.ack.data.id)).toBe('user:u-canbo1');
    const up = await call<UpcomingList>(ts.url, 'GET', '/api/staff/appointments/upcoming', officer);
    expect(up.ack.ok && up.ack.data.appointments.map((a) => a.id)).toEqual([b.ack.data.id]);
    expect(codeOf((await call(ts.url, 'POST', '/api/staff/appointments', null, { serviceId: 'ho-tich', slotAt: MORNING + 30 * MIN })).ack)).toBe('UNAUTHENTICATED');
    const c = await call<BookingView>(ts.url, 'POST', `/api/staff/appointments/${b.ack.data.id}/cancel`, officer);
    expect(c.ack.ok && c.ack.data.state).toBe('cancelled');
    const up2 = await call<UpcomingList>(ts.url, 'GET', '/api/staff/appointments/upcoming', officer);
    expect(up2.ack.ok && up2.ack.data.appointments).toEqual([]);
  });
});

async function pairKiosk(t: TestServer, admin: string): Promise<string> {
  const code = await adminCall<{ code: string }>(t.url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'kiosk', name: 'Ki-ốt 1' });
  const r = await call<{ deviceToken: string }>(t.url, 'POST', '/api/devices/pair', null, { code: code.code, kind: 'kiosk' });
  if (!r.ack.ok) throw new Error(r.ack.error.code);
  return r.ack.data.deviceToken;
}

describe('appointments in reports', () => {
  it('booked, kept, late, missed and cancelled by service and day, and the wait of appointment tickets against their slot, in the report, the CSV and the XLSX', async () => {
    const clock = new TestClock(MORNING);
    ts = await startTestServer({ clock, settings: { demo: false } });
    const admin = await login(ts.url, 'admin');
    const officer = await login(ts.url, 'canbo1');
    const k = await createKey(ts, admin, ['appointments:write']);
    const book = async (slotMin: number, via: 'public' | 'staff' | 'api'): Promise<BookingView> => {
      const body = { serviceId: 'ho-tich', slotAt: MORNING + slotMin * MIN };
      const r = via === 'public' ? await call<BookingView>(ts!.url, 'POST', '/api/book', null, body)
        : via === 'staff' ? await call<BookingView>(ts!.url, 'POST', '/api/staff/appointments', officer, body)
        : await call<BookingView>(ts!.url, 'POST', '/api/v1/appointments', k.key, body);
      if (!r.ack.ok) throw new Error(r.ack.error.code);
      return r.ack.data;
    };
    const a = await book(15, 'public');
    const b = await book(15, 'staff');
    const c = await book(30, 'api');
    const d = await book(45, 'public');
    await book(45, 'staff'); // 09:45, never comes: missed when the day ends
    await call(ts.url, 'POST', `/api/book/${d.id}/cancel`, null);
    const kq = await kiosk(ts.url, { deviceToken: await pairKiosk(ts, admin) });
    closers.push(() => kq.close());
    clock.advance(10 * MIN); // 09:10: a and b are on time
    await must(kq, 'appointment:checkIn', { requestId: rid(), code: a.code, walkInIfEarly: false });
    await must(kq, 'appointment:checkIn', { requestId: rid(), code: b.code, walkInIfEarly: false });
    clock.advance(35 * MIN); // 09:45: c (09:30) is late
    await must(kq, 'appointment:checkIn', { requestId: rid(), code: c.code, walkInIfEarly: false });
    const s = await staff(ts.url, 'canbo1');
    closers.push(() => s.close());
    await must(s, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    // Both appointment tickets are called at 09:45, 30 minutes after their 09:15 slot.
    await must(s, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(s, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' });
    s.close();
    clock.advance(24 * 60 * MIN);
    ts.server.engine.ensureDay();

    const manager = await login(ts.url, 'quanly');
    const rep = await call<Report>(ts.url, 'GET', '/api/reports?from=2026-03-10&to=2026-03-10', manager);
    if (!rep.ack.ok) throw new Error(rep.ack.error.code);
    const expected: Partial<AppointmentReportRow> = { serviceId: 'ho-tich', booked: 5, kept: 2, late: 1, early: 0, missed: 1, cancelled: 1, open: 0, waitVsSlot: { count: 2, avgMin: 30, p90Min: 30 } };
    expect(rep.ack.data.appointments).toEqual([
      expect.objectContaining({ date: '2026-03-10', ...expected }),
      expect.objectContaining({ date: null, ...expected }),
    ]);
    const csv = await (await fetch(`${ts.url}/api/reports/export.csv?from=2026-03-10&to=2026-03-10&table=appointments`, { headers: { authorization: `Bearer ${manager}` } })).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Ngày,Dịch vụ,Đã đặt,Đến đúng hẹn/);
    expect(lines[1]).toMatch(/^2026-03-10,[^,]+,5,2,1,0,1,1,0,2,30,30$/);
    expect(lines[2]).toMatch(/^Tổng cộng,[^,]+,5,2,1,0,1,1,0,2,30,30$/);
    const x = await fetch(`${ts.url}/api/reports/export.xlsx?from=2026-03-10&to=2026-03-10&lang=en`, { headers: { authorization: `Bearer ${manager}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.getWorksheet('Appointments');
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).getCell(3).value).toBe('Booked');
    expect([2, 3, 4, 5, 6, 7, 8].map((i) => sheet!.getRow(2).getCell(i + 1).value)).toEqual([5, 2, 1, 0, 1, 1, 0]);
  });
});
