/**
 * Issue 12 #1, #7, #11, #13, #14: what a browser or a crafted request can do to the server's pages.
 * Real server, real HTTP, real headless Chromium.
 */
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import type { Browser } from 'playwright-core';
import type { IssuedTicket } from '@layso/shared';
import { kiosk, must, rid, send, startTestServer, type TestServer } from '../support/harness.js';
import { launchBrowser } from '../support/browser.js';
import { raw } from '../support/raw-http.js';
import { csvField, csvLine } from '../../src/reports/export.js';

const web = (app: string): string => fileURLToPath(new URL(`../../../${app}/dist/web`, import.meta.url));
const WEB_ROOTS = { kiosk: web('kiosk-app'), display: web('display-app'), staff: web('staff-app'), rate: `${web('display-app')}/rate` };

let ts: TestServer;
const logLines: { level: number; msg: string }[] = [];
let browser: Browser;

beforeAll(async () => {
  for (const root of Object.values(WEB_ROOTS)) {
    if (!existsSync(`${root}/index.html`)) throw new Error(`${root} is not built: run \`npm test\` or \`node scripts/build.mjs\``);
  }
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as { level: number; msg: string });
      cb();
    },
  });
  ts = await startTestServer({ webRoots: WEB_ROOTS, log: pino({ level: 'debug' }, sink) });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await ts?.close();
});

const PAGES = ['/', '/kiosk/', '/display/', '/staff/', '/t/AAAAAAAAAAAAAAAAAAAAAA', '/api/health', '/no-such-route', '/static/tracking.js'];

describe('security headers (#7)', () => {
  it.each(PAGES)('%s carries CSP without inline script, frame-ancestors none, nosniff and a referrer policy', async (path) => {
    const r = await raw(ts.url + path);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('the server’s own pages have no inline script at all', async () => {
    for (const path of ['/', '/t/AAAAAAAAAAAAAAAAAAAAAA', '/kiosk/', '/display/', '/staff/']) {
      const html = (await raw(ts.url + path)).body;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, path).toMatch(/\bsrc=/);
        expect(body!.trim(), path).toBe('');
      }
    }
  });
});

