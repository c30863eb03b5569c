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
import type { ServiceId } from '@layso/shared';
import { login, startTestServer, type TestServer } from '../../queue-server/test/support/harness.js';
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

  it('long official names fit their buttons at every accepted length; a too-long name needs a short kiosk name', async () => {
    const { url, server } = await serve();
    const engine = server.engine;
    const system = { kind: 'system' } as const;
    const base = engine.listServices().find((s) => s.id === 'ho-tich')!;
    const real = 'Tiếp nhận và trả kết quả thủ tục hành chính lĩnh vực Bảo hiểm xã hội – Bảo hiểm y tế';
    const long = `${'Giải quyết thủ tục hành chính liên thông '.repeat(5)}`.slice(0, 200);
    engine.putService({ ...base, nameVi: real }, system);
    engine.putService({ ...engine.listServices().find((s) => s.id === 'dat-dai')!, nameVi: long, kioskNameVi: 'Thủ tục liên thông' }, system);
    // An older centre's 200-character name stored before the rule: still never over the next button.
    engine.putService({ ...engine.listServices().find((s) => s.id === 'lao-dong')!, nameVi: long }, system);
    const page = await openKiosk(url);
    await lookAt(page, `${SHOTS}home-long-names.png`);

    const boxes = await page.$$eval('.services [data-service-id]', (els) =>
      els.map((el) => {
        const b = el.getBoundingClientRect();
        const name = el.querySelector('.name') as HTMLElement;
        const n = name.getBoundingClientRect();
        return { id: el.getAttribute('data-service-id'), top: b.top, bottom: b.bottom, nameTop: n.top, nameBottom: n.bottom, text: name.textContent, // Clamped text hides at least a whole line; accents may poke a few px out of the last one.
          full: name.scrollHeight <= name.clientHeight + parseFloat(getComputedStyle(name).fontSize) * 0.4, px: parseFloat(getComputedStyle(name).fontSize) };
      }),
    );
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i]!;
      expect(b.nameTop, `${b.id} name inside its button`).toBeGreaterThanOrEqual(b.top);
      expect(b.nameBottom, `${b.id} name inside its button`).toBeLessThanOrEqual(b.bottom);
      if (i > 0) expect(b.top, `${b.id} below the one before`).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom);
      expect(b.px).toBeGreaterThanOrEqual(30);
    }
    const byId = (id: string) => boxes.find((b) => b.id === id)!;
    // The real name is shown whole; the long one by its short kiosk name.
    expect(byId('ho-tich')).toMatchObject({ text: real, full: true });
    expect(byId('dat-dai')).toMatchObject({ text: 'Thủ tục liên thông', full: true, px: 46 });

    // The admin cannot save a name too long for a button without a short kiosk name: in words.
    const admin = await login(url, 'admin');
    const res = await fetch(`${url}/api/admin/services/${'kinh-doanh' as ServiceId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nameVi: long }),
    });
    const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('VALIDATION');
    expect(body.error?.message).toContain('tên ngắn cho ki-ốt');
  });

  it('two reception areas: the landing page links a kiosk and a display per area, each offering its own services', async () => {
    printer = await startTestPrinter();
    ts = await startTestServer({
      webRoots: { kiosk: WEB, display: fileURLToPath(new URL('../../display-app/dist/web', import.meta.url)) },
      demoPrinter: { printer: new TcpPrinter({ host: '127.0.0.1', port: printer.port }), paperWidth: 80 },
    });
    const { url } = ts;
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    closers.push(() => context.close());
    const landing = await context.newPage();
    await landing.goto(`${url}/`);
    const hrefs = await landing.$$eval('a', (as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
    const kioskA = hrefs.find((h) => h.text.includes('Máy lấy số · Khu A'))!;
    const displayB = hrefs.find((h) => h.text.includes('Màn hình gọi số · Khu B'))!;
    expect(hrefs.filter((h) => h.href.startsWith('/kiosk/'))).toHaveLength(2);
    expect(hrefs.filter((h) => h.href.startsWith('/display/'))).toHaveLength(2);
    const found = await axeSerious(landing);
    expect(found, describeFindings('landing page', found)).toEqual([]);

    // Area A's kiosk: only its services, still after a restart at the plain address.
    await landing.click(`a[href="${kioskA.href}"]`);
    await landing.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
    const shown = async (): Promise<string[]> => landing.$$eval('.services [data-service-id]', (els) => els.map((e) => e.getAttribute('data-service-id') ?? ''));
    expect((await shown()).sort()).toEqual(['cu-tru', 'ho-tich', 'vneid']);
    await lookAt(landing, `${SHOTS}home-area-a.png`);
    await landing.goto(`${url}/kiosk/`);
    await landing.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
    expect((await shown()).sort()).toEqual(['cu-tru', 'ho-tich', 'vneid']);

    // Area B's wall lists area B's queues only.
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    closers.push(() => wall.close());
    await wall.goto(`${url}${displayB.href}`);
    await wall.getByTestId('services-waiting').waitFor();
    await wall.waitForFunction(() => document.querySelectorAll('[data-testid=services-waiting] [data-service]').length === 3);
    const rows = await wall.$$eval('[data-testid=services-waiting] [data-service]', (els) => els.map((e) => e.getAttribute('data-service') ?? ''));
    expect(rows.sort()).toEqual(['dat-dai', 'kinh-doanh', 'lao-dong']);
  });
});
