/**
 * Issue 12 #4, #5, #8, #10: a full or locked disk, a lost database, a typo in a setting and a
 * damaged index, each met by a real server on a real SQLite file.
 */
import { closeSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, IssuedTicket } from '@layso/shared';
import { display, kiosk, login, must, record, rid, send, staff, startTestServer, tempDir, until, type TestServer } from '../support/harness.js';
import { startServer, databaseFile } from '../../src/server.js';
import { MARKER_FILE, rememberCentre } from '../../src/store/centre-marker.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
});
async function serve(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const ts = await startTestServer(opts);
  closers.push(() => ts.close());
  return ts;
}
interface Health {
  status: string;
  storage: { faults: string[]; journalMode: string; synchronous: string; foreignKeys: boolean; quickCheck: string };
  problems: { kind: string }[];
}
const health = async (url: string): Promise<Health> => ((await (await fetch(`${url}/api/health`)).json()) as { data: Health }).data;
/** Today's alerts as the board reads them after a reload. */
async function alertsList(url: string, token: string): Promise<Alert[]> {
  const res = await fetch(`${url}/api/alerts`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { data: { alerts: Alert[] } }).data.alerts;
}

describe('a full or locked disk (#4)', () => {
  it('SQLITE_BUSY past the timeout: a connecting device and an issue fail alone, the server keeps serving, alerts, recovers', async () => {
    const ts = await serve();
    const manager = await staff(ts.url, 'quanly');
    const alerts = record<Alert>(manager, 'alert');
    const token = await login(ts.url, 'quanly');
    ts.server.db.pragma('busy_timeout = 200');
    // A backup (or any other process) holds the write lock.
    const other = new Database(databaseFile(ts.dataDir));
    other.pragma('busy_timeout = 200');
    other.exec('BEGIN IMMEDIATE');
    // The device-seen update in the connection listener meets SQLITE_BUSY: before the fix it
    // threw out of the listener and took the process down.
    const d = await display(ts.url);
    const k = await kiosk(ts.url);
    const refused = await send(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_BUSY' } });
    await until(() => alerts.some((a) => a.kind === 'storage' && a.level === 'error'), 2000, 'a storage alert');
    expect(alerts.filter((a) => a.kind === 'storage' && a.level === 'error')).toHaveLength(1);
    expect((await health(ts.url)).status).toBe('degraded');
    expect((await fetch(`${ts.url}/api/services`)).status).toBe(200); // reading still works
    // The board lists it after a reload, though the locked database could not take it yet.
    const during = (await alertsList(ts.url, token)).filter((a) => a.kind === 'storage');
    expect(during).toMatchObject([{ level: 'error', endedAt: null }]);
    const startedAt = during[0]!.startedAt!;
    other.exec('ROLLBACK');
    other.close();
    await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    await until(() => alerts.some((a) => a.kind === 'storage' && a.endedAt != null && a.id! > 0), 2000, 'the all-clear');
    expect((await health(ts.url)).status).toBe('ok');
    // Kept in the book with its real start and its end, like any other alert of the day.
    const after = (await alertsList(ts.url, token)).filter((a) => a.kind === 'storage');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ startedAt, endedAt: expect.any(Number) as number });
    expect(after[0]!.id).toBeGreaterThan(0);
    for (const s of [d, k, manager]) s.disconnect();
  });

  it('SQLITE_FULL: issuing answers STORAGE_FULL, nothing half-written, and works again when space returns', async () => {
    const ts = await serve({ settings: { kioskRateLimitPerMin: 0 } });
    const k = await kiosk(ts.url);
    const token = await login(ts.url, 'quanly');
    const db = ts.server.db;
    const pages = Number(db.pragma('page_count', { simple: true }));
    // The database may not grow: what a full disk is to SQLite.
    db.pragma(`max_page_count = ${pages}`);
    let code = '';
    let issued = 0;
    // Five at a time, so they share group commits: a batch that meets the full disk fails whole
    // (SQLite ends the transaction itself), and no ticket is stored that was not acknowledged.
    for (let i = 0; i < 400 && !code; i++) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => send<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'dat-dai' })));
      for (const a of answers) {
        if (a.ok) issued++;
        else code = a.error.code;
      }
    }
    expect(code).toBe('STORAGE_FULL');
    const count = (): number => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tickets').get()!.n;
    expect(count()).toBe(issued);
    expect(ts.server.engine.listServices().length).toBeGreaterThan(0);
    expect((await health(ts.url)).storage.faults).toEqual(['STORAGE_FULL']);
    expect((await alertsList(ts.url, token)).filter((a) => a.kind === 'storage')).toMatchObject([{ level: 'error', endedAt: null }]);
    // Space returns: the next issue works, with nobody restarting anything.
    db.pragma('max_page_count = 1073741823');
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'dat-dai' });
    expect(count()).toBe(issued + 1);
    expect((await health(ts.url)).status).toBe('ok');
    const storage = (await alertsList(ts.url, token)).filter((a) => a.kind === 'storage');
    expect(storage).toHaveLength(1);
    expect(storage[0]!.endedAt).toEqual(expect.any(Number));
    k.disconnect();
  });
});

