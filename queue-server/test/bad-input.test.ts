/** Bad input gets a clear error with a stable code and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { IssuedTicket } from '@layso/shared';
import { display, kiosk, must, rid, send, staff, startTestServer, type KioskSocket, type StaffSocket, type TestServer } from './support/harness.js';

let ts: TestServer;
let k: KioskSocket;
let o1: StaffSocket;
let o2: StaffSocket;
let manager: StaffSocket;
let waitingId: string;

beforeAll(async () => {
  ts = await startTestServer();
  k = await kiosk(ts.url);
  o1 = await staff(ts.url, 'canbo1');
  o2 = await staff(ts.url, 'canbo2');
  manager = await staff(ts.url, 'quanly');
  await must(o1, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
  await must(o2, 'counter:open', { requestId: rid(), counterId: 'quay-2' });
  await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
  waitingId = (await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' })).ticket.id;
  await must(o2, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' });
});
afterAll(async () => {
  for (const s of [k, o1, o2, manager]) s.disconnect();
  await ts.close();
});

function fingerprint(): string {
  const db = ts.server.db;
  return JSON.stringify([
    db.prepare('SELECT COUNT(*) AS n FROM events').get(),
    db.prepare('SELECT id, state, counter_id, queue_key FROM tickets ORDER BY seq').all(),
    db.prepare('SELECT id, state, officer_id FROM counters ORDER BY number').all(),
    ts.server.engine.lastSeq,
  ]);
}

const cases: [string, () => Promise<unknown>, string][] = [
  ['a payload that is not an object', () => send(k, 'ticket:issue', 'give me a number'), 'VALIDATION'],
  ['a missing request id', () => send(k, 'ticket:issue', { serviceId: 'ho-tich' }), 'VALIDATION'],
  ['an unknown priority category', () => send(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: 'vip' }), 'VALIDATION'],
  ['an unknown service', () => send(k, 'ticket:issue', { requestId: rid(), serviceId: 'no-such' }), 'SERVICE_NOT_FOUND'],
  ['an unknown counter', () => send(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-99' }), 'COUNTER_NOT_FOUND'],
  ['calling from a closed counter (manager acting)', () => send(manager, 'counter:callNext', { requestId: rid(), counterId: 'quay-5' }), 'COUNTER_CLOSED'],
  ['acting on another officer’s counter', () => send(o1, 'ticket:done', { requestId: rid(), counterId: 'quay-2' }), 'NOT_YOUR_COUNTER'],
  ['opening a counter another officer holds', () => send(o1, 'counter:open', { requestId: rid(), counterId: 'quay-2' }), 'COUNTER_TAKEN'],
  ['nothing in hand', () => send(o1, 'ticket:start', { requestId: rid(), counterId: 'quay-1' }), 'NO_TICKET_IN_HAND'],
  ['transfer to an unknown service', () => send(o2, 'ticket:transfer', { requestId: rid(), counterId: 'quay-2', target: { kind: 'service', serviceId: 'nope' } }), 'SERVICE_NOT_FOUND'],
  ['transfer to a closed counter', () => send(o2, 'ticket:transfer', { requestId: rid(), counterId: 'quay-2', target: { kind: 'counter', counterId: 'quay-5' } }), 'COUNTER_CLOSED'],
  ['a ticket id that does not exist', () => send(o1, 'ticket:cancel', { requestId: rid(), ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }), 'TICKET_NOT_FOUND'],
  ['requeue of a waiting ticket', () => send(o1, 'ticket:requeue', { requestId: rid(), ticketId: waitingId }), 'INVALID_STATE'],
  ['pause without a reason', () => send(o1, 'counter:pause', { requestId: rid(), counterId: 'quay-1', reason: '  ' }), 'VALIDATION'],
];

describe('bad input', () => {
  it.each(cases)('%s → a stable code, nothing changed', async (_name, act, code) => {
    const before = fingerprint();
    const ack = await act();
    expect(ack).toMatchObject({ ok: false, error: { code } });
    expect((ack as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
    expect(fingerprint()).toBe(before);
  });

  it('a service that is disabled or outside its hours issues nothing, and takes no transfers', async () => {
    const svc = ts.server.engine.getService('dat-dai' as never)!;
    ts.server.engine.putService({ ...svc, enabled: false }, { kind: 'system' });
    const before = fingerprint();
    expect(await send(k, 'ticket:issue', { requestId: rid(), serviceId: 'dat-dai' })).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    expect(await send(o2, 'ticket:transfer', { requestId: rid(), counterId: 'quay-2', target: { kind: 'service', serviceId: 'dat-dai' } })).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    expect(fingerprint()).toBe(before);
    ts.server.engine.putService({ ...svc, hours: { open: '13:00', close: '17:00' } }, { kind: 'system' });
    // The test clock says 09:00 in Hà Nội.
    expect(await send(k, 'ticket:issue', { requestId: rid(), serviceId: 'dat-dai' })).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    ts.server.engine.putService(svc, { kind: 'system' });
  });

  it('a paused counter is given nothing', async () => {
    await must(o1, 'counter:pause', { requestId: rid(), counterId: 'quay-1', reason: 'họp' });
    expect(await send(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' })).toMatchObject({ ok: false, error: { code: 'COUNTER_PAUSED' } });
    await must(o1, 'counter:resume', { requestId: rid(), counterId: 'quay-1' });
  });

  it('refuses staff sockets without a valid session, and kiosks from elsewhere when not demo', async () => {
    const s = io(`${ts.url}/staff`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: 'forged' } });
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) => s.once('connect_error', resolve));
    expect(err.data?.code).toBe('UNAUTHENTICATED');
    s.disconnect();
    ts.setSettings({ demo: false });
    const kk = io(`${ts.url}/kiosk`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const kerr = await new Promise<Error & { data?: { code: string } }>((resolve) => kk.once('connect_error', resolve));
    expect(kerr.data?.code).toBe('UNAUTHENTICATED');
    kk.disconnect();
    ts.setSettings({ demo: true });
    const d = await display(ts.url);
    d.disconnect();
  });

  it('a kiosk cannot send officer commands, and REST refuses malformed bodies', async () => {
    const before = fingerprint();
    // The kiosk namespace has no such event: nothing happens, no ack comes.
    const untyped = k as unknown as { timeout(ms: number): { emitWithAck(ev: string, p: unknown): Promise<unknown> } };
    const ack = await untyped.timeout(500).emitWithAck('counter:callNext', { requestId: rid(), counterId: 'quay-1' }).catch((e: Error) => e);
    expect(ack).toBeInstanceOf(Error);
    const res = await fetch(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bad = await fetch(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo1', password: 'wrong' }) });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect((await fetch(`${ts.url}/api/tickets/short`)).status).toBe(404);
    expect(fingerprint()).toBe(before);
  });

  it('locks an account after repeated wrong passwords', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo6', password: `guess${i}` }) });
      codes.push(((await r.json()) as { error: { code: string } }).error.code);
    }
    expect(codes.slice(0, 5).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(codes[5]).toBe('ACCOUNT_LOCKED');
    const right = await fetch(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo6', password: 'demo' }) });
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe('ACCOUNT_LOCKED');
    ts.clock.advance(5 * 60_000 + 1);
    const later = await fetch(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo6', password: 'demo' }) });
    expect(later.status).toBe(200);
  });
});
