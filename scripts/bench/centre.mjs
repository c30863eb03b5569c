// The centre under test: a data directory prepared before the server starts, and the real built
// server (queue-server/dist/main.js) run as a child process on it, on loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../queue-server/dist/store/open-db.js';
import { AccountRepo } from '../../queue-server/dist/store/account-repo.js';
import { CatalogRepo } from '../../queue-server/dist/store/catalog-repo.js';
import { Accounts } from '../../queue-server/dist/auth/accounts.js';
import { hashPassword, newToken, tokenHash } from '../../queue-server/dist/auth/passwords.js';
import { seedDemo } from '../../queue-server/dist/seed.js';
import { databaseFile } from '../../queue-server/dist/server.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(repoRoot, 'queue-server', 'dist', 'main.js');

/** Every child process the bench started, so none outlives it. */
const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export function tempDir(prefix = 'layso-bench-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

const SESSION_MS = 12 * 3600_000;

/**
 * Write a centre into an empty data directory, as an admin would have set it up:
 * - the demo centre (six services, so loopback browsers are accepted as kiosks and displays);
 * - the per-kiosk rate limit switched off (the bench's 20 kiosks issue far faster than people);
 * - number ranges of 9,999 per service instead of the demo's 999, as a provincial centre issuing
 *   10,000 tickets a day configures them (the demo ranges would run into each other);
 * - `counters` counters serving all six services (each preferring a different one first), and as
 *   many officers, each with a session already signed in (100 scrypt sign-ins would otherwise
 *   dominate the setup); plus a signed-in manager.
 * Returns the services, the counters with their officers' tokens, and the manager's token.
 */
export async function prepareCentre(dataDir, { counters = 0 } = {}) {
  const db = openDb(databaseFile(dataDir));
  try {
    const now = Date.now();
    const clock = { now: () => Date.now() };
    const repo = new AccountRepo(db);
    await seedDemo(db, new Accounts(repo, clock));
    const catalog = new CatalogRepo(db);
    const settings = catalog.settings();
    const services = catalog.services();
    const officers = [];
    const hash = counters > 0 ? await hashPassword('bench-password') : '';
    db.transaction(() => {
      catalog.putSettings({ ...settings, kioskRateLimitPerMin: 0 });
      for (const s of services) {
        const base = s.sortOrder * 10_000;
        catalog.putService(settings.centreId, { ...s, numbering: { kind: 'range', from: base + 1, to: base + 9_999 } });
      }
      for (let i = 1; i <= counters; i++) {
        const userId = `u-bench-${i}`;
        const counterId = `quay-${i}`;
        const serviceIds = services.map((_, k) => services[(i + k) % services.length].id);
        catalog.putCounter(settings.centreId, {
          id: counterId,
          number: i,
          name: `Quầy ${i}`,
          serviceIds,
          state: 'closed',
          officerId: null,
          pauseReason: null,
          priorityStreak: 0,
        });
        repo.insertUser({ id: userId, username: `bench${i}`, displayName: `Cán bộ ${i}`, role: 'officer', passwordHash: hash }, now);
        const token = newToken();
        repo.insertSession(tokenHash(token), userId, now, now + SESSION_MS);
        officers.push({ userId, counterId, token });
      }
    })();
    const managerToken = newToken();
    repo.insertSession(tokenHash(managerToken), 'u-quanly', now, now + SESSION_MS);
    return { serviceIds: services.map((s) => s.id), officers, managerToken };
  } finally {
    db.close();
  }
}

/** A port free on loopback right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms (Linux clock ticks are 10 ms). */
export function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Spawn a node script; resolves once a line of its stdout matches `ready`, with the match. */
export function spawnNode(args, { env = {}, ready, timeoutMs = 30_000, what = 'child' }) {
  const child = spawn(process.execPath, [...(process.env.LAYSO_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  const proc = {
    child,
    pid: child.pid,
    output: () => out,
    /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
    stop(graceMs = 10_000) {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill('SIGTERM');
      });
    },
  };
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  if (!ready) return Promise.resolve({ ...proc, match: null });
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${what} ${why}:\n${out.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const check = () => {
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.off('exit', onExit);
      resolve({ ...proc, match: m });
    };
    const onExit = (code) => fail(`exited with ${code}`);
    child.stdout.on('data', check);
    child.once('exit', onExit);
  });
}

/**
 * The node flags `npm start` runs the server with (package.json "start"): the server's live heap
 * is about 20 MB, and V8's default 16 MB semi-spaces would show as 30-40 MB more resident memory.
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=2'];

/**
 * Start the built server as `npm start` does (`node --max-semi-space-size=2
 * queue-server/dist/main.js start`) on a data directory; resolves once it prints the address it
 * serves. `port` 0 lets it pick a free one.
 */
export async function startLayso(dataDir, { port = 0 } = {}) {
  const p = await spawnNode([...SERVER_NODE_FLAGS, MAIN, 'start'], {
    env: { PORT: String(port), LAYSO_DATA_DIR: dataDir, LAYSO_HOST: '127.0.0.1', LAYSO_LOG_LEVEL: 'warn' },
    ready: /Open: http:\/\/localhost:(\d+)\//,
    what: 'the Layso server',
  });
  const actual = Number(p.match[1]);
  return { ...p, port: actual, url: `http://127.0.0.1:${actual}` };
}

/** Start the bench's own minimal socket.io server (floor-server.mjs) in a child process. */
export async function startFloor(mode, extra = [], { port = 0, wait = true } = {}) {
  const p = await spawnNode([join(repoRoot, 'scripts', 'bench', 'floor-server.mjs'), mode, ...extra], {
    env: { PORT: String(port) },
    ready: wait ? /^PORT (\d+)$/m : undefined,
    what: `the ${mode} floor server`,
  });
  const actual = wait ? Number(p.match[1]) : port;
  return { ...p, port: actual, url: `http://127.0.0.1:${actual}` };
}