describe('a lost database (#5)', () => {
  it('a zero-length database is refused with a clear message, never replaced by the demo', async () => {
    const dir = tempDir();
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(databaseFile(dir), '');
    await expect(startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true })).rejects.toThrow(/empty \(0 bytes\)/);
    expect(statSync(databaseFile(dir)).size).toBe(0);
  });

  it('a centre that was set up refuses to start when its database, or its whole data directory, is missing', async () => {
    const dir = tempDir();
    const config = tempDir();
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    closers.push(async () => rmSync(config, { recursive: true, force: true }));
    const registry = join(config, 'centres.json');
    const ts = await startTestServer({ dataDir: dir, setupRegistry: registry, settings: { demo: false } });
    await ts.close({ keepData: true });
    // A real centre started once is remembered (an older centre gets its marker at this start).
    rememberCentre(dir, 'x', registry, Date.now());
    rmSync(databaseFile(dir));
    await expect(startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true, setupRegistry: registry })).rejects.toThrow(/has no database/);
    rmSync(dir, { recursive: true, force: true });
    await expect(startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true, setupRegistry: registry })).rejects.toThrow(/is its disk mounted/);
  });

  it('a fresh data directory still becomes the demo; a real centre writes its marker', async () => {
    const ts = await startTestServer();
    expect(ts.server.seeded).toBe(true);
    ts.setSettings({ demo: false });
    const dir = ts.dataDir;
    await ts.close({ keepData: true });
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const again = await startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true });
    closers.push(() => again.close());
    expect(statSync(join(dir, MARKER_FILE)).size).toBeGreaterThan(0);
  });
});

describe('settings checked for meaning (#8)', () => {
  it('refuses a time-zone typo and hours that close before they open; nothing changes', async () => {
    const ts = await serve();
    const admin = await login(ts.url, 'admin');
    const put = (path: string, method: string, body: unknown) =>
      fetch(`${ts.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    const before = ts.server.engine.getSettings();
    const tz = await put('/api/admin/settings', 'PUT', { ...before, timeZone: 'Asia/Ho_Chi_Mihn' });
    expect(tz.status).toBe(400);
    expect(((await tz.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    expect(ts.server.engine.getSettings()).toEqual(before);
    const hours = await put('/api/admin/services/ho-tich', 'PATCH', { hours: { open: '17:00', close: '07:30' } });
    expect(hours.status).toBe(400);
    const k = await kiosk(ts.url);
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    k.disconnect();
  });

  it('a bad stored setting does not keep the centre down: it starts with the default and alerts', async () => {
    const ts = await startTestServer();
    const dir = ts.dataDir;
    await ts.close({ keepData: true });
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const db = new Database(databaseFile(dir));
    const row = db.prepare<[], { json: string }>('SELECT json FROM settings').get()!;
    db.prepare('UPDATE settings SET json = ?').run(JSON.stringify({ ...(JSON.parse(row.json) as object), timeZone: 'Asia/Ho_Chi_Mihn', kioskRateLimitPerMin: -5 }));
    db.close();
    const again = await startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true });
    closers.push(() => again.close());
    const url = `http://127.0.0.1:${again.port}`;
    expect(again.engine.getSettings().timeZone).toBe('Asia/Ho_Chi_Minh');
    // Listening from the start, as the staff app does.
    const manager = io(`${url}/staff`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: await login(url, 'quanly') } });
    const alerts = record<Alert>(manager, 'alert');
    await until(() => alerts.some((a) => a.kind === 'settings'), 2000, 'the settings alert for a manager who connects later');
    expect(alerts.find((a) => a.kind === 'settings')!.message).toContain('timeZone');
    const k = await kiosk(url);
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect((await health(url)).problems.map((p) => p.kind)).toContain('settings');
    for (const s of [k, manager]) s.disconnect();
    // The board lists it after a reload; acknowledged, it stays open over a restart until the
    // settings are saved.
    const token = await login(url, 'quanly');
    const listed = (await alertsList(url, token)).filter((a) => a.kind === 'settings');
    expect(listed).toMatchObject([{ endedAt: null, ackedBy: null }]);
    const ack = await fetch(`${url}/api/alerts/${listed[0]!.id}/ack`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(ack.status).toBe(200);
    await again.close();
    closers.pop();
    const third = await startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true });
    closers.push(() => third.close());
    const url3 = `http://127.0.0.1:${third.port}`;
    const admin = await login(url3, 'admin');
    expect((await alertsList(url3, admin)).filter((a) => a.kind === 'settings')).toMatchObject([{ id: listed[0]!.id, endedAt: null, ackedBy: expect.any(String) as string }]);
    const saved = await fetch(`${url3}/api/admin/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(third.engine.getSettings()) });
    expect(saved.status).toBe(200);
    expect((await alertsList(url3, admin)).filter((a) => a.kind === 'settings')).toMatchObject([{ endedAt: expect.any(Number) as number }]);
  });
});

describe('integrity (#10)', () => {
  it('/api/health reports WAL, synchronous FULL, foreign keys and the start-up check', async () => {
    const ts = await serve();
    expect((await health(ts.url)).storage).toMatchObject({ journalMode: 'wal', synchronous: 'full', foreignKeys: true, quickCheck: 'ok', faults: [] });
  });

  it('a damaged index is found at start (alert) and by the on-demand integrity check', async () => {
    const ts = await startTestServer();
    const dir = ts.dataDir;
    await ts.close({ keepData: true });
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const db = new Database(databaseFile(dir));
    const { rootpage } = db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'tickets_successor'").get()!;
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.close();
    const fd = openSync(databaseFile(dir), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const again = await startServer({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemoIfEmpty: true });
    closers.push(() => again.close());
    const url = `http://127.0.0.1:${again.port}`;
    const h = await health(url);
    expect(h.storage.quickCheck).toBe('damaged');
    expect(h.problems.map((p) => p.kind)).toContain('integrity');
    const admin = await login(url, 'admin');
    expect((await alertsList(url, admin)).filter((a) => a.kind === 'integrity')).toMatchObject([{ level: 'error', endedAt: null }]);
    const check = (await (await fetch(`${url}/api/admin/integrity-check`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } })).json()) as { data: { ok: boolean; problems: string[] } };
    expect(check.data.ok).toBe(false);
    expect(check.data.problems.length).toBeGreaterThan(0);
  });
});
