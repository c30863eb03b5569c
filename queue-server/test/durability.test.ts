/**
 * Numbers are never given twice in a day: across midnight, a restart mid-day, and a server
 * process killed with SIGKILL while kiosks issue concurrently.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { IssuedTicket, CounterResult, Ack } from '@layso/shared';
import { kiosk, must, rid, send, spawnServer, staff, startTestServer, tempDir, TestClock, type KioskSocket, type ServerProcess } from './support/harness.js';
import { databaseFile } from '../src/server.js';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('midnight', () => {
  it('restarts numbering at local midnight, expires yesterday’s waiting tickets and closes counters', async () => {
    // 23:58 in Hà Nội.
    const clock = new TestClock(Date.UTC(2026, 2, 10, 16, 58, 0));
    const ts = await startTestServer({ clock });
    cleanup.push(() => ts.close());
    const k = await kiosk(ts.url);
    const o = await staff(ts.url, 'canbo1');
    cleanup.push(() => k.disconnect(), () => o.disconnect());
    const deltas: { dayChanged?: boolean }[] = [];
    k.on('delta', (d) => deltas.push(d));
    await must(o, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    const a = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    const b = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    await must(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect([a.ticket.displayNumber, b.ticket.displayNumber]).toEqual(['1001', '1002']);
    expect(a.ticket.businessDate).toBe('2026-03-10');
    clock.advance(3 * 60_000); // 00:01 on the 11th
    // The first ticket after midnight starts the range again without waiting for any job.
    const c = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(c.ticket).toMatchObject({ displayNumber: '1001', businessDate: '2026-03-11' });
    expect(c.peopleAhead).toBe(0);
    const states = ts.server.db.prepare('SELECT display_number, business_date, state FROM tickets ORDER BY seq').all();
    expect(states).toEqual([
      { display_number: '1001', business_date: '2026-03-10', state: 'expired' },
      { display_number: '1002', business_date: '2026-03-10', state: 'expired' },
      { display_number: '1001', business_date: '2026-03-11', state: 'waiting' },
    ]);
    expect(ts.server.engine.getCounter('quay-1' as never)?.state).toBe('closed');
    expect(await send(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' })).toMatchObject({ ok: false, error: { code: 'COUNTER_CLOSED' } });
    expect(deltas.some((d) => d.dayChanged)).toBe(true);
  });

  it('carries waiting tickets over when the centre says so', async () => {
    const clock = new TestClock(Date.UTC(2026, 2, 10, 16, 58, 0));
    const ts = await startTestServer({ clock, settings: { endOfDay: 'carryOver' } });
    cleanup.push(() => ts.close());
    const k = await kiosk(ts.url);
    cleanup.push(() => k.disconnect());
    const a = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    clock.advance(3 * 60_000);
    const b = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(b.ticket.displayNumber).toBe('1001');
    expect(b.peopleAhead).toBe(1);
    const o = await staff(ts.url, 'canbo1');
    cleanup.push(() => o.disconnect());
    await must(o, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    const first = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(first.ticket?.id).toBe(a.ticket.id);
  });
});

describe('restart mid-day', () => {
  it('continues state and numbering from the same file, and replays an issue retried across the restart', async () => {
    const dataDir = tempDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const clock = new TestClock(Date.UTC(2026, 2, 10, 3, 0, 0));
    const first = await startTestServer({ clock, dataDir });
    let k = await kiosk(first.url);
    let o = await staff(first.url, 'canbo1');
    await must(o, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    const issued: IssuedTicket[] = [];
    for (let i = 0; i < 3; i++) issued.push(await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' }));
    const retryId = rid();
    const beforeRestart = await must<IssuedTicket>(k, 'ticket:issue', { requestId: retryId, serviceId: 'ho-tich' });
    const called = await must<CounterResult>(o, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    const seq = first.server.engine.lastSeq;
    k.disconnect();
    o.disconnect();
    await first.close({ keepData: true });

    clock.advance(60_000);
    const second = await startTestServer({ clock, dataDir });
    cleanup.push(() => second.close({ keepData: true }));
    k = await kiosk(second.url);
    o = await staff(second.url, 'canbo1');
    cleanup.push(() => k.disconnect(), () => o.disconnect());
    expect(second.server.engine.lastSeq).toBe(seq);
    expect(second.server.engine.getCounter('quay-1' as never)).toMatchObject({ state: 'open', officerId: 'u-canbo1' });
    const inHand = second.server.engine.counterView(second.server.engine.getCounter('quay-1' as never)!).inHand;
    expect(inHand?.id).toBe(called.ticket?.id);
    expect(second.server.engine.calls()[0]?.ticketId).toBe(called.ticket?.id);
    // The kiosk's retry after the restart gets the same ticket, not a new number.
    const replay = await must<IssuedTicket>(k, 'ticket:issue', { requestId: retryId, serviceId: 'ho-tich' });
    expect(replay).toMatchObject({ replayed: true, ticket: { id: beforeRestart.ticket.id, displayNumber: '1004' } });
    const next = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(next.ticket.displayNumber).toBe('1005');
    expect(next.peopleAhead).toBe(3);
    const r = await must<CounterResult>(o, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' });
    expect(r.ticket?.displayNumber).toBe('1002');
  });
});

describe('killed with SIGKILL during concurrent issuing', () => {
  it('loses no acknowledged ticket and never gives a number twice', async () => {
    const dataDir = tempDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Seed the centre with the kiosk rate limit off, so the kiosks issue as fast as they can.
    const seeded = await startTestServer({ dataDir, clock: new TestClock(Date.now()), settings: { kioskRateLimitPerMin: 0 } });
    await seeded.close({ keepData: true });
    let proc: ServerProcess = await spawnServer(dataDir);
    cleanup.push(() => proc.stop('SIGKILL'));
    const kiosks: KioskSocket[] = [];
    for (let i = 0; i < 8; i++) kiosks.push(await kiosk(proc.url));
    cleanup.push(() => kiosks.forEach((s) => s.disconnect()));
    const acked: IssuedTicket[] = [];
    const services = ['ho-tich', 'dat-dai', 'cu-tru'];
    let stop = false;
    const loops = kiosks.map(async (k, i) => {
      while (!stop) {
        const r = await k
          .timeout(2000)
          .emitWithAck('ticket:issue', { requestId: rid(), serviceId: services[i % 3]!, priority: null } as never)
          .catch(() => null) as Ack<IssuedTicket> | null;
        if (!r) return;
        if (!r.ok) throw new Error(r.error.code);
        acked.push(r.data);
      }
    });
    const t0 = Date.now();
    while (acked.length < 150 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
    const killedAt = acked.length;
    await proc.stop('SIGKILL');
    stop = true;
    await Promise.all(loops);
    expect(killedAt).toBeGreaterThanOrEqual(150);

    // Every acknowledged ticket is in the file, and no number appears twice in the day.
    const db = new Database(databaseFile(dataDir), { readonly: true });
    const rows = db.prepare('SELECT id, service_id, display_number, business_date FROM tickets').all() as { id: string; service_id: string; display_number: string; business_date: string }[];
    db.close();
    const ids = new Set(rows.map((r) => r.id));
    for (const t of acked) expect(ids.has(t.ticket.id)).toBe(true);
    const numbers = rows.map((r) => `${r.business_date}/${r.display_number}`);
    expect(new Set(numbers).size).toBe(numbers.length);

    // After the restart numbering continues past everything ever handed out.
    proc = await spawnServer(dataDir);
    const k = await kiosk(proc.url);
    cleanup.push(() => k.disconnect());
    const fresh = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    const maxBefore = Math.max(...rows.filter((r) => r.service_id === 'ho-tich').map((r) => Number(r.display_number)));
    expect(Number(fresh.ticket.displayNumber)).toBe(maxBefore + 1);
  });
});
