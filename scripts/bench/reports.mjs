// Reports: a synthetic five-year history (about 10 million tickets) generated once by the
// reports module's `seedHistory(db, opts, onProgress)` and cached under .bench-cache/ (git-ignored);
// then a day, a month (30 days) and a year (365 days) report by service and by counter, through
// `GET /api/reports?from&to&by=` as the manager, on the real server started on that data. Each
// figure is the median of three requests (all three are in the detail).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { databaseFile } from '../../queue-server/dist/server.js';
import { openDb } from '../../queue-server/dist/store/open-db.js';
import { AccountRepo } from '../../queue-server/dist/store/account-repo.js';
import { newToken, tokenHash } from '../../queue-server/dist/auth/passwords.js';
import { prepareCentre, removeDir, repoRoot, startLayso, tempDir } from './centre.mjs';
import { summarize } from './stats.mjs';
import { measured, notMeasured } from './results.mjs';

const TARGET = { max: 300 };
const SPANS = [
  ['day', 1],
  ['month', 30],
  ['year', 365],
];
const CUTS = ['service', 'counter'];
export const IDS = SPANS.flatMap(([span]) => CUTS.map((by) => `reports.${span}.${by}`));
const nameOf = (id) => id.replace(/^reports\.(\w+)\.(\w+)$/, 'reports: $1 by $2');

/** Where the reports module keeps `seedHistory` (src/reports/seed-history.ts). */
const MODULES = ['reports/seed-history.js'];

async function findSeedHistory() {
  for (const m of MODULES) {
    const file = join(repoRoot, 'queue-server', 'dist', m);
    if (!existsSync(file)) continue;
    const mod = await import(file);
    if (typeof mod.seedHistory === 'function') return { seedHistory: mod.seedHistory, module: `queue-server/dist/${m}` };
  }
  return null;
}

/**
 * The history: five years of calendar days at 5,500 tickets a day on average (Sundays none), about
 * 10 million tickets with every event the engine writes, ending yesterday; quick: a month, small.
 */
function historyOptions(quick) {
  return quick
    ? { days: 30, perDay: 200, seed: 1, events: 'all', growCounters: true }
    : { days: 5 * 365 + 1, perDay: 5_500, seed: 20_260_310, events: 'all', growCounters: true };
}

/** A progress bar on stderr for seedHistory's `{ phase, done, total, tickets }` reports. */
function progressBar() {
  let last = '';
  const started = performance.now();
  return ({ phase, done, total, tickets }) => {
    const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
    const key = `${phase}${pct}`;
    if (key === last) return;
    last = key;
    const bar = '#'.repeat(pct >> 1).padEnd(50, '.');
    const s = Math.round((performance.now() - started) / 1000);
    process.stderr.write(`\r  ${phase.padEnd(8)} [${bar}] ${String(pct).padStart(3)}%  ${tickets.toLocaleString('en')} tickets  ${s} s `);
    if (done >= total) process.stderr.write('\n');
  };
}

/** The built code that writes the cached data: the schema, the seeder and the rollup. */
const WRITERS = [
  'store/migrations',
  'store/history-repo.js',
  'store/report-repo.js',
  'reports/seed-history.js',
  'reports/reports.js',
  'reports/day.js',
  'reports/figures.js',
];

/** A short hash of WRITERS, so that a history written by other code is never used. */
function writersHash() {
  const h = createHash('sha256');
  for (const w of WRITERS) {
    const path = join(repoRoot, 'queue-server', 'dist', w);
    if (!existsSync(path)) continue;
    const files = w.endsWith('.js') ? [path] : readdirSync(path).filter((f) => f.endsWith('.js')).sort().map((f) => join(path, f));
    for (const f of files) h.update(f.slice(repoRoot.length)).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * The cached history's data directory under .bench-cache/, keyed by the options and the code that
 * wrote it; generated when missing, unfinished or written by other code (older ones are removed:
 * a five-year history takes about 11 GB).
 */
async function historyDir(seedHistory, opts, quick, log) {
  const key = `history-${opts.days}d-${opts.perDay}pd-${opts.events}-seed${opts.seed}-${writersHash()}`;
  const cache = join(repoRoot, '.bench-cache');
  const dir = quick ? tempDir() : join(cache, key);
  const marker = join(dir, 'complete.json');
  if (!quick && existsSync(marker)) {
    log(`reports: using the cached history ${dir}`);
    return { dir, temporary: false };
  }
  if (!quick && existsSync(cache)) {
    for (const old of readdirSync(cache)) if (old.startsWith('history-') && old !== key) removeDir(join(cache, old));
  }
  removeDir(dir);
  mkdirSync(dir, { recursive: true });
  log(`reports: generating the history (${JSON.stringify(opts)}) into ${dir}; done once, then cached`);
  await prepareCentre(dir, { counters: 12 });
  const db = openDb(databaseFile(dir));
  let result;
  try {
    result = await seedHistory(db, opts, quick ? undefined : progressBar());
  } finally {
    db.close();
  }
  log(`reports: history written: ${JSON.stringify(result)}`);
  writeFileSync(marker, JSON.stringify({ opts, result, at: new Date().toISOString() }));
  return { dir, temporary: quick };
}

const day = (d) => d.toISOString().slice(0, 10);

export async function run({ quick, log }) {
  const found = await findSeedHistory().catch((e) => ({ error: e }));
  if (!found || found.error) {
    const why = found?.error
      ? `loading seedHistory failed: ${found.error.message.split('\n')[0]}`
      : `no seedHistory exported by queue-server/dist/{${MODULES.join(',')}} yet`;
    return IDS.map((id) => notMeasured(id, nameOf(id), 'ms', why, { target: TARGET }));
  }
  const opts = historyOptions(quick);
  const { dir, temporary } = await historyDir(found.seedHistory, opts, quick, log);
  try {
    // A fresh manager session (the cached one may have expired), and the last day of history.
    const db = openDb(databaseFile(dir));
    const token = newToken();
    let last;
    try {
      new AccountRepo(db).insertSession(tokenHash(token), 'u-quanly', Date.now(), Date.now() + 3600_000);
      last = db.prepare('SELECT MAX(business_date) AS d FROM tickets').get().d;
    } finally {
      db.close();
    }
    if (!last) return IDS.map((id) => notMeasured(id, nameOf(id), 'ms', 'seedHistory wrote no tickets', { target: TARGET }));
    const server = await startLayso(dir);
    try {
      const results = [];
      for (const [span, days] of SPANS) {
        const to = new Date(`${last}T00:00:00Z`);
        const from = new Date(to.getTime() - (days - 1) * 86_400_000);
        for (const by of CUTS) {
          const url = `${server.url}/api/reports?from=${day(from)}&to=${day(to)}&by=${by}`;
          const times = [];
          let failure = null;
          for (let i = 0; i < 3 && !failure; i++) {
            const t0 = performance.now();
            const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
            const body = await res.json();
            times.push(performance.now() - t0);
            if (!body.ok) failure = `${res.status} ${body.error?.code}: ${body.error?.message}`;
          }
          const id = `reports.${span}.${by}`;
          if (failure) results.push(notMeasured(id, nameOf(id), 'ms', `GET /api/reports failed: ${failure}`, { target: TARGET }));
          else results.push(measured(id, nameOf(id), summarize(times).p50, 'ms', { target: TARGET, detail: { from: day(from), to: day(to), runsMs: times } }));
        }
      }
      results[0].detail = { ...results[0].detail, history: opts, seedHistory: found.module };
      return results;
    } finally {
      await server.stop();
    }
  } finally {
    if (temporary) removeDir(dir);
  }
}
