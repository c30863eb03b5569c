/**
 * HTTPS between a centre and the hub, with the hub's key pinned at enrolment. The certificates
 * are made here with `openssl` (self-signed, for 127.0.0.1): a hub that later shows another key
 * is refused before the centre sends anything, and nothing more reaches it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../src/app.js';
import { startPostgres, type TestPostgres } from '../src/local-postgres.js';
import { startTestServer, tempDir, until, type TestServer } from '../../queue-server/test/support/harness.js';
import { request } from 'node:https';
import { ADMIN, centreLog, centreWork, enrolCentre, hubLog } from './support/hub.js';

let pgs: TestPostgres;
let dbUrl: string;
let dir: string;
let hub: RunningHub | null = null;
let ts: TestServer;

function selfSigned(name: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=hub.test',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

function httpsJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const r = request(url, { method: 'POST', rejectUnauthorized: false, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve((JSON.parse(text) as { data: T }).data));
    });
    r.on('error', reject);
    r.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  dir = tempDir('layso-tls-');
  pgs = await startPostgres();
  dbUrl = await pgs.createDatabase('hub_tls');
  ts = await startTestServer({ uplink: { kickDelayMs: 10, pollMs: 200, figuresEveryMs: 0, minBackoffMs: 50, maxBackoffMs: 300, timeoutMs: 3_000 } });
});
afterAll(async () => {
  await ts?.close();
  await hub?.close();
  await pgs?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTPS with a pinned hub key', () => {
  it('enrols over HTTPS, pins the key, streams; a hub with another key is refused', async () => {
    hub = await startHub({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', tls: selfSigned('a'), bootstrapAdmin: ADMIN });
    expect(hub.url.startsWith('https://')).toBe(true);
    const port = hub.port;
    // The province admin's own calls (a test client) accept the test certificate.
    const token = (await httpsJson<{ token: string }>(`${hub.url}/api/login`, ADMIN)).token;
    const { code } = await httpsJson<{ code: string }>(`${hub.url}/api/centres`, { id: 'xa-tls', nameVi: 'Xã TLS', nameEn: 'TLS commune' }, token);
    await centreWork(ts, 5, 2);
    await enrolCentre(ts, hub.url, code);
    const status = ts.server.uplink.status();
    expect(status.pin).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await ts.server.uplink.syncNow();
    expect(await hubLog(dbUrl, 'xa-tls')).toEqual(centreLog(ts.server.db));

    // Someone stands up a hub with another key at the same address.
    await hub.close();
    hub = await startHub({ databaseUrl: dbUrl, port, host: '127.0.0.1', tls: selfSigned('b') });
    const held = (await hubLog(dbUrl, 'xa-tls')).length;
    await centreWork(ts, 3, 1);
    await until(() => ts.server.uplink.status().state === 'refused', 10_000, 'the uplink to refuse the hub');
    expect(ts.server.uplink.status().lastError).toBe('HUB_CERT_MISMATCH');
    expect((await hubLog(dbUrl, 'xa-tls')).length).toBe(held);

    // The real hub back with its own key: the uplink takes up again where the hub stands.
    await hub.close();
    hub = await startHub({ databaseUrl: dbUrl, port, host: '127.0.0.1', tls: { cert: readFileSync(join(dir, 'a.crt'), 'utf8'), key: readFileSync(join(dir, 'a.key'), 'utf8') } });
    ts.server.uplink.kick();
    await ts.server.uplink.syncNow();
    expect(await hubLog(dbUrl, 'xa-tls')).toEqual(centreLog(ts.server.db));
  });
});
