/**
 * The kiosk through a working day, tried as a citizen would (issue 11): a printer out of paper
 * said before the tap, a QR code that names an address the server answers on, long official
 * service names, a kiosk of one reception area. The built app on the real server, in headless
 * Chromium at 1080×1920, a real TCP printer.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { startTestPrinter, type TestPrinter } from '../../queue-server/test/support/test-printer.js';
import { TcpPrinter } from '@layso/node-shared';
import { axeSerious, describeFindings } from '../../queue-server/test/support/axe.js';

const WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-output/kiosk-app/', import.meta.url));

let browser: Browser;
let ts: TestServer | null = null;
let printer: TestPrinter | null = null;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (!existsSync(`${WEB}/index.html`)) throw new Error(`kiosk-app is not built (${WEB}): run \`npm test\``);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c().catch(() => undefined);
  await ts?.close();
  ts = null;
  await printer?.close();
  printer = null;
});

/** A server bound to 127.0.0.1 only (as `LAYSO_HOST=127.0.0.1`), printing to a real TCP printer. */
async function serve(): Promise<TestServer> {
  printer = await startTestPrinter();
  ts = await startTestServer({
    webRoots: { kiosk: WEB },
    demoPrinter: { printer: new TcpPrinter({ host: '127.0.0.1', port: printer.port }), paperWidth: 80 },
    settings: { kioskRateLimitPerMin: 0 },
  });
  return ts;
}

async function openKiosk(url: string, path = '/kiosk/'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  closers.push(() => context.close());
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('kiosk page error:', e));
  await page.goto(`${url}${path}`);
  await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
  await page.evaluate(() => document.fonts.ready);
  return page;
}

async function takeNumber(page: Page, serviceId: string): Promise<{ print: string; qrUrl: string }> {
  await page.click(`[data-service-id=${serviceId}]`);
  await page.click('[data-priority=none]');
  const el = await page.waitForSelector('[data-screen=confirm] [data-ticket-id]:not([data-print-state=printing])');
  return { print: (await el.getAttribute('data-print-state')) ?? '', qrUrl: (await page.getAttribute('[data-qr-url]', 'data-qr-url')) ?? '' };
}

async function goHome(page: Page): Promise<void> {
  await page.click('[data-action=done]');
  await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
}

describe('kiosk through the day', () => {
  it('says on the home screen, before the tap, that the printer is out of paper and how to get the number', async () => {
    const { url } = await serve();
    const page = await openKiosk(url);
    expect(await page.$('[data-testid=printer-notice]')).toBeNull();

    printer!.setPaperOut(true);
    expect((await takeNumber(page, 'ho-tich')).print).toBe('failed');
    await goHome(page);
    const notice = page.getByTestId('printer-notice');
    await notice.waitFor();
    const words = (await notice.textContent()) ?? '';
    expect(words).toContain('Máy in hết giấy');
    expect(words).toContain('hiện trên màn hình kèm mã QR');
    await lookAt(page, `${SHOTS}home-printer-out.png`);
    const found = await axeSerious(page);
    expect(found, describeFindings('kiosk home, printer out', found)).toEqual([]);

    // Still said after a reload (the next citizen meets a freshly started kiosk).
    await page.reload();
    await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
    await page.getByTestId('printer-notice').waitFor();

    // Paper refilled: the next ticket prints, and the notice goes.
    printer!.setPaperOut(false);
    expect((await takeNumber(page, 'ho-tich')).print).toBe('printed');
    await goHome(page);
    expect(await page.$('[data-testid=printer-notice]')).toBeNull();
  });

  it('the QR code names the address the server answers on when it is bound to one address', async () => {
    const { url } = await serve();
    const page = await openKiosk(url);
    const { qrUrl } = await takeNumber(page, 'ho-tich');
    // Bound to 127.0.0.1 alone: the QR names it (not a LAN address nothing listens on).
    expect(new URL(qrUrl).origin).toBe(url);
    const phone = await page.context().newPage();
    const res = await phone.goto(qrUrl);
    expect(res?.status()).toBe(200);
  });
});
