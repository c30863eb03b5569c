/**
 * Issue 12, power loss: a cut after which only what was fsynced is on the disk. The LD_PRELOAD
 * shim powercut.c (compiled here with the machine's gcc) keeps each data file's durable copy as
 * of its last fsync; the test SIGKILLs the process and puts those copies in place of the files.
 *
 * The control case proves the method can fail: a writer with synchronous=NORMAL or OFF loses
 * acknowledged rows. The real server (synchronous=FULL) loses no acknowledged ticket.
 * Why a shim, not a FUSE layer or a VM: it needs no root, no kernel module and no image, runs in
 * a second, and models exactly the property at stake (what reached fsync).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, IssuedTicket } from '@layso/shared';
import { kiosk, must, rid, spawnServer, startTestServer, tempDir, type KioskSocket, type ServerProcess } from '../support/harness.js';
import { databaseFile } from '../../src/server.js';

const here = fileURLToPath(new URL('.', import.meta.url));
let shim = '';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

beforeAll(() => {
  const out = tempDir('layso-powercut-');
  shim = join(out, 'powercut.so');
  const r = spawnSync('gcc', ['-shared', '-fPIC', '-O2', '-o', shim, join(here, 'powercut.c'), '-ldl'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not build the power-cut shim with gcc: ${r.stderr || r.error?.message}`);
});

function dirs(): { data: string; shadow: string } {
  const data = realpathSync(tempDir('layso-pl-data-'));
  const shadow = tempDir('layso-pl-shadow-');
  cleanup.push(() => rmSync(data, { recursive: true, force: true }), () => rmSync(shadow, { recursive: true, force: true }));
  return { data, shadow };
}

/** The files as they are now count as on the disk (a clean shutdown happened before). */
function baseline(data: string, shadow: string): void {
  for (const f of readdirSync(data)) if (statSync(join(data, f)).isFile()) copyFileSync(join(data, f), join(shadow, f));
}

/** The power cut: every data file becomes what its last fsync left; a file never synced is gone. */
function cut(data: string, shadow: string): void {
  for (const f of readdirSync(data)) {
    const p = join(data, f);
    if (!statSync(p).isFile()) continue;
    if (existsSync(join(shadow, f))) copyFileSync(join(shadow, f), p);
    else rmSync(p);
  }
}

const env = (data: string, shadow: string): Record<string, string> => ({ LD_PRELOAD: shim, POWERCUT_DIR: data, POWERCUT_SHADOW: shadow });

async function writerAcks(level: 'OFF' | 'NORMAL' | 'FULL'): Promise<{ acked: number[]; stored: Set<number> }> {
  const { data, shadow } = dirs();
  const file = join(data, 'w.sqlite');
  const child = spawn(process.execPath, [join(here, 'writer.mjs'), file, level], { env: { ...process.env, ...env(data, shadow) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const acked: number[] = [];
  let buf = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) acked.push(Number(l));
      if (acked.length >= 300 && child.exitCode === null) {
        child.kill('SIGKILL');
      }
    });
    child.once('exit', () => resolve());
  });
  cut(data, shadow);
  const stored = new Set<number>();
  if (existsSync(file)) {
    const db = new Database(file);
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'acked'").get();
    if (has) for (const r of db.prepare<[], { id: number }>('SELECT id FROM acked').all()) stored.add(r.id);
    db.close();
  }
  return { acked, stored };
}

describe('power loss', () => {
  it('the method bites: with synchronous NORMAL or OFF, acknowledged rows are lost in the cut', async () => {
    for (const level of ['NORMAL', 'OFF'] as const) {
      const { acked, stored } = await writerAcks(level);
      expect(acked.length, level).toBeGreaterThanOrEqual(300);
      expect(acked.filter((id) => !stored.has(id)).length, level).toBeGreaterThan(0);
    }
    const full = await writerAcks('FULL');
    expect(full.acked.filter((id) => !full.stored.has(id))).toEqual([]);
  });

  it('the server (synchronous FULL) keeps every ticket it acknowledged before the cut', async () => {
    const { data, shadow } = dirs();
    const seeded = await startTestServer({ dataDir: data, settings: { kioskRateLimitPerMin: 0 } });
    await seeded.close({ keepData: true });
    mkdirSync(shadow, { recursive: true });
    baseline(data, shadow);
    const proc: ServerProcess = await spawnServer(data, 0, env(data, shadow));
    cleanup.push(() => proc.stop('SIGKILL'));
    const kiosks: KioskSocket[] = [];
    for (let i = 0; i < 6; i++) kiosks.push(await kiosk(proc.url));
    cleanup.push(() => kiosks.forEach((k) => k.disconnect()));
    const acked: IssuedTicket[] = [];
    let stop = false;
    const loops = kiosks.map(async (k, i) => {
      while (!stop) {
        const a = (await k.timeout(2000).emitWithAck('ticket:issue', { requestId: rid(), serviceId: ['ho-tich', 'dat-dai', 'cu-tru'][i % 3]!, priority: null } as never).catch(() => null)) as Ack<IssuedTicket> | null;
        if (!a) return;
        if (a.ok) acked.push(a.data);
      }
    });
    const t0 = Date.now();
    while (acked.length < 200 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 10));
    await proc.stop('SIGKILL');
    const ackedAtCut = [...acked];
    stop = true;
    await Promise.all(loops);
    expect(ackedAtCut.length).toBeGreaterThanOrEqual(200);
    cut(data, shadow);

    const db = new Database(databaseFile(data), { readonly: true });
    const rows = db.prepare<[], { id: string; display_number: string; business_date: string }>('SELECT id, display_number, business_date FROM tickets').all();
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
    const ids = new Set(rows.map((r) => r.id));
    expect(ackedAtCut.filter((t) => !ids.has(t.ticket.id)).map((t) => t.ticket.displayNumber)).toEqual([]);
    const numbers = rows.map((r) => `${r.business_date}/${r.display_number}`);
    expect(new Set(numbers).size).toBe(numbers.length);

    // And the centre starts again on what the disk kept.
    const again = await spawnServer(data);
    cleanup.push(() => again.stop());
    const k = await kiosk(again.url);
    cleanup.push(() => k.disconnect());
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
  }, 120_000);
});