describe('the phone page /t/<id> (#1)', () => {
  const EVIL = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

  it('is the same bytes whatever the id: nothing of the request reaches the page', async () => {
    const plain = await raw(`${ts.url}/t/AAAAAAAAAAAAAAAAAAAAAA`);
    const evil = await raw(`${ts.url}/t/${encodeURIComponent(EVIL)}`);
    expect(evil.status).toBe(200);
    expect(evil.body).toBe(plain.body);
    expect(evil.body).not.toContain('__pwned');
  });

  it('runs no script from a crafted link, and still shows a real ticket under the CSP (Chromium)', async () => {
    const k = await kiosk(ts.url);
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    k.disconnect();
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${ts.url}/t/${encodeURIComponent(EVIL)}`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent !== '');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.textContent('#state')).toContain('Không tìm thấy vé');
    await page.goto(`${ts.url}${issued.trackingPath}`);
    await page.waitForFunction((n) => document.getElementById('num')?.textContent === n, issued.ticket.displayNumber);
    expect(await page.textContent('#service')).toContain('Hộ tịch');
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('the built apps under the CSP (#7, Chromium)', () => {
  it.each([
    ['/kiosk/', 'Hộ tịch'],
    ['/display/', ''],
    ['/rate/?counter=1', 'Quầy số 1'],
    ['/staff/', ''],
    ['/', 'Tân Phú'],
  ])('%s loads, renders and reports no CSP violation', async (path, text) => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(ts.url + path);
    await page.waitForFunction(() => (document.body?.innerText ?? '').trim().length > 20);
    if (text) await page.waitForFunction((t) => document.body.innerText.includes(t), text);
    // Give late loads (fonts, voice, sockets) a moment to be refused, if they were going to be.
    await new Promise((r) => setTimeout(r, 700));
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses to be framed', async () => {
    const page = await browser.newPage();
    // A page of another origin (Chromium's about:blank document) framing the staff console.
    await page.setContent(`<iframe id="f" src="${ts.url}/staff/"></iframe>`);
    await new Promise((r) => setTimeout(r, 1000));
    const frame = page.frames().find((f) => f.url().includes('/staff/'));
    const rendered = frame ? await frame.evaluate(() => document.getElementById('root')?.childElementCount ?? 0).catch(() => 0) : 0;
    expect(rendered).toBe(0);
    await page.close();
  });
});

describe('client errors are the client’s (#11)', () => {
  it('a body over the limit answers 413 PAYLOAD_TOO_LARGE, a wrong content type 415, neither logs an error', async () => {
    logLines.length = 0;
    const big = await raw(`${ts.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const wrongType = await raw(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(wrongType.status).toBe(415);
    expect(JSON.parse(wrongType.body)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    // pino levels: 40 warn, 50 error.
    expect(logLines.filter((l) => l.level >= 40)).toEqual([]);
  });
});

describe('Host and Origin (#13)', () => {
  const port = (): string => new URL(ts.url).port;

  it('answers pages and the API only by names it is known by (DNS rebinding)', async () => {
    expect((await raw(ts.url + '/', { headers: { host: `127.0.0.1:${port()}` } })).status).toBe(200);
    expect((await raw(ts.url + '/', { headers: { host: `localhost:${port()}` } })).status).toBe(200);
    const evil = await raw(ts.url + '/api/services', { headers: { host: `attacker.example:${port()}` } });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const post = await raw(ts.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://attacker.example' },
      body: JSON.stringify({ username: 'admin', password: 'demo' }),
    });
    expect(post.status).toBe(403);
  });

  it('refuses sockets from a page of another origin, or addressed by a rebinding name', async () => {
    const tryConnect = (opts: { origin?: string; host?: string }): Promise<string> =>
      new Promise((resolve) => {
        const headers: Record<string, string> = {};
        if (opts.origin) headers.origin = opts.origin;
        if (opts.host) headers.host = opts.host;
        const s = io(`${ts.url}/kiosk`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
        s.once('connect', () => {
          s.disconnect();
          resolve('connected');
        });
        s.once('connect_error', () => {
          s.disconnect();
          resolve('refused');
        });
      });
    expect(await tryConnect({})).toBe('connected');
    expect(await tryConnect({ origin: ts.url })).toBe('connected');
    expect(await tryConnect({ origin: 'http://attacker.example' })).toBe('refused');
    expect(await tryConnect({ origin: `http://attacker.example:${port()}`, host: `attacker.example:${port()}` })).toBe('refused');
    expect(await tryConnect({ origin: 'null' })).toBe('refused');
  });

  it('limits demo kiosks per device: a new loopback address gets no fresh allowance', async () => {
    ts.setSettings({ kioskRateLimitPerMin: 3 });
    ts.clock.advance(61_000); // a fresh minute: earlier tests' tickets do not count
    const from = (address: string) =>
      new Promise<ReturnType<typeof io>>((resolve, reject) => {
        const s = io(`${ts.url}/kiosk`, { transports: ['websocket'], reconnection: false, forceNew: true, localAddress: address } as Parameters<typeof io>[1]);
        s.once('snapshot', () => resolve(s));
        s.once('connect_error', reject);
      });
    const a = await from('127.0.0.2');
    for (let i = 0; i < 3; i++) await must(a, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    const b = await from('127.0.0.3');
    const refused = await send(b, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    a.disconnect();
    b.disconnect();
    ts.setSettings({ kioskRateLimitPerMin: 20 });
  });
});

describe('CSV exports carry no live formula (#14)', () => {
  it('neutralises text cells that start with = + - @ (and leaves numbers alone)', () => {
    for (const evil of ['=HYPERLINK("http://x.example","bấm")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvField(evil);
      expect(cell.replace(/^"/, '').startsWith("'"), evil).toBe(true);
    }
    expect(csvField('Hộ tịch')).toBe('Hộ tịch');
    expect(csvField(-3)).toBe('-3');
    const line = csvLine({
      date: '2026-03-10', number: '1001', service: '=HYPERLINK("http://x.example","y")', priority: '', issued: null, called: null,
      started: null, finished: null, state: 'done', counter: '@quay', officer: '+Lan', waitMin: 2, serviceMin: -1,
    } as unknown as Parameters<typeof csvLine>[0]);
    expect(line).toContain(`"'=HYPERLINK(""http://x.example"",""y"")"`);
    expect(line).toContain(",'@quay,'+Lan,2,-1");
  });
});
