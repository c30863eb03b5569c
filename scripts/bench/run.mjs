#!/usr/bin/env node
// Layso against the floor of the machine it runs on, in one run.
//   node scripts/bench/run.mjs [--quick] [--json] [--only issue,fanout,…]
// Runs each figure in order against the built server (queue-server/dist) started as a child
// process on a temporary data directory, and prints a table (or, with --json, one JSON object
// whose `results` hold { name, value, unit, floor, ratio, target, met } per figure). Progress
// goes to stderr so that --json output stays clean. `npm run bench` builds first.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { notMeasured } from './results.mjs';
import { repoRoot } from './centre.mjs';

const FIGURES = ['issue', 'fanout', 'day', 'reports', 'print', 'display', 'server', 'province'];

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const json = argv.includes('--json');
const onlyArg = argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',') : FIGURES;
const unknown = only.filter((f) => !FIGURES.includes(f));
if (unknown.length) {
  process.stderr.write(`unknown figure(s): ${unknown.join(', ')}; known: ${FIGURES.join(', ')}\n`);
  process.exit(2);
}

const started = performance.now();
const log = (msg) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const results = [];
for (const name of FIGURES.filter((f) => only.includes(f))) {
  const t0 = performance.now();
  let mod = null;
  try {
    mod = await import(`./${name}.mjs`);
    results.push(...(await mod.run({ quick, log })));
  } catch (e) {
    // A figure that breaks says so in every row it owes, and the others still run.
    log(`${name} failed: ${e?.stack ?? e}`);
    const reason = `the ${name} bench failed: ${String(e?.message ?? e).split('\n')[0]}`;
    for (const id of mod?.IDS ?? [name]) if (!results.some((r) => r.id === id)) results.push(notMeasured(id, id, null, reason));
  }
  log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const report = {
  bench: 'layso',
  quick,
  commit: commit(),
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryMb: Math.round(totalmem() / 2 ** 20) },
  seconds: Math.round((performance.now() - started) / 100) / 10,
  results,
};

function table(rows) {
  const fmt = (v) => (v === null || v === undefined ? '—' : typeof v === 'number' ? String(v) : v);
  // Reasons a figure was not measured go under the table, each once.
  const reasons = [...new Set(rows.filter((r) => r.notMeasured).map((r) => r.notMeasured))];
  const cells = rows.map((r) => [
    r.name,
    r.notMeasured ? `not measured [${reasons.indexOf(r.notMeasured) + 1}]` : `${fmt(r.value)} ${r.unit ?? ''}`.trim(),
    r.floor === null ? '—' : `${fmt(r.floor)} ${r.unit ?? ''}`.trim(),
    r.ratio === null ? '—' : `${fmt(r.ratio)} ×`,
    fmt(r.target),
    r.met === null ? '—' : r.met ? 'met' : 'MISSED',
  ]);
  const head = ['figure', 'value', 'floor', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 1 || i === 2 || i === 3 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
  const notes = reasons.map((r, i) => `[${i + 1}] not measured: ${r}`);
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

if (json) {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} else {
  const m = report.machine;
  process.stdout.write(
    `Layso bench${quick ? ' (quick)' : ''} — commit ${report.commit ?? '?'}, ${report.date}, node ${m.node}, ${m.cpus} × ${m.cpuModel}, ${report.seconds} s\n\n` +
      table(results) +
      '\n',
  );
}
// Sockets and timers left by a failed figure must not keep the bench alive.
process.exit(0);
