/**
 * Issue 12, soak: a working day compressed, against the real server process (`layso start`):
 * kiosks issue, 60 counters call and finish (now and then a no-show), wall displays connect and
 * drop all day, and the process is restarted twice mid-day (once stopped, once killed). The
 * server's resident memory (RSS, from /proc) is sampled throughout.
 *
 * - CI (short): 450 tickets. Asserts what is stable at any size: every acknowledged ticket is
 *   stored, no number is given twice, the tickets agree with the event log, the server answers
 *   its health check after each part of the day. RSS is printed, not judged (too short to warm up).
 * - `npm run test:soak` (SOAK=long): 10,000 tickets; RSS must also be flat within 10 % after
 *   warm-up in every run of the process: the median of the last third of the samples (after the
 *   first 30 % of that run's tickets) at most 10 % over the median of the first third. Only
 *   growth is judged: memory the heap hands back after a major GC is not a leak.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, CounterId, IssuedTicket, ServiceId } from '@layso/shared';
import { login, rid, spawnServer, startTestServer, tempDir, TestClock, type ServerProcess } from '../support/harness.js';
import { databaseFile } from '../../src/server.js';
import { logDisagreements } from '../support/event-log.js';
import { AccountRepo } from '../../src/store/account-repo.js';

const LONG = process.env.SOAK === 'long';
const TICKETS = Number(process.env.SOAK_TICKETS ?? (LONG ? 10_000 : 450));
const COUNTERS = 60;
const KIOSKS = 12;
const DISPLAYS = LONG ? 24 : 8;
/** The day in three parts: two restarts between them (a planned stop, then a kill). */
const PARTS: NodeJS.Signals[] = ['SIGTERM', 'SIGKILL', 'SIGTERM'];
/** Tickets waiting at most (kiosks pause above it), so memory is not judged on a growing queue. */
const MAX_WAITING = 240;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

