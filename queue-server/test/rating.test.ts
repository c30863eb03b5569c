/**
 * Citizens' ratings over the real server: a paired rating tablet at a counter and a phone on the
 * public namespace, one rating per served ticket entry, a low score needing a reason, nothing for
 * a ticket not served or an id one does not hold, limits per device and address, and the free
 * text kept out of the event log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, Report, IssuedTicket, PairingCode, PairResult, PublicTicketStatus, RatingReceipt, RatingTabletState, Ticket } from '@layso/shared';
import { kiosk, login, must, phone, rid, send, staff, startTestServer, tablet, until, type TestServer } from './support/harness.js';

let ts: TestServer;
const sockets: { disconnect(): unknown }[] = [];

beforeEach(async () => {
  ts = await startTestServer({ settings: { demo: false } });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await ts.close();
});

async function api<T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<Ack<T>> {
  const r = await fetch(`${ts.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await r.json()) as Ack<T>;
}

async function pair(kind: 'kiosk' | 'rating', config?: unknown): Promise<string> {
  const admin = await login(ts.url, 'admin');
  const code = await api<PairingCode>('POST', '/api/admin/pairing-codes', admin, { kind, name: `${kind} quầy 1` });
  if (!code.ok) throw new Error(code.error.code);
  const paired = await api<PairResult>('POST', '/api/devices/pair', undefined, { code: code.data.code, kind });
  if (!paired.ok) throw new Error(paired.error.code);
  if (config) await api('PATCH', `/api/admin/devices/${paired.data.deviceId}`, admin, { config });
  return paired.data.deviceToken;
}

/** A kiosk ticket served at quầy 1 by canbo1 (called, started, done). */
async function servedTicket(): Promise<{ ticket: Ticket; officer: Awaited<ReturnType<typeof staff>> }> {
  const k = await kiosk(ts.url, { deviceToken: await pair('kiosk') });
  sockets.push(k);
  const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
  const officer = await staff(ts.url, 'canbo1');
  sockets.push(officer);
  await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
  await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
  ts.clock.advance(60_000);
  await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
  return { ticket: issued.ticket, officer };
}

