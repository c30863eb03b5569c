/**
 * Issue 12, backup and restore: `npm run backup` copies a running centre under load with
 * progress; `npm run restore` gives back an identical centre (every table compared) that works;
 * the server's daily backup keeps its retention and is listed for the admin.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, Alert, BackupFile, BackupList, IssuedTicket } from '@layso/shared';
import { kiosk, login, must, rid, startTestServer, tempDir, until, type KioskSocket } from '../support/harness.js';
import { databaseFile, startServer } from '../../src/server.js';
import { backupDir, dailyName, nowName, pruneBackups } from '../../src/store/backup.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function cli(args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'queue-server/src/main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, LAYSO_DATA_DIR: dataDir, LAYSO_CONFIG_DIR: join(dataDir, '.layso-config'), LAYSO_LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Every table's rows, in a stable order. */
function tables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  const out: Record<string, unknown[]> = {};
  for (const { name } of names) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all();
  db.close();
  return out;
}

describe('backup and restore', () => {
  it('backs up a centre that keeps issuing, with progress, and restores an identical, working centre', async () => {
    const ts = await startTestServer({ settings: { kioskRateLimitPerMin: 0 } });
    let open = true;
    cleanup.push(() => (open ? ts.close() : undefined));
    const kiosks: KioskSocket[] = [];
    for (let i = 0; i < 4; i++) kiosks.push(await kiosk(ts.url));
    cleanup.push(() => kiosks.forEach((k) => k.disconnect()));
    const acked: IssuedTicket[] = [];
    let stop = false;
    const loops = kiosks.map(async (k) => {
      while (!stop) {
        const a = (await k.timeout(5000).emitWithAck('ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null } as never).catch(() => null)) as Ack<IssuedTicket> | null;
        if (a?.ok) acked.push(a.data);
      }
    });
    await until(() => acked.length >= 100, 20_000, '100 tickets before the backup');
    const atStart = acked.length;
    const underLoad = join(tempDir('layso-bk-'), 'under-load.sqlite');
    const b1 = await cli(['backup', underLoad], ts.dataDir);
    const duringBackup = acked.length - atStart;
    expect(b1.code, b1.out).toBe(0);
    expect(b1.out).toMatch(/backing up: 100%/);
    expect(b1.out).toContain('backup written');
    // The centre kept issuing while it was copied, and the copy holds what was issued before.
    expect(duringBackup).toBeGreaterThan(0);
    const inCopy = new Set(Object.values(tables(underLoad).tickets!).map((r) => (r as { id: string }).id));
    for (const t of acked.slice(0, atStart)) expect(inCopy.has(t.ticket.id)).toBe(true);

    stop = true;
    await Promise.all(loops);
    const quiet = join(tempDir('layso-bk-'), 'quiet.sqlite');
    expect((await cli(['backup', quiet], ts.dataDir)).code).toBe(0);
    const live = tables(databaseFile(ts.dataDir));
    await ts.close({ keepData: true });
    open = false;
    cleanup.push(() => rmSync(ts.dataDir, { recursive: true, force: true }));

    // Restored into a fresh data directory: every table as the live centre had it.
    const target = tempDir('layso-restored-');
    cleanup.push(() => rmSync(target, { recursive: true, force: true }));
    const r = await cli(['restore', quiet], target);
    expect(r.code, r.out).toBe(0);
    const restored = tables(databaseFile(target));
    expect(Object.keys(restored)).toEqual(Object.keys(live));
    for (const name of Object.keys(live)) expect(restored[name], name).toEqual(live[name]);

    // And it works: numbering goes on after the last ticket.
    const again = await startServer({ dataDir: target, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true, clock: ts.clock });
    cleanup.push(() => again.close());
    const k = await kiosk(`http://127.0.0.1:${again.port}`);
    cleanup.push(() => k.disconnect());
    const next = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    const last = Math.max(...acked.map((t) => Number(t.ticket.displayNumber)));
    expect(Number(next.ticket.displayNumber)).toBe(last + 1);
  }, 180_000);

  it('refuses to restore what is not a sound backup, and keeps the database it replaces', async () => {
    const dir = tempDir('layso-bad-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const junk = join(dir, 'junk.sqlite');
    const db = new Database(junk);
    db.exec('CREATE TABLE x (a)');
    db.close();
    const r = await cli(['restore', junk], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('not a sound Layso backup');
    expect(existsSync(databaseFile(dir))).toBe(false);
  }, 60_000);

  it('takes a daily backup by itself, keeps the last 14 daily ones, and lists them for the admin', async () => {
    const ts = await startTestServer({ backupEveryMs: 100 });
    cleanup.push(() => ts.close());
    const dir = backupDir(ts.dataDir);
    const today = dailyName(ts.server.engine.businessDate);
    await until(() => existsSync(join(dir, today)), 5000, 'the daily backup');
    // Twenty older days' backups: the next prune keeps fourteen daily ones, and a manual one.
    for (let d = 1; d <= 20; d++) copyFileSync(join(dir, today), join(dir, dailyName(`2025-01-${String(d).padStart(2, '0')}`)));
    copyFileSync(join(dir, today), join(dir, 'layso-manual-2025.sqlite'));
    pruneBackups(dir);
    const left = readdirSync(dir).filter((n) => n.endsWith('.sqlite'));
    expect(left.filter((n) => /^layso-\d{4}-\d{2}-\d{2}\.sqlite$/.test(n))).toHaveLength(14);
    expect(left).toContain(today);
    expect(left).toContain('layso-manual-2025.sqlite');
    const admin = await login(ts.url, 'admin');
    const list = (await (await fetch(`${ts.url}/api/admin/backups`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { data: { keep: number; backups: { name: string }[] } };
    expect(list.data.keep).toBe(14);
    expect(list.data.backups.map((b) => b.name)).toContain(today);
    // Written by the server: checked. A copy put there by hand: not known to be.
    expect(list.data.backups.find((b) => b.name === today)).toMatchObject({ verified: true, kind: 'daily' });
    expect(list.data.backups.find((b) => b.name === 'layso-manual-2025.sqlite')).toMatchObject({ verified: false, kind: 'manual' });
  });

  it('"back up now": the admin only, audited, listed as checked; a failure answers BACKUP_FAILED, stays as the last failure and a listed alert until a backup works', async () => {
    const ts = await startTestServer();
    cleanup.push(() => ts.close());
    const admin = await login(ts.url, 'admin');
    const manager = await login(ts.url, 'quanly');
    const call = async (token: string, method: string, path: string): Promise<{ status: number; body: Ack<BackupList & BackupFile & { alerts: Alert[]; entries: { type: string; actorName: string | null; data: { name?: string } }[] }> }> => {
      const r = await fetch(`${ts.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, body: (await r.json()) as Ack<never> };
    };
    const refused = await call(manager, 'POST', '/api/admin/backups');
    expect(refused.status).toBe(403);
    expect(existsSync(backupDir(ts.dataDir))).toBe(false);

    const made = await call(admin, 'POST', '/api/admin/backups');
    expect(made.status).toBe(200);
    if (!made.body.ok) throw new Error(made.body.error.code);
    expect(made.body.data).toMatchObject({ kind: 'now', verified: true });
    expect(made.body.data.name).toMatch(/^layso-\d{4}-\d{2}-\d{2}-now-\d{6}\.sqlite$/);
    const listed = await call(manager, 'GET', '/api/admin/backups');
    if (!listed.body.ok) throw new Error(listed.body.error.code);
    expect(listed.body.data).toMatchObject({ keepNow: 5, running: false, lastFailure: null, lastSuccessAt: expect.any(Number) as number });
    expect(listed.body.data.backups).toMatchObject([{ name: made.body.data.name, verified: true, kind: 'now' }]);
    const audit = await call(admin, 'GET', '/api/admin/audit');
    if (!audit.body.ok) throw new Error(audit.body.error.code);
    expect(audit.body.data.entries.find((e) => e.type === 'storage.backup_taken')).toMatchObject({ actorName: expect.any(String) as string, data: { name: made.body.data.name } });

    // The backup folder cannot be made (a file is in its way): BACKUP_FAILED, nothing kept.
    rmSync(backupDir(ts.dataDir), { recursive: true });
    writeFileSync(backupDir(ts.dataDir), 'not a folder');
    const failed = await call(admin, 'POST', '/api/admin/backups');
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED' } });
    const after = await call(manager, 'GET', '/api/admin/backups');
    if (!after.body.ok) throw new Error(after.body.error.code);
    expect(after.body.data.lastFailure).toMatchObject({ at: expect.any(Number) as number, message: expect.any(String) as string });
    const alerts = async (): Promise<Alert[]> => {
      const a = await call(manager, 'GET', '/api/alerts');
      if (!a.body.ok) throw new Error(a.body.error.code);
      return a.body.data.alerts.filter((x) => x.kind === 'backup');
    };
    expect(await alerts()).toMatchObject([{ level: 'error', endedAt: null }]);

    // Space for it again: the next backup works, the failure and its alert are over.
    rmSync(backupDir(ts.dataDir));
    expect((await call(admin, 'POST', '/api/admin/backups')).status).toBe(200);
    const fine = await call(manager, 'GET', '/api/admin/backups');
    if (!fine.body.ok) throw new Error(fine.body.error.code);
    expect(fine.body.data.lastFailure).toBeNull();
    expect(await alerts()).toMatchObject([{ endedAt: expect.any(Number) as number }]);
  });

  it('keeps the last five "back up now" copies beside the fourteen daily ones', () => {
    const dir = tempDir('layso-keep-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, nowName('2026-03-10', `1000${i}0`)), 'x');
    for (let d = 1; d <= 16; d++) writeFileSync(join(dir, dailyName(`2026-02-${String(d).padStart(2, '0')}`)), 'x');
    pruneBackups(dir);
    const left = readdirSync(dir);
    expect(left.filter((n) => n.includes('-now-')).sort()).toEqual([3, 4, 5, 6, 7].map((i) => nowName('2026-03-10', `1000${i}0`)));
    expect(left.filter((n) => !n.includes('-now-'))).toHaveLength(14);
  });
});
