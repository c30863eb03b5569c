// Pairing a display end to end: the built app served by the real queue server with demo mode off
// (so this loopback browser is NOT let in without a token), in headless Chromium at 1920×1080.
// The admin's side is plain REST with an admin's bearer token; the officer and the kiosk are
// real socket.io clients (the kiosk paired by REST, as demo mode is off for it too).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CounterResult, DeviceView, PairingCode, PairResult } from '@layso/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { adminCall, display as displaySocket, kiosk, login, must, rid, staff, startTestServer, type TestServer } from '../../queue-server/test/support/harness.js';

const webRoot = fileURLToPath(new URL('../dist/web/', import.meta.url));
const shots = fileURLToPath(new URL('../../test-output/display-app/', import.meta.url));
const TOKEN_KEY = 'layso.display.deviceToken';

let browser: Browser;
let server: TestServer | null = null;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  if (!existsSync(`${webRoot}index.html`)) {
    throw new Error('display-app/dist/web is not built: run `npm test` (or `cd display-app && npx vite build`) first');
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  await server?.close();
  server = null;
});

/** The display connection state, from the page's read-only debug hook. */
function connection(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { __laysoDisplay?: { connection: string } }).__laysoDisplay?.connection);
}

async function waitConnection(page: Page, state: string): Promise<void> {
  await page.waitForFunction((s) => (window as unknown as { __laysoDisplay?: { connection: string } }).__laysoDisplay?.connection === s, state);
}

/** A display page; `shellToken` plays the Electron shell's display.json (`window.layso.getConfig`). */
async function openDisplay(url: string, shellToken?: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  closers.push(() => context.close());
  if (shellToken) {
    await context.addInitScript((token) => {
      Object.defineProperty(window, 'layso', { value: Object.freeze({ shell: 'electron', getConfig: async () => ({ deviceToken: token }) }) });
    }, shellToken);
  }
  // Whether the pairing screen ever appeared (to prove it never did).
  await context.addInitScript(() => {
    const w = window as unknown as { __sawPairing: boolean };
    w.__sawPairing = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=pairing]')) w.__sawPairing = true;
    }).observe(document, { subtree: true, childList: true });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('display page error:', e));
  await page.goto(`${url}/display/`);
  return { page, context };
}

