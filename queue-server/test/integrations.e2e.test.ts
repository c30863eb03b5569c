/**
 * The staff side of issue 14 in real headless Chromium against a real server: an officer books
 * on a citizen's behalf (a phone call) and reads back the code; the admin makes an API key (shown
 * once) and a webhook to a real receiver on 127.0.0.1, and watches the delivery in the log; both
 * pages pass axe-core.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Ack, BookingView, UpcomingList } from '@layso/shared';
import { login, MORNING, startTestServer, TestClock, until, type TestServer } from './support/harness.js';
import { launchBrowser } from './support/browser.js';
import { axeSerious, describeFindings } from './support/axe.js';

const staffRoot = fileURLToPath(new URL('../../staff-app/dist/web', import.meta.url));
const LAPTOP = { width: 1366, height: 768 };

let browser: Browser;
let srv: TestServer;
const received: string[] = [];
const rx = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push(Buffer.concat(chunks).toString('utf8'));
    res.end('ok');
  });
});

beforeAll(async () => {
  if (!existsSync(`${staffRoot}/index.html`)) throw new Error('staff-app is not built: run `npm test` or `npm run build`');
  browser = await launchBrowser();
  await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
  // The clock stands still at 09:00 in Hà Nội, so the slots of the day are known.
  srv = await startTestServer({ clock: new TestClock(MORNING), webRoots: { staff: staffRoot }, demoPrinter: null, webhooks: { pollMs: 100 } });
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await new Promise((r) => rx.close(r));
});

async function open(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN', reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${srv.url}/staff/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.topbar').waitFor();
}

async function expectClean(page: Page, where: string): Promise<void> {
  const found = await axeSerious(page);
  expect(found, describeFindings(where, found)).toEqual([]);
}

describe('staff booking and the integrations admin in Chromium', () => {
  it('an officer books a slot for a citizen on the phone, reads the code back, and sees it among today’s bookings', async () => {
    const page = await open();
    await signIn(page, 'canbo1');
    await page.getByRole('link', { name: 'Đặt lịch hộ' }).click();
    await page.getByRole('heading', { name: 'Đặt lịch hẹn cho công dân' }).waitFor();
    await page.getByLabel('Dịch vụ').selectOption('ho-tich');
    // 09:15 is the first slot after 09:00, two places by default.
    const slot = page.getByLabel('Giờ hẹn');
    await expect.poll(async () => slot.locator('option').first().textContent()).toBe('09:15 (còn 2 chỗ)');
    await slot.selectOption({ label: '09:30 (còn 2 chỗ)' });
    await expectClean(page, 'staff booking form');
    await page.getByRole('button', { name: 'Đặt lịch' }).click();
    const code = await page.getByTestId('booked-code').textContent();
    expect(code).toMatch(/^\d{6}$/);
    await expect.poll(() => page.getByTestId('staff-booked').textContent()).toContain('09:30');
    await expectClean(page, 'staff booking done');
    // The server holds the booking, booked by this officer, for 09:30 (MORNING + 30 min).
    const row = srv.server.db.prepare('SELECT slot_at, booked_by, state FROM appointments WHERE code = ?').get(code) as { slot_at: number; booked_by: string; state: string };
    expect(row).toEqual({ slot_at: MORNING + 30 * 60_000, booked_by: 'user:u-canbo1', state: 'booked' });
    // Today's upcoming bookings list it; the slot has one place left.
    await expect.poll(() => page.getByTestId('upcoming').textContent()).toContain(code!);
    await page.getByRole('button', { name: 'Đặt lịch khác' }).click();
    await expect.poll(async () => page.getByLabel('Giờ hẹn').locator('option', { hasText: '09:30' }).textContent()).toBe('09:30 (còn 1 chỗ)');
    // The console of counter 1 (which serves hộ tịch) lists it too.
    await page.goto(`${srv.url}/staff/#/counter/quay-1`);
    await expect.poll(() => page.getByTestId('upcoming').textContent(), { timeout: 15_000 }).toContain(code!);
    await page.context().close();
  }, 90_000);

  it('the admin makes an API key (shown once) that books; adds a webhook; the delivery shows in the log', async () => {
    const page = await open();
    await signIn(page, 'admin');
    await page.evaluate(() => (window.location.hash = '#/admin/integrations'));
    await page.getByRole('heading', { name: 'Khoá API của phần mềm một cửa' }).waitFor();
    await expectClean(page, 'integrations admin, empty');
    await page.getByLabel('Tên hệ thống').fill('Một cửa điện tử tỉnh');
    await page.getByTestId('make-key').click();
    const key = (await page.getByTestId('new-key').textContent()) ?? '';
    expect(key).toMatch(/^lk_/);
    await expect.poll(() => page.getByTestId('keys-table').textContent()).toContain('Một cửa điện tử tỉnh');
    expect(await page.getByTestId('keys-table').textContent()).not.toContain(key);

    await page.getByLabel('Tên', { exact: true }).fill('Một cửa');
    await page.getByLabel('Địa chỉ nhận (URL)').fill(`http://127.0.0.1:${(rx.address() as AddressInfo).port}/layso`);
    await page.getByTestId('add-hook').click();
    expect(await page.getByTestId('new-secret').textContent()).toMatch(/^whsec_/);

    // The key books through the REST API; the webhook carries it to the receiver.
    const r = await fetch(`${srv.url}/api/v1/appointments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'ho-tich', slotAt: MORNING + 45 * 60_000 }),
    });
    const booked = (await r.json()) as Ack<BookingView>;
    expect(booked.ok).toBe(true);
    await until(() => received.some((b) => b.includes('"appointment.booked"')), 10_000, 'the webhook');
    await page.getByRole('button', { name: /Làm mới/ }).last().click();
    await expect.poll(() => page.getByTestId('deliveries-table').textContent(), { timeout: 15_000 }).toContain('Đã gửi');
    await expectClean(page, 'integrations admin, with a key, a webhook and a delivery');

    // Revoked from the page, the key books no more.
    await page.getByTestId('keys-table').getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thu hồi' }).click();
    await expect.poll(() => page.getByTestId('keys-table').textContent()).toContain('Đã thu hồi');
    const again = await fetch(`${srv.url}/api/v1/appointments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'ho-tich', slotAt: MORNING + 60 * 60_000 }),
    });
    expect(((await again.json()) as Ack<unknown>).ok).toBe(false);
    const officer = await login(srv.url, 'canbo2');
    const up = (await (await fetch(`${srv.url}/api/staff/appointments/upcoming`, { headers: { authorization: `Bearer ${officer}` } })).json()) as Ack<UpcomingList>;
    expect(up.ok && up.data.appointments.some((a) => a.slotAt === MORNING + 60 * 60_000)).toBe(false);
    // Today's bookings in the reports, by day and service: the table passes axe too.
    await page.evaluate(() => (window.location.hash = '#/reports'));
    await expect.poll(() => page.getByTestId('appointments-report').textContent(), { timeout: 15_000 }).toMatch(/Cả kỳ/);
    await expectClean(page, 'reports with the appointments table');
    await page.context().close();
  }, 90_000);
});
