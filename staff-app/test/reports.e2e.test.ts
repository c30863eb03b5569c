/**
 * Reports end to end: three weeks of simulated history (the server's own seeding function, on the
 * test server's database) plus today's live queue; a manager reads the reports page in headless
 * Chromium, and its numbers are checked against figures computed here from the tickets table.
 * The CSV and XLSX exports are downloaded through the page and must hold the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket } from '@layso/shared';
import { type KioskSocket, type StaffSocket, type TestServer, kiosk, must, rid, staff, startTestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { seedHistory } from '../../queue-server/src/reports/seed-history.js';
import { parseCount, parseMin } from '../src/lib/report-view.js';
import { Pages, ensureBuilt, go, shots, signIn, staffRoot, textOf } from './browser-support.js';
import { parseCsv } from '@layso/shared/testing';

let srv: TestServer;
let browser: Browser;
let pages: Pages;
let page: Page;
let k: KioskSocket;
let officer: StaffSocket;

const TODAY = '2026-03-10';
const HOUR = 3_600_000;

beforeAll(async () => {
  ensureBuilt();
  srv = await startTestServer({ webRoots: { staff: staffRoot }, settings: { kioskRateLimitPerMin: 0 } });
  // Three weeks of history up to yesterday, into the running server's own database.
  const seeded = seedHistory(srv.server.db, { days: 21, perDay: 70, endDate: '2026-03-09', seed: 4242 });
  expect(seeded.tickets).toBeGreaterThan(500);

  // Today, live: a few tickets, two served at counter 1 and one no-show.
  k = await kiosk(srv.url);
  for (const serviceId of ['ho-tich', 'ho-tich', 'ho-tich', 'cu-tru', 'cu-tru']) {
    await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId, priority: null, print: false, language: 'vi' });
  }
  officer = await staff(srv.url, 'canbo1');
  const cmd = (event: string, extra: Record<string, unknown> = {}) => must(officer, event, { requestId: rid(), counterId: 'quay-1', ...extra });
  await cmd('counter:open');
  srv.clock.advance(4 * 60_000);
  await cmd('counter:callNext');
  srv.clock.advance(60_000);
  await cmd('ticket:start');
  srv.clock.advance(6 * 60_000);
  await cmd('counter:doneAndCallNext');
  srv.clock.advance(3 * 60_000);
  await cmd('ticket:done');
  await cmd('counter:callNext');
  srv.clock.advance(2 * 60_000);
  await cmd('ticket:noShow');

  browser = await launchBrowser();
  pages = new Pages(() => browser);
  page = await pages.open();
  await signIn(page, srv.url, 'quanly');
});

afterAll(async () => {
  await pages?.close();
  await browser?.close();
  k?.close();
  officer?.close();
  await srv?.close();
});

interface Expected {
  key: string;
  issued: number;
  transferredIn: number;
  served: number;
  noShows: number;
  transferred: number;
  waitMs: number | null;
}

/**
 * The report's figures straight from the tickets table: a queue entry made by a transfer is not a
 * new arrival and waits from its transfer; a ticket expired at closing while a no-show is a no-show.
 */
function expected(from: string, to: string, groupBy: 'service' | 'hour' | 'all'): Expected[] {
  const key =
    groupBy === 'service' ? 't.service_id' : groupBy === 'hour' ? `CAST(((t.issued_at + ${7 * HOUR}) % 86400000) / ${HOUR} AS TEXT)` : "''";
  return srv.server.db
    .prepare(
      `SELECT ${key} AS key,
        SUM(t.transferred_from_id IS NULL) AS issued,
        SUM(t.transferred_from_id IS NOT NULL) AS transferredIn,
        SUM(t.state = 'done') AS served,
        SUM(t.state = 'no_show' OR (t.state = 'expired' AND EXISTS (
          SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.type = 'ticket.expired'
            AND json_extract(e.data_json, '$.from') = 'no_show'))) AS noShows,
        SUM(t.state = 'transferred') AS transferred,
        AVG(CASE WHEN t.called_at IS NOT NULL THEN MAX(0, t.called_at -
          CASE WHEN t.transferred_from_id IS NOT NULL THEN COALESCE(src.finished_at, t.issued_at) ELSE t.issued_at END) END) AS waitMs
      FROM tickets t LEFT JOIN tickets src ON src.id = t.transferred_from_id
      WHERE t.business_date BETWEEN ? AND ?
      GROUP BY key`,
    )
    .all(from, to) as Expected[];
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);