function connect(url: string, ns: string, auth: Record<string, string> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(`${url}/${ns}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    const timer = setTimeout(() => reject(new Error(`${ns}: no snapshot`)), 15_000);
    s.once('snapshot', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Sample {
  tickets: number;
  rss: number;
}

describe('soak', () => {
  it(`a compressed day: ${TICKETS} tickets, ${COUNTERS} counters, displays coming and going, two restarts`, async () => {
    const started = Date.now();
    const timings: string[] = [];
    const lap = (what: string): void => void timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)}`);
    const dataDir = tempDir('layso-soak-');
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // The centre: the demo's six services with room for a day's numbers each, 60 counters and
    // an officer for each (sessions are stored, so one sign-in lasts the day over restarts).
    const seeded = await startTestServer({ dataDir, clock: new TestClock(Date.now()), settings: { kioskRateLimitPerMin: 0 } });
    const { engine, db } = seeded.server;
    // One password hash for all 54 extra officers, with light scrypt parameters (the stored hash
    // carries them): 60 sign-ins at the real cost take 15 s on a busy box, and sign-in is not
    // what this test is about.
    const salt = randomBytes(16);
    const key = scryptSync('demo', salt, 32, { N: 1024, r: 8, p: 1 });
    const passwordHash = ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    const users = new AccountRepo(db);
    const system = { kind: 'system' } as const;
    const services = engine.listServices();
    services.forEach((s, i) => engine.putService({ ...s, numbering: { kind: 'range', from: (i + 1) * 100_000 + 1, to: (i + 1) * 100_000 + 99_999 } }, system, false));
    for (let c = 1; c <= COUNTERS; c++) {
      const id = `quay-${c}` as CounterId;
      const mine = [services[c % services.length]!.id, services[(c + 1) % services.length]!.id] as ServiceId[];
      const existing = engine.getCounter(id);
      engine.putCounterConfig(existing ? { ...existing, serviceIds: mine } : { id, number: c, name: `Quầy ${c}`, serviceIds: mine, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0 }, system);
      if (c > 6) users.insertUser({ id: `soak-${c}`, username: `canbo${c}`, displayName: `Cán bộ ${c}`, role: 'officer', passwordHash }, Date.now());
    }
    await seeded.close({ keepData: true });
    lap('seeded');

    const acked = new Map<string, IssuedTicket>();
    let called = 0;
    let noShows = 0;
    let displayVisits = 0;
    let tokens: string[] = [];
    let asked = 0; // tickets asked for (the kiosks stop at the part's share)
    const series: Sample[][] = [];
    for (const [part, signal] of PARTS.entries()) {
      // With the heap flag `npm start` runs the server with.
      const proc: ServerProcess = await spawnServer(dataDir, 0, { NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-semi-space-size=2'].filter(Boolean).join(' ') });
      lap(`started ${part + 1}`);
      cleanup.push(() => proc.stop('SIGKILL'));
      const pid = proc.child.pid!;
      if (tokens.length === 0) tokens = await Promise.all(Array.from({ length: COUNTERS }, (_, i) => login(proc.url, `canbo${i + 1}`)));
      lap('signed in');
      const target = Math.round((TICKETS * (part + 1)) / PARTS.length);
      const partStart = acked.size;
      const samples: Sample[] = [];
      series.push(samples);
      let stop = false;
      const sampler = (async () => {
        while (!stop) {
          const rss = rssMb(pid);
          if (rss !== null) samples.push({ tickets: acked.size - partStart, rss });
          await sleep(LONG ? 1000 : 500);
        }
      })();

      const kiosks = await Promise.all(Array.from({ length: KIOSKS }, () => connect(proc.url, 'kiosk')));
      const officers = await Promise.all(tokens.map((token) => connect(proc.url, 'staff', { token })));
      await Promise.all(officers.map((o, i) => o.timeout(15_000).emitWithAck('counter:open', { requestId: rid(), counterId: `quay-${i + 1}` })));
      const waiting = (): number => acked.size - called;

      // A loop that fails is a finding: kept and asserted after the part (not an unhandled rejection).
      const failures: string[] = [];
      const kept = (p: Promise<void>): Promise<void> => p.catch((e: unknown) => void failures.push(String(e)));
      const issuing = kiosks.map((k, i) => kept((async () => {
        while (asked < target) {
          if (waiting() > MAX_WAITING) {
            await sleep(20);
            continue;
          }
          asked++;
          const serviceId = services[(i + acked.size) % services.length]!.id;
          const a = (await k.timeout(15_000).emitWithAck('ticket:issue', { requestId: rid(), serviceId, priority: null })) as Ack<IssuedTicket>;
          if (!a.ok) throw new Error(`issue: ${a.error.code} ${a.error.message}`);
          acked.set(a.data.ticket.id, a.data);
        }
      })()));
      const calling = officers.map((o, i) => kept((async () => {
        const counterId = `quay-${i + 1}`;
        while (!stop) {
          const noShow = Math.random() < 0.03;
          const a = (await o.timeout(15_000).emitWithAck(noShow ? 'ticket:noShow' : 'counter:doneAndCallNext', { requestId: rid(), counterId })) as Ack<{ ticket: { state: string } | null }>;
          if (!a.ok) {
            // Nobody waiting for this counter, or no ticket in hand for a no-show: an idle moment.
            // Nothing else may fail.
            if (a.error.code === 'QUEUE_EMPTY' || (noShow && a.error.code === 'NO_TICKET_IN_HAND')) {
              await sleep(100 + Math.random() * 200);
              continue;
            }
            throw new Error(`${counterId}: ${a.error.code} ${a.error.message}`);
          }
          if (noShow) {
            noShows++;
            continue;
          }
          if (a.data.ticket) called++;
          // A citizen takes a moment to come to the counter; an idle counter looks again soon.
          await sleep(a.data.ticket ? 20 + Math.random() * 60 : 100 + Math.random() * 200);
        }
      })()));
      // Wall displays: each connects, stays a while, drops (a cable, a power switch), comes back.
      const displays = Array.from({ length: DISPLAYS }, async () => {
        while (!stop) {
          const d = await connect(proc.url, 'display').catch(() => null);
          if (d) displayVisits++;
          const until = Date.now() + 300 + Math.random() * (LONG ? 4000 : 1500);
          while (!stop && Date.now() < until) await sleep(50);
          d?.disconnect();
          await sleep(50 + Math.random() * 300);
        }
      });

      lap('connected');
      await Promise.all(issuing);
      lap('issued');
      // The part of the day ends with its queue called, then the server answers its health check.
      while (waiting() > 0 && failures.length === 0 && Date.now() - started < 3_600_000) await sleep(50);
      expect(failures, `part ${part}`).toEqual([]);
      const health = await fetch(`${proc.url}/api/health`);
      expect(health.status, `part ${part}`).toBe(200);
      expect(((await health.json()) as { data: { status: string } }).data.status).toBe('ok');
      stop = true;
      await Promise.all([...calling, ...displays, sampler]);
      expect(failures, `part ${part}`).toEqual([]);
      for (const s of [...kiosks, ...officers]) s.disconnect();
      await proc.stop(signal);
      lap('stopped');

      // After each part: nothing acknowledged lost, no number twice, tickets as the log tells.
      const db = new Database(databaseFile(dataDir), { readonly: true });
      const rows = db.prepare<[], { id: string; display_number: string; business_date: string }>('SELECT id, display_number, business_date FROM tickets').all();
      db.close();
      const ids = new Set(rows.map((r) => r.id));
      expect([...acked.keys()].filter((id) => !ids.has(id)), `part ${part}: acknowledged tickets missing`).toEqual([]);
      const numbers = rows.map((r) => `${r.business_date}/${r.display_number}`);
      expect(new Set(numbers).size, `part ${part}: a number given twice`).toBe(numbers.length);
      expect(logDisagreements(databaseFile(dataDir)), `part ${part}`).toEqual([]);
    }

    expect(acked.size).toBe(TICKETS);
    expect(called).toBe(TICKETS);
    const seconds = Math.round((Date.now() - started) / 1000);
    const shape = series.map((s, i) => {
      // RSS at each tenth of the part's tickets.
      const n = Math.max(...s.map((x) => x.tickets), 1);
      const tenths = Array.from({ length: 11 }, (_, k) => s.find((x) => x.tickets >= (n * k) / 10)?.rss ?? s[s.length - 1]?.rss);
      return `run ${i + 1}: ${tenths.join(' ')} MB`;
    });
    console.log(`soak: ${TICKETS} tickets (${called} called, ${noShows} no-shows), ${COUNTERS} counters, ${displayVisits} display connections, 2 restarts, ${seconds} s (${timings.join(', ')})\n  RSS by tenth of each run's tickets:\n  ${shape.join('\n  ')}`);

    if (LONG) {
      for (const [i, s] of series.entries()) {
        const n = Math.max(...s.map((x) => x.tickets));
        const warm = s.filter((x) => x.tickets >= n * 0.3).map((x) => x.rss);
        expect(warm.length, `run ${i + 1}: samples after warm-up`).toBeGreaterThanOrEqual(9);
        const third = Math.floor(warm.length / 3);
        const early = median(warm.slice(0, third));
        const late = median(warm.slice(-third));
        console.log(`  run ${i + 1}: RSS after warm-up ${early} → ${late} MB (${(((late - early) / early) * 100).toFixed(1)} %)`);
        expect((late - early) / early, `run ${i + 1}: RSS ${early} → ${late} MB`).toBeLessThanOrEqual(0.1);
      }
    }
  }, LONG ? 3_600_000 : 180_000);
});
