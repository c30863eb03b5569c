/**
 * Faults, as CI runs them (issue 15): a centre offline for a simulated day then back; a hub node
 * killed while centres push and boards watch; PostgreSQL restarted under the hub. After each, the
 * hub's copy of every log equals the centre's, row for row, and the day figures equal the centre's
 * own report. Real PostgreSQL, real hub nodes (in-process and as killable processes), a loopback
 * load balancer, real centre servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { BoardCentre, BoardSnapshot, ProvinceReportRow, Report } from '@layso/shared';
import { startHub, type RunningHub } from '../src/app.js';
import { startPostgres, type TestPostgres } from '../src/local-postgres.js';
import { login, startTestServer, until, type TestServer } from '../../queue-server/test/support/harness.js';
import { ADMIN, LoopbackBalancer, centreLog, centreWork, enrolCentre, hubLog, hubLogin, must2, api, registerCentre, spawnHub, type HubProcess } from './support/hub.js';

let pgs: TestPostgres;
let dbUrl: string;
const closers: (() => Promise<unknown>)[] = [];

const FAST = { kickDelayMs: 10, pollMs: 300, figuresEveryMs: 0, minBackoffMs: 50, maxBackoffMs: 400, batchSize: 50, timeoutMs: 3_000 };

beforeAll(async () => {
  pgs = await startPostgres();
  dbUrl = await pgs.createDatabase('hub_faults');
});
afterAll(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
  await pgs?.destroy();
});

async function centre(): Promise<TestServer> {
  const ts = await startTestServer({ uplink: FAST });
  closers.push(() => ts.close());
  return ts;
}

const lastSeq = (ts: TestServer): number => ts.server.db.prepare<[], { s: number }>('SELECT MAX(seq) AS s FROM events').get()!.s;

async function hubHead(centreId: string): Promise<number> {
  return (await hubLog(dbUrl, centreId)).at(-1)?.seq ?? 0;
}

async function caughtUp(ts: TestServer, centreId: string, timeoutMs = 20_000): Promise<void> {
  const want = lastSeq(ts);
  const start = Date.now();
  while ((await hubHead(centreId)) !== want || ts.server.uplink.status().ackedSeq !== want) {
    if (Date.now() - start > timeoutMs) throw new Error(`hub head ${await hubHead(centreId)} never reached ${want}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A board client that moves to the next node when its node dies, as the board page does. */