/** One row of the figures table as the page shows it. */
async function shownRow(key: string): Promise<Omit<Expected, 'waitMs' | 'key'> & { waitMin: number | null }> {
  const row = page.locator(`[data-testid="figures"] tr[data-key="${key}"]`);
  const cell = async (col: string): Promise<string> => ((await row.locator(`td[data-col="${col}"]`).textContent()) ?? '').trim();
  return {
    issued: parseCount(await cell('issued')),
    transferredIn: parseCount(await cell('transferredIn')),
    served: parseCount(await cell('served')),
    noShows: parseCount(await cell('noShows')),
    transferred: parseCount(await cell('transferred')),
    waitMin: parseMin(await cell('waitAvg'), 'vi'),
  };
}

async function reportShown(from: string, to: string, by: string): Promise<void> {
  await page.locator(`[data-testid="report"][data-from="${from}"][data-to="${to}"][data-by="${by}"][aria-busy="false"]`).waitFor();
}


function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // The CSV writes whole seconds (cut, not rounded); the sheet keeps the milliseconds.
  if (v instanceof Date) return new Date(Math.floor(Math.round(v.getTime()) / 1000) * 1000).toISOString().slice(0, 19).replace("T", " ");
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

describe('reports', () => {
  it('opens on today, computed live, with ratings "chưa có dữ liệu"', async () => {
    await go(page, '#/reports');
    await reportShown(TODAY, TODAY, 'service');
    const [total] = expected(TODAY, TODAY, 'all');
    expect(total).toMatchObject({ issued: 5, served: 2, noShows: 1 });
    expect(await textOf(page, '[data-kpi="issued"] .kpi-value')).toBe('5');
    expect(await textOf(page, '[data-kpi="served"] .kpi-value')).toBe('2');
    expect(await textOf(page, '[data-kpi="noShows"] .kpi-value')).toBe('1');
    // Waits: 4 min and 4 + 1 + 6 = 11 min after issue (all issued at 09:00), then 14 min.
    expect(await shownRow('ho-tich')).toMatchObject({ issued: 3, served: 2, noShows: 1, waitMin: minutes(total!.waitMs) });
    expect(await textOf(page, '[data-testid="ratings"] strong')).toBe('Chưa có dữ liệu');
    expect(await page.getByRole('button', { name: 'Hôm nay' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the last 7 days by service with the same numbers as the tickets table', async () => {
    await page.getByRole('button', { name: '7 ngày' }).click();
    const from = '2026-03-04';
    await reportShown(from, TODAY, 'service');
    const want = expected(from, TODAY, 'service');
    expect(want.length).toBeGreaterThanOrEqual(5);
    for (const w of want) {
      const shown = await shownRow(w.key);
      expect({ ...shown, waitMin: null }).toEqual({ issued: w.issued, transferredIn: w.transferredIn, served: w.served, noShows: w.noShows, transferred: w.transferred, waitMin: null });
      // Averages: rounded to a tenth of a minute on both sides (sums may add up in another order).
      expect(Math.abs((shown.waitMin ?? -1) - (minutes(w.waitMs) ?? -1))).toBeLessThanOrEqual(0.1);
    }
    const [total] = expected(from, TODAY, 'all');
    const totals = await shownRow('total');
    expect({ ...totals, waitMin: null }).toEqual({ issued: total!.issued, transferredIn: total!.transferredIn, served: total!.served, noShows: total!.noShows, transferred: total!.transferred, waitMin: null });
    expect(parseCount(await textOf(page, '[data-kpi="issued"] .kpi-value'))).toBe(total!.issued);
    expect(parseCount(await textOf(page, '[data-kpi="transferred"] .kpi-value'))).toBe(total!.transferred);
    // Charts first: the wait chart has a bar per service, the hour chart a bar per hour.
    expect(await page.locator('[data-testid="wait-chart"] g[data-service]').count()).toBe(want.length);
    expect(await page.locator('[data-testid="hour-chart"] g[data-hour]').count()).toBeGreaterThanOrEqual(11);
    await lookAt(page, `${shots}reports.png`);
    await lookAt(page, `${shots}reports-full.png`, { fullPage: true });
  });

  it('groups yesterday by hour of day, arrivals per hour matching the tickets', async () => {
    await page.getByRole('button', { name: 'Hôm qua' }).click();
    await page.getByRole('button', { name: 'Giờ trong ngày' }).click();
    const day = '2026-03-09';
    await reportShown(day, day, 'hour');
    const want = expected(day, day, 'hour');
    expect(want.reduce((n, w) => n + w.issued, 0)).toBeGreaterThan(30);
    for (const w of want) {
      const shown = await shownRow(w.key);
      expect([w.key, shown.issued, shown.served, shown.noShows]).toEqual([w.key, w.issued, w.served, w.noShows]);
    }
    // The chart's bar for the hour with the most transfers in says the same (its tooltip): arrivals
    // are the tickets issued, a transfer is not a second arrival.
    const busiest = want.reduce((a, b) => (b.transferredIn > a.transferredIn || (b.transferredIn === a.transferredIn && b.issued > a.issued) ? b : a));
    expect(busiest.transferredIn).toBeGreaterThan(0);
    const title = await page.locator(`[data-testid="hour-chart"] g[data-hour="${busiest.key}"] title`).textContent();
    expect(title).toContain(`Số đến (lấy số): ${busiest.issued} ·`);
    const bars = await page.locator('[data-testid="hour-chart"] g[data-hour] title').allTextContents();
    const arrivals = bars.reduce((n, t) => n + Number(/Số đến \(lấy số\): (\d+)/.exec(t)?.[1] ?? 0), 0);
    expect(arrivals).toBe(want.reduce((n, w) => n + w.issued, 0));
    await lookAt(page, `${shots}reports-by-hour.png`);
  });

  it('refuses a range that runs backwards, in words, before asking the server', async () => {
    await page.getByTestId('from-date').fill('2026-03-09');
    await page.getByTestId('to-date').fill('2026-03-01');
    await page.getByText('“Từ ngày” phải trước hoặc bằng “Đến ngày”.').waitFor();
    expect(await page.getByTestId('export-csv').isDisabled()).toBe(true);
  });

  it('downloads CSV and XLSX with one click each, holding the same rows as the tickets table', async () => {
    await page.getByRole('button', { name: 'Dịch vụ', exact: true }).click();
    await page.getByRole('button', { name: '7 ngày' }).click();
    const from = '2026-03-04';
    await reportShown(from, TODAY, 'service');
    const count = (srv.server.db.prepare('SELECT count(*) AS n FROM tickets WHERE business_date BETWEEN ? AND ?').get(from, TODAY) as { n: number }).n;
    const served = (srv.server.db.prepare("SELECT count(*) AS n FROM tickets WHERE business_date BETWEEN ? AND ? AND state = 'done'").get(from, TODAY) as { n: number }).n;

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toBe(`layso-${from}_${TODAY}.csv`);
    const csvText = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const csv = parseCsv(csvText.slice(1));
    await page.getByTestId('exported').getByText(`Đã tải layso-${from}_${TODAY}.csv.`).waitFor();

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`layso-${from}_${TODAY}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsxDownload.path())!);
    const sheet = book.getWorksheet('Tickets')!;
    const xlsx: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= 16; c++) cells.push(cellText(row.getCell(c).value));
      xlsx.push(cells);
    });

    expect(csv[0]).toEqual(['Ngày', 'Số', 'Dịch vụ', 'Ưu tiên', 'Giờ lấy số', 'Giờ gọi', 'Giờ bắt đầu', 'Giờ kết thúc', 'Trạng thái', 'Quầy', 'Cán bộ', 'Chờ (phút)', 'Phục vụ (phút)', 'Đánh giá', 'Hài lòng', 'Lý do chưa hài lòng']);
    expect(csv).toHaveLength(count + 1);
    expect(book.getWorksheet('Đánh giá')?.getRow(1).getCell(1).value).toBe('Theo');

    const [ratingsDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ratings-csv').click()]);
    expect(ratingsDownload.suggestedFilename()).toBe(`layso-ratings-${from}_${TODAY}.csv`);
    const ratingsCsv = parseCsv(readFileSync((await ratingsDownload.path())!, 'utf8').slice(1));
    expect(ratingsCsv[0]?.slice(0, 6)).toEqual(['Theo', 'Nhóm', 'Lượt đánh giá', 'Hài lòng', 'Không hài lòng', 'Tỷ lệ hài lòng (%)']);
    expect(ratingsCsv[1]?.slice(0, 2)).toEqual(['Tổng cộng', 'Tổng cộng']);
    expect(xlsx).toEqual(csv);
    expect(csv.filter((r) => r[8] === 'Hoàn thành')).toHaveLength(served);
    // Today's live tickets are there too, with their local times.
    expect(csv.filter((r) => r[0] === TODAY)).toHaveLength(5);
    expect(csv.find((r) => r[0] === TODAY && r[8] === 'Hoàn thành' && r[5] === '2026-03-10 09:04:00')).toBeDefined();
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await page.locator('[data-testid="figures"] tr[data-key="ho-tich"] th').getByText('Civil status – Certification').waitFor();
    await lookAt(page, `${shots}reports-en.png`);
    await page.getByRole('button', { name: 'VI', exact: true }).click();
  });
});
