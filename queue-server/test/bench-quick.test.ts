/**
 * The bench must not rot: `node scripts/bench/run.mjs --quick --json` runs every figure small
 * against the built server and prints one JSON object. This checks its shape only — every figure
 * present, with a number or an explicit reason it was not measured — never the timings, which
 * belong to the machine (the full bench, by hand, judges them against floors of the same run).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const FIGURES = [
  'issue.throughput',
  'issue.p50',
  'issue.p95',
  'issue.p99',
  'issue.full-day',
  'issue.full-day-p99',
  'fanout.p50',
  'fanout.p95',
  'fanout.p99',
  'day.wall',
  'day.peakRss',
  'reports.day.service',
  'reports.day.counter',
  'reports.month.service',
  'reports.month.counter',
  'reports.year.service',
  'reports.year.counter',
  'print.time',
  'print.bytes',
  'display.paint',
  'server.coldStart',
  'server.rss',
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

interface Row {
  id: string;
  name: string;
  value: number | null;
  unit: string | null;
  floor: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  notMeasured?: string;
}

function quickBench(): Promise<{ quick: boolean; results: Row[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['scripts/bench/run.mjs', '--quick', '--json'],
      { cwd: repoRoot, timeout: 540_000, maxBuffer: 16 * 2 ** 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`the quick bench failed: ${err.message}\n${stderr.slice(-4000)}`));
        try {
          resolve(JSON.parse(stdout) as { quick: boolean; results: Row[] });
        } catch (e) {
          reject(new Error(`the quick bench printed no JSON: ${String(e)}\n${stdout.slice(0, 2000)}\n${stderr.slice(-2000)}`));
        }
      },
    );
  });
}

describe('the quick bench', () => {
  it('reports every figure with a number or a reason', { timeout: 600_000 }, async () => {
    const report = await quickBench();
    expect(report.quick).toBe(true);
    expect(report.results.map((r) => r.id).sort()).toEqual([...FIGURES].sort());
    for (const r of report.results) {
      expect(typeof r.name, r.id).toBe('string');
      expect(r).toHaveProperty('floor');
      expect(r).toHaveProperty('ratio');
      expect(r).toHaveProperty('target');
      if (r.notMeasured !== undefined) {
        expect(r.notMeasured.length, r.id).toBeGreaterThan(0);
        expect(r.value, r.id).toBeNull();
        expect(r.met, r.id).toBe(false);
      } else {
        expect(Number.isFinite(r.value), `${r.id}: ${String(r.value)}`).toBe(true);
        expect(typeof r.unit, r.id).toBe('string');
        // A figure with a target says whether it was met; one without says nothing.
        expect(r.met === null, r.id).toBe(r.target === null);
        if (r.floor !== null) expect(Number.isFinite(r.ratio), r.id).toBe(true);
      }
    }
  });
});
