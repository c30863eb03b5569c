/**
 * Booking and check-in against the real server: REST bookings, capacity under 50 concurrent
 * requests for the last place, kiosk check-in over its socket (on time, early, late, retried,
 * cancelled), and personal data only when asked for, never logged, erased after retention.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DEFAULT_APPOINTMENT_POLICY, type Ack, type BookingOptions, type BookingView, type CheckedIn, type SlotList } from '@layso/shared';
import { kiosk, MORNING, rid, send, startTestServer, TestClock, type KioskSocket, type TestServer } from './support/harness.js';

const MIN = 60_000;
let ts: TestServer | null = null;
const sockets: KioskSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await ts?.close();
  ts = null;
});

async function post<T>(url: string, body: unknown): Promise<Ack<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Ack<T>;
}

async function get<T>(url: string): Promise<Ack<T>> {
  return (await (await fetch(url)).json()) as Ack<T>;
}

async function mustBook(t: TestServer, slotAt: number, extra: Record<string, string> = {}): Promise<BookingView> {
  const a = await post<BookingView>(`${t.url}/api/book`, { serviceId: 'ho-tich', slotAt, ...extra });
  if (!a.ok) throw new Error(`book: ${a.error.code}`);
  return a.data;
}

async function checkIn(k: KioskSocket, code: string, opts: { requestId?: string; walkInIfEarly?: boolean } = {}): Promise<Ack<CheckedIn>> {
  return send<CheckedIn>(k, 'appointment:checkIn', { requestId: opts.requestId ?? rid(), code, walkInIfEarly: opts.walkInIfEarly ?? false });
}

describe('booking a slot', () => {
  it('never overbooks: 50 concurrent bookings for the last place, one gets it', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { appointments: { ...DEFAULT_APPOINTMENT_POLICY, capacityPerSlot: 3 } } });
    const slotAt = MORNING + 60 * MIN; // 10:00
    await mustBook(ts, slotAt);
    await mustBook(ts, slotAt);
    const url = ts.url;
    const answers = await Promise.all(Array.from({ length: 50 }, () => post<BookingView>(`${url}/api/book`, { serviceId: 'ho-tich', slotAt })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.error.code === 'SLOT_FULL')).toHaveLength(49);
    const slots = await get<SlotList>(`${url}/api/book/slots?serviceId=ho-tich&date=2026-03-10`);
    expect(slots.ok && slots.data.slots.find((s) => s.at === slotAt)?.left).toBe(0);
    expect(ts.server.engine.appointments.taken('ho-tich' as never, slotAt)).toBe(3);
  });

  it('offers the services, the days of the window and the slots after now; refuses a past or misaligned slot', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING) });
    const o = await get<BookingOptions>(`${ts.url}/api/book/options`);
    expect(o.ok && o.data.dates.length).toBe(14);
    expect(o.ok && o.data.askName).toBe(false);
    const s = await get<SlotList>(`${ts.url}/api/book/slots?serviceId=ho-tich&date=2026-03-10`);
    expect(s.ok && s.data.slots[0]!.at).toBe(MORNING + 15 * MIN);
    const past = await post<BookingView>(`${ts.url}/api/book`, { serviceId: 'ho-tich', slotAt: MORNING - 15 * MIN });
    expect(!past.ok && past.error.code).toBe('SLOT_FULL');
    const odd = await post<BookingView>(`${ts.url}/api/book`, { serviceId: 'ho-tich', slotAt: MORNING + 7 * MIN });
    expect(!odd.ok && odd.error.code).toBe('SLOT_FULL');
    const bad = await post<BookingView>(`${ts.url}/api/book`, { serviceId: 'ho-tich', slotAt: 'mai' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
  });
});

describe('checking in at the kiosk', () => {
  it('on time gives an appointment ticket ahead of walk-ins; a retry gives the same ticket; the code is used', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING) });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const walkIn = await send<{ ticket: { id: string } }>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(walkIn.ok).toBe(true);
    const b = await mustBook(ts, MORNING + 15 * MIN);
    expect(b.code).toMatch(/^\d{6}$/);
    const requestId = rid();
    const a = await checkIn(k, b.code, { requestId });
    if (!a.ok) throw new Error(a.error.code);
    expect(a.data.outcome).toBe('kept');
    expect(a.data.ticket.slotAt).toBe(MORNING + 15 * MIN);
    expect(a.data.peopleAhead).toBe(0);
    const again = await checkIn(k, b.code, { requestId });
    expect(again.ok && again.data.ticket.id).toBe(a.data.ticket.id);
    expect(again.ok && again.data.replayed).toBe(true);
    const second = await checkIn(k, b.code);
    expect(!second.ok && second.error.code).toBe('APPOINTMENT_USED');
    const view = await get<BookingView>(`${ts.url}/api/book/${b.id}`);
    expect(view.ok && view.data.state).toBe('kept');
  });

  it('too early: refused, or a walk-in ticket when the citizen chooses it; too late: a walk-in ticket', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING) });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const early = await mustBook(ts, MORNING + 60 * MIN);
    const refused = await checkIn(k, early.code);
    expect(!refused.ok && refused.error.code).toBe('APPOINTMENT_TOO_EARLY');
    const walkIn = await checkIn(k, early.code, { walkInIfEarly: true });
    expect(walkIn.ok && walkIn.data.outcome).toBe('early');
    expect(walkIn.ok && walkIn.data.ticket.slotAt).toBeNull();
    const late = await mustBook(ts, MORNING + 30 * MIN);
    ts.clock.advance(41 * MIN); // 09:41, eleven minutes after 09:30
    const a = await checkIn(k, late.code);
    expect(a.ok && a.data.outcome).toBe('late');
    expect(a.ok && a.data.ticket.slotAt).toBeNull();
  });

  it('a cancelled booking frees its place and cannot be checked in', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING), settings: { appointments: { ...DEFAULT_APPOINTMENT_POLICY, capacityPerSlot: 1 } } });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const b = await mustBook(ts, MORNING + 15 * MIN);
    const full = await post<BookingView>(`${ts.url}/api/book`, { serviceId: 'ho-tich', slotAt: MORNING + 15 * MIN });
    expect(!full.ok && full.error.code).toBe('SLOT_FULL');
    expect(b.cancelPath).toContain(b.id);
    const c = await post<BookingView>(`${ts.url}/api/book/${b.id}/cancel`, {});
    expect(c.ok && c.data.state).toBe('cancelled');
    const a = await checkIn(k, b.code);
    expect(!a.ok && a.error.code).toBe('APPOINTMENT_CANCELLED');
    await mustBook(ts, MORNING + 15 * MIN);
    const unknown = await checkIn(k, '000000');
    expect(!unknown.ok && unknown.error.code).toBe('APPOINTMENT_NOT_FOUND');
  });
});

describe('personal data (Nghị định 13/2023)', () => {
  it('is refused while the centre does not ask for it', async () => {
    ts = await startTestServer({ clock: new TestClock(MORNING) });
    const a = await post<BookingView>(`${ts.url}/api/book`, { serviceId: 'ho-tich', slotAt: MORNING + 15 * MIN, name: 'Nguyễn Văn An' });
    expect(!a.ok && a.error.code).toBe('VALIDATION');
    const rows = ts.server.engine.appointments.taken('ho-tich' as never, MORNING + 15 * MIN);
    expect(rows).toBe(0);
  });

  it('when asked, is kept until the retention ends, then erased, and never logged', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    ts = await startTestServer({
      clock: new TestClock(MORNING),
      log: pino({ level: 'trace' }, sink),
      settings: { appointments: { ...DEFAULT_APPOINTMENT_POLICY, askName: true, askPhone: true, retentionDays: 1 } },
    });
    const b = await mustBook(ts, MORNING + 15 * MIN, { name: 'Trần Thị Bình', phone: '0912 345 678' });
    expect(ts.server.engine.appointments.personal(b.id)).toEqual({ name: 'Trần Thị Bình', phone: '0912 345 678' });
    const view = await get<BookingView>(`${ts.url}/api/book/${b.id}`);
    expect(JSON.stringify(view)).not.toContain('Bình');
    // Check it in too: the event log and every log line hold neither the name nor the number.
    const k = await kiosk(ts.url);
    sockets.push(k);
    expect((await checkIn(k, b.code)).ok).toBe(true);
    const events = ts.server.db.prepare('SELECT type, data_json FROM events').all() as { type: string; data_json: string | null }[];
    expect(events.some((e) => e.type === 'appointment.checkedIn')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Bình|345 678/);
    expect(lines.join('\n')).not.toMatch(/Bình|345 678/);
    // A day after the slot, and the next business day starts: erased.
    ts.clock.advance(86_400_000 + 16 * MIN);
    ts.server.engine.ensureDay();
    expect(ts.server.engine.appointments.personal(b.id)).toEqual({ name: null, phone: null });
  });
});
