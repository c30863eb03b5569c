// Issue: 20 kiosks over socket.io taking numbers back to back, with 50 wall displays connected.
// Floor: the same 20 clients against floor-server.mjs `issue` — an ack round trip to a handler
// that does one INSERT committed in a WAL + synchronous=FULL file, and nothing else (no group
// commit, no displays: one fsync per ticket).
// Growth: a second Layso whose day already holds 10,000 tickets, measured in the same rounds, so
// that no per-ticket cost may grow with the size of the day.
// This machine's fsync time drifts by several times within a minute, so the three are measured
// in interleaved rounds (2.5 s each, 10 s each in all) with every server up and every client
// connected throughout.
import { performance } from 'node:perf_hooks';
import { prepareCentre, removeDir, startFloor, startLayso, tempDir } from './centre.mjs';
import { closeAll, connectMany, connect, requestId, send } from './clients.mjs';
import { summarize } from './stats.mjs';
import { measured } from './results.mjs';

const KIOSKS = 20;
const PREFILL = 10_000;

export const IDS = ['issue.throughput', 'issue.p50', 'issue.p95', 'issue.p99', 'issue.full-day', 'issue.full-day-p99'];

/** A system under test: its kiosks, what they send, and what they measured. */
function target(kiosks, serviceIds) {
  let n = 0;
  return {
    kiosks,
    payload: () => ({ requestId: requestId(), serviceId: serviceIds[n++ % serviceIds.length], priority: null }),
    latencies: [],
    completed: 0,
    seconds: 0,
    errors: new Map(),
  };
}

/** Every kiosk issues back to back until `end` (or `count` tickets); with `record`, count what completes by then. */
async function round(t, durationMs, record, count = Infinity) {
  const start = performance.now();
  const end = start + durationMs;
  let left = count;
  await Promise.all(
    t.kiosks.map(async (socket) => {
      while (performance.now() < end && left-- > 0) {
        const t0 = performance.now();
        let code = 'ok';
        try {
          const ack = await send(socket, 'ticket:issue', t.payload(), 5_000);
          if (!ack.ok) code = ack.error.code;
        } catch {
          code = 'TIMEOUT';
        }
        const t1 = performance.now();
        if (!record) continue;
        if (code !== 'ok') t.errors.set(code, (t.errors.get(code) ?? 0) + 1);
        else {
          t.latencies.push(t1 - t0);
          if (t1 <= end) t.completed++;
        }
      }
    }),
  );
  if (record) t.seconds += durationMs / 1000;
}

export async function run({ quick, log }) {
  const totalMs = quick ? 2_000 : 10_000;
  const rounds = quick ? 2 : 4;
  const roundMs = totalMs / rounds;
  const displays = quick ? 5 : 50;
  const prefill = quick ? 500 : PREFILL;
  const floorDir = tempDir();
  const dir = tempDir();
  const fullDir = tempDir();
  const sockets = [];
  const servers = [];
  try {
    const centre = await prepareCentre(dir);
    await prepareCentre(fullDir);
    servers.push(await startFloor('issue', [floorDir]), await startLayso(dir), await startLayso(fullDir));
    const [floorServer, laysoServer, fullServer] = servers;
    const floorKiosks = await connectMany(KIOSKS, () => connect(floorServer.url, '/kiosk', { waitFor: 'connect' }));
    const laysoKiosks = await connectMany(KIOSKS, () => connect(laysoServer.url, '/kiosk'));
    const fullKiosks = await connectMany(KIOSKS, () => connect(fullServer.url, '/kiosk'));
    sockets.push(...floorKiosks, ...laysoKiosks, ...fullKiosks);
    for (const server of [laysoServer, fullServer]) {
      sockets.push(...(await connectMany(displays, () => connect(server.url, '/display'))));
    }
    const floor = target(floorKiosks, ['floor']);
    const layso = target(laysoKiosks, centre.serviceIds);
    const full = target(fullKiosks, centre.serviceIds);
    log(`issue: filling the second centre's day with ${prefill} tickets`);
    await round(full, 10 * 60_000, false, prefill);
    // Warm every one up (JIT, first pages of the files), then A B C, C B A …
    for (const t of [floor, layso, full]) await round(t, 500, false);
    log(`issue: ${KIOSKS} kiosks, ${displays} displays, ${rounds} interleaved rounds of ${roundMs / 1000} s on Layso, Layso with ${prefill} tickets in the day, and the floor`);
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? [floor, layso, full] : [full, layso, floor];
      for (const t of order) await round(t, roundMs, true);
    }
    const sum = (t) => ({ perSecond: t.completed / t.seconds, latency: summarize(t.latencies), errors: Object.fromEntries(t.errors) });
    const [f, l, u] = [sum(floor), sum(layso), sum(full)];
    const detail = (x) => ({ count: x.latency.count, mean: x.latency.mean, max: x.latency.max, errors: x.errors });
    return [
      measured('issue.throughput', 'issue: tickets/s', l.perSecond, 'tickets/s', { floor: f.perSecond, target: { minRatio: 1.3 }, detail: { errors: l.errors } }),
      measured('issue.p50', 'issue: latency p50', l.latency.p50, 'ms', { floor: f.latency.p50 }),
      measured('issue.p95', 'issue: latency p95', l.latency.p95, 'ms', { floor: f.latency.p95 }),
      measured('issue.p99', 'issue: latency p99', l.latency.p99, 'ms', { floor: f.latency.p99, target: { ratio: 1.3 }, detail: { layso: detail(l), floor: detail(f) } }),
      // The "floor" of these two is the same server kind on an empty day.
      measured('issue.full-day', `issue: tickets/s, ${prefill} already in the day`, u.perSecond, 'tickets/s', { floor: l.perSecond, target: { minRatio: 0.9 }, detail: { errors: u.errors } }),
      measured('issue.full-day-p99', `issue: p99, ${prefill} already in the day`, u.latency.p99, 'ms', { floor: l.latency.p99, detail: { full: detail(u) } }),
    ];
  } finally {
    closeAll(sockets);
    await Promise.all(servers.map((s) => s.stop()));
    removeDir(floorDir);
    removeDir(dir);
    removeDir(fullDir);
  }
}