function board(urls: string[], token: string): { centres: Map<string, BoardCentre>; snapshots: number; socket(): Socket; close(): void } {
  const state = { centres: new Map<string, BoardCentre>(), snapshots: 0 };
  let current: Socket;
  let closed = false;
  let i = 0;
  const open = (): void => {
    const s = io(`${urls[i % urls.length]}/board`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
    current = s;
    s.on('snapshot', (snap: BoardSnapshot) => {
      state.snapshots++;
      for (const c of snap.centres) state.centres.set(c.id, c);
    });
    s.on('centre', (c: BoardCentre) => state.centres.set(c.id, c));
    const next = (): void => {
      if (closed || current !== s) return;
      i++;
      setTimeout(open, 100);
    };
    s.on('disconnect', next);
    s.on('connect_error', next);
  };
  open();
  return {
    ...state,
    get centres() {
      return state.centres;
    },
    get snapshots() {
      return state.snapshots;
    },
    socket: () => current,
    close() {
      closed = true;
      current.disconnect();
    },
  };
}

function pick(r: ProvinceReportRow) {
  return { issued: r.issued, served: r.served, noShows: r.noShows, cancelled: r.cancelled, wait: [r.avgWaitMin, r.p90WaitMin], service: [r.avgServiceMin, r.p90ServiceMin], within: r.withinThreshold };
}
function pickCentre(r: Report['rows'][number]) {
  return { issued: r.issued, served: r.served, noShows: r.noShows, cancelled: r.cancelled, wait: [r.wait.avgMin, r.wait.p90Min], service: [r.service.avgMin, r.service.p90Min], within: r.withinThreshold };
}

/** The hub's figures of a centre's day, by service and in total, equal the centre's own report. */
async function sameReport(ts: TestServer, hubUrl: string, hubToken: string, centreId: string, date: string): Promise<void> {
  const token = await login(ts.url, 'quanly');
  const res = await fetch(`${ts.url}/api/reports?from=${date}&to=${date}&by=service`, { headers: { authorization: `Bearer ${token}` } });
  const own = ((await res.json()) as { data: Report }).data;
  const byService = await must2(api<ProvinceReportRow[]>(hubUrl, 'GET', `/api/reports?from=${date}&to=${date}&by=service&centreId=${centreId}`, undefined, hubToken));
  const total = await must2(api<ProvinceReportRow[]>(hubUrl, 'GET', `/api/reports?from=${date}&to=${date}&by=centre&centreId=${centreId}`, undefined, hubToken));
  expect(own.total.issued).toBeGreaterThan(0);
  expect(total.map(pick)).toEqual([pickCentre(own.total)]);
  const ownRows = own.rows.filter((r) => r.issued + r.transferredIn > 0).map((r) => ({ key: r.key, ...pickCentre(r) }));
  expect(byService.map((r) => ({ key: r.key, ...pick(r) })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(ownRows.sort((a, b) => a.key.localeCompare(b.key)));
}

describe('faults', () => {
  it('a centre offline for a day catches up in order, in bounded batches, and its days equal its own reports', async () => {
    const batches: { events: number; firstSeq: number | null; pendingAbove: number }[] = [];
    const onIngest = (b: { centreId: string; events: number; firstSeq: number | null; pendingAbove: number }): void => {
      if (b.centreId === 'xa-vung-cao') batches.push(b);
    };
    const h1: RunningHub = await startHub({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', bootstrapAdmin: ADMIN, onIngest });
    const h2: RunningHub = await startHub({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', onIngest });
    closers.push(() => h1.close(), () => h2.close());
    const lb = new LoopbackBalancer([h1.port, h2.port]);
    const lbUrl = await lb.start();
    closers.push(() => lb.close());
    const token = await hubLogin(h1.url);
    const ts = await centre();
    const day1 = ts.server.engine.businessDate;
    await centreWork(ts, 4, 2);
    await enrolCentre(ts, lbUrl, await registerCentre(h1.url, token, 'xa-vung-cao', 'Xã vùng cao'));
    await caughtUp(ts, 'xa-vung-cao');

    // The line goes down for the rest of the day and the next morning.
    await lb.close();
    const before = lastSeq(ts);
    await centreWork(ts, 40, 30);
    ts.clock.advance(24 * 3_600_000);
    ts.server.engine.ensureDay();
    const day2 = ts.server.engine.businessDate;
    expect(day2 > day1).toBe(true);
    await centreWork(ts, 12, 6);
    await until(() => ts.server.uplink.status().state === 'backoff', 5_000, 'the uplink to back off');
    expect(await hubHead('xa-vung-cao')).toBe(before);
    const missed = lastSeq(ts) - before;
    expect(missed).toBeGreaterThan(150);

    batches.length = 0;
    await lb.start(lb.port);
    await caughtUp(ts, 'xa-vung-cao');
    const catchUp = batches.filter((b) => b.events > 0);
    expect(catchUp.length).toBeGreaterThanOrEqual(Math.ceil(missed / 50));
    for (const b of catchUp) expect(b.events).toBeLessThanOrEqual(50);
    for (const b of catchUp) expect(b.pendingAbove).toBe(0);
    const firsts = catchUp.map((b) => b.firstSeq!);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(await hubLog(dbUrl, 'xa-vung-cao')).toEqual(centreLog(ts.server.db));

    await ts.server.uplink.syncNow();
    await sameReport(ts, h2.url, token, 'xa-vung-cao', day1);
    await sameReport(ts, h2.url, token, 'xa-vung-cao', day2);
  }, 120_000);

  let p1: HubProcess;
  let p2: HubProcess;
  let lb: LoopbackBalancer;
  let lbUrl: string;
  let token: string;
  let ts: TestServer;

  it('a hub node killed mid-stream loses nothing; its board clients move to another node and resync', async () => {
    p1 = await spawnHub(dbUrl, 'n1');
    p2 = await spawnHub(dbUrl, 'n2');
    closers.push(() => p1.kill(), () => p2.kill());
    lb = new LoopbackBalancer([p1.port]);
    lbUrl = await lb.start();
    closers.push(() => lb.close());
    token = await hubLogin(p1.url);
    ts = await centre();
    await enrolCentre(ts, lbUrl, await registerCentre(p1.url, token, 'xa-nut', 'Xã có nút chết'));

    // Pushes go to node 1 only; a board on node 2 follows them through PostgreSQL.
    const onTwo = board([p2.url], token);
    const onOne = board([p1.url, p2.url], token);
    closers.push(async () => onTwo.close(), async () => onOne.close());
    await until(() => onOne.snapshots > 0 && onTwo.snapshots > 0, 10_000, 'both boards');
    await centreWork(ts, 6, 3);
    await caughtUp(ts, 'xa-nut');
    await until(() => onTwo.centres.get('xa-nut')?.head === lastSeq(ts), 10_000, 'node 2’s board to hear node 1’s pushes');

    lb.backends = [p1.port, p2.port];
    const work = centreWork(ts, 30, 20);
    await new Promise((r) => setTimeout(r, 300));
    await p1.kill('SIGKILL');
    await work;
    await caughtUp(ts, 'xa-nut');
    expect(await hubLog(dbUrl, 'xa-nut')).toEqual(centreLog(ts.server.db));
    // The board that was on node 1 is on node 2 now, with the hub's head.
    await until(() => onOne.snapshots >= 2 && onOne.centres.get('xa-nut')?.head === lastSeq(ts), 10_000, 'the moved board to resync');
    await until(() => onTwo.centres.get('xa-nut')?.head === lastSeq(ts), 10_000, 'node 2’s board');
    expect(onOne.centres.get('xa-nut')).toEqual(onTwo.centres.get('xa-nut'));
  }, 120_000);

  it('PostgreSQL restarted: the centre backs off, the hub comes back, nothing is lost, nodes talk again', async () => {
    const p3 = await spawnHub(dbUrl, 'n3');
    closers.push(() => p3.kill());
    lb.backends = [p2.port];
    const onThree = board([p3.url], token);
    closers.push(async () => onThree.close());
    await until(() => onThree.snapshots > 0, 10_000, 'the board on node 3');

    await pgs.stop();
    await centreWork(ts, 10, 5);
    await until(() => ts.server.uplink.status().state === 'backoff', 10_000, 'the uplink to back off');
    await pgs.start();
    await caughtUp(ts, 'xa-nut', 30_000);
    expect(await hubLog(dbUrl, 'xa-nut')).toEqual(centreLog(ts.server.db));
    // Node 3's listener on PostgreSQL reconnects: pushes through node 2 reach its board again.
    const deadline = Date.now() + 20_000;
    while (onThree.centres.get('xa-nut')?.head !== lastSeq(ts)) {
      if (Date.now() > deadline) throw new Error('node 3’s board never heard node 2 after the restart');
      await centreWork(ts, 1, 0);
      await caughtUp(ts, 'xa-nut');
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await hubLog(dbUrl, 'xa-nut')).toEqual(centreLog(ts.server.db));
    const health = await must2(api<{ node: string; db: boolean }>(p3.url, 'GET', '/api/health'));
    expect(health).toEqual({ node: 'n3', db: true });
  }, 120_000);
});