describe('rating the service', () => {
  it('the counter tablet gets the finished ticket, a low score needs a reason, and a second rating is refused', async () => {
    const pad = await tablet(ts.url, { deviceToken: await pair('rating', { counterId: 'quay-1' }) });
    sockets.push(pad);
    const states: RatingTabletState[] = [];
    pad.on('state', (s) => states.push(s));
    const { ticket } = await servedTicket();
    await until(() => states.some((s) => s.prompt?.ticketId === ticket.id), 2000, 'the tablet offers the rating');
    expect(states.at(-1)).toMatchObject({ counter: { number: 1 }, prompt: { displayNumber: ticket.displayNumber }, rating: { scale: 'three' } });

    const noReason = await send<RatingReceipt>(pad, 'ticket:rate', { ticketId: ticket.id, level: 1 });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'RATING_REASON_REQUIRED' } });
    const secret = 'Số điện thoại tôi 0912345678';
    const rated = await send<RatingReceipt>(pad, 'ticket:rate', { ticketId: ticket.id, level: 1, reasons: ['Chờ lâu'], comment: secret });
    expect(rated).toEqual({ ok: true, data: { ticketId: ticket.id, level: 1, satisfied: false } });
    await until(() => states.at(-1)?.prompt === null, 2000, 'the prompt ends once rated');

    // The phone holding the same ticket is refused politely, with its stable code.
    const p = await phone(ts.url);
    sockets.push(p);
    expect(await send(p, 'ticket:rate', { ticketId: ticket.id, level: 3 })).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } });
    const status = await must<PublicTicketStatus>(p, 'ticket:track', { ticketId: ticket.id });
    expect(status.visits).toEqual([{ ticketId: ticket.id, counterNumber: 1, rated: true, rateable: false }]);

    // Stored with the officer who served; the free text never reaches the event log.
    const row = ts.server.db.prepare('SELECT level, low, officer_id, reasons_json, comment, source FROM ratings WHERE ticket_id = ?').get(ticket.id);
    expect(row).toEqual({ level: 1, low: 1, officer_id: 'u-canbo1', reasons_json: '["Chờ lâu"]', comment: secret, source: 'tablet' });
    const events = ts.server.db.prepare("SELECT data_json FROM events WHERE type = 'ticket.rated'").all() as { data_json: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]!.data_json).not.toContain('0912345678');

    // The report by counter counts it, with its reason and no share satisfied.
    const manager = await login(ts.url, 'quanly');
    const report = await api<Report>('GET', '/api/reports?from=2026-03-10&to=2026-03-10&by=counter', manager);
    if (!report.ok) throw new Error(report.error.code);
    expect(report.data.ratings?.rows).toEqual([
      { key: 'quay-1', label: expect.any(String), count: 1, satisfied: 0, low: 1, shareSatisfied: 0, byLevel: [{ scale: 'three', level: 1, count: 1 }], reasons: [{ reason: 'Chờ lâu', count: 1 }] },
    ]);
    expect(report.data.ratings?.reasons).toEqual([{ reason: 'Chờ lâu', count: 1 }]);
  });

  it('a tablet rates only its own counter; a phone only a served ticket it holds', async () => {
    const other = await tablet(ts.url, { deviceToken: await pair('rating', { counterId: 'quay-2' }) });
    sockets.push(other);
    const { ticket } = await servedTicket();
    expect(await send(other, 'ticket:rate', { ticketId: ticket.id, level: 3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const p = await phone(ts.url);
    sockets.push(p);
    const k = await kiosk(ts.url, { deviceToken: await pair('kiosk') });
    sockets.push(k);
    const waiting = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    expect(await send(p, 'ticket:rate', { ticketId: waiting.ticket.id, level: 3 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // A random id and the neighbour of a real one reveal nothing and accept nothing.
    const neighbour = ticket.id.slice(0, -1) + (ticket.id.endsWith('A') ? 'B' : 'A');
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', neighbour]) {
      expect(await send(p, 'ticket:rate', { ticketId: id, level: 3 })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
      expect(await send(p, 'ticket:track', { ticketId: id })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    }
    const ok = await send<RatingReceipt>(p, 'ticket:rate', { ticketId: ticket.id, level: 2 });
    expect(ok).toEqual({ ok: true, data: { ticketId: ticket.id, level: 2, satisfied: true } });
    expect(ts.server.db.prepare('SELECT COUNT(*) AS n FROM ratings').get()).toEqual({ n: 1 });
  });

  it('a transferred citizen rates each counter that served them, from the one QR', async () => {
    const { ticket, officer } = await servedTicket();
    const k = await kiosk(ts.url, { deviceToken: await pair('kiosk') });
    sockets.push(k);
    const second = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    const manager = await staff(ts.url, 'quanly');
    sockets.push(manager);
    await must(manager, 'counter:open', { requestId: rid(), counterId: 'quay-2' });
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    const moved = await must<{ ticket: Ticket }>(officer, 'ticket:transfer', { requestId: rid(), counterId: 'quay-1', target: { kind: 'counter', counterId: 'quay-2' } });
    await must(manager, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' });
    await must(manager, 'ticket:done', { requestId: rid(), counterId: 'quay-2' });
    const p = await phone(ts.url);
    sockets.push(p);
    const status = await must<PublicTicketStatus>(p, 'ticket:track', { ticketId: second.ticket.id });
    expect(status.state).toBe('done');
    expect(status.visits).toEqual([
      { ticketId: second.ticket.id, counterNumber: 1, rated: false, rateable: true },
      { ticketId: moved.ticket.id, counterNumber: 2, rated: false, rateable: true },
    ]);
    for (const v of status.visits) await must(p, 'ticket:rate', { ticketId: v.ticketId, level: 3 });
    expect(await send(p, 'ticket:rate', { ticketId: second.ticket.id, level: 3 })).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } });
    expect(ticket.id).not.toBe(second.ticket.id);
  });

  it('limits ratings per address and per tablet', async () => {
    const p = await phone(ts.url);
    sockets.push(p);
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const a = await send(p, 'ticket:rate', { ticketId: `guessed-id-${String(i).padStart(12, '0')}`, level: 3 });
      codes.push(a.ok ? 'ok' : a.error.code);
    }
    expect(codes.slice(0, 6).every((c) => c === 'TICKET_NOT_FOUND')).toBe(true);
    expect(codes.slice(6)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // The REST fallback shares the address's budget.
    const rest = await api('POST', '/api/tickets/guessed-id-000000000099/rating', undefined, { level: 3 });
    expect(rest).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });

    const pad = await tablet(ts.url, { deviceToken: await pair('rating', { counterId: 'quay-1' }) });
    sockets.push(pad);
    const padCodes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await send(pad, 'ticket:rate', { ticketId: `guessed-id-${String(i).padStart(12, '0')}`, level: 3 });
      padCodes.push(a.ok ? 'ok' : a.error.code);
    }
    expect(padCodes.at(-1)).toBe('RATE_LIMITED');
    ts.clock.advance(61_000);
    expect(await send(pad, 'ticket:rate', { ticketId: 'guessed-id-000000000000', level: 3 })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
  });
});
