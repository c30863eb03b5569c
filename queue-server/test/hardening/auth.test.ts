/**
 * Issue 12 #2, #3, #6: sign-in that parallel guesses cannot beat, that a prankster cannot use to
 * keep the admin out, that does not tell which names exist, a recovery path on the server PC, and
 * staff sockets that end with their session.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack } from '@layso/shared';
import { login, startTestServer, staff, until, type TestServer } from '../support/harness.js';
import { postJson, raw } from '../support/raw-http.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let ts: TestServer | null = null;
afterEach(async () => {
  await ts?.close();
  ts = null;
});

type LoginAck = Ack<{ token: string }>;
const attempt = async (url: string, username: string, password: string, localAddress?: string): Promise<LoginAck> =>
  (await postJson<LoginAck>(url, '/api/auth/login', { username, password }, localAddress ? { localAddress } : {})).body;
const codeOf = (a: LoginAck): string => (a.ok ? 'OK' : a.error.code);

function cli(args: string[], dataDir: string, input = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'queue-server/src/main.ts', ...args], {
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

describe('sign-in lockout (#2, #3)', () => {
  it('40 parallel wrong passwords: at most 5 are checked, the lock holds, the right password then fails', async () => {
    ts = await startTestServer();
    const url = ts.url;
    // From 40 different loopback addresses, so the address throttle is not what stops them.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(url, 'admin', `guess-${i}`, `127.0.1.${i + 1}`)));
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(35);
    const row = ts.server.db.prepare<[], { failed_logins: number; locked_until: number | null }>("SELECT failed_logins, locked_until FROM users WHERE username = 'admin'").get()!;
    expect(row.locked_until).toBeGreaterThan(ts.clock.now());
    expect(codeOf(await attempt(url, 'admin', 'demo', '127.0.2.1'))).toBe('ACCOUNT_LOCKED');
  });

  it('answers the same for an unknown name as for a real one, wrong or locked', async () => {
    ts = await startTestServer();
    const first = [await attempt(ts.url, 'canbo1', 'x', '127.0.3.1'), await attempt(ts.url, 'khong-co-ai', 'x', '127.0.3.2')];
    expect(first[0]).toEqual(first[1]);
    for (let i = 0; i < 5; i++) {
      await attempt(ts.url, 'canbo1', `x${i}`, `127.0.4.${i + 1}`);
      await attempt(ts.url, 'khong-co-ai', `x${i}`, `127.0.5.${i + 1}`);
    }
    const locked = [await attempt(ts.url, 'canbo1', 'demo', '127.0.6.1'), await attempt(ts.url, 'khong-co-ai', 'demo', '127.0.6.2')];
    expect(codeOf(locked[0]!)).toBe('ACCOUNT_LOCKED');
    expect(locked[0]).toEqual(locked[1]);
  });

  it('throttles a guessing address with a delay that doubles, and never blocks the admin at another PC', async () => {
    ts = await startTestServer();
    const prankster = '127.0.7.1';
    // Five guesses on five different names: no account locks, the address starts to wait.
    for (let i = 0; i < 5; i++) expect(codeOf(await attempt(ts.url, `nguoi-${i}`, 'x', prankster))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attempt(ts.url, 'nguoi-5', 'x', prankster))).toBe('INVALID_CREDENTIALS'); // 6th: now waits 1 s
    expect(codeOf(await attempt(ts.url, 'nguoi-6', 'x', prankster))).toBe('RATE_LIMITED');
    ts.clock.advance(1_000);
    expect(codeOf(await attempt(ts.url, 'nguoi-6', 'x', prankster))).toBe('INVALID_CREDENTIALS'); // waits 2 s
    ts.clock.advance(1_500);
    expect(codeOf(await attempt(ts.url, 'nguoi-7', 'x', prankster))).toBe('RATE_LIMITED');
    ts.clock.advance(500);
    expect(codeOf(await attempt(ts.url, 'nguoi-7', 'x', prankster))).toBe('INVALID_CREDENTIALS'); // waits 4 s
    // Even the right password waits at the throttled address (it could be the 9th guess) …
    expect(codeOf(await attempt(ts.url, 'admin', 'demo', prankster))).toBe('RATE_LIMITED');
    // … while the admin at another PC signs in.
    expect(codeOf(await attempt(ts.url, 'admin', 'demo', '127.0.7.2'))).toBe('OK');
  });

  it('behind a TLS proxy (LAYSO_TRUST_PROXY), throttles the client the proxy names, not the proxy', async () => {
    ts = await startTestServer({ trustProxy: true });
    const via = async (client: string, username: string, password: string): Promise<string> => {
      const r = await raw(`${ts!.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ username, password }),
      });
      return codeOf(JSON.parse(r.body) as LoginAck);
    };
    for (let i = 0; i < 6; i++) expect(await via('10.0.0.66', `nguoi-${i}`, 'x')).toBe('INVALID_CREDENTIALS');
    expect(await via('10.0.0.66', 'nguoi-9', 'x')).toBe('RATE_LIMITED');
    expect(await via('10.0.0.7', 'admin', 'demo')).toBe('OK');
  });

  it('a locked admin is unlocked, or given a new password, on the server PC (npm run unlock / reset-password)', async () => {
    ts = await startTestServer();
    for (let i = 0; i < 5; i++) await attempt(ts.url, 'admin', `x${i}`, `127.0.8.${i + 1}`);
    expect(codeOf(await attempt(ts.url, 'admin', 'demo', '127.0.8.9'))).toBe('ACCOUNT_LOCKED');
    const unlocked = await cli(['unlock', 'admin'], ts.dataDir);
    expect(unlocked.out).toContain('unlocked');
    expect(unlocked.code).toBe(0);
    // The running server reads the lock from the database at each attempt.
    expect(codeOf(await attempt(ts.url, 'admin', 'demo', '127.0.8.10'))).toBe('OK');

    for (let i = 0; i < 5; i++) await attempt(ts.url, 'admin', `y${i}`, `127.0.9.${i + 1}`);
    const reset = await cli(['reset-password', 'admin'], ts.dataDir, 'short\nmat-khau-moi-2026\n');
    expect(reset.code).toBe(0);
    expect(codeOf(await attempt(ts.url, 'admin', 'demo', '127.0.9.10'))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attempt(ts.url, 'admin', 'mat-khau-moi-2026', '127.0.9.11'))).toBe('OK');
    const nobody = await cli(['unlock', 'khong-co-ai'], ts.dataDir);
    expect(nobody.code).toBe(2);
    expect(nobody.out).toContain('no user');
  }, 120_000); // four runs of the CLI through tsx: slow on a loaded machine
});

describe('staff sockets end with their session (#6)', () => {
  const closed = (s: { connected: boolean; once(ev: 'disconnect', fn: () => void): unknown }): { done: () => boolean } => {
    let gone = !s.connected;
    s.once('disconnect', () => (gone = true));
    return { done: () => gone };
  };

  it('sign-out closes that session’s open sockets at once, and only those', async () => {
    ts = await startTestServer();
    const token = await login(ts.url, 'canbo1');
    const { io } = await import('socket.io-client');
    const mine = io(`${ts.url}/staff`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
    await new Promise((r) => mine.once('snapshot', r));
    const other = await staff(ts.url, 'canbo1'); // the same officer on another PC, another session
    const a = closed(mine);
    const b = closed(other);
    await postJson(ts.url, '/api/auth/logout', {}, { token });
    await until(a.done, 1000, 'the signed-out socket to close');
    expect(b.done()).toBe(false);
    other.disconnect();
  });

  it('an expired session, a disabled user and a new role close the open sockets', async () => {
    ts = await startTestServer();
    const expiring = await staff(ts.url, 'canbo2');
    const e = closed(expiring);
    ts.clock.advance(12 * 3600_000 + 1);
    await until(e.done, 5000, 'the expired session’s socket to close');

    const admin = await login(ts.url, 'admin');
    const officer = await staff(ts.url, 'canbo3');
    const manager = await staff(ts.url, 'quanly');
    const o = closed(officer);
    const m = closed(manager);
    const patch = (id: string, body: unknown) =>
      fetch(`${ts!.url}/api/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    expect((await patch('u-canbo3', { disabled: true })).status).toBe(200);
    await until(o.done, 1000, 'the disabled user’s socket to close');
    expect((await patch('u-quanly', { role: 'officer' })).status).toBe(200);
    await until(m.done, 1000, 'the re-roled user’s socket to close');
  });
});
