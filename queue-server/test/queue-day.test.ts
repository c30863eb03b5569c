/**
 * A centre's day over real sockets: kiosks issue, officers call, displays and staff follow the
 * deltas. Real server on a free port, temporary SQLite file, injected clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDelta, fromSnapshot, type Delta, type DisplaySnapshot, type IssuedTicket, type CounterResult, type LiveState, type Ticket } from '@layso/shared';
import { display, kiosk, must, rid, send, staff, startTestServer, until, type TestServer, type KioskSocket, type StaffSocket } from './support/harness.js';

let ts: TestServer;
const sockets: { disconnect(): unknown }[] = [];

beforeEach(async () => {
  ts = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await ts.close();
});

async function issue(k: KioskSocket, serviceId: string, priority: string | null = null): Promise<IssuedTicket> {
  ts.clock.advance(1000);
  return must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId, priority });
}

async function officer(name: string, counterId: string): Promise<StaffSocket> {
  const s = await staff(ts.url, name);
  sockets.push(s);
  await must(s, 'counter:open', { requestId: rid(), counterId });
  return s;
}

describe('a day at the centre', () => {
  it('issues numbers per service from its range, in order, and counts the waiting', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    const a = await issue(k, 'ho-tich');
    const b = await issue(k, 'ho-tich');
    const c = await issue(k, 'dat-dai');
    expect([a.ticket.displayNumber, b.ticket.displayNumber, c.ticket.displayNumber]).toEqual(['1001', '1002', '2001']);
    expect(a.peopleAhead).toBe(0);
    expect(b.peopleAhead).toBe(1);
    expect(b.trackingPath).toBe(`/t/${b.ticket.id}`);
    expect(b.ticket.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const status = (await (await fetch(`${ts.url}/api/tickets/${b.ticket.id}`)).json()) as { data: { peopleAhead: number; state: string } };
    expect(status.data).toMatchObject({ peopleAhead: 1, state: 'waiting' });
    const services = (await (await fetch(`${ts.url}/api/services`)).json()) as { data: { stats: { serviceId: string; waiting: number }[] } };
    expect(services.data.stats.find((s) => s.serviceId === 'ho-tich')?.waiting).toBe(2);
  });

  it('runs tickets through call, start and done, and learns the service time', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    const t1 = await issue(k, 'ho-tich');
    const t2 = await issue(k, 'ho-tich');
    const o = await officer('canbo1', 'quay-1');
    const called = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(called.ticket?.id).toBe(t1.ticket.id);
    expect(called.counter.inHand?.displayNumber).toBe('1001');
    ts.clock.advance(30_000);
    await must(o, 'ticket:start', { requestId: rid(), counterId: 'quay-1' });
    ts.clock.advance(300_000);
    const before = ts.server.engine.getService('ho-tich' as never)!.avgServiceSec;
    const next = await must<CounterResult>(o, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' });
    expect(next.ticket?.id).toBe(t2.ticket.id);
    const after = ts.server.engine.getService('ho-tich' as never)!.avgServiceSec;
    expect(after).not.toBe(before);
    const done = ts.server.db.prepare('SELECT state, called_at, started_at, finished_at FROM tickets WHERE id = ?').get(t1.ticket.id) as Record<string, number | string>;
    expect(done.state).toBe('done');
    expect(Number(done.finished_at) - Number(done.started_at)).toBe(300_000);
    // Done straight from called is accepted.
    ts.clock.advance(60_000);
    const fin = await must<CounterResult>(o, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    expect(fin.ticket?.state).toBe('done');
    expect(fin.counter.inHand).toBeNull();
    const empty = await send(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
  });

  it('keeps displays in step: every call arrives once, in order, with a seq that never skips', async () => {
    const d1 = await display(ts.url);
    const d2 = await display(ts.url);
    sockets.push(d1, d2);
    const states: LiveState[] = [];
    for (const d of [d1, d2]) {
      let state: LiveState | null = null;
      d.emit('sync:snapshot', {}, (a) => {
        if (!a.ok) throw new Error(a.error.code);
        state = fromSnapshot(a.data as DisplaySnapshot);
        states.push(state);
      });
      await until(() => state !== null, 3000, 'display snapshot');
      const idx = states.length - 1;
      d.on('delta', (delta: Delta) => {
        const next = applyDelta(states[idx]!, delta);
        if (next === 'resync') throw new Error(`seq gap ${states[idx]!.seq} → ${delta.prevSeq}`);
        states[idx] = next;
      });
    }
    const k = await kiosk(ts.url);
    sockets.push(k);
    for (let i = 0; i < 6; i++) await issue(k, i % 2 ? 'ho-tich' : 'cu-tru');
    const o1 = await officer('canbo1', 'quay-1');
    const o2 = await officer('canbo2', 'quay-2');
    await must(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(o2, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' });
    await must(o1, 'ticket:recall', { requestId: rid(), counterId: 'quay-1' });
    const seq = ts.server.engine.lastSeq;
    await until(() => states.every((s) => s.seq === seq), 3000, 'displays catch up');
    for (const s of states) {
      expect(s.recentCalls.map((c) => [c.counterNumber, c.recall])).toEqual([[1, true], [2, false], [1, false]]);
      expect(s.counters.find((c) => c.id === 'quay-1')?.inHand?.state).toBe('called');
      // Three of each were issued; counters 1 and 2 both prefer ho-tich.
      expect(s.stats['ho-tich']?.waiting).toBe(1);
      expect(s.stats['cu-tru']?.waiting).toBe(3);
    }
  });
});

describe('officer commands', () => {
  it('are idempotent: the same request twice calls one ticket and returns the first result', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    await issue(k, 'ho-tich');
    await issue(k, 'ho-tich');
    const o = await officer('canbo1', 'quay-1');
    const requestId = rid();
    const [a, b] = await Promise.all([
      send<CounterResult>(o, 'counter:callNext', { requestId, counterId: 'quay-1' }),
      send<CounterResult>(o, 'counter:callNext', { requestId, counterId: 'quay-1' }),
    ]);
    expect(a).toEqual(b);
    // A second click with a fresh id is refused while a ticket is in hand.
    const c = await send(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(c).toMatchObject({ ok: false, error: { code: 'COUNTER_BUSY' } });
    const called = ts.server.engine.liveTickets().filter((t) => t.state === 'called');
    expect(called).toHaveLength(1);
    const reused = await send(o, 'ticket:recall', { requestId, counterId: 'quay-1' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'REQUEST_ID_REUSED' } });
  });

  it('recall re-announces without changing order or timestamps', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    await issue(k, 'ho-tich');
    const o = await officer('canbo1', 'quay-1');
    const first = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    ts.clock.advance(20_000);
    const again = await must<CounterResult>(o, 'ticket:recall', { requestId: rid(), counterId: 'quay-1' });
    expect(again.ticket?.calledAt).toBe(first.ticket?.calledAt);
    expect(again.ticket?.issuedAt).toBe(first.ticket?.issuedAt);
    expect(again.ticket?.callCount).toBe(2);
    expect(ts.server.engine.calls()[0]).toMatchObject({ recall: true, displayNumber: '1001' });
  });

  it('no-show, then brought back at its original issue time', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    const a = await issue(k, 'ho-tich');
    const b = await issue(k, 'ho-tich');
    await issue(k, 'ho-tich');
    const o = await officer('canbo1', 'quay-1');
    await must(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    const ns = await must<CounterResult>(o, 'ticket:noShow', { requestId: rid(), counterId: 'quay-1' });
    expect(ns.ticket?.state).toBe('no_show');
    expect(ns.counter.inHand).toBeNull();
    const back = await must<{ ticket: Ticket }>(o, 'ticket:requeue', { requestId: rid(), ticketId: a.ticket.id });
    expect(back.ticket).toMatchObject({ state: 'waiting', queueKey: a.ticket.issuedAt });
    const next = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(next.ticket?.id).toBe(a.ticket.id);
    await must(o, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    const then = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(then.ticket?.id).toBe(b.ticket.id);
  });

  it('a no-show brought back K places down when the setting says so', async () => {
    const policy = ts.server.engine.getSettings().queue;
    ts.setSettings({ queue: { ...policy, noShowReturn: { kind: 'placesDown', places: 2 } } });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const a = await issue(k, 'ho-tich');
    const others = [await issue(k, 'ho-tich'), await issue(k, 'ho-tich'), await issue(k, 'ho-tich')];
    const o = await officer('canbo1', 'quay-1');
    await must(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(o, 'ticket:noShow', { requestId: rid(), counterId: 'quay-1' });
    await must(o, 'ticket:requeue', { requestId: rid(), ticketId: a.ticket.id });
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
      order.push(r.ticket!.displayNumber);
      await must(o, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    }
    expect(order).toEqual([others[0]!.ticket.displayNumber, others[1]!.ticket.displayNumber, '1001', others[2]!.ticket.displayNumber]);
  });

  it('transfer keeps the number and original issue time; front, back and by issue time', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    const x = await issue(k, 'ho-tich'); // 1001, the one we transfer
    const p = await issue(k, 'cu-tru'); // 5001
    const q = await issue(k, 'cu-tru'); // 5002
    const o1 = await officer('canbo1', 'quay-1');
    await must(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(o1, 'ticket:start', { requestId: rid(), counterId: 'quay-1' });
    const moved = await must<{ ticket: Ticket }>(o1, 'ticket:transfer', {
      requestId: rid(),
      counterId: 'quay-1',
      target: { kind: 'service', serviceId: 'cu-tru' },
    });
    expect(moved.ticket).toMatchObject({ displayNumber: '1001', serviceId: 'cu-tru', issuedAt: x.ticket.issuedAt, state: 'waiting', transferredFromId: x.ticket.id });
    // The QR link of the first entry follows the ticket to its new queue.
    const tracked = (await (await fetch(`${ts.url}/api/tickets/${x.ticket.id}`)).json()) as { data: { serviceId: string; state: string } };
    expect(tracked.data).toMatchObject({ serviceId: 'cu-tru', state: 'waiting' });
    // By original issue time (default) it stands before 5001 and 5002, issued after it.
    const o6 = await officer('canbo6', 'quay-6');
    const first = await must<CounterResult>(o6, 'counter:callNext', { requestId: rid(), counterId: 'quay-6' });
    expect(first.ticket?.displayNumber).toBe('1001');
    // Transfer to the back of the queue: behind 5001 and 5002.
    await must(o6, 'ticket:transfer', { requestId: rid(), counterId: 'quay-6', target: { kind: 'service', serviceId: 'cu-tru' }, position: 'back' });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await must<CounterResult>(o6, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-6' });
      names.push(r.ticket!.displayNumber);
    }
    expect(names).toEqual([p.ticket.displayNumber, q.ticket.displayNumber, '1001']);
    // Front: ahead of everything in its class.
    const r = await issue(k, 'cu-tru');
    await must(o6, 'ticket:transfer', { requestId: rid(), counterId: 'quay-6', target: { kind: 'service', serviceId: 'cu-tru' }, position: 'front' });
    await issue(k, 'cu-tru');
    const front = await must<CounterResult>(o6, 'counter:callNext', { requestId: rid(), counterId: 'quay-6' });
    expect(front.ticket?.displayNumber).toBe('1001');
    expect(r.ticket.displayNumber).toBe('5003');
  });

  it('a transfer to one counter is visible to that counter only, and may set priority', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    await issue(k, 'ho-tich');
    const o1 = await officer('canbo1', 'quay-1');
    const o2 = await officer('canbo2', 'quay-2'); // serves ho-tich too
    const o3 = await officer('canbo3', 'quay-3'); // dat-dai only
    await must(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    const moved = await must<{ ticket: Ticket }>(o1, 'ticket:transfer', {
      requestId: rid(),
      counterId: 'quay-1',
      target: { kind: 'counter', counterId: 'quay-3' },
      priority: 'elderly',
    });
    expect(moved.ticket).toMatchObject({ targetCounterId: 'quay-3', priority: 'elderly' });
    expect(await send(o2, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' })).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    const got = await must<CounterResult>(o3, 'counter:callNext', { requestId: rid(), counterId: 'quay-3' });
    expect(got.ticket?.displayNumber).toBe('1001');
  });

  it('the QR link of a transferred ticket follows it to the end, even once it is finished', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    const x = await issue(k, 'ho-tich');
    const o1 = await officer('canbo1', 'quay-1');
    await must(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(o1, 'ticket:transfer', { requestId: rid(), counterId: 'quay-1', target: { kind: 'counter', counterId: 'quay-1' }, position: 'front' });
    await must(o1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(o1, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    const tracked = (await (await fetch(`${ts.url}/api/tickets/${x.ticket.id}`)).json()) as { data: { state: string; displayNumber: string } };
    expect(tracked.data).toMatchObject({ state: 'done', displayNumber: '1001' });
  });

  it('cancel and hold', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    const a = await issue(k, 'ho-tich');
    const b = await issue(k, 'ho-tich');
    const c = await issue(k, 'ho-tich');
    const o = await officer('canbo1', 'quay-1');
    await must(o, 'ticket:hold', { requestId: rid(), ticketId: a.ticket.id, hold: true });
    await must(o, 'ticket:cancel', { requestId: rid(), ticketId: b.ticket.id });
    const first = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(first.ticket?.id).toBe(c.ticket.id);
    await must(o, 'ticket:cancel', { requestId: rid(), ticketId: c.ticket.id });
    await must(o, 'ticket:hold', { requestId: rid(), ticketId: a.ticket.id, hold: false });
    const second = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(second.ticket?.id).toBe(a.ticket.id);
    // A cancelled ticket never comes back.
    expect(await send(o, 'ticket:requeue', { requestId: rid(), ticketId: b.ticket.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('calls a given number out of order', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    await issue(k, 'ho-tich');
    await issue(k, 'ho-tich');
    await issue(k, 'dat-dai');
    const o = await officer('canbo1', 'quay-1');
    const r = await must<CounterResult>(o, 'counter:callNumber', { requestId: rid(), counterId: 'quay-1', displayNumber: '1002' });
    expect(r.ticket?.displayNumber).toBe('1002');
    await must(o, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    expect(await send(o, 'counter:callNumber', { requestId: rid(), counterId: 'quay-1', displayNumber: '2001' })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
    expect(await send(o, 'counter:callNumber', { requestId: rid(), counterId: 'quay-1', displayNumber: '1999' })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
  });
});

describe('group commit', () => {
  it('issues simultaneous requests together: distinct numbers, a retry in the same batch gets the same ticket, a bad one fails alone', async () => {
    ts.setSettings({ kioskRateLimitPerMin: 0 });
    const ks = await Promise.all(Array.from({ length: 10 }, () => kiosk(ts.url)));
    sockets.push(...ks);
    const dup = rid();
    const sends = ks.map((k, i) => send<IssuedTicket>(k, 'ticket:issue', { requestId: i === 9 ? dup : rid(), serviceId: i === 4 ? 'no-such' : 'ho-tich' }));
    sends.push(send<IssuedTicket>(ks[0]!, 'ticket:issue', { requestId: dup, serviceId: 'ho-tich' }));
    const acks = await Promise.all(sends);
    expect(acks[4]).toMatchObject({ ok: false, error: { code: 'SERVICE_NOT_FOUND' } });
    const good = acks.filter((a): a is { ok: true; data: IssuedTicket } => a.ok);
    expect(good).toHaveLength(10);
    const fresh = good.filter((a) => !a.data.replayed).map((a) => a.data.ticket.displayNumber).sort();
    expect(fresh).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009']);
    const [first, retry] = [acks[9], acks[10]] as { ok: true; data: IssuedTicket }[];
    expect(first!.data.ticket.id).toBe(retry!.data.ticket.id);
    // Each ticket counts the ones before it, also within one batch.
    expect(good.filter((a) => !a.data.replayed).map((a) => a.data.peopleAhead).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('numbering', () => {
  it('numbers a prefix service A001, A002 … and refuses a prefix another service has', async () => {
    const base = ts.server.engine.getService('vneid' as never)!;
    ts.server.engine.putService({ ...base, id: 'tra-cuu' as never, nameVi: 'Tra cứu hồ sơ', nameEn: 'File lookup', numbering: { kind: 'prefix', prefix: 'A', digits: 3 }, sortOrder: 7 }, { kind: 'system' });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const a = await issue(k, 'tra-cuu');
    const b = await issue(k, 'tra-cuu');
    expect([a.ticket.displayNumber, b.ticket.displayNumber]).toEqual(['A001', 'A002']);
    expect(() => ts.server.engine.putService({ ...base, id: 'other' as never, numbering: { kind: 'prefix', prefix: 'A', digits: 2 } }, { kind: 'system' })).toThrow(/overlaps|CONFLICT/);
  });

  it('goes on past the end of a range and warns the manager instead of repeating a number', async () => {
    const svc = ts.server.engine.getService('vneid' as never)!;
    ts.server.engine.putService({ ...svc, numbering: { kind: 'range', from: 6001, to: 6002 } }, { kind: 'system' });
    const manager = await staff(ts.url, 'quanly');
    sockets.push(manager);
    const alerts: { kind: string }[] = [];
    manager.on('alert', (a) => alerts.push(a));
    const k = await kiosk(ts.url);
    sockets.push(k);
    const nums = [];
    for (let i = 0; i < 3; i++) nums.push((await issue(k, 'vneid')).ticket.displayNumber);
    expect(nums).toEqual(['6001', '6002', '6003']);
    await until(() => alerts.some((a) => a.kind === 'numbering_overflow'), 3000, 'overflow alert');
  });
});

describe('a range that runs out', () => {
  it('goes on past its end but never onto another service’s numbers', async () => {
    const engine = ts.server.engine;
    const hoTich = engine.getService('ho-tich' as never)!;
    const datDai = engine.getService('dat-dai' as never)!;
    engine.putService({ ...hoTich, numbering: { kind: 'range', from: 1001, to: 1002 } }, { kind: 'system' });
    engine.putService({ ...datDai, numbering: { kind: 'range', from: 1004, to: 1005 } }, { kind: 'system' });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const a: string[] = [];
    for (let i = 0; i < 4; i++) a.push((await issue(k, 'ho-tich')).ticket.displayNumber);
    const b = [(await issue(k, 'dat-dai')).ticket.displayNumber, (await issue(k, 'dat-dai')).ticket.displayNumber];
    expect(a).toEqual(['1001', '1002', '1003', '1006']);
    expect(b).toEqual(['1004', '1005']);
  });
});

describe('priority over sockets', () => {
  it('strict: priority first across the counter services', async () => {
    const k = await kiosk(ts.url);
    sockets.push(k);
    await issue(k, 'ho-tich');
    await issue(k, 'cu-tru');
    await issue(k, 'cu-tru', 'pregnant_or_child');
    await issue(k, 'ho-tich', 'elderly');
    const o = await officer('canbo2', 'quay-2'); // serves ho-tich, then cu-tru
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await must<CounterResult>(o, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-2' })).ticket!.displayNumber);
    expect(order).toEqual(['1002', '5002', '1001', '5001']);
  });

  it('alternate: at most K priority calls in a row, then a normal ticket', async () => {
    ts.setSettings({ queue: { ...ts.server.engine.getSettings().queue, priority: 'alternate', alternateMaxInRow: 1 } });
    const k = await kiosk(ts.url);
    sockets.push(k);
    await issue(k, 'ho-tich');
    await issue(k, 'ho-tich');
    await issue(k, 'ho-tich', 'elderly');
    await issue(k, 'ho-tich', 'disabled');
    const o = await officer('canbo1', 'quay-1');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await must<CounterResult>(o, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' })).ticket!.displayNumber);
    expect(order).toEqual(['1003', '1001', '1004', '1002']);
  });

  it('refuses a priority ticket where the service takes none', async () => {
    const svc = ts.server.engine.getService('vneid' as never)!;
    ts.server.engine.putService({ ...svc, allowPriority: false }, { kind: 'system' });
    const k = await kiosk(ts.url);
    sockets.push(k);
    const r = await send(k, 'ticket:issue', { requestId: rid(), serviceId: 'vneid', priority: 'veteran' });
    expect(r).toMatchObject({ ok: false, error: { code: 'PRIORITY_NOT_ALLOWED' } });
  });
});
