// Call fan-out: 100 officers and 50 displays connected; officers call at 20 a second (round robin
// over the counters, "done and call next", so a counter's previous ticket is finished and the
// call is never refused as COUNTER_BUSY); latency from the officer's command to each display's
// receipt of that call in `delta.calls`. A waiting pool of tickets is issued first.
// Floor: floor-server.mjs `broadcast` — the officer's message makes a raw socket.io broadcast of
// a delta of the same shape and size (a real one, captured in the warm-up) to the same 150
// sockets. The two run in interleaved rounds (floor, Layso, Layso, floor) with all 300 sockets
// connected, so that drift of the machine falls on both.
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareCentre, removeDir, startFloor, startLayso, tempDir } from './centre.mjs';
import { closeAll, connect, connectMany, must, requestId, send, sleep } from './clients.mjs';
import { summarize } from './stats.mjs';
import { measured } from './results.mjs';

const RATE = 20;

export const IDS = ['fanout.p50', 'fanout.p95', 'fanout.p99'];

/**
 * A system under test. `command(counter)` sends one call; each display reports receipts to
 * `received(callId, counter)`: the latency of a receipt runs from the send of the command that
 * produced the call (the counter's latest one, bound to the callId at its first receipt).
 */
function system(displays, command, officers) {
  const s = { displays, officers, sentAt: new Map(), callStart: new Map(), latencies: [], before: [], after: [], receipts: 0, record: false, next: 0, errors: new Map() };
  // `serverTime` (Layso's delta stamp, wall clock ms) splits a latency into the part before the
  // server broadcast (command, transaction, commit) and the part after (delivery).
  s.received = (callId, counter, serverTime) => {
    const now = performance.now();
    const wall = Date.now();
    let t0 = s.callStart.get(callId);
    if (t0 === undefined) {
      t0 = s.sentAt.get(counter);
      if (t0 === undefined) return;
      s.callStart.set(callId, t0);
      if (s.record && serverTime !== undefined) s.before.push(serverTime - s.sentWall.get(counter));
    }
    s.receipts++;
    if (!s.record) return;
    s.latencies.push(now - t0);
    if (serverTime !== undefined) s.after.push(wall - serverTime);
  };
  s.sentWall = new Map();
  s.command = command;
  return s;
}

/** `calls` calls at RATE a second; then wait (bounded) until every display has every call. */
async function round(s, calls, record) {
  s.record = record;
  s.receipts = 0;
  const expected = calls * s.displays.length;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    const counter = s.next++ % s.officers;
    s.sentAt.set(counter, performance.now());
    s.sentWall.set(counter, Date.now());
    s.command(counter);
  }
  const deadline = performance.now() + 10_000;
  while (s.receipts < expected && performance.now() < deadline) await sleep(20);
  if (record) s.missing = (s.missing ?? 0) + expected - s.receipts;
  s.record = false;
}

export async function run({ quick, log }) {
  const shape = quick ? { officers: 20, displays: 10, calls: 40, rounds: 2 } : { officers: 100, displays: 50, calls: 10 * RATE, rounds: 4 };
  const perRound = shape.calls / shape.rounds;
  const warmup = 20;
  const dir = tempDir();
  const sockets = [];
  const servers = [];
  try {
    log(`fan-out: ${shape.officers} officers, ${shape.displays} displays, ${shape.calls} calls at ${RATE}/s, interleaved with the floor`);
    const centre = await prepareCentre(dir, { counters: shape.officers });
    const server = await startLayso(dir);
    servers.push(server);
    const staff = await connectMany(shape.officers, (i) => connect(server.url, '/staff', { auth: { token: centre.officers[i].token } }));
    sockets.push(...staff);
    await Promise.all(staff.map((s, i) => must(s, 'counter:open', { requestId: requestId(), counterId: centre.officers[i].counterId })));
    // The pool: enough waiting tickets that every call finds one.
    const kiosk = await connect(server.url, '/kiosk');
    const pool = shape.calls + warmup + shape.officers;
    for (let i = 0; i < pool; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, k) =>
        must(kiosk, 'ticket:issue', { requestId: requestId(), serviceId: centre.serviceIds[(i + k) % centre.serviceIds.length], priority: null })));
    }
    kiosk.close();
    const displays = await connectMany(shape.displays, () => connect(server.url, '/display'));
    sockets.push(...displays);
    const counterIndex = new Map(centre.officers.map((o, i) => [o.counterId, i]));
    const layso = system(displays, (counter) => {
      send(staff[counter], 'counter:doneAndCallNext', { requestId: requestId(), counterId: centre.officers[counter].counterId }).then(
        (a) => !a.ok && layso.errors.set(a.error.code, (layso.errors.get(a.error.code) ?? 0) + 1),
        () => layso.errors.set('TIMEOUT', (layso.errors.get('TIMEOUT') ?? 0) + 1),
      );
    }, shape.officers);
    let sample = null;
    for (const d of displays) {
      d.on('delta', (delta) => {
        if (!delta.calls) return;
        sample ??= delta;
        for (const c of delta.calls) layso.received(c.callId, counterIndex.get(c.counterId), delta.serverTime);
      });
    }
    await round(layso, warmup, false);
    if (!sample) throw new Error('no display received a call in the warm-up');

    const template = join(dir, 'delta.json');
    writeFileSync(template, JSON.stringify(sample));
    const floorServer = await startFloor('broadcast', [template]);
    servers.push(floorServer);
    const floorStaff = await connectMany(shape.officers, () => connect(floorServer.url, '/staff', { waitFor: 'connect' }));
    const floorDisplays = await connectMany(shape.displays, () => connect(floorServer.url, '/display', { waitFor: 'connect' }));
    sockets.push(...floorStaff, ...floorDisplays);
    let floorCallId = 0;
    const floor = system(floorDisplays, (counter) => floorStaff[counter].emit('call', { callId: ++floorCallId, counterId: counter }), shape.officers);
    for (const d of floorDisplays) d.on('delta', (delta) => floor.received(delta.calls[0].callId, delta.calls[0].counterId));
    await round(floor, warmup, false);

    for (let i = 0; i < shape.rounds; i++) {
      for (const s of i % 2 === 0 ? [floor, layso] : [layso, floor]) await round(s, perRound, true);
    }
    const l = summarize(layso.latencies);
    const f = summarize(floor.latencies);
    const pick = (x) => ({ p50: x.p50, p95: x.p95, p99: x.p99, max: x.max });
    const info = (x, s) => ({ receipts: x.count, missing: s.missing, mean: x.mean, max: x.max });
    return [
      measured('fanout.p50', 'fan-out: call → display p50', l.p50, 'ms', { floor: f.p50 }),
      measured('fanout.p95', 'fan-out: call → display p95', l.p95, 'ms', { floor: f.p95 }),
      measured('fanout.p99', 'fan-out: call → display p99', l.p99, 'ms', {
        floor: f.p99,
        target: { ratio: 1.5 },
        detail: {
          layso: { ...info(l, layso), errors: Object.fromEntries(layso.errors) },
          floor: info(f, floor),
          deltaBytes: JSON.stringify(sample).length,
          // Wall-clock split of Layso's latency (1 ms resolution): command → broadcast, broadcast → display.
          laysoCommandToBroadcast: pick(summarize(layso.before)),
          laysoBroadcastToDisplay: pick(summarize(layso.after)),
        },
      }),
    ];
  } finally {
    closeAll(sockets);
    await Promise.all(servers.map((s) => s.stop()));
    removeDir(dir);
  }
}