/** Pair a device over REST as its own software would; its token. */
async function pairByRest(url: string, admin: string, kind: 'kiosk' | 'display', name: string): Promise<PairResult> {
  const { code } = await adminCall<PairingCode>(url, admin, 'POST', '/api/admin/pairing-codes', { kind, name });
  const res = await fetch(`${url}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, kind }) });
  const out = (await res.json()) as { ok: boolean; data: PairResult };
  expect(out.ok).toBe(true);
  return out.data;
}

async function clickCode(page: Page, code: string): Promise<void> {
  for (const d of code) await page.click(`[data-testid=pairing] [data-key="${d}"]`);
}

/** The error code a display socket with this token gets, or null if it connects. */
async function tokenRefusal(url: string, deviceToken: string): Promise<string | null | undefined> {
  return displaySocket(url, { deviceToken }).then(
    (s) => {
      s.disconnect();
      return null;
    },
    (e: Error & { data?: { code?: string } }) => e.data?.code,
  );
}

async function deviceNamed(url: string, admin: string, name: string): Promise<DeviceView> {
  const d = (await adminCall<DeviceView[]>(url, admin, 'GET', '/api/admin/devices')).find((x) => x.name === name);
  if (!d) throw new Error(`no device ${name}`);
  return d;
}

describe('display pairing', () => {
  it('pairs on the on-screen pad, shows an officer’s call, and goes back to pairing at once when revoked', async () => {
    server = await startTestServer({ webRoots: { display: webRoot } });
    server.setSettings({ demo: false });
    const { url } = server;

    const { page } = await openDisplay(url);
    await page.getByTestId('pair-code').waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await connection(page)).toBe('unpaired');
    const title = await page.locator('.pairing-title').textContent();
    expect(title).toContain('Ghép nối thiết bị');
    expect(title).toContain('Pair this device');
    expect(await page.getByTestId('pair-revoked').count()).toBe(0);
    await lookAt(page, `${shots}pairing.png`);

    // A TV remote: the first arrow lands on 5, Enter presses it; Escape clears.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=pair-code][data-digits="1"]');
    expect(await page.locator('.code-boxes .box').first().textContent()).toBe('5');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=pair-code][data-digits="0"]');

    // A wrong code typed on a keyboard: the words, and empty boxes for the next try.
    await page.keyboard.type('000000');
    await page.waitForSelector('[data-testid=pair-message][data-problem=wrongCode]');
    expect(await page.getByTestId('pair-message').textContent()).toContain('Mã không đúng hoặc đã hết hạn');
    expect(await page.getByTestId('pair-code').getAttribute('data-digits')).toBe('0');
    await lookAt(page, `${shots}pairing-wrong.png`);

    // The admin issues a code; clicked on the on-screen pad, it pairs the display.
    const admin = await login(url, 'admin');
    const issued = await adminCall<PairingCode>(url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'display', name: 'Màn hình sảnh chờ' });
    await clickCode(page, issued.code);
    await waitConnection(page, 'connected');
    await page.getByTestId('now-calling').waitFor();
    const token = await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY);
    expect(token).toBeTruthy();
    expect(await deviceNamed(url, admin, 'Màn hình sảnh chờ')).toMatchObject({ kind: 'display', paired: true, connected: true });

    // A call made by an officer shows on it.
    const k = await kiosk(url, { deviceToken: (await pairByRest(url, admin, 'kiosk', 'Kiosk')).deviceToken });
    closers.push(() => k.disconnect());
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    const officer = await staff(url, 'canbo1');
    closers.push(() => officer.disconnect());
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    const called = await must<CounterResult>(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await page.getByTestId('now-number').filter({ hasText: called.ticket!.displayNumber }).waitFor();
    await expect(page.getByTestId('now-counter').textContent()).resolves.toBe('1');

    // Revoked: the pairing screen at once, with the words; the token is gone and refused.
    const device = await deviceNamed(url, admin, 'Màn hình sảnh chờ');
    await adminCall<DeviceView>(url, admin, 'POST', `/api/admin/devices/${device.id}/revoke`);
    const revoked = page.getByTestId('pair-revoked');
    await revoked.waitFor();
    expect(await revoked.textContent()).toContain('Thiết bị đã bị thu hồi — nhập mã ghép nối mới');
    expect(await revoked.textContent()).toContain('This device was revoked — enter a new pairing code');
    expect(await page.getByTestId('now-calling').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
    await lookAt(page, `${shots}pairing-revoked.png`);
    expect(await tokenRefusal(url, token!)).toBe('UNAUTHENTICATED');

    // A new code pairs it again, and it shows the call in hand.
    const again = await adminCall<PairingCode>(url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'display', name: 'Màn hình sảnh chờ 2' });
    await clickCode(page, again.code);
    await waitConnection(page, 'connected');
    await page.getByTestId('now-number').filter({ hasText: called.ticket!.displayNumber }).waitFor();
  }, 90_000);

  it('a token from the shell’s display.json still works, and once revoked is not tried again', async () => {
    server = await startTestServer({ webRoots: { display: webRoot } });
    server.setSettings({ demo: false });
    const { url } = server;
    const admin = await login(url, 'admin');
    const fromJson = await pairByRest(url, admin, 'display', 'Màn hình quầy');

    const { page } = await openDisplay(url, fromJson.deviceToken);
    await waitConnection(page, 'connected');
    expect(await page.evaluate(() => (window as unknown as { __sawPairing: boolean }).__sawPairing)).toBe(false);

    await adminCall<DeviceView>(url, admin, 'POST', `/api/admin/devices/${fromJson.deviceId}/revoke`);
    await page.getByTestId('pair-revoked').waitFor();
    // After a restart of the page the refused display.json token is not sent again.
    await page.reload();
    await page.getByTestId('pair-code').waitFor();
    expect(await connection(page)).toBe('unpaired');
    // Sent and refused again, it would say "revoked" again.
    expect(await page.getByTestId('pair-revoked').count()).toBe(0);
  });

  it('never shows the pairing screen in the demo centre on the server’s own machine, even with a dead token', async () => {
    server = await startTestServer({ webRoots: { display: webRoot } });
    expect(server.server.engine.getSettings().demo).toBe(true);
    const { page } = await openDisplay(server.url, 'not-a-token-the-server-knows');
    await waitConnection(page, 'connected');
    await page.getByTestId('now-calling').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sawPairing: boolean }).__sawPairing)).toBe(false);
  });
});
