// The province figure (issue 15): N centres stream to a hub of 2–3 nodes behind a load balancer,
// on a throwaway PostgreSQL. Lightweight centres (in this process: a synthetic event stream posted
// exactly as the centre's uplink posts it) make the load; at least 3 real centre servers
// (queue-server/dist, with their own uplink) measure a call's way to the province board.
//   province.ingest          events/s the hub took during the peak (offered rate in detail)
//   province.lag.p50/p99     a call at a real centre → the board (a socket on a node never killed)
//   province.hubRss          the largest hub node's peak RSS
//   province.pgPerCentreYear PostgreSQL bytes per event × a busy centre's year
//   province.kill.lost       events missing on the hub after a node was killed mid-peak (must be 0)
//   province.kill.recovery   kill → the last call slower than 2 s reaching the board
//   province.command.up/down/slow  p99 of a kiosk's ticket:issue at a real centre with the hub up,
//                            down (refused) and slow (every connection held 3 s): the queue never waits
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { startPostgres } from '../../province-hub/dist/local-postgres.js';
import { LoopbackBalancer } from '../../province-hub/dist/loopback-balancer.js';
import { createPool, ensurePartitions } from '../../province-hub/dist/db.js';
import { tokenHash, newToken } from '../../queue-server/dist/auth/passwords.js';
import { openDb } from '../../queue-server/dist/store/open-db.js';
import { databaseFile } from '../../queue-server/dist/server.js';
import { cpuMsOf, memoryOf, prepareCentre, removeDir, repoRoot, spawnNode, startLayso, tempDir } from './centre.mjs';
import { connect, must, requestId, send, sleep } from './clients.mjs';
import { measured } from './results.mjs';
import { summarize } from './stats.mjs';
import pg from 'pg';

export const IDS = [
  'province.ingest',
  'province.lag.p50',
  'province.lag.p99',
  'province.hubRss',
  'province.pgPerCentreYear',
  'province.kill.lost',
  'province.kill.recovery',
  'province.command.up',
  'province.command.down',
  'province.command.slow',
];

/** The busiest real peak we design for: 120 tickets an hour at one centre (2 a minute). */
const PEAK_TICKETS_PER_HOUR = 120;
/** A busy centre's day and year, for the storage figure. */
const BUSY_DAY_TICKETS = 400;
const WORKING_DAYS = 250;
const ADMIN_PASSWORD = 'bench-hub-password';

async function api(base, method, path, body, token) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const b = await res.json();
  if (!b.ok) throw new Error(`${method} ${path}: ${b.error.code} ${b.error.message}`);
  return b.data;
}

/** A centre in this process: a ticket stream at `perSec`, pushed like the uplink pushes. */
class LightCentre {
  constructor(id, credential, lbUrl, perSec) {
    Object.assign(this, { id, credential, lbUrl, perSec });
    this.events = [];
    this.acked = 0;
    this.running = false;
    this.waiting = [];
    this.day = new Date().toISOString().slice(0, 10);
    this.number = 0;
  }
  add(type, ticketId, data = null) {
    this.events.push({ seq: this.events.length + 1, at: Date.now(), businessDate: this.day, type, ticketId, serviceId: 'ho-tich', counterId: type === 'ticket.issued' ? null : 'quay-1', data });
  }
  tick() {
    const id = randomBytes(12).toString('base64url');
    this.add('ticket.issued', id, { number: String(1000 + ++this.number), priority: null });
    this.waiting.push(id);
    if (this.waiting.length > 3) {
      const t = this.waiting.shift();
      this.add('ticket.called', t, { number: '1', counterNumber: 1 });
      this.add('ticket.started', t);
      this.add('ticket.done', t);
    }
  }
  start() {
    this.running = true;
    this.add('counter.opened', null);
    const every = 1000 / this.perSec;
    this.gen = setInterval(() => this.tick(), every * (0.9 + Math.random() * 0.2));
    void this.loop();
  }
  stopGenerating() {
    clearInterval(this.gen);
  }
  async loop() {
    let fails = 0;
    while (this.running) {
      if (this.acked < this.events.length) {
        try {
          const batch = this.events.slice(this.acked, this.acked + 200);
          const r = await api(this.lbUrl, 'POST', '/api/ingest', { events: batch }, this.credential);
          this.acked = Math.max(this.acked, Math.min(r.head, batch.at(-1).seq));
          fails = 0;
          if (batch.length === 200) continue;
        } catch {
          fails++;
          await sleep(Math.min(2000, 100 * 2 ** fails));
          continue;
        }
      }
      // As the centre's uplink: a push 250 ms after a change.
      await sleep(250);
    }
  }
}

