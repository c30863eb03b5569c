/**
 * Pairing a kiosk end to end: the built app served by the real queue server with demo mode off
 * (so this loopback browser is NOT let in without a token), driven in headless Chromium at
 * 1080×1920 on its on-screen pad; the admin's side is plain REST with an admin's bearer token.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DeviceView, PairingCode, PublicTicketStatus } from '@layso/shared';
import { adminCall, kiosk as kioskSocket, login, startTestServer, type TestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';

const WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-output/kiosk-app/', import.meta.url));
const TOKEN_KEY = 'layso.kiosk.deviceToken';

let browser: Browser;
let ts: TestServer | null = null;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (!existsSync(`${WEB}/index.html`)) {
    throw new Error(`kiosk-app is not built (${WEB}): run \`npm test\` or \`cd kiosk-app && npx vite build\``);
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c().catch(() => undefined);
  await ts?.close();
  ts = null;
});

async function openKiosk(url: string, storedToken?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  closers.push(() => context.close());
  if (storedToken) await context.addInitScript(([k, v]) => localStorage.setItem(k!, v!), [TOKEN_KEY, storedToken]);
  // Every screen the page shows, in order (to prove one never appeared).
  await context.addInitScript(() => {
    const w = window as unknown as { __screens: string[] };
    w.__screens = [];
    new MutationObserver(() => {
      const s = document.querySelector('.kiosk')?.getAttribute('data-screen');
      if (s && w.__screens.at(-1) !== s) w.__screens.push(s);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-screen'] });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('kiosk page error:', e));
  await page.goto(`${url}/kiosk/`);
  return page;
}

/** Type a code on the pairing screen's pad, as a finger would. */
async function typeCode(page: Page, code: string): Promise<void> {
  for (const d of code) await page.click(`[data-screen=pairing] [data-key="${d}"]`);
}

const pairingShown = (page: Page) => page.waitForSelector('[data-screen=pairing] [data-testid=pair-code]');
const homeShown = (page: Page) => page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');

describe('kiosk pairing', () => {
  it('pairs with an admin’s code, issues a ticket, and goes back to pairing at once when revoked', async () => {
    ts = await startTestServer({ webRoots: { kiosk: WEB } });
    ts.setSettings({ demo: false });
    const { url } = ts;

    const page = await openKiosk(url);
    await pairingShown(page);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.textContent('[data-screen=pairing] .title')).toContain('Ghép nối thiết bị');
    expect(await page.textContent('[data-screen=pairing] .title')).toContain('Pair this device');
    expect(await page.$('[data-testid=pair-revoked]')).toBeNull();
    await lookAt(page, `${SHOTS}pairing.png`);

    // A wrong code: the words, and the boxes empty for the next try. No code exists yet, so any is wrong.
    await typeCode(page, '000000');
    await page.waitForSelector('[data-testid=pair-message][data-problem=wrongCode]');
    expect(await page.textContent('[data-testid=pair-message]')).toContain('Mã không đúng hoặc đã hết hạn');
    expect(await page.getAttribute('[data-testid=pair-code]', 'data-digits')).toBe('0');
    await lookAt(page, `${SHOTS}pairing-wrong.png`);

    // Ten guesses a minute from one address: nine more from here, and the page's next is refused.
    for (let i = 1; i <= 9; i++) {
      await fetch(`${url}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: '00000' + i, kind: 'kiosk' }) });
    }
    await typeCode(page, '111111');
    await page.waitForSelector('[data-testid=pair-message][data-problem=tooMany]');
    expect(await page.textContent('[data-testid=pair-message]')).toContain('Nhập sai quá nhiều lần');
    ts.clock.advance(61_000); // the minute passes (the server's clock)

    // The admin issues a code; typed on the pad, it pairs the kiosk, which then works.
    const admin = await login(url, 'admin');
    const issued = await adminCall<PairingCode>(url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'kiosk', name: 'Kiosk sảnh A' });
    expect(issued.code).toMatch(/^\d{6}$/);
    await typeCode(page, issued.code);
    await homeShown(page);
    const token = await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY);
    expect(token).toBeTruthy();
    const devices = await adminCall<DeviceView[]>(url, admin, 'GET', '/api/admin/devices');
    const device = devices.find((d) => d.name === 'Kiosk sảnh A');
    expect(device).toMatchObject({ kind: 'kiosk', paired: true, connected: true, revokedAt: null });

    await page.click('[data-service-id=ho-tich]');
    await page.waitForSelector('[data-screen=priority]');
    await page.click('[data-priority=none]');
    const ticket = await page.waitForSelector('[data-screen=confirm] [data-ticket-id]');
    const ticketId = (await ticket.getAttribute('data-ticket-id'))!;
    const status = (await (await fetch(`${url}/api/tickets/${ticketId}`)).json()) as { ok: boolean; data: PublicTicketStatus };
    expect(status.data).toMatchObject({ serviceId: 'ho-tich', state: 'waiting', displayNumber: await ticket.getAttribute('data-display-number') });

    // Revoked: back to the pairing screen with the words, whatever screen it was on (the ticket).
    await adminCall<DeviceView>(url, admin, 'POST', `/api/admin/devices/${device!.id}/revoke`);
    const revoked = await page.waitForSelector('[data-screen=pairing] [data-testid=pair-revoked]');
    expect(await revoked.textContent()).toContain('Thiết bị đã bị thu hồi — nhập mã ghép nối mới');
    expect(await revoked.textContent()).toContain('This device was revoked — enter a new pairing code');
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
    await lookAt(page, `${SHOTS}pairing-revoked.png`);

    // The old token is refused from now on.
    const refused = await kioskSocket(url, { deviceToken: token }).then(
      (s) => {
        s.disconnect();
        return null;
      },
      (e: Error & { data?: { code?: string } }) => e.data?.code,
    );
    expect(refused).toBe('UNAUTHENTICATED');

    // A new code pairs it again.
    const again = await adminCall<PairingCode>(url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'kiosk', name: 'Kiosk sảnh A (mới)' });
    await typeCode(page, again.code);
    await homeShown(page);
    const newToken = await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY);
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(token);
  }, 60_000);

  it('a display’s code does not pair a kiosk', async () => {
    ts = await startTestServer({ webRoots: { kiosk: WEB } });
    ts.setSettings({ demo: false });
    const admin = await login(ts.url, 'admin');
    const forDisplay = await adminCall<PairingCode>(ts.url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'display', name: 'Màn hình' });
    const page = await openKiosk(ts.url);
    await pairingShown(page);
    await typeCode(page, forDisplay.code);
    await page.waitForSelector('[data-testid=pair-message][data-problem=wrongCode]');
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
  });

  it('never shows the pairing screen in the demo centre on the server’s own machine, even with a dead token', async () => {
    ts = await startTestServer({ webRoots: { kiosk: WEB } });
    expect(ts.server.engine.getSettings().demo).toBe(true);
    const page = await openKiosk(ts.url, 'not-a-token-the-server-knows');
    await homeShown(page);
    expect(await page.getAttribute('.kiosk', 'data-connection')).toBe('connected');
    expect(await page.$('[data-screen=pairing]')).toBeNull();
    const seen = await page.evaluate(() => (window as unknown as { __screens: string[] }).__screens);
    expect(seen).toContain('home');
    expect(seen).not.toContain('pairing');
  });
});
