/** The CLI as a centre's IT person uses it: `layso init` for a real centre, then `layso start`. */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { login, spawnServer, tempDir, type ServerProcess } from './support/harness.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function runInit(dataDir: string, input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'queue-server/src/main.ts', 'init'], {
      cwd: repoRoot,
      env: { ...process.env, LAYSO_DATA_DIR: dataDir, LAYSO_CONFIG_DIR: join(dataDir, '.layso-config'), LAYSO_LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

describe('layso init', () => {
  it('sets up a real centre without demo data, with the admin password it was given', async () => {
    const dataDir = tempDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await runInit(dataDir, 'Trung tâm Phục vụ hành chính công xã Mỹ Lộc\nMy Loc Commune Centre\nshort\nmatkhau-2026-quantri\n');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Centre created');
    const again = await runInit(dataDir, 'x\n');
    expect(again.code).toBe(1);
    expect(again.out).toContain('already exists');

    const proc: ServerProcess = await spawnServer(dataDir);
    cleanup.push(() => proc.stop());
    expect(proc.output()).not.toContain('demo');
    const token = await login(proc.url, 'admin', 'matkhau-2026-quantri');
    expect(token.length).toBeGreaterThan(20);
    await expect(login(proc.url, 'canbo1', 'demo')).rejects.toThrow(/INVALID_CREDENTIALS/);
    const services = (await (await fetch(`${proc.url}/api/services`)).json()) as { data: { services: unknown[] } };
    expect(services.data.services).toEqual([]);
    const centre = (await (await fetch(`${proc.url}/api/centre`)).json()) as { data: { nameVi: string; demo: boolean; centreId: string } };
    expect(centre.data).toMatchObject({ nameVi: 'Trung tâm Phục vụ hành chính công xã Mỹ Lộc', demo: false });
    expect(centre.data.centreId).toMatch(/^centre-[0-9a-f-]{36}$/);
    // Not the demo: even a browser on this machine must be paired to act as a kiosk.
    const k = io(`${proc.url}/kiosk`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) => k.once('connect_error', resolve));
    expect(err.data?.code).toBe('UNAUTHENTICATED');
    k.disconnect();
  });

  it('starts the demo centre on an empty data directory and serves the landing page', async () => {
    const dataDir = tempDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const proc = await spawnServer(dataDir);
    cleanup.push(() => proc.stop());
    expect(proc.output()).toMatch(/canbo1 … canbo6/);
    expect(proc.output()).toMatch(/password "demo"/);
    const html = await (await fetch(`${proc.url}/`)).text();
    expect(html).toContain('Trung tâm Phục vụ hành chính công xã Tân Phú');
    expect(html).toContain('/kiosk/');
    expect(html).toContain('/display/');
    expect(html).toContain('/staff/');
    const health = (await (await fetch(`${proc.url}/api/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    // SIGTERM shuts down cleanly.
    expect(await proc.stop('SIGTERM')).toBe(0);
  });
});