export async function run({ quick, log }) {
  const cfg = quick
    ? { light: 10, real: 3, nodes: 2, peakS: 8, samples: 15 }
    : { light: 100, real: 3, nodes: 3, peakS: 40, samples: 60 };
  const perSec = (PEAK_TICKETS_PER_HOUR * 20) / 3600;
  const cleanup = [];
  try {
    log(`province: PostgreSQL, ${cfg.nodes} hub nodes, ${cfg.light} light + ${cfg.real} real centres`);
    const pgs = await startPostgres();
    cleanup.push(() => pgs.destroy());
    const dbUrl = await pgs.createDatabase('bench_hub');
    log('province: PostgreSQL up');
    const nodes = [];
    for (let i = 0; i < cfg.nodes; i++) {
      const p = await spawnNode([join(repoRoot, 'province-hub/dist/main.js')], {
        env: { PORT: '0', LAYSO_HUB_HOST: '127.0.0.1', LAYSO_HUB_DATABASE_URL: dbUrl, LAYSO_HUB_ADMIN_PASSWORD: ADMIN_PASSWORD, LAYSO_HUB_NODE: `n${i}`, LAYSO_LOG_LEVEL: 'error' },
        ready: /HUB_LISTENING (\d+)/,
        what: `hub node ${i}`,
      });
      const port = Number(p.match[1]);
      nodes.push({ ...p, port, url: `http://127.0.0.1:${port}`, peakMb: 0 });
      cleanup.push(() => p.stop(2000));
    }
    const lb = new LoopbackBalancer(nodes.map((n) => n.port));
    const lbUrl = await lb.start();
    cleanup.push(() => lb.close());
    const last = nodes.at(-1);
    const token = (await api(last.url, 'POST', '/api/login', { username: 'admin', password: ADMIN_PASSWORD })).token;

    // Real centres: the built server with its own uplink, enrolled through the load balancer.
    const real = await Promise.all(
      Array.from({ length: cfg.real }, async (_, i) => {
        const dir = tempDir();
        cleanup.push(() => removeDir(dir));
        const prep = await prepareCentre(dir, { counters: 1 });
        const adminToken = newToken();
        const db = openDb(databaseFile(dir));
        db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash(adminToken), 'u-admin', Date.now(), Date.now() + 3600_000);
        db.close();
        const proc = await startLayso(dir);
        cleanup.push(() => proc.stop(3000));
        const id = `that-${i}`;
        const { code } = await api(last.url, 'POST', '/api/centres', { id, nameVi: `Trung tâm thật ${i}`, nameEn: `Real centre ${i}` }, token);
        await api(proc.url, 'POST', '/api/province/uplink/enrol', { hubUrl: lbUrl, code }, adminToken);
        const kiosk = await connect(proc.url, '/kiosk');
        const officer = await connect(proc.url, '/staff', { auth: { token: prep.officers[0].token } });
        await must(officer, 'counter:open', { requestId: requestId(), counterId: prep.officers[0].counterId });
        const reader = new Database(databaseFile(dir), { readonly: true, fileMustExist: true });
        cleanup.push(() => {
          kiosk.close();
          officer.close();
          reader.close();
        });
        log(`province: real centre ${i} enrolled`);
        return { id, proc, kiosk, officer, counterId: prep.officers[0].counterId, serviceId: prep.serviceIds[0], lastSeq: () => reader.prepare('SELECT MAX(seq) AS s FROM events').get().s };
      }),
    );

    // The board: a socket on the node that is never killed.
    const heads = new Map();
    const waiters = [];
    const board = io(`${last.url}/board`, { transports: ['websocket'], auth: { token }, forceNew: true });
    cleanup.push(() => board.close());
    const seen = (c) => {
      heads.set(c.id, c.head);
      const now = performance.now();
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i];
        if (w.id === c.id && c.head >= w.seq) {
          waiters.splice(i, 1);
          w.resolve(now);
        }
      }
    };
    board.on('snapshot', (s) => s.centres.forEach(seen));
    board.on('centre', seen);
    await new Promise((r) => board.once('snapshot', r));
    const onBoard = (id, seq) => new Promise((resolve) => (heads.get(id) >= seq ? resolve(performance.now()) : waiters.push({ id, seq, resolve })));

    // The queue never waits on the hub: a kiosk's ticket:issue with the hub up, down and slow.
    const issueP99 = async (what) => {
      const samples = [];
      await Promise.all(
        real.map(async (c) => {
          for (let i = 0; i < cfg.samples; i++) {
            const t0 = performance.now();
            const a = await send(c.kiosk, 'ticket:issue', { requestId: requestId(), serviceId: c.serviceId, priority: null });
            if (!a.ok) throw new Error(`ticket:issue (${what}): ${a.error.code}`);
            samples.push(performance.now() - t0);
            await sleep(20);
          }
        }),
      );
      return summarize(samples);
    };
    log('province: command latency, hub up');
    const up = await issueP99('up');
    await lb.close();
    log('province: command latency, hub down');
    const down = await issueP99('down');
    lb.delayMs = 3000;
    await lb.start(lb.port);
    log('province: command latency, hub slow');
    const slow = await issueP99('slow');
    lb.delayMs = 0;

    // Light centres, enrolled straight with the hub (their pushes go through the balancer).
    const light = [];
    for (let i = 0; i < cfg.light; i++) {
      const id = `nhe-${i}`;
      const { code } = await api(last.url, 'POST', '/api/centres', { id, nameVi: `Trung tâm nhẹ ${i}`, nameEn: `Light centre ${i}` }, token);
      const { credential } = await api(lbUrl, 'POST', '/api/enrol', { code });
      light.push(new LightCentre(id, credential, lbUrl, perSec));
    }
    const hubEvents = async () => {
      const c = new pg.Client({ connectionString: dbUrl });
      c.on('error', () => undefined);
      await c.connect();
      try {
        return Number((await c.query('SELECT COALESCE(sum(head_seq), 0) AS n FROM centres')).rows[0].n);
      } finally {
        await c.end();
      }
    };
    // Let the real centres' backlog from the slow phase drain first.
    await Promise.all(real.map((c) => onBoard(c.id, c.lastSeq())));

    log(`province: peak for ${cfg.peakS} s at ${Math.round(perSec * 4 * cfg.light)} events/s offered; node 0 killed half way`);
    const lags = [];
    const rssTimer = setInterval(() => {
      for (const n of nodes) {
        if (n.child.exitCode !== null || n.child.signalCode !== null) continue;
        // A node just killed has no memory figures left (a zombie).
        const mb = memoryOf(n.pid).peakMb;
        if (Number.isFinite(mb)) n.peakMb = Math.max(n.peakMb, mb);
      }
    }, 500);
    // Where the CPU goes during the peak: hub nodes, PostgreSQL (postmaster and its backends), and
    // this process (the light centres, the board, the real centres' clients).
    const { readdirSync, readFileSync } = await import('node:fs');
    const pgCpuMs = () => {
      const root = pgs.pid();
      let ms = 0;
      for (const d of readdirSync('/proc')) {
        if (!/^\d+$/.test(d)) continue;
        try {
          const st = readFileSync(`/proc/${d}/stat`, 'utf8');
          const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
          if (Number(d) === root || Number(f[1]) === root) ms += (Number(f[11]) + Number(f[12])) * 10;
        } catch {
          // gone meanwhile
        }
      }
      return ms;
    };
    const hubCpuMs = () => nodes.reduce((s, n) => s + (n.child.exitCode === null && n.child.signalCode === null ? (n.cpu = cpuMsOf(n.pid)) : (n.cpu ?? 0)), 0);
    const cpu0 = { hub: hubCpuMs(), pg: pgCpuMs(), bench: process.cpuUsage() };
    const e0 = await hubEvents();
    const t0 = performance.now();
    for (const c of light) c.start();
    let killedAt = null;
    const stopAt = t0 + cfg.peakS * 1000;
    const killTimer = setTimeout(() => {
      killedAt = performance.now();
      nodes[0].peakMb = Math.max(nodes[0].peakMb, memoryOf(nodes[0].pid).peakMb);
      nodes[0].child.kill('SIGKILL');
    }, (cfg.peakS * 1000) / 2);
    await Promise.all(
      real.map(async (c) => {
        while (performance.now() < stopAt) {
          await must(c.kiosk, 'ticket:issue', { requestId: requestId(), serviceId: c.serviceId, priority: null });
          const sent = performance.now();
          const r = await send(c.officer, 'counter:callNext', { requestId: requestId(), counterId: c.counterId });
          if (r.ok) {
            const seq = c.lastSeq();
            void onBoard(c.id, seq).then((at) => lags.push({ sent, at, lag: at - sent }));
          }
          await sleep(250);
          await send(c.officer, 'ticket:done', { requestId: requestId(), counterId: c.counterId });
          await sleep(250);
        }
      }),
    );
    const peakS = (performance.now() - t0) / 1000;
    const e1 = await hubEvents();
    const benchCpu = process.cpuUsage(cpu0.bench);
    const cpuShare = {
      hubNodesS: Math.round((hubCpuMs() - cpu0.hub) / 100) / 10,
      postgresS: Math.round((pgCpuMs() - cpu0.pg) / 100) / 10,
      benchProcessS: Math.round((benchCpu.user + benchCpu.system) / 1e5) / 10,
      wallS: Math.round(peakS * 10) / 10,
    };
    log(`province: CPU during the peak ${JSON.stringify(cpuShare)}`);
    clearTimeout(killTimer);
    for (const c of light) c.stopGenerating();

    // Drain: everything the centres logged must be on the hub.
    const drainUntil = performance.now() + 60_000;
    const expected = () => light.reduce((s, c) => s + c.events.length, 0) + real.reduce((s, c) => s + c.lastSeq(), 0);
    while ((await hubEvents()) < expected() && performance.now() < drainUntil) await sleep(200);
    for (const c of light) c.running = false;
    clearInterval(rssTimer);
    const lost = expected() - (await hubEvents());

    // Storage: a probe centre's year of events and day figures, written straight into the
    // tables (a realistic mix of rows), measured as the growth of the partitions.
    const c = new pg.Client({ connectionString: dbUrl });
    c.on('error', () => undefined);
    await c.connect();
    const partitions = `SELECT COALESCE(sum(pg_total_relation_size(inhrelid)), 0)::bigint AS bytes FROM pg_inherits WHERE inhparent IN ('events'::regclass, 'day_figures'::regclass)`;
    const probeEvents = quick ? 20_000 : 100_000;
    const before = Number((await c.query(partitions)).rows[0].bytes);
    await c.query(`INSERT INTO centres (id, name_vi, name_en) VALUES ('size-probe', 'Probe', 'Probe')`);
    await c.query(
      `INSERT INTO events (centre_id, seq, at, business_date, type, ticket_id, service_id, counter_id, data)
       SELECT 'size-probe', g, now(), current_date,
         (ARRAY['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.done', 'counter.opened'])[1 + g % 5],
         CASE WHEN g % 5 = 4 THEN NULL ELSE substr(md5(g::text), 1, 22) END, 'ho-tich', 'quay-' || (g % 8),
         CASE g % 5 WHEN 0 THEN jsonb_build_object('number', (1000 + g % 999)::text, 'priority', NULL)
                    WHEN 1 THEN jsonb_build_object('number', (1000 + g % 999)::text, 'counterNumber', g % 8) ELSE NULL END
       FROM generate_series(1, $1::int) g`,
      [probeEvents],
    );
    const figureRows = WORKING_DAYS * 7;
    const pool = createPool(dbUrl, { max: 2 });
    const months = new Set();
    for (let d = 0; d <= WORKING_DAYS + 1; d++) months.add(new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 7));
    await ensurePartitions(pool, 'day_figures', months);
    await pool.end();
    await c.query(
      `INSERT INTO day_figures (centre_id, business_date, dim, key, issued, transferred_in, called, served, no_shows, transferred_out,
         cancelled, expired, within_threshold, wait_n, wait_sum_ms, service_n, service_sum_ms, wait_hist, service_hist)
       SELECT 'size-probe', current_date - (g / 7), CASE WHEN g % 7 = 0 THEN 'all' ELSE 'service' END, CASE WHEN g % 7 = 0 THEN '' ELSE 's' || (g % 7) END,
         400, 0, 390, 380, 10, 0, 0, 0, 350, 390, 390 * 600000, 380, 380 * 420000,
         '{"0":40,"3":80,"7":90,"12":70,"18":50,"25":30,"40":20,"70":10}'::jsonb, '{"2":60,"5":120,"8":110,"12":60,"20":30}'::jsonb
       FROM generate_series(0, $1::int - 1) g`,
      [figureRows],
    );
    await c.query('VACUUM ANALYZE events, day_figures');
    const grown = Number((await c.query(partitions)).rows[0].bytes) - before;
    await c.end();
    const bytesPerEvent = grown / probeEvents; // the year's figures spread over the probe's events
    const yearEvents = BUSY_DAY_TICKETS * 5 * WORKING_DAYS;
    const perCentreYearMb = (bytesPerEvent * yearEvents) / 2 ** 20;

    const lagSummary = summarize(lags.map((l) => l.lag));
    const after = lags.filter((l) => killedAt !== null && l.sent >= killedAt).sort((a, b) => a.sent - b.sent);
    const lastSlow = after.filter((l) => l.lag > 2000).at(-1);
    const recoveryS = killedAt === null ? NaN : lastSlow ? (lastSlow.at - killedAt) / 1000 : 0;
    const rate = (e1 - e0) / peakS;
    const offered = perSec * 4 * cfg.light;
    return [
      measured('province.ingest', `hub ingest, ${cfg.light}+${cfg.real} centres at 20× peak into ${cfg.nodes} nodes`, rate, 'events/s', { detail: { offeredEventsPerSec: Math.round(offered), peakSeconds: Math.round(peakS), cpu: cpuShare } }),
      measured('province.lag.p50', 'call at a centre → province board, p50', lagSummary.p50, 'ms', { target: { max: 2000 }, detail: { samples: lagSummary.count } }),
      measured('province.lag.p99', 'call at a centre → province board, p99 (a node killed mid-peak)', lagSummary.p99, 'ms', { target: { max: 2000 }, detail: { samples: lagSummary.count, max: lagSummary.max } }),
      measured('province.hubRss', 'hub node peak RSS (largest node)', Math.max(...nodes.map((n) => n.peakMb)), 'MB'),
      measured('province.pgPerCentreYear', `PostgreSQL per busy centre-year (${BUSY_DAY_TICKETS} tickets/day, ${WORKING_DAYS} days)`, perCentreYearMb, 'MB', { detail: { bytesPerEvent: Math.round(bytesPerEvent), probeEvents, figureRows } }),
      measured('province.kill.lost', 'events lost with a hub node killed mid-peak', lost, 'events', { target: { max: 0 } }),
      measured('province.kill.recovery', 'node killed → calls reach the board within 2 s again', recoveryS, 's', { target: { max: 10 } }),
      measured('province.command.up', 'kiosk ticket:issue p99, hub up', up.p99, 'ms'),
      measured('province.command.down', 'kiosk ticket:issue p99, hub down', down.p99, 'ms', { floor: up.p99, target: { ratio: 2 } }),
      measured('province.command.slow', 'kiosk ticket:issue p99, hub slow (3 s a connection)', slow.p99, 'ms', { floor: up.p99, target: { ratio: 2 } }),
    ];
  } finally {
    for (const f of cleanup.reverse()) await Promise.resolve().then(f).catch(() => undefined);
  }
}
