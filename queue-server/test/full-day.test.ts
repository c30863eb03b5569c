/**
 * A full simulated day at the demo centre: 160 citizens over eight hours, six officers calling,
 * starting, finishing, with no-shows, recalls and transfers; then midnight. Invariants checked at
 * the end against the SQLite file and against a display that only ever saw deltas.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { applyDelta, fromSnapshot, type Ack, type CounterResult, type Delta, type DisplaySnapshot, type IssuedTicket, type LiveState } from '@layso/shared';
import { display, kiosk, must, rid, send, staff, startTestServer, until, TestClock, type StaffSocket, type TestServer } from './support/harness.js';

let ts: TestServer;
afterAll(async () => ts?.close());

/** A small deterministic random source, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('a full day', () => {
  it('keeps every invariant from opening to midnight', async () => {
    const clock = new TestClock(Date.UTC(2026, 2, 10, 0, 30, 0)); // 07:30 local
    ts = await startTestServer({ clock, settings: { kioskRateLimitPerMin: 0 } });
    const random = rng(20260310);
    const k = await kiosk(ts.url);
    const d = await display(ts.url);
    let view: LiveState | null = null;
    let resyncs = 0;
    d.on('snapshot', (s) => (view = fromSnapshot(s)));
    d.on('delta', (delta: Delta) => {
      if (!view) return;
      const next = applyDelta(view, delta);
      if (next === 'resync') resyncs++;
      else view = next;
    });
    d.emit('sync:snapshot', {}, (a: Ack<unknown>) => {
      if (a.ok) view = fromSnapshot(a.data as DisplaySnapshot);
    });
    await until(() => view !== null);

    const officers: [StaffSocket, string][] = [];
    for (let i = 1; i <= 6; i++) {
      const s = await staff(ts.url, `canbo${i}`);
      await must(s, 'counter:open', { requestId: rid(), counterId: `quay-${i}` });
      officers.push([s, `quay-${i}`]);
    }
    const services = ts.server.engine.listServices().map((s) => s.id);
    const issued: IssuedTicket[] = [];
    const codes = new Map<string, number>();
    for (let minute = 0; minute < 8 * 60; minute += 2) {
      clock.advance(2 * 60_000);
      if (issued.length < 160 && random() < 0.95) {
        const svc = services[Math.floor(random() * services.length)]!;
        const priority = random() < 0.12 ? 'elderly' : null;
        issued.push(await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: svc, priority }));
      }
      const [o, counterId] = officers[Math.floor(random() * officers.length)]!;
      const roll = random();
      const event =
        roll < 0.55 ? 'counter:doneAndCallNext'
        : roll < 0.65 ? 'ticket:start'
        : roll < 0.72 ? 'ticket:noShow'
        : roll < 0.78 ? 'ticket:recall'
        : roll < 0.82 ? 'ticket:transfer'
        : 'counter:callNext';
      const payload =
        event === 'ticket:transfer'
          ? { requestId: rid(), counterId, target: { kind: 'service', serviceId: services[Math.floor(random() * services.length)] }, position: (['front', 'back', 'original'] as const)[Math.floor(random() * 3)] }
          : { requestId: rid(), counterId };
      const r = await send<CounterResult>(o, event, payload);
      const code = r.ok ? 'ok' : r.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      expect(['ok', 'QUEUE_EMPTY', 'COUNTER_BUSY', 'NO_TICKET_IN_HAND', 'INVALID_STATE']).toContain(code);
    }
    expect(issued).toHaveLength(160);
    expect(codes.get('ok')).toBeGreaterThan(100);

    // A display that saw only deltas agrees with a fresh snapshot.
    await until(() => view!.seq === ts.server.engine.lastSeq, 5000, 'display catches up');
    const fresh = fromSnapshot(await must<DisplaySnapshot>(d, 'sync:snapshot', {}));
    expect(resyncs).toBe(0);
    expect(view!.counters).toEqual(fresh.counters);
    expect(view!.stats).toEqual(fresh.stats);
    expect(view!.recentCalls.map((c) => c.callId)).toEqual(fresh.recentCalls.map((c) => c.callId).slice(0, view!.recentCalls.length));

    const db = ts.server.db;
    // Numbers run from each range start without a gap or a repeat.
    for (const svc of ts.server.engine.listServices()) {
      const nums = (db.prepare('SELECT number FROM tickets WHERE service_id = ? AND transferred_from_id IS NULL ORDER BY number').all(svc.id) as { number: number }[]).map((r) => r.number);
      const from = svc.numbering.kind === 'range' ? svc.numbering.from : 1;
      expect(nums).toEqual(nums.map((_, i) => from + i));
    }
    // Each counter holds at most one ticket; what the engine holds is what the file holds.
    const inHand = db.prepare("SELECT counter_id, COUNT(*) AS n FROM tickets WHERE state IN ('called','serving') GROUP BY counter_id").all() as { n: number }[];
    expect(inHand.every((r) => r.n === 1)).toBe(true);
    const live = db.prepare("SELECT id FROM tickets WHERE state IN ('waiting','called','serving','no_show') ORDER BY id").all() as { id: string }[];
    expect(ts.server.engine.liveTickets().map((t) => t.id).sort()).toEqual(live.map((r) => r.id));
    // Every ticket has exactly one issue event; every call is an event.
    const issuedEvents = db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket.issued'").get() as { n: number };
    expect(issuedEvents.n).toBe(160);
    const callEvents = db.prepare("SELECT COUNT(*) AS n FROM events WHERE type IN ('ticket.called','ticket.recalled')").get() as { n: number };
    const callCount = db.prepare('SELECT SUM(call_count) AS n FROM tickets').get() as { n: number };
    expect(callEvents.n).toBe(callCount.n);

    // Midnight: nothing stays live, and the events can never be edited.
    clock.t = Date.UTC(2026, 2, 10, 17, 0, 5);
    ts.server.engine.ensureDay();
    expect(ts.server.engine.liveTickets()).toHaveLength(0);
    expect(() => db.prepare('UPDATE events SET type = ? WHERE seq = 1').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    k.disconnect();
    d.disconnect();
    officers.forEach(([s]) => s.disconnect());
  });
});
