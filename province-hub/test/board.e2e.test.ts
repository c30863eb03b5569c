/**
 * The province board and the centre's enrolment screen in real headless Chromium: a centre's
 * admin enters the hub's address and code in the staff app; the province admin's board (served
 * by one hub node) shows the centre live while its pushes land on another node; the drill-in and
 * the reports. Every page passes axe-core with no serious or critical finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../src/app.js';
import { startPostgres, type TestPostgres } from '../src/local-postgres.js';
import { startTestServer, type TestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser } from '../../queue-server/test/support/browser.js';
import { axeSerious, describeFindings } from '../../queue-server/test/support/axe.js';
import { ensureBuilt, signIn, staffRoot } from '../../staff-app/test/browser-support.js';
import { ADMIN, centreWork, enrolCentre, hubLogin, registerCentre } from './support/hub.js';
import { until } from '../../queue-server/test/support/harness.js';

let pgs: TestPostgres;
let dbUrl: string;
let h1: RunningHub;
let h2: RunningHub;
let ts: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureBuilt();
  pgs = await startPostgres();
  dbUrl = await pgs.createDatabase('hub_board');
  h1 = await startHub({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', bootstrapAdmin: ADMIN });
  h2 = await startHub({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1' });
  ts = await startTestServer({ webRoots: { staff: staffRoot }, uplink: { kickDelayMs: 10, pollMs: 300, figuresEveryMs: 0, minBackoffMs: 50, maxBackoffMs: 300 } });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' })).newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await ts?.close();
  await h1?.close();
  await h2?.close();
  await pgs?.destroy();
});

async function clean(where: string): Promise<void> {
  const found = await axeSerious(page);
  expect(found, describeFindings(where, found)).toEqual([]);
}

describe('province board in a browser', () => {
  it('a centre admin enrols in the staff app; the board shows the centre live across nodes; drill-in and reports', async () => {
    const token = await hubLogin(h1.url);
    const code = await registerCentre(h1.url, token, 'xa-thu', 'Trung tâm xã Thử');
    await centreWork(ts, 4, 1);

    // The centre's side: Quản trị → Kết nối tỉnh. Pushes go to node 2.
    await signIn(page, ts.url, 'admin');
    await page.evaluate(() => (window.location.hash = '#/admin/province'));
    await page.getByText('Chưa kết nối với tỉnh.').waitFor();
    await clean('staff province (not linked)');
    await page.getByLabel('Địa chỉ máy chủ tỉnh').fill(h2.url);
    await page.getByLabel('Mã đăng ký (do quản trị tỉnh cấp)').fill(code);
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.locator('[data-testid="uplink-facts"]').waitFor();
    // The screen reads the state again every 5 s.
    await page.waitForFunction(() => document.querySelector('[data-testid="uplink-state"]')?.textContent === 'Đã gửi đủ');
    expect(await page.locator('[data-testid="uplink-facts"]').textContent()).toContain('xa-thu');
    await clean('staff province (linked)');

    // The province's side: the board served by node 1.
    await page.goto(`${h1.url}/`);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const row = page.locator('tr[data-centre="xa-thu"]');
    await row.waitFor();
    const waiting = (): Promise<string | null> => row.locator('[data-col="waiting"]').textContent();
    const before = Number(await waiting());
    expect(before).toBe(3);
    expect(await row.locator('[data-col="status"]').textContent()).toBe('Trực tuyến');
    expect(await row.locator('[data-col="served"]').textContent()).toBe('1');
    await clean('province board');

    // A ticket at the centre: pushed to node 2, shown by node 1's board without a reload.
    await centreWork(ts, 1, 0);
    await page.waitForFunction(() => document.querySelector('tr[data-centre="xa-thu"] [data-col="waiting"]')?.textContent === '4');

    // Drill into the centre (read only).
    await row.getByRole('link', { name: 'Trung tâm xã Thử' }).click();
    await page.locator('[data-testid="detail-counters"]').waitFor();
    expect(await page.locator('[data-testid="detail-waiting"]').textContent()).toBe('4');
    expect(await page.locator('[data-testid="detail-counters"]').textContent()).toContain('Đang mở');
    await clean('centre drill-in');

    // Reports for the centre's day.
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    const day = ts.server.engine.businessDate;
    await page.getByLabel('Từ ngày').fill(day);
    await page.getByLabel('Đến ngày').fill(day);
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const report = page.locator('[data-testid="report"]');
    await report.waitFor();
    expect(await report.locator('tbody tr').first().textContent()).toContain('Trung tâm xã Thử');
    await clean('province reports');

    // The province admin sets its targets; the report ranks centres against them.
    await page.getByLabel('Thời gian chờ mục tiêu (phút)').fill('20');
    await page.getByLabel('Tỉ lệ được gọi trong thời gian đó (%)').fill('80');
    await page.getByRole('button', { name: 'Lưu mục tiêu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu mục tiêu.' }).waitFor();
    expect(await page.locator('[data-testid="targets"]').textContent()).toBe('Gọi 80% người dân trong 20 phút; chưa đặt hài lòng.');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.getByRole('columnheader', { name: 'Gọi trong 20 phút' }).waitFor();
    const first = report.locator('tbody tr').first();
    expect(await first.locator('[data-col="rank"]').textContent()).toBe('1');
    expect(await first.locator('[data-col="under-target"]').textContent()).toMatch(/^\d+% · (đạt|chưa đạt)$/);
    await clean('province reports with targets');

    // English second.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Province' }).click();
    await page.getByRole('columnheader', { name: 'Waiting' }).waitFor();
    await clean('province board (English)');
  }, 120_000);

  it('a province admin registers a centre, reads its one-time code, and revokes it, from the board', async () => {
    const other = await startTestServer({ uplink: { kickDelayMs: 10, pollMs: 200, figuresEveryMs: 0, minBackoffMs: 50, maxBackoffMs: 300 } });
    try {
      await page.goto(`${h2.url}/`);
      if (await page.getByLabel('Tên đăng nhập').isVisible()) {
        await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
        await page.getByLabel('Mật khẩu').fill(ADMIN.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
      }
      // The board may have been left in English by the first test.
      if (await page.getByRole('button', { name: 'Tiếng Việt' }).isVisible()) await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('link', { name: 'Quản lý trung tâm' }).click();
      await page.getByRole('heading', { name: 'Đăng ký trung tâm mới' }).waitFor();
      await clean('centres admin');

      // A bad id is refused with a clear message, and nothing is registered.
      await page.getByLabel('Mã trung tâm (chữ thường, số, gạch ngang)').fill('Xã Mới');
      await page.getByLabel('Tên tiếng Việt').fill('Trung tâm xã Mới');
      await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'mã trung tâm chỉ gồm chữ thường' }).waitFor();

      await page.getByLabel('Mã trung tâm (chữ thường, số, gạch ngang)').fill('xa-moi');
      await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      const code = (await page.locator('[data-testid="enrol-code-value"]').textContent()) ?? '';
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await clean('centres admin (code shown)');
      const row = page.locator('tr[data-admin-centre="xa-moi"]');
      expect(await row.locator('[data-col="link"]').textContent()).toBe('Chờ nhập mã');
      // The same id again: refused.
      await page.getByLabel('Mã trung tâm (chữ thường, số, gạch ngang)').fill('xa-moi');
      await page.getByLabel('Tên tiếng Việt').fill('Trùng');
      await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Mã trung tâm này đã có.' }).waitFor();

      // The centre enrols with the code read off the page; the row turns linked, live.
      await enrolCentre(other, h1.url, code);
      await page.waitForFunction(() => document.querySelector('tr[data-admin-centre="xa-moi"] [data-col="link"]')?.textContent === 'Đã kết nối');

      // Revoke, in two steps: the centre's next push is refused.
      await row.getByRole('button', { name: 'Thu hồi: Trung tâm xã Mới' }).click();
      await clean('centres admin (confirm revoke)');
      await row.getByRole('button', { name: 'Xác nhận thu hồi Trung tâm xã Mới' }).click();
      await page.waitForFunction(() => document.querySelector('tr[data-admin-centre="xa-moi"] [data-col="link"]')?.textContent === 'Đã thu hồi');
      await centreWork(other, 1, 0);
      await until(() => other.server.uplink.status().state === 'refused', 10_000, 'the revoked centre to be refused');

      // A province viewer has no such page.
      const token = await hubLogin(h1.url);
      const r = await fetch(`${h1.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ username: 'xem-tinh', password: 'mat-khau-xem', role: 'province_viewer' }),
      });
      expect(r.status).toBe(200);
      await page.getByRole('button', { name: /Đăng xuất/ }).click();
      await page.getByLabel('Tên đăng nhập').fill('xem-tinh');
      await page.getByLabel('Mật khẩu').fill('mat-khau-xem');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('link', { name: 'Báo cáo' }).waitFor();
      expect(await page.getByRole('link', { name: 'Quản lý trung tâm' }).count()).toBe(0);
    } finally {
      await other.close();
    }
  }, 120_000);
});
