/**
 * Every page a person sees, in real headless Chromium at its UX.md size, checked with axe-core:
 * no serious or critical violation. Kiosk (home, priority, confirmation, pairing), display (wall,
 * counter, pairing), staff (sign-in, console, board, reports, admin) and the phone page, all
 * served by one real queue server.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket } from '@layso/shared';
import { kiosk, must, rid, staff, startTestServer, type KioskSocket, type StaffSocket, type TestServer } from './support/harness.js';
import { launchBrowser } from './support/browser.js';
import { axeSerious, describeFindings } from './support/axe.js';

const root = (app: string): string => fileURLToPath(new URL(`../../${app}/dist/web`, import.meta.url));
const webRoots = {
  kiosk: root('kiosk-app'),
  display: root('display-app'),
  staff: root('staff-app'),
  rate: `${root('display-app')}/rate`,
  book: `${root('kiosk-app')}/book`,
};
const KIOSK = { width: 1080, height: 1920 };
const WALL = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };
const TABLET = { width: 1280, height: 800 };

let browser: Browser;
let srv: TestServer;
let k: KioskSocket;
let officer: StaffSocket;

beforeAll(async () => {
  for (const [app, dir] of Object.entries(webRoots)) {
    if (!existsSync(`${dir}/index.html`)) throw new Error(`${app} is not built (${dir}): run \`npm test\` or \`npm run build\``);
  }
  browser = await launchBrowser();
  srv = await startTestServer({ webRoots, settings: { kioskRateLimitPerMin: 0 }, demoPrinter: null });
  k = await kiosk(srv.url);
  officer = await staff(srv.url, 'canbo1');
  await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
  for (let i = 0; i < 3; i++) await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null, print: false, language: 'vi' });
  await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
});

afterAll(async () => {
  await browser?.close();
  k?.close();
  officer?.close();
  await srv?.close();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function expectClean(page: Page, where: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const found = await axeSerious(page);
  expect(found, describeFindings(where, found)).toEqual([]);
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${srv.url}/staff/`);
  await page.getByLabel('Tên đăng nhập').waitFor();
  await expectClean(page, 'staff sign-in');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.topbar').waitFor();
}

describe('axe-core finds no serious or critical violation', () => {
  it('on the kiosk: home, priority, confirmation', async () => {
    const page = await open(KIOSK);
    await page.goto(`${srv.url}/kiosk/`);
    await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
    await expectClean(page, 'kiosk home');
    await page.click('[data-service-id=ho-tich]');
    await page.waitForSelector('[data-screen=priority]');
    await expectClean(page, 'kiosk priority');
    await page.click('[data-priority=none]');
    await page.waitForSelector('[data-screen=confirm] [data-ticket-id]:not([data-print-state=printing])');
    await expectClean(page, 'kiosk confirmation');
    await page.context().close();
  });

  it('on the display: wall and counter screen', async () => {
    const wall = await open(WALL);
    await wall.goto(`${srv.url}/display/`);
    await wall.getByTestId('now-number').waitFor();
    await expectClean(wall, 'display wall');
    const counter = await open(WALL);
    await counter.goto(`${srv.url}/display/?counter=1`);
    await counter.getByTestId('counter-number').waitFor();
    await expectClean(counter, 'display counter screen');
    await wall.context().close();
    await counter.context().close();
  });

  it('on the staff app: sign-in, console, board, reports, admin', async () => {
    const page = await open(LAPTOP);
    await signIn(page, 'canbo1');
    await page.goto(`${srv.url}/staff/#/counter/quay-1`);
    await page.locator('[data-testid=in-hand]').first().waitFor().catch(() => page.waitForTimeout(500));
    await expectClean(page, 'staff console');
    await page.context().close();

    const manager = await open(LAPTOP);
    await signIn(manager, 'admin');
    for (const [hash, where] of [
      ['#/board', 'staff board'],
      ['#/reports', 'staff reports'],
      ['#/admin', 'staff admin'],
      ['#/admin/services', 'staff admin services'],
      ['#/admin/counters', 'staff admin counters'],
      ['#/admin/devices', 'staff admin devices'],
      ['#/admin/settings', 'staff admin settings (with the ratings)'],
      ['#/admin/integrations', 'staff admin integrations'],
      ['#/book', 'staff booking on a citizen’s behalf'],
    ] as const) {
      await manager.evaluate((h) => (window.location.hash = h), hash);
      await manager.waitForTimeout(700);
      await expectClean(manager, where);
    }
    // Backups: schedule, retention, the list; "back up now" adds a checked copy, and the change
    // log says who took it.
    await manager.evaluate((h) => (window.location.hash = h), '#/admin/backups');
    await manager.getByTestId('backup-facts').waitFor();
    await expectClean(manager, 'staff admin backups');
    await manager.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await manager.getByTestId('backup-done').waitFor();
    await manager.getByTestId('backup-list').getByText('Sao lưu ngay').first().waitFor();
    expect(await manager.getByTestId('backup-list').locator('tbody tr').first().textContent()).toContain('✓ Đạt');
    await expectClean(manager, 'staff admin backups, after a backup');
    await manager.evaluate((h) => (window.location.hash = h), '#/admin/audit');
    await manager.locator('tr[data-type="storage.backup_taken"]').first().waitFor();
    await manager.context().close();
  }, 90_000);

  it('on the phone page', async () => {
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null, print: false, language: 'vi' });
    const page = await open(PHONE);
    await page.goto(`${srv.url}/t/${issued.ticket.id}`);
    await page.waitForFunction((n) => document.getElementById('num')?.textContent === n, issued.ticket.displayNumber);
    await expectClean(page, 'phone page');
    await page.context().close();
  });

  it('on the booking page: the choices, the booking with its QR code, the cancel page', async () => {
    const page = await open(PHONE);
    await page.goto(`${srv.url}/book/`);
    await page.locator('[data-service-id=ho-tich]').click();
    await page.locator('.slot:not([disabled])').first().click();
    await expectClean(page, 'booking page choices');
    await page.locator('[data-action=book]').click();
    await page.getByTestId('booking-code').waitFor();
    await expectClean(page, 'booking page booked');
    await page.getByTestId('cancel-link').click();
    await page.locator('[data-action=cancel]').waitFor();
    await expectClean(page, 'booking page cancel');
    await page.context().close();
  });

  it('on the kiosk check-in: the code pad, too early, and the ticket with its note', async () => {
    const slot = srv.clock.now() + 3 * 3_600_000;
    const res = await fetch(`${srv.url}/api/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'ho-tich', slotAt: slot - (slot % 900_000) }) });
    const { code } = ((await res.json()) as { data: { code: string } }).data;
    const page = await open(KIOSK);
    await page.goto(`${srv.url}/kiosk/`);
    await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
    await page.click('[data-action=check-in]');
    await page.waitForSelector('[data-screen=checkin]');
    await expectClean(page, 'kiosk check-in pad');
    for (const d of code) await page.click(`[data-key="${d}"]`);
    await page.click('[data-action=send-code]');
    await page.getByTestId('early-when').waitFor();
    await expectClean(page, 'kiosk check-in too early');
    await page.click('[data-action=walk-in]');
    await page.waitForSelector('[data-screen=confirm] [data-note=early]');
    await expectClean(page, 'kiosk check-in ticket');
    await page.context().close();
  });

  it('on the rating tablet (a demo tablet naming its counter): the number served', async () => {
    const page = await open(TABLET);
    await page.goto(`${srv.url}/rate/?counter=1`);
    await page.locator('[data-testid=rate-serving][data-number]:not([data-number=""])').waitFor();
    await expectClean(page, 'rating tablet serving');
    await page.context().close();
  });

  it('on the kiosk, display and rating tablet pairing screens', async () => {
    srv.setSettings({ demo: false });
    try {
      const kioskPage = await open(KIOSK);
      await kioskPage.goto(`${srv.url}/kiosk/`);
      await kioskPage.waitForSelector('[data-screen=pairing] [data-testid=pair-code]');
      await expectClean(kioskPage, 'kiosk pairing');
      const displayPage = await open(WALL);
      await displayPage.goto(`${srv.url}/display/`);
      await displayPage.getByTestId('pair-code').waitFor();
      await expectClean(displayPage, 'display pairing');
      const tabletPage = await open(TABLET);
      await tabletPage.goto(`${srv.url}/rate/`);
      await tabletPage.getByTestId('pair-code').waitFor();
      await expectClean(tabletPage, 'rating tablet pairing');
      await kioskPage.context().close();
      await displayPage.context().close();
      await tabletPage.context().close();
    } finally {
      srv.setSettings({ demo: true });
    }
  });
});
