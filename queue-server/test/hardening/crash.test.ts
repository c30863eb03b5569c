/**
 * Issue 12, crash: the real server process SIGKILLed at random moments (CRASH_KILLS times, 20 in
 * CI, `CRASH_KILLS=100` by hand) while 20 kiosks issue with retries and an officer calls. After
 * every restart: no number twice in a day, every acknowledged ticket present, a retried request
 * answered with the ticket it already had, and the tickets table as the event log, replayed,
 * tells it (state, counter, number of every ticket).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack, IssuedTicket } from '@layso/shared';
import { login, rid, spawnServer, startTestServer, tempDir, TestClock, type ServerProcess } from '../support/harness.js';
import { databaseFile } from '../../src/server.js';
import { eventCounts, logDisagreements } from '../support/event-log.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function connect(url: string, ns: string, auth: Record<string, string> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(`${url}/${ns}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    s.once('snapshot', () => resolve(s));
    s.once('connect_error', reject);
  });
}

describe('crash', () => {
  it(`${KILLS} SIGKILLs under 20 kiosks and an officer: nothing acknowledged is lost, no number twice`, async () => {
    const dataDir = tempDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const seeded = await startTestServer({ dataDir, clock: new TestClock(Date.now()), settings: { kioskRateLimitPerMin: 0 } });
    await seeded.close({ keepData: true });
    const acked = new Map<string, IssuedTicket>(); // requestId → ticket
    let pending: string[] = []; // request ids sent but not answered: retried after the restart
    const serviceOf = new Map<string, string>(); // a retry asks for the service its first try asked for
    let replays = 0;
    for (let round = 0; round < KILLS; round++) {
      const proc: ServerProcess = await spawnServer(dataDir);
      const kiosks = await Promise.all(Array.from({ length: 20 }, () => connect(proc.url, 'kiosk')));
      const officer = await connect(proc.url, 'staff', { token: await login(proc.url, 'canbo1') });
      await officer.timeout(3000).emitWithAck('counter:open', { requestId: rid(), counterId: 'quay-1' }).catch(() => null);
      let stop = false;
      const retry = [...pending];
      pending = [];
      const loops = kiosks.map(async (k, i) => {
        while (!stop) {
          const requestId = retry.pop() ?? rid();
          const serviceId = serviceOf.get(requestId) ?? ['ho-tich', 'dat-dai', 'cu-tru'][i % 3]!;
          serviceOf.set(requestId, serviceId);
          pending.push(requestId);
          const a = (await k.timeout(3000).emitWithAck('ticket:issue', { requestId, serviceId, priority: null }).catch(() => null)) as Ack<IssuedTicket> | null;
          if (!a) return; // the server is gone: this one stays pending
          pending.splice(pending.indexOf(requestId), 1);
          if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
          const before = acked.get(requestId);
          if (before) {
            expect(a.data.ticket.id).toBe(before.ticket.id);
            replays++;
          }
          acked.set(requestId, a.data);
        }
      });
      const calls = (async () => {
        while (!stop) {
          const a = await officer.timeout(3000).emitWithAck('counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' }).catch(() => null);
          if (!a) return;
        }
      })();
      // A random moment between 150 and 900 ms of load.
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 750));
      await proc.stop('SIGKILL');
      stop = true;
      await Promise.all([...loops, calls]);
      for (const s of [...kiosks, officer]) s.disconnect();

      const db = new Database(databaseFile(dataDir), { readonly: true });
      const rows = db.prepare<[], { id: string; display_number: string; business_date: string }>('SELECT id, display_number, business_date FROM tickets').all();
      db.close();
      const ids = new Set(rows.map((r) => r.id));
      const lost = [...acked.values()].filter((t) => !ids.has(t.ticket.id));
      expect(lost, `round ${round}`).toEqual([]);
      const numbers = rows.map((r) => `${r.business_date}/${r.display_number}`);
      expect(new Set(numbers).size, `round ${round}`).toBe(numbers.length);
      // The killed process left nothing half-written: each ticket as its events tell it.
      expect(logDisagreements(databaseFile(dataDir)), `round ${round}`).toEqual([]);
    }
    expect(acked.size).toBeGreaterThan(KILLS * 5);
    const counts = eventCounts(databaseFile(dataDir));
    expect(counts['ticket.called']).toBeGreaterThan(0);
    expect(counts['ticket.done']).toBeGreaterThan(0);
    // The comparison can fail: a ticket changed without its event is found.
    const tampered = join(dataDir, 'tampered.sqlite');
    const src = new Database(databaseFile(dataDir));
    src.exec(`VACUUM INTO '${tampered}'`);
    src.close();
    const t = new Database(tampered);
    expect(t.prepare("UPDATE tickets SET state = 'cancelled' WHERE id = (SELECT id FROM tickets WHERE state != 'cancelled' LIMIT 1)").run().changes).toBe(1);
    t.close();
    expect(logDisagreements(tampered)).toHaveLength(1);
    console.log(`crash: ${KILLS} kills, ${acked.size} tickets acknowledged, ${replays} retries answered with their ticket, log replayed after each (${JSON.stringify(counts)})`);
  }, 30_000 + KILLS * 20_000);
});
