/**
 * Administration over REST against a real server: services, counters, users, settings, device
 * pairing and revoking, the audit log, and who may do what.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Ack,
  AdminUser,
  AuditPage,
  CounterView,
  Delta,
  DeviceView,
  IssuedTicket,
  KioskSnapshot,
  PairResult,
  PairingCode,
  Service,
  Settings,
} from '@layso/shared';
import { display, kiosk, login, must, record, rid, send, staff, startTestServer, until, type KioskSocket, type TestServer } from './support/harness.js';

let ts: TestServer;
afterEach(async () => ts?.close());

interface Answer<T> {
  status: number;
  body: Ack<T>;
}

async function api<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${ts.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Ack<T> };
}

async function ok<T>(p: Promise<Answer<T>>): Promise<T> {
  const a = await p;
  if (!a.body.ok) throw new Error(`${a.status} ${a.body.error.code}: ${a.body.error.message}`);
  return a.body.data;
}

async function refused(p: Promise<Answer<unknown>>, code: string, status: number): Promise<string> {
  const a = await p;
  expect(a.body.ok, JSON.stringify(a.body)).toBe(false);
  if (a.body.ok) return '';
  expect(a.body.error.code).toBe(code);
  expect(a.status).toBe(status);
  return a.body.error.message;
}

const newService = {
  nameVi: 'Bảo hiểm xã hội – Y tế',
  nameEn: 'Social and health insurance',
  numbering: { kind: 'range', from: 7001, to: 7999 },
  hours: { open: '00:00', close: '24:00' },
};

describe('services and counters', () => {
  it('a new service reaches a connected kiosk as a delta, and issues numbers at once', async () => {
    ts = await startTestServer();
    const k = await kiosk(ts.url);
    const deltas = record<Delta>(k, 'delta');
    const admin = await login(ts.url, 'admin');
    const service = await ok(api<Service>('POST', '/api/admin/services', admin, newService));
    expect(service).toMatchObject({ id: 'bao-hiem-xa-hoi-y-te', enabled: true, allowPriority: true, waitThresholdMin: 30, sortOrder: 7 });
    await until(() => deltas.some((d) => d.services?.some((s) => s.id === service.id)), 5000, 'the new service in a kiosk delta');
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: service.id, priority: null });
    expect(issued.ticket.displayNumber).toBe('7001');

    // A counter for it: the officer there calls the ticket.
    const counter = await ok(api<CounterView>('POST', '/api/admin/counters', admin, { number: 7, name: 'Quầy 7', serviceIds: [service.id] }));
    expect(counter).toMatchObject({ id: 'quay-7', state: 'closed', serviceIds: [service.id] });
    const officer = await staff(ts.url, 'canbo1');
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-7' });
    const called = await must<{ ticket: { displayNumber: string } }>(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-7' });
    expect(called.ticket.displayNumber).toBe('7001');

    // Renaming and reordering reach the kiosk too; the learned average is kept.
    const renamed = await ok(api<Service>('PATCH', `/api/admin/services/${service.id}`, admin, { nameEn: 'Insurance', sortOrder: 0 }));
    expect(renamed).toMatchObject({ nameEn: 'Insurance', sortOrder: 0, avgServiceSec: service.avgServiceSec, nameVi: newService.nameVi });
    await until(() => deltas.some((d) => d.services?.some((s) => s.id === service.id && s.nameEn === 'Insurance')));
    k.disconnect();
    officer.disconnect();
  });

  it('refuses a numbering that conflicts with another service, and changes nothing', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    const before = ts.server.engine.listServices();
    const seq = ts.server.engine.lastSeq;
    const why = await refused(api('POST', '/api/admin/services', admin, { ...newService, numbering: { kind: 'range', from: 1500, to: 1600 } }), 'CONFLICT', 409);
    expect(why).toMatch(/ho-tich/);
    await refused(api('PATCH', '/api/admin/services/dat-dai', admin, { numbering: { kind: 'range', from: 2900, to: 3100 } }), 'CONFLICT', 409);
    await ok(api('POST', '/api/admin/services', admin, { ...newService, numbering: { kind: 'prefix', prefix: 'A', digits: 3 } }));
    await refused(api('POST', '/api/admin/services', admin, { ...newService, nameVi: 'Khác', numbering: { kind: 'prefix', prefix: 'A', digits: 4 } }), 'CONFLICT', 409);
    await refused(api('POST', '/api/admin/services', admin, { ...newService, nameVi: 'Ngược', numbering: { kind: 'range', from: 9000, to: 8000 } }), 'VALIDATION', 400);
    await refused(api('POST', '/api/admin/services', admin, { ...newService, nameVi: '' }), 'VALIDATION', 400);
    const after = ts.server.engine.listServices();
    const ranges = (list: typeof before) => list.filter((s) => s.numbering.kind === 'range');
    expect(ranges(after)).toEqual(ranges(before));
    expect(after).toHaveLength(before.length + 1);
    // Only the one accepted change wrote an event.
    expect(ts.server.engine.lastSeq).toBe(seq + 1);
  });

  it('refuses to change the numbering of a service that already gave numbers today', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    const k = await kiosk(ts.url);
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'vneid', priority: null });
    await refused(api('PATCH', '/api/admin/services/vneid', admin, { numbering: { kind: 'range', from: 8001, to: 8999 } }), 'CONFLICT', 409);
    k.disconnect();
  });

  it('counters: unique numbers, known services, and no deleting one that is open or holds a ticket', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    await refused(api('POST', '/api/admin/counters', admin, { number: 3, name: 'Trùng số' }), 'CONFLICT', 409);
    await refused(api('POST', '/api/admin/counters', admin, { number: 9, name: 'Quầy 9', serviceIds: ['khong-co'] }), 'SERVICE_NOT_FOUND', 404);
    await refused(api('PATCH', '/api/admin/counters/quay-2', admin, { number: 1 }), 'CONFLICT', 409);
    await refused(api('PATCH', '/api/admin/counters/quay-99', admin, { name: 'x' }), 'COUNTER_NOT_FOUND', 404);

    const d = await display(ts.url);
    const deltas = record<Delta>(d, 'delta');
    const k = await kiosk(ts.url);
    const officer = await staff(ts.url, 'canbo1');
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    await refused(api('DELETE', '/api/admin/counters/quay-1', admin), 'COUNTER_BUSY', 409);
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await refused(api('DELETE', '/api/admin/counters/quay-1', admin), 'COUNTER_BUSY', 409);
    // A service with a live ticket cannot go, and says why.
    const why = await refused(api('DELETE', '/api/admin/services/ho-tich', admin), 'CONFLICT', 409);
    expect(why).toMatch(/live ticket/);
    await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    await must(officer, 'counter:close', { requestId: rid(), counterId: 'quay-1' });
    await ok(api('DELETE', '/api/admin/counters/quay-1', admin));
    await until(() => deltas.some((x) => x.removedCounterIds?.includes('quay-1' as never)));
    expect(ts.server.engine.getCounter('quay-1' as never)).toBeUndefined();

    // Editing a counter's services never touches its live state.
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-2' });
    const edited = await ok(api<CounterView>('PATCH', '/api/admin/counters/quay-2', admin, { serviceIds: ['cu-tru', 'ho-tich'], name: 'Quầy hai' }));
    expect(edited).toMatchObject({ state: 'open', officerId: 'u-canbo1', serviceIds: ['cu-tru', 'ho-tich'], name: 'Quầy hai' });

    // Deleting a service takes it off the counters that served it, live.
    await ok(api('DELETE', '/api/admin/services/cu-tru', admin));
    await until(() => deltas.some((x) => x.removedServiceIds?.includes('cu-tru' as never)));
    expect(ts.server.engine.getCounter('quay-2' as never)?.serviceIds).toEqual(['ho-tich']);
    expect((await send(k, 'ticket:issue', { requestId: rid(), serviceId: 'cu-tru', priority: null })).ok).toBe(false);
    for (const s of [d, k, officer]) s.disconnect();
  });
});

describe('rights', () => {
  it('officers get FORBIDDEN on every admin and board route; managers read but do not write', async () => {
    ts = await startTestServer();
    const officer = await login(ts.url, 'canbo1');
    const manager = await login(ts.url, 'quanly');
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/services'],
      ['POST', '/api/admin/services', newService],
      ['PATCH', '/api/admin/services/ho-tich', { nameEn: 'x' }],
      ['DELETE', '/api/admin/services/vneid'],
      ['GET', '/api/admin/counters'],
      ['POST', '/api/admin/counters', { number: 20, name: 'x' }],
      ['PATCH', '/api/admin/counters/quay-1', { name: 'x' }],
      ['DELETE', '/api/admin/counters/quay-6'],
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users', { username: 'moi', displayName: 'Mới', role: 'admin', password: '12345678' }],
      ['PATCH', '/api/admin/users/u-canbo1', { role: 'admin' }],
      ['DELETE', '/api/admin/users/u-admin'],
      ['GET', '/api/admin/settings'],
      ['PUT', '/api/admin/settings', ts.server.engine.getSettings()],
      ['POST', '/api/admin/pairing-codes', { kind: 'kiosk', name: 'x' }],
      ['GET', '/api/admin/devices'],
      ['PATCH', '/api/admin/devices/x', { name: 'x' }],
      ['POST', '/api/admin/devices/x/revoke'],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/board/devices'],
    ];
    const seq = ts.server.engine.lastSeq;
    for (const [method, path, body] of routes) {
      await refused(api(method, path, officer, body), 'FORBIDDEN', 403);
      await refused(api(method, path, undefined, body), 'UNAUTHENTICATED', 401);
      const m = await api(method, path, manager, body);
      if (method === 'GET') expect(m.body.ok, `${method} ${path} as manager`).toBe(true);
      else expect(m.body.ok ? 'ok' : m.body.error.code, `${method} ${path} as manager`).toBe('FORBIDDEN');
    }
    expect(ts.server.engine.lastSeq).toBe(seq);
  });
});

describe('users and settings', () => {
  it('creates, resets, disables users; a reset or disable ends their sessions and sockets at once', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    await refused(api('POST', '/api/admin/users', admin, { username: 'lan2', displayName: 'Lan', role: 'officer', password: 'short' }), 'VALIDATION', 400);
    await refused(api('POST', '/api/admin/users', admin, { username: 'canbo1', displayName: 'Lan', role: 'officer', password: 'dai-du-tam' }), 'CONFLICT', 409);
    const user = await ok(api<AdminUser>('POST', '/api/admin/users', admin, { username: 'Lan.Nguyen', displayName: 'Nguyễn Lan', role: 'officer', password: 'mat-khau-1' }));
    expect(user).toEqual({ id: 'u-lan.nguyen', username: 'lan.nguyen', displayName: 'Nguyễn Lan', role: 'officer', disabled: false, lockedUntil: null });
    const token = await login(ts.url, 'lan.nguyen', 'mat-khau-1');
    const socket = await staff(ts.url, 'lan.nguyen', 'mat-khau-1');
    const gone = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

    await ok(api('PATCH', `/api/admin/users/${user.id}`, admin, { password: 'mat-khau-2' }));
    expect(await gone).toBe('io server disconnect');
    await refused(api('GET', '/api/auth/me', token), 'UNAUTHENTICATED', 401);
    const token2 = await login(ts.url, 'lan.nguyen', 'mat-khau-2');
    expect((await api('GET', '/api/auth/me', token2)).body.ok).toBe(true);

    await ok(api('DELETE', `/api/admin/users/${user.id}`, admin));
    await refused(api('GET', '/api/auth/me', token2), 'UNAUTHENTICATED', 401);
    await expect(login(ts.url, 'lan.nguyen', 'mat-khau-2')).rejects.toThrow(/INVALID_CREDENTIALS/);
    const listed = await ok(api<AdminUser[]>('GET', '/api/admin/users', admin));
    expect(listed.find((u) => u.id === user.id)?.disabled).toBe(true);

    // The last admin cannot be demoted or disabled.
    await refused(api('PATCH', '/api/admin/users/u-admin', admin, { role: 'manager' }), 'CONFLICT', 409);
    await refused(api('PATCH', '/api/admin/users/nobody', admin, { role: 'manager' }), 'USER_NOT_FOUND', 404);
  });

  it('settings change live for staff; the centre id is immutable', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    const watcher = await staff(ts.url, 'quanly');
    const deltas = record<Delta>(watcher, 'delta');
    const current = await ok(api<Settings>('GET', '/api/admin/settings', admin));
    const { centreId: _, ...rest } = current;
    const saved = await ok(api<Settings>('PUT', '/api/admin/settings', admin, { ...rest, displayNotice: 'Thông báo mới' }));
    expect(saved).toMatchObject({ centreId: current.centreId, displayNotice: 'Thông báo mới' });
    await until(() => deltas.some((d) => d.settings?.displayNotice === 'Thông báo mới' && d.centre?.notice === 'Thông báo mới'));
    await refused(api('PUT', '/api/admin/settings', admin, { ...current, centreId: 'other' }), 'CONFLICT', 409);
    await refused(api('PUT', '/api/admin/settings', admin, { ...current, kioskRateLimitPerMin: -1 }), 'VALIDATION', 400);
    watcher.disconnect();
  });
});

function connectKiosk(url: string, deviceToken: string): Promise<KioskSocket> {
  return kiosk(url, { deviceToken });
}

describe('devices', () => {
  it('pairs a kiosk with a one-time code, shows it connected, and revoking drops it at once for good', async () => {
    ts = await startTestServer();
    ts.setSettings({ demo: false });
    const admin = await login(ts.url, 'admin');
    const manager = await login(ts.url, 'quanly');
    // Not paired: refused.
    await expect(kiosk(ts.url)).rejects.toThrow(/UNAUTHENTICATED/);

    const code = await ok(api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind: 'kiosk', name: 'Kiosk sảnh A' }));
    expect(code.code).toMatch(/^\d{6}$/);
    expect(code.expiresAt).toBe(ts.clock.now() + 10 * 60_000);
    const wrong = code.code === '000000' ? '000001' : '000000';
    await refused(api('POST', '/api/devices/pair', undefined, { code: wrong, kind: 'kiosk' }), 'PAIRING_CODE_INVALID', 409);
    // A kiosk code does not pair a display, and the attempt does not spend it.
    await refused(api('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'display' }), 'PAIRING_CODE_INVALID', 409);
    const paired = await ok(api<PairResult>('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'kiosk' }));
    expect(paired).toMatchObject({ name: 'Kiosk sảnh A', kind: 'kiosk' });
    await refused(api('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'kiosk' }), 'PAIRING_CODE_INVALID', 409);

    const k = await connectKiosk(ts.url, paired.deviceToken);
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    expect(issued.ticket.displayNumber).toBe('1001');
    const connectedAt = ts.clock.now();
    ts.clock.advance(60_000);
    const devices = await ok(api<DeviceView[]>('GET', '/api/board/devices', manager));
    expect(devices.find((d) => d.id === paired.deviceId)).toMatchObject({
      name: 'Kiosk sảnh A',
      paired: true,
      connected: true,
      connectedSince: connectedAt,
      connections: 1,
      revokedAt: null,
      lastError: null,
    });

    // A printer fault shows on the board until the kiosk reports it fixed.
    await must(k, 'kiosk:printerStatus', { ok: false, code: 'PRINTER_PAPER_OUT', message: 'paper out' });
    const faulty = await ok(api<DeviceView[]>('GET', '/api/admin/devices', admin));
    expect(faulty.find((d) => d.id === paired.deviceId)?.lastError).toMatchObject({ code: 'PRINTER_PAPER_OUT' });

    const gone = new Promise<string>((resolve) => k.on('disconnect', (reason) => resolve(reason)));
    const revokeStarted = Date.now();
    const revoked = await ok(api<DeviceView>('POST', `/api/admin/devices/${paired.deviceId}/revoke`, admin));
    expect(await gone).toBe('io server disconnect');
    expect(Date.now() - revokeStarted).toBeLessThan(1000);
    expect(revoked).toMatchObject({ revokedAt: ts.clock.now(), connected: false });
    await expect(connectKiosk(ts.url, paired.deviceToken)).rejects.toThrow(/UNAUTHENTICATED/);
    await refused(api('POST', '/api/admin/devices/nope/revoke', admin), 'DEVICE_NOT_FOUND', 404);
  });

  it("a kiosk's reception area limits what it offers and issues, and a change reaches it at once", async () => {
    ts = await startTestServer();
    ts.setSettings({ demo: false });
    const admin = await login(ts.url, 'admin');
    const code = await ok(api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind: 'kiosk', name: 'Ki-ốt tầng 2' }));
    const paired = await ok(api<PairResult>('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'kiosk' }));
    const k = await connectKiosk(ts.url, paired.deviceToken);
    const snapshots = record<KioskSnapshot>(k, 'snapshot');
    // No area yet: every service.
    await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });

    // An area naming a service that does not exist is refused, and changes nothing.
    await refused(api('PATCH', `/api/admin/devices/${paired.deviceId}`, admin, { config: { serviceIds: ['khong-co'] } }), 'SERVICE_NOT_FOUND', 404);
    const upstairs = await ok(api<DeviceView>('PATCH', `/api/admin/devices/${paired.deviceId}`, admin, { config: { serviceIds: ['dat-dai', 'lao-dong'] } }));
    expect(upstairs.config).toMatchObject({ serviceIds: ['dat-dai', 'lao-dong'] });
    // The open connection hears its new area without reconnecting.
    await until(() => snapshots.some((x) => x.area?.join() === 'dat-dai,lao-dong'), 5000, 'the new area');
    const tickets = (): number => ts.server.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tickets').get()!.n;
    const before = tickets();
    const refusedIssue = await send(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    expect(refusedIssue).toMatchObject({ ok: false, error: { code: 'SERVICE_NOT_IN_AREA' } });
    expect(tickets()).toBe(before);
    const upstairsTicket = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'dat-dai', priority: null });
    expect(upstairsTicket.ticket.serviceId).toBe('dat-dai');

    // A reconnecting kiosk gets its area in its first snapshot; clearing it offers every service again.
    k.disconnect();
    const again = await connectKiosk(ts.url, paired.deviceToken);
    const first = await must<KioskSnapshot>(again, 'sync:snapshot', {});
    expect(first.area).toEqual(['dat-dai', 'lao-dong']);
    const back = record<KioskSnapshot>(again, 'snapshot');
    await ok(api('PATCH', `/api/admin/devices/${paired.deviceId}`, admin, { config: { serviceIds: null } }));
    await until(() => back.some((x) => x.area === null), 5000, 'every service again');
    await must<IssuedTicket>(again, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    again.disconnect();
  });

  it('a display pairs too, and can be renamed and given a configuration', async () => {
    ts = await startTestServer();
    ts.setSettings({ demo: false });
    const admin = await login(ts.url, 'admin');
    const code = await ok(api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind: 'display', name: 'Màn hình chính' }));
    const paired = await ok(api<PairResult>('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'display' }));
    const d = await display(ts.url, { deviceToken: paired.deviceToken });
    const view = await ok(api<DeviceView>('PATCH', `/api/admin/devices/${paired.deviceId}`, admin, { name: 'Màn hình sảnh', config: { printer: { kind: 'none' } } }));
    expect(view).toMatchObject({ name: 'Màn hình sảnh', config: { printer: { kind: 'none' } }, connected: true });
    // A kiosk token is not a display token.
    await expect(kiosk(ts.url, { deviceToken: paired.deviceToken })).rejects.toThrow(/UNAUTHENTICATED/);
    d.disconnect();
  });

  it('limits pairing guesses per address to 10 a minute, and codes expire after 10 minutes', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    const code = await ok(api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind: 'kiosk', name: 'K' }));
    const wrong = code.code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 10; i++) await refused(api('POST', '/api/devices/pair', undefined, { code: wrong, kind: 'kiosk' }), 'PAIRING_CODE_INVALID', 409);
    await refused(api('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'kiosk' }), 'RATE_LIMITED', 429);
    ts.clock.advance(61_000);
    await ok(api('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'kiosk' }));
    const late = await ok(api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind: 'kiosk', name: 'L' }));
    ts.clock.advance(10 * 60_000 + 1);
    await refused(api('POST', '/api/devices/pair', undefined, { code: late.code, kind: 'kiosk' }), 'PAIRING_CODE_INVALID', 409);
  });
});

describe('audit log', () => {
  it('lists every administrative change with its actor, newest first, page by page', async () => {
    ts = await startTestServer();
    const admin = await login(ts.url, 'admin');
    const manager = await login(ts.url, 'quanly');
    const service = await ok(api<Service>('POST', '/api/admin/services', admin, newService));
    await ok(api('PATCH', `/api/admin/services/${service.id}`, admin, { enabled: false }));
    await ok(api('POST', '/api/admin/counters', admin, { number: 8, name: 'Quầy 8' }));
    await ok(api('DELETE', '/api/admin/counters/quay-8', admin));
    const user = await ok(api<AdminUser>('POST', '/api/admin/users', admin, { username: 'hoa', displayName: 'Hoa', role: 'manager', password: '12345678' }));
    await ok(api('PATCH', `/api/admin/users/${user.id}`, admin, { password: '87654321' }));
    const code = await ok(api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind: 'kiosk', name: 'Kiosk B' }));
    const paired = await ok(api<PairResult>('POST', '/api/devices/pair', undefined, { code: code.code, kind: 'kiosk' }));
    await ok(api('POST', `/api/admin/devices/${paired.deviceId}/revoke`, admin));
    // Queue activity is not in the audit log.
    const k = await kiosk(ts.url);
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    k.disconnect();
    ts.setSettings({ displayNotice: 'x' });

    const page = await ok(api<AuditPage>('GET', '/api/admin/audit?limit=100', manager));
    expect(page.entries.map((e) => e.type)).toEqual([
      'settings.updated',
      'device.revoked',
      'device.paired',
      'device.pairing_code_created',
      'user.password_reset',
      'user.created',
      'counter.deleted',
      'counter.saved',
      'service.saved',
      'service.saved',
    ]);
    expect(page.nextBefore).toBeNull();
    const byAdmin = page.entries.filter((e) => e.actor === 'user:u-admin');
    expect(byAdmin).toHaveLength(9);
    for (const e of byAdmin) expect(e.actorName).toBe('Quản trị hệ thống');
    expect(page.entries[0]).toMatchObject({ actor: 'system', actorName: null });
    const created = page.entries.find((e) => e.type === 'user.created')!;
    expect(created.data).toEqual({ userId: user.id, username: 'hoa', displayName: 'Hoa', role: 'manager' });
    expect(JSON.stringify(page)).not.toMatch(/87654321|scrypt/);
    expect(page.entries.find((e) => e.type === 'service.saved')).toMatchObject({ serviceId: service.id, at: ts.clock.now() });
    // Each change says what it was before.
    expect(page.entries.find((e) => e.type === 'service.saved')!.data).toMatchObject({ enabled: false, before: { enabled: true, nameVi: newService.nameVi } });
    expect(page.entries.filter((e) => e.type === 'service.saved')[1]!.data).toMatchObject({ before: null });
    expect(page.entries[0]!.data).toMatchObject({ displayNotice: 'x', before: { displayNotice: expect.stringContaining('Trung tâm mẫu') } });
    expect(page.entries.find((e) => e.type === 'counter.deleted')!.data).toMatchObject({ before: { number: 8, name: 'Quầy 8' } });

    const first = await ok(api<AuditPage>('GET', '/api/admin/audit?limit=4', admin));
    expect(first.entries).toHaveLength(4);
    const second = await ok(api<AuditPage>(`GET`, `/api/admin/audit?limit=4&before=${first.nextBefore}`, admin));
    expect(second.entries.map((e) => e.seq)).toEqual(page.entries.slice(4, 8).map((e) => e.seq));
    await refused(api('GET', '/api/admin/audit?limit=0', admin), 'VALIDATION', 400);
  });
});
