/**
 * The kiosk end to end: the built app served by the real queue server, driven in headless
 * Chromium at 1080×1920 as a citizen would, checked against what the server committed (staff
 * socket, /api/tickets/:id) and what a real TCP printer received.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { decodeEscPos, type Alert, type PublicTicketStatus, type ServiceId, type StaffSnapshot, type Ticket } from '@layso/shared';
import { TestClock, kiosk as kioskSocket, must, rid, send, staff, startTestServer, until, type TestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { startTestPrinter, type TestPrinter } from '../../queue-server/test/support/test-printer.js';
import { TcpPrinter, renderTicketBitmap } from '@layso/node-shared';
import { ticketPrintData } from '../../queue-server/src/print/server-print.js';

const WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-output/kiosk-app/', import.meta.url));
/** Printed in the paper ticket's QR code only; nothing is sent there. */
const PUBLIC_URL = 'http://192.0.2.10:8080';

let browser: Browser;
let ts: TestServer | null = null;
let printer: TestPrinter | null = null;
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
  await printer?.close();
  printer = null;
});

async function serve(opts: { port?: number; dataDir?: string; clock?: TestClock; paperOut?: boolean } = {}): Promise<TestServer> {
  printer ??= await startTestPrinter();
  if (opts.paperOut) printer.setPaperOut(true);
  ts = await startTestServer({
    webRoots: { kiosk: WEB },
    demoPrinter: { printer: new TcpPrinter({ host: '127.0.0.1', port: printer.port }), paperWidth: 80 },
    publicUrl: PUBLIC_URL,
    ...(opts.port ? { port: opts.port } : {}),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return ts;
}

async function openKiosk(url: string, query = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  closers.push(() => context.close());
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('kiosk page error:', e));
  await page.goto(`${url}/kiosk/${query}`);
  await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Every ticket of today the server holds as live (waiting, called …). */
async function serverTickets(url: string): Promise<Ticket[]> {
  const s = await staff(url, 'quanly');
  try {
    const snap = await must<StaffSnapshot>(s, 'sync:snapshot', {});
    return snap.tickets;
  } finally {
    s.disconnect();
  }
}

async function publicStatus(url: string, ticketId: string): Promise<PublicTicketStatus> {
  const body = (await (await fetch(`${url}/api/tickets/${ticketId}`)).json()) as { ok: boolean; data: PublicTicketStatus };
  expect(body.ok).toBe(true);
  return body.data;
}

/** The ticket on the confirmation screen, once its printing has an outcome. */
async function shownTicket(page: Page): Promise<{ id: string; number: string; priority: string; print: string; qrUrl: string }> {
  const el = await page.waitForSelector('[data-screen=confirm] [data-ticket-id]:not([data-print-state=printing])');
  const attr = async (name: string): Promise<string> => (await el.getAttribute(name)) ?? '';
  const qrUrl = (await page.getAttribute('[data-qr-url]', 'data-qr-url')) ?? '';
  return { id: await attr('data-ticket-id'), number: await attr('data-display-number'), priority: await attr('data-priority'), print: await attr('data-print-state'), qrUrl };
}

async function goHome(page: Page): Promise<void> {
  await page.click('[data-action=done]');
  await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
}

describe('kiosk', () => {
  it('two taps (service, then "Không ưu tiên") show and print the number the server committed', async () => {
    const { url, server } = await serve();
    const page = await openKiosk(url);
    await lookAt(page, `${SHOTS}home.png`);
    expect(await page.textContent('.title')).toContain('Mời chọn dịch vụ');

    const started = Date.now();
    await page.click('[data-service-id=ho-tich]');
    await page.waitForSelector('[data-screen=priority]');
    await lookAt(page, `${SHOTS}priority.png`);
    await page.click('[data-priority=none]');
    await page.getByText('Mời nhận vé').waitFor();
    console.log(`kiosk path: first touch → "Mời nhận vé" in ${Date.now() - started} ms (two taps, printed by the server)`);
    await lookAt(page, `${SHOTS}confirmation.png`);

    const shown = await shownTicket(page);
    expect(shown).toMatchObject({ number: '1001', priority: 'none', print: 'printed' });
    expect(await page.textContent('[data-testid=ticket-number]')).toBe('1001');
    const committed = await publicStatus(url, shown.id);
    expect(committed).toMatchObject({ displayNumber: shown.number, priority: null, serviceId: 'ho-tich', state: 'waiting' });
    expect((await serverTickets(url)).map((t) => t.id)).toEqual([shown.id]);

    // The printer got exactly that ticket: its decoded image is the ticket with that number.
    expect(printer!.jobs).toHaveLength(1);
    const decoded = decodeEscPos(printer!.jobs[0]!);
    const ticket = server.engine.liveTickets().find((t) => t.id === shown.id)!;
    const data = ticketPrintData(server.engine, ticket, { peopleAhead: 0, estimateMinutes: committed.estimateMinutes }, `${PUBLIC_URL}/t/${shown.id}`);
    const expected = renderTicketBitmap(data, 80);
    expect(Buffer.from(decoded.images[0]!.data).equals(Buffer.from(expected.data))).toBe(true);
    expect(Buffer.from(decoded.images[0]!.data).equals(Buffer.from(renderTicketBitmap({ ...data, displayNumber: '1002' }, 80).data))).toBe(false);

    // The QR code opens the ticket's page on the server (a phone would use the LAN address).
    expect(shown.qrUrl).toMatch(new RegExp(`/t/${shown.id}$`));
    const phoneUrl = new URL(shown.qrUrl);
    phoneUrl.hostname = '127.0.0.1';
    phoneUrl.port = new URL(url).port;
    const phone = await page.context().newPage();
    await phone.goto(phoneUrl.toString());
    await phone.waitForFunction((n) => document.getElementById('num')?.textContent === n, shown.number);
  });

  it('home shows live queues, closed services with their hours, and more than eight behind "Dịch vụ khác"', async () => {
    const { url, server } = await serve();
    const engine = server.engine;
    const system = { kind: 'system' } as const;
    const kinhDoanh = engine.getService('kinh-doanh' as ServiceId)!;
    engine.putService({ ...kinhDoanh, hours: { open: '13:30', close: '17:00' } }, system);
    const extra: [string, string, string][] = [
      ['bhxh', 'Bảo hiểm xã hội – Bảo hiểm y tế', 'Social and health insurance'],
      ['tu-phap', 'Tư pháp – Lý lịch tư pháp', 'Justice – Criminal records'],
      ['giao-thong', 'Giao thông – Vận tải', 'Transport'],
      ['thue', 'Thuế – Lệ phí', 'Taxes and fees'],
    ];
    extra.forEach(([id, vi, en], i) =>
      engine.putService(
        {
          ...kinhDoanh,
          id: id as ServiceId,
          nameVi: vi,
          nameEn: en,
          numbering: { kind: 'range', from: (7 + i) * 1000 + 1, to: (7 + i) * 1000 + 999 },
          allowPriority: false,
          sortOrder: 10 + i,
        },
        system,
      ),
    );
    const officer = await staff(url, 'canbo1');
    closers.push(async () => officer.disconnect());
    await must(officer, 'counter:open', { requestId: randomUUID(), counterId: 'quay-1' });

    const page = await openKiosk(url);
    const closed = page.locator('[data-service-id=kinh-doanh]');
    expect(await closed.getAttribute('data-issuing')).toBe('false');
    expect(await closed.isDisabled()).toBe(true);
    expect(await closed.textContent()).toContain('Ngoài giờ cấp số');
    expect(await closed.textContent()).toContain('13:30–17:00');
    expect(await page.locator('.services [data-service-id]').count()).toBe(7);
    // The queue figures follow the server live.
    const other = await kioskSocket(url);
    closers.push(async () => other.disconnect());
    for (let i = 0; i < 3; i++) await must(other, 'ticket:issue', { requestId: randomUUID(), serviceId: 'ho-tich' });
    await page.waitForFunction(() => document.querySelector('[data-service-id=ho-tich] .queue')?.textContent?.startsWith('Đang chờ: 3khoảng'));
    // Its accessible name is what it shows (axe: label-content-name-mismatch): name, then the queue.
    expect(await page.getByRole('button', { name: /^Hộ tịch – Chứng thực.*Đang chờ: 3\s*khoảng \d+ phút$/ }).count()).toBe(1);
    await lookAt(page, `${SHOTS}home-live.png`);

    // A service without priority behind "Dịch vụ khác": one tap gives the ticket.
    await page.click('[data-action=more]');
    await page.waitForSelector('[data-screen=more]');
    expect(await page.locator('[data-screen=more] [data-service-id]').count()).toBe(3);
    await lookAt(page, `${SHOTS}more-services.png`);
    await page.click('[data-service-id=thue]');
    const shown = await shownTicket(page);
    expect(shown.number).toBe('10001');
    expect(await publicStatus(url, shown.id)).toMatchObject({ serviceId: 'thue', displayNumber: '10001' });
  });

  it("a demo kiosk of one reception area (?services=) offers only its area's services, and the server holds it to them", async () => {
    const { url } = await serve();
    const page = await openKiosk(url, '?services=dat-dai,lao-dong');
    expect(await page.locator('[data-screen=home] [data-service-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service-id')))).toEqual(['dat-dai', 'lao-dong']);
    // The same browser's kiosk socket carries the area: a request for another area's service is refused.
    const area = await kioskSocket(url, { services: ['dat-dai', 'lao-dong'] });
    closers.push(async () => area.close());
    expect(await send(area, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null })).toMatchObject({ ok: false, error: { code: 'SERVICE_NOT_IN_AREA' } });
    // Reloaded without the query, it keeps its area (remembered on the device).
    await page.goto(`${url}/kiosk/`);
    await page.waitForSelector('[data-screen=home] [data-service-id="dat-dai"]');
    expect(await page.locator('[data-screen=home] [data-service-id]').count()).toBe(2);
  });

  it('a priority ticket is marked, on the screen and on the server', async () => {
    const { url } = await serve();
    const page = await openKiosk(url);
    await page.click('[data-service-id=dat-dai]');
    await page.click('[data-priority=elderly]');
    const shown = await shownTicket(page);
    expect(shown).toMatchObject({ number: '2001', priority: 'elderly' });
    expect(await page.textContent('[data-testid=priority-badge]')).toContain('ƯU TIÊN – Người cao tuổi');
    expect(await publicStatus(url, shown.id)).toMatchObject({ displayNumber: '2001', priority: 'elderly' });
  });

  it('speaks English when asked, and takes the number in English', async () => {
    const { url } = await serve();
    const page = await openKiosk(url);
    await page.click('[data-lang=en]');
    await page.waitForSelector('[data-screen=home][data-lang=en]');
    expect(await page.textContent('.title .primary')).toBe('Please choose a service');
    await page.click('[data-service-id=cu-tru]');
    expect(await page.textContent('[data-priority=none] .primary')).toBe('No priority');
    await page.click('[data-priority=none]');
    await page.getByText('Please take your ticket').waitFor();
    expect((await shownTicket(page)).number).toBe('5001');
  });

  it('paper out: the ticket is still shown with its QR code and the fallback words, and the manager is alerted', async () => {
    const { url } = await serve({ paperOut: true });
    const manager = await staff(url, 'quanly');
    closers.push(async () => manager.disconnect());
    const alerts: Alert[] = [];
    manager.on('alert', (a) => alerts.push(a));
    const page = await openKiosk(url);
    await page.click('[data-service-id=kinh-doanh]');
    await page.click('[data-priority=none]');
    const shown = await shownTicket(page);
    expect(shown).toMatchObject({ number: '4001', print: 'failed' });
    const words = await page.textContent('[data-testid=print-status]');
    expect(words).toContain('Máy in hết giấy');
    expect(words).toContain('Printer out of paper');
    expect(words).toContain('Vui lòng chụp ảnh mã QR hoặc nhớ số, liên hệ quầy hướng dẫn');
    expect(shown.qrUrl).toContain(`/t/${shown.id}`);
    await lookAt(page, `${SHOTS}printer-out-of-paper.png`);
    expect(await publicStatus(url, shown.id)).toMatchObject({ displayNumber: '4001', state: 'waiting' });
    expect(printer!.jobs).toHaveLength(0);
    await until(() => alerts.some((a) => a.kind === 'printer' && a.level === 'error'), 5000, 'printer alert');
    expect(alerts.find((a) => a.kind === 'printer')?.message).toBe('Máy in quầy lấy số (demo) hết giấy');
  });

  it('shows "Tạm ngưng cấp số" while the server is away and recovers by itself when it returns', async () => {
    const first = await serve();
    const { dataDir } = first;
    const port = Number(new URL(first.url).port);
    const clock = first.clock;
    const page = await openKiosk(first.url);
    await page.click('[data-service-id=ho-tich]');
    await page.click('[data-priority=none]');
    expect((await shownTicket(page)).number).toBe('1001');
    await goHome(page);

    await first.close({ keepData: true });
    ts = null;
    await page.waitForSelector('[data-screen=paused]');
    expect(await page.textContent('.centre-stage')).toContain('Tạm ngưng cấp số');
    await lookAt(page, `${SHOTS}paused.png`);
    // Nothing to tap while paused: no service button is on screen.
    expect(await page.$$('[data-service-id]')).toHaveLength(0);

    const second = await serve({ port, dataDir, clock });
    expect(second.url).toBe(first.url);
    await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]', { timeout: 20_000 });
    await page.click('[data-service-id=ho-tich]');
    await page.click('[data-priority=none]');
    const shown = await shownTicket(page);
    expect(shown.number).toBe('1002');
    expect(await publicStatus(second.url, shown.id)).toMatchObject({ displayNumber: '1002' });
  });

  it('a storm of 20 taps makes at most one ticket per completed flow, never two for one tap', async () => {
    const { url } = await serve();
    const page = await openKiosk(url);
    // Record every ticket the kiosk ever shows.
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { seenTickets: Set<string> }).seenTickets = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-ticket-id]')) seen.add(el.getAttribute('data-ticket-id') ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const seen = (): Promise<string[]> => page.evaluate(() => [...(window as unknown as { seenTickets: Set<string> }).seenTickets]);

    // 20 taps delivered in one go, before the page can even re-render, on the service …
    await page.$eval('[data-service-id=ho-tich]', (b) => {
      for (let i = 0; i < 20; i++) (b as HTMLButtonElement).click();
    });
    await page.waitForSelector('[data-screen=priority] .screen:not(.settling)');
    // … and on "Không ưu tiên": one request, one ticket.
    await page.$eval('[data-priority=none]', (b) => {
      for (let i = 0; i < 20; i++) (b as HTMLButtonElement).click();
    });
    const one = await shownTicket(page);
    expect((await serverTickets(url)).map((t) => t.id)).toEqual([one.id]);
    await goHome(page);

    // 20 real taps, one every 100 ms, on the spot of the first service button, whatever screen
    // comes up under the finger (there, the priority screen has "Không ưu tiên").
    const box = (await page.locator('[data-service-id=ho-tich]').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    for (let i = 0; i < 20; i++) {
      await page.mouse.click(x, y);
      await page.waitForTimeout(100); // the pace of a finger, not a wait for anything
    }
    await page.waitForFunction(
      () => document.querySelector('[data-screen]')?.getAttribute('data-screen') !== 'issuing' && !document.querySelector('[data-print-state=printing]'),
    );
    const tickets = await serverTickets(url);
    const shownIds = await seen();
    // Every ticket the server issued was shown (a completed flow), and each flow took two taps.
    expect(tickets.map((t) => t.id).sort()).toEqual(shownIds.filter((id) => id).sort());
    console.log(`tap storm: ${tickets.length - 1} ticket(s) from 20 taps, ${shownIds.length - 1} shown`);
    expect(tickets.length - 1).toBeLessThanOrEqual(10);
    expect(tickets.length).toBeGreaterThanOrEqual(1);
  });

  it('with the rate limit at 3 a minute, the 4th ticket gets the kind message', async () => {
    const s = await serve();
    s.setSettings({ kioskRateLimitPerMin: 3 });
    const page = await openKiosk(s.url);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.click('[data-service-id=vneid]');
      await page.click('[data-priority=none]');
      numbers.push((await shownTicket(page)).number);
      await goHome(page);
    }
    expect(numbers).toEqual(['6001', '6002', '6003']);
    await page.click('[data-service-id=vneid]');
    await page.click('[data-priority=none]');
    await page.waitForSelector('[data-problem=rateLimited]');
    const words = await page.textContent('[data-problem=rateLimited]');
    expect(words).toContain('Vui lòng đợi trong giây lát');
    expect(words).toContain('Please wait a moment');
    await lookAt(page, `${SHOTS}rate-limited.png`);
    expect(await page.$('[data-ticket-id]')).toBeNull();
    expect(await serverTickets(s.url)).toHaveLength(3);
    // A minute later it issues again.
    s.clock.advance(61_000);
    await page.click('[data-action=back]');
    await page.click('[data-service-id=vneid]');
    await page.click('[data-priority=none]');
    expect((await shownTicket(page)).number).toBe('6004');
  });

  it('hides its settings behind five corner taps and the PIN; turning server printing off prints nothing', async () => {
    const { url } = await serve();
    const page = await openKiosk(url);
    const corner = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) await page.mouse.click(20, 20);
    };
    const pin = async (digits: string): Promise<void> => {
      for (const d of digits) await page.click(`[data-screen=admin] [data-key="${d}"]`);
      await page.click('[data-screen=admin] [data-key=OK]');
    };
    await corner();
    await page.waitForSelector('[data-screen=admin]');
    await pin('0000');
    await page.getByText('Sai mã PIN / Wrong PIN').waitFor();
    await pin('1234');
    await page.click('[data-action=print-server-off]');
    await lookAt(page, `${SHOTS}settings.png`);
    await page.click('[data-screen=admin] [data-action=close-admin]');
    await page.waitForSelector('[data-screen=admin]', { state: 'detached' });

    await page.click('[data-service-id=ho-tich]');
    await page.click('[data-priority=none]');
    const shown = await shownTicket(page);
    expect(shown).toMatchObject({ number: '1001', print: 'none' });
    expect(await page.textContent('[data-testid=print-status]')).toContain('Vui lòng chụp ảnh mã QR hoặc nhớ số thứ tự');
    expect(printer!.jobs).toHaveLength(0);
  });
});
