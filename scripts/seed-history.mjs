#!/usr/bin/env node
// Fill a centre's database with synthetic past days, then build the report rollup.
//
//   node --conditions=source --import tsx scripts/seed-history.mjs --days 365 --per-day 300 --data-dir ./data
//
// Options: --days N (calendar days, default 365) --per-day N (average tickets a calendar day,
// default 300) --data-dir DIR (default ./data; an empty one gets the demo centre) --end YYYY-MM-DD
// (last day, default yesterday) --seed N --events all|minimal --grow (add counters and officers
// when the load needs them) --no-rollups. The server must not be running on that directory.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { openDb } from '../queue-server/src/store/open-db.js';
import { AccountRepo } from '../queue-server/src/store/account-repo.js';
import { Accounts } from '../queue-server/src/auth/accounts.js';
import { isSeeded, seedDemo } from '../queue-server/src/seed.js';
import { databaseFile } from '../queue-server/src/server.js';
import { seedHistory } from '../queue-server/src/reports/seed-history.js';
import { Reports } from '../queue-server/src/reports/reports.js';
import { CatalogRepo } from '../queue-server/src/store/catalog-repo.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '365' },
    'per-day': { type: 'string', default: '300' },
    'data-dir': { type: 'string', default: 'data' },
    end: { type: 'string' },
    seed: { type: 'string' },
    events: { type: 'string', default: 'all' },
    grow: { type: 'boolean', default: false },
    'no-rollups': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  // The comment at the top of this file is the usage.
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  const usage = lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.slice(3));
  process.stdout.write(usage.join('\n') + '\n');
  process.exit(0);
}

const dataDir = resolve(values['data-dir']);
const db = openDb(databaseFile(dataDir));
if (!isSeeded(db)) {
  process.stderr.write(`No centre in ${dataDir}: creating the demo centre.\n`);
  await seedDemo(db, new Accounts(new AccountRepo(db), { now: () => Date.now() }));
}

const started = Date.now();
let lastDraw = 0;
function bar(p) {
  const now = Date.now();
  if (now - lastDraw < 100 && p.done !== p.total) return;
  lastDraw = now;
  const width = 30;
  const filled = Math.round((p.done / p.total) * width);
  const secs = (now - started) / 1000;
  const label = p.phase === 'tickets' ? 'history' : 'rollups';
  const rate = p.phase === 'tickets' ? `  ${Math.round(p.tickets / secs).toLocaleString('en')} tickets/s` : '';
  process.stderr.write(
    `\r${label.padEnd(8)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.done}/${p.total} days  ${p.tickets.toLocaleString('en')} tickets${rate}   `,
  );
  if (p.done === p.total) process.stderr.write('\n');
}

const result = seedHistory(
  db,
  {
    days: Number(values.days),
    perDay: Number(values['per-day']),
    ...(values.end ? { endDate: values.end } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    events: values.events === 'minimal' ? 'minimal' : 'all',
    growCounters: values.grow,
    buildRollups: !values['no-rollups'],
  },
  bar,
);

// How fast is a report over the whole range now?
const tz = new CatalogRepo(db).settings().timeZone;
const reports = new Reports({ db, now: () => Date.now(), today: () => '9999-12-31', timeZone: () => tz, log: pino({ level: 'silent' }) });
const timings = {};
for (const by of ['service', 'counter', 'officer', 'hour']) {
  const t0 = performance.now();
  reports.report({ from: result.from, to: result.to, by });
  timings[by] = Math.round(performance.now() - t0);
}
db.close();
process.stdout.write(
  `${JSON.stringify({ ...result, reportMs: timings, database: databaseFile(dataDir) }, null, 2)}\n`,
);
