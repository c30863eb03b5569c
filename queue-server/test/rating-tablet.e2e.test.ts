/**
 * The counter's rating tablet (`/rate/`) in real headless Chromium at a 10" tablet's size, against
 * the real server: paired with a code like a display, given its counter in the admin, it shows the
 * number its counter serves; after "done" it shows the rating; a low score needs a reason; free
 * text typed on its Vietnamese keyboard; the rating lands in the report and the exports; a second
 * rating is refused politely; a made-up ticket id is refused. axe-core on every screen.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Ack, DeviceView, IssuedTicket, PairingCode, PairResult, Report } from '@layso/shared';
import { adminCall, kiosk, login, must, rid, send, staff, startTestServer, tablet, type KioskSocket, type StaffSocket, type TestServer } from './support/harness.js';
import { launchBrowser, lookAt } from './support/browser.js';
import { axeSerious, describeFindings } from './support/axe.js';

const web = (app: string, sub = ''): string => fileURLToPath(new URL(`../../${app}/dist/web${sub}`, import.meta.url));
const webRoots = { display: web('display-app'), rate: web('display-app', '/rate'), staff: web('staff-app') };
const TABLET = { width: 1280, height: 800 };

let browser: Browser;
let srv: TestServer;
let k: KioskSocket;
let officer: StaffSocket;
let admin: string;

beforeAll(async () => {
  if (!existsSync(`${webRoots.rate}/index.html`)) throw new Error('display-app is not built: run `npm run build`');
  browser = await launchBrowser();
  srv = await startTestServer({ webRoots, settings: { demo: false, kioskRateLimitPerMin: 0 }, demoPrinter: null });
  admin = await login(srv.url, 'admin');
  const code = await adminCall<PairingCode>(srv.url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'kiosk', name: 'Ki-ốt' });
  const paired = (await (await fetch(`${srv.url}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.code, kind: 'kiosk' }) })).json()) as Ack<PairResult>;
  if (!paired.ok) throw new Error(paired.error.code);
  k = await kiosk(srv.url, { deviceToken: paired.data.deviceToken });
  officer = await staff(srv.url, 'canbo1');
  await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
});

afterAll(async () => {
  await browser?.close();
  k?.close();
  officer?.close();
  await srv?.close();
});

async function clean(page: Page, where: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const found = await axeSerious(page);
  expect(found, describeFindings(where, found)).toEqual([]);
}

const issue = (): Promise<IssuedTicket> => must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null, print: false, language: 'vi' });

async function rateOverRest(ticketId: string, body: unknown): Promise<Ack<unknown>> {
  const r = await fetch(`${srv.url}/api/tickets/${ticketId}/rating`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await r.json()) as Ack<unknown>;
}

describe('the rating tablet', () => {
  let page: Page;

  it('pairs with a code and shows the counter the admin gives it', async () => {
    const ctx = await browser.newContext({ viewport: TABLET, locale: 'vi-VN', hasTouch: true, reducedMotion: 'reduce' });
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${srv.url}/rate/`);
    await page.getByTestId('pair-code').waitFor();
    await clean(page, 'tablet pairing');
    const code = await adminCall<PairingCode>(srv.url, admin, 'POST', '/api/admin/pairing-codes', { kind: 'rating', name: 'Máy đánh giá quầy 1' });
    for (const d of code.code) await page.click(`.pad-key[data-key="${d}"]`);
    await page.getByTestId('rate-no-counter').waitFor();
    await clean(page, 'tablet without a counter');

    const devices = await adminCall<DeviceView[]>(srv.url, admin, 'GET', '/api/admin/devices');
    const pad = devices.find((d) => d.kind === 'rating' && d.paired);
    expect(pad?.name).toBe('Máy đánh giá quầy 1');
    await adminCall(srv.url, admin, 'PATCH', `/api/admin/devices/${pad!.id}`, { config: { counterId: 'quay-1' } });
    // Without a move at the counter: the admin's change alone shows it.
    await page.getByTestId('rate-counter').getByText('Quầy số 1').waitFor();
    await clean(page, 'tablet idle');
  });

  it('shows the number served, then the rating after done; a low score needs a reason; typed comment kept; the board follows live', async () => {
    // The manager's board, open before the rating comes.
    const boardCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const board = await boardCtx.newPage();
    await board.goto(`${srv.url}/staff/`);
    await board.getByLabel('Tên đăng nhập').fill('quanly');
    await board.getByLabel('Mật khẩu').fill('demo');
    await board.getByRole('button', { name: 'Đăng nhập' }).click();
    await board.locator('.topbar').waitFor();
    await board.evaluate(() => (window.location.hash = '#/board'));
    await board.getByTestId('board-ratings').getByText('Hôm nay chưa có đánh giá chưa hài lòng.').waitFor();
    expect(await board.getByTestId('board-ratings-share').textContent()).toBe('—');

    const t = await issue();
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await page.locator(`[data-testid=rate-serving][data-number="${t.ticket.displayNumber}"]`).waitFor();
    await clean(page, 'tablet serving');
    await lookAt(page, 'test-output/rate-serving.png');

    await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    await page.locator(`[data-screen=levels] [data-ticket="${t.ticket.id}"]`).waitFor();
    await clean(page, 'tablet rating');
    await lookAt(page, 'test-output/rate-levels.png');
    // Three faces, each at least a quarter of the screen's width.
    const widths = await page.locator('.rate-face').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(widths).toHaveLength(3);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(TABLET.width / 4);

    await page.getByRole('button', { name: /Không hài lòng/ }).click();
    await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
    await page.getByTestId('reason-missing').getByText('Mời chọn ít nhất một lý do').waitFor();
    expect(srv.server.db.prepare('SELECT COUNT(*) AS n FROM ratings').get()).toEqual({ n: 0 });
    await clean(page, 'tablet reasons');

    await page.getByRole('button', { name: /Viết thêm ý kiến/ }).click();
    await page.getByTestId('kb-text').waitFor();
    await clean(page, 'tablet keyboard');
    await lookAt(page, 'test-output/rate-keyboard.png');
    const key = (k: string) => page.click(`.kb-key[data-key="${k}"]`);
    const tone = (t: string) => page.click(`.kb-key[data-tone="${t}"]`);
    for (const ch of ['c', 'h', 'ơ']) await key(ch);
    await tone('huyen');
    await key('space');
    for (const ch of ['q', 'u', 'a']) await key(ch);
    await tone('sac');
    await key('space');
    for (const ch of ['l', 'â', 'u']) await key(ch);
    expect(await page.inputValue('[data-testid=kb-text]')).toBe('Chờ quá lâu');
    await key('done');
    await page.getByTestId('rate-comment').getByText('Chờ quá lâu').waitFor();
    await page.getByRole('button', { name: 'Chờ lâu' }).click();
    await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
    await page.locator('[data-testid=rate-done][data-outcome=thanks]').waitFor();
    await clean(page, 'tablet thanks');
    expect(srv.server.db.prepare('SELECT level, reasons_json, comment, source FROM ratings WHERE ticket_id = ?').get(t.ticket.id)).toEqual({
      level: 1,
      reasons_json: '["Chờ lâu"]',
      comment: 'Chờ quá lâu',
      source: 'tablet',
    });
    // The board shows it without a reload: 0 % satisfied of 1, the low score and its reason.
    await board.getByTestId('board-low-scores').getByText(/Chờ lâu/).waitFor();
    expect(await board.getByTestId('board-ratings').textContent()).toContain('trên 1 lượt đánh giá');
    expect(await board.getByTestId('board-low-scores').textContent()).toContain(t.ticket.displayNumber);
    expect(await board.getByTestId('board-low-scores').textContent()).not.toContain('Chờ quá lâu');
    await clean(board, 'board with ratings');
    await boardCtx.close();
        // Back to the counter by itself (a few seconds of thanks).
    await page.locator('[data-screen=serving]').waitFor({ timeout: 12_000 });

    // A second rating of the same visit, by the phone or by the tablet's own socket, is refused.
    expect(await rateOverRest(t.ticket.id, { level: 3 })).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } });
    const token = await page.evaluate(() => localStorage.getItem('layso.rating.deviceToken'));
    const pad = await tablet(srv.url, { deviceToken: token });
    try {
      expect(await send(pad, 'ticket:rate', { ticketId: t.ticket.id, level: 3 })).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } });
      // A made-up or sequential id: nothing accepted.
      for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', '1001']) {
        const a = await send(pad, 'ticket:rate', { ticketId: id, level: 3 });
        expect(a.ok).toBe(false);
      }
    } finally {
      pad.close();
    }

    // In the report (by officer, with the officer's reasons) and in both exports.
    const manager = await login(srv.url, 'quanly');
    const report = await adminCall<Report>(srv.url, manager, 'GET', '/api/reports?from=2026-03-10&to=2026-03-10&by=officer');
    expect(report.ratings?.total).toMatchObject({ count: 1, satisfied: 0, low: 1 });
    expect(report.ratings?.reasons).toEqual([{ reason: 'Chờ lâu', count: 1 }]);
    expect(report.ratings?.rows[0]?.reasons).toEqual([{ reason: 'Chờ lâu', count: 1 }]);
    const csv = await (await fetch(`${srv.url}/api/reports/export.csv?from=2026-03-10&to=2026-03-10`, { headers: { authorization: `Bearer ${manager}` } })).text();
    const header = csv.split('\r\n')[0]!;
    expect(header).toContain('Đánh giá');
    const line = csv.split('\r\n').find((l) => l.includes(`,${t.ticket.displayNumber},`))!;
    expect(line).toContain('Không hài lòng');
    expect(line).toContain('Chờ lâu');
    expect(line).not.toContain('Chờ quá lâu');
    const summary = await (await fetch(`${srv.url}/api/reports/export.csv?from=2026-03-10&to=2026-03-10&table=ratings`, { headers: { authorization: `Bearer ${manager}` } })).text();
    expect(summary).toContain('Tỷ lệ hài lòng');
    expect(summary.split('\r\n').some((l) => l.startsWith('Quầy,') && l.includes(',1,0,1,'))).toBe(true);
    const xlsx = await fetch(`${srv.url}/api/reports/export.xlsx?from=2026-03-10&to=2026-03-10`, { headers: { authorization: `Bearer ${manager}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const tickets = workbook.getWorksheet('Tickets')!;
    const ratedRow = tickets.getSheetValues().find((r) => Array.isArray(r) && r.includes(t.ticket.displayNumber)) as ExcelJS.CellValue[];
    expect(ratedRow).toContain('Không hài lòng');
    const ratings = workbook.getWorksheet('Đánh giá')!;
    expect((ratings.getRow(2).values as ExcelJS.CellValue[]).slice(1, 6)).toEqual(['Tổng cộng', 'Tổng cộng', 1, 0, 1]);
  }, 90_000);

  it('says politely that a visit already rated from the phone cannot be rated again', async () => {
    const t = await issue();
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    await page.locator(`[data-screen=levels] [data-ticket="${t.ticket.id}"]`).waitFor();
    expect(await rateOverRest(t.ticket.id, { level: 3 })).toMatchObject({ ok: true });
    await page.getByRole('button', { name: /Rất hài lòng/ }).click();
    await page.locator('[data-testid=rate-done][data-outcome=alreadyRated]').getByText('đã được đánh giá rồi').waitFor();
    await clean(page, 'tablet already rated');
  }, 60_000);

  it('follows a change to five stars: five buttons, one or two stars ask why', async () => {
    srv.setSettings({ rating: { scale: 'five', reasons: ['Chờ lâu', 'Khác'] } });
    const t = await issue();
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    await page.locator(`[data-screen=levels] [data-ticket="${t.ticket.id}"]`).waitFor();
    expect(await page.locator('.rate-face').count()).toBe(5);
    await clean(page, 'tablet five stars');
    await page.getByRole('button', { name: /2 sao/ }).click();
    await page.getByRole('button', { name: 'Khác' }).click();
    await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
    await page.locator('[data-testid=rate-done][data-outcome=thanks]').waitFor();
    expect(srv.server.db.prepare('SELECT scale, level, low, reasons_json FROM ratings WHERE ticket_id = ?').get(t.ticket.id)).toEqual({
      scale: 'five',
      level: 2,
      low: 1,
      reasons_json: '["Khác"]',
    });
    await page.context().close();
  }, 60_000);
});
