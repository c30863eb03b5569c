// Server: cold start — from spawning `node queue-server/dist/main.js` on an existing centre's data
// directory to the first socket.io connection it accepts (the bench dials every 10 ms); the median
// of three starts, with the server's CPU time by then in the detail (wall time on a busy machine
// waits for a core). Floor: the same for floor-server.mjs (node + socket.io + better-sqlite3). Then the server's RSS with 200 clients connected: 100 officers, 50 displays,
// 20 kiosks and 30 phones following a ticket.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { cpuMsOf, freePort, memoryOf, prepareCentre, removeDir, startFloor, startLayso, spawnNode, repoRoot, tempDir } from './centre.mjs';
import { closeAll, connect, connectMany, must, requestId, sleep } from './clients.mjs';
import { summarize } from './stats.mjs';
import { measured } from './results.mjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const IDS = ['server.coldStart', 'server.rss'];

/** Dial `/display` every 10 ms until a connection is accepted; resolves with the time it was. */
function firstConnection(url, deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (performance.now() > deadline) return reject(new Error('no connection accepted'));
      const s = io(`${url}/display`, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 1000 });
      s.once('connect', () => {
        const at = performance.now();
        s.close();
        resolve(at);
      });
      s.once('connect_error', () => {
        s.close();
        setTimeout(attempt, 10);
      });
    };
    attempt();
  });
}

/** Spawn → first accepted connection, in ms, and the CPU time the process had used by then. */
async function coldStart(spawnServer) {
  const port = await freePort();
  const t0 = performance.now();
  const server = await spawnServer(port);
  try {
    const ms = (await firstConnection(`http://127.0.0.1:${port}`, t0 + 30_000)) - t0;
    return { ms, cpuMs: cpuMsOf(server.pid) };
  } finally {
    await server.stop();
  }
}

const startMain = (dir) => (port) =>
  spawnNode([join(repoRoot, 'queue-server', 'dist', 'main.js'), 'start'], {
    env: { PORT: String(port), LAYSO_DATA_DIR: dir, LAYSO_HOST: '127.0.0.1', LAYSO_LOG_LEVEL: 'warn' },
  });

export async function run({ quick, log }) {
  const dir = tempDir();
  try {
    const centre = await prepareCentre(dir, { counters: 100 });
    const starts = quick ? 1 : 3;
    log(`server: ${starts} cold start(s)`);
    const template = join(dir, 'delta.json');
    writeFileSync(template, '{"calls":[{}]}');
    const layso = [];
    const floor = [];
    for (let i = 0; i < starts; i++) {
      floor.push(await coldStart((port) => startFloor('broadcast', [template], { port, wait: false })));
      layso.push(await coldStart(startMain(dir)));
    }
    const cold = summarize(layso.map((x) => x.ms));
    const floorCold = summarize(floor.map((x) => x.ms));

    const shape = quick ? { officers: 20, displays: 10, kiosks: 10, phones: 10 } : { officers: 100, displays: 50, kiosks: 20, phones: 30 };
    const clients = shape.officers + shape.displays + shape.kiosks + shape.phones;
    log(`server: RSS with ${clients} clients`);
    const server = await startLayso(dir);
    const sockets = [];
    try {
      const idle = memoryOf(server.pid).rssMb;
      const staff = await connectMany(shape.officers, (i) => connect(server.url, '/staff', { auth: { token: centre.officers[i].token } }));
      sockets.push(...staff);
      sockets.push(...(await connectMany(shape.displays, () => connect(server.url, '/display'))));
      const kiosks = await connectMany(shape.kiosks, () => connect(server.url, '/kiosk'));
      sockets.push(...kiosks);
      const tickets = [];
      for (let i = 0; i < shape.phones; i++) {
        const t = await must(kiosks[i % kiosks.length], 'ticket:issue', { requestId: requestId(), serviceId: centre.serviceIds[i % 6], priority: null });
        tickets.push(t.ticket.id);
      }
      const phones = await connectMany(shape.phones, () => connect(server.url, '/public', { waitFor: 'connect' }));
      sockets.push(...phones);
      await Promise.all(phones.map((p, i) => must(p, 'ticket:track', { ticketId: tickets[i] })));
      await sleep(quick ? 300 : 2_000);
      const mem = memoryOf(server.pid);
      return [
        measured('server.coldStart', 'server: cold start → first connection', cold.p50, 'ms', {
          floor: floorCold.p50,
          target: { max: 1500 },
          detail: { layso: layso, floor: floor },
        }),
        measured('server.rss', `server: RSS with ${clients} clients`, mem.rssMb, 'MB', { target: { max: 120 }, detail: { idleRssMb: idle, peakMb: mem.peakMb } }),
      ];
    } finally {
      closeAll(sockets);
      await server.stop();
    }
  } finally {
    removeDir(dir);
  }
}
