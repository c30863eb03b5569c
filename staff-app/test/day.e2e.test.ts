/**
 * A working day at the counter console, tried as a new officer would (issue 11): a key pressed
 * twice, dialogs that keep the focus where it was put, another officer's counter read-only.
 * Real server (temporary SQLite, test clock), real Chromium, kiosks as real socket.io clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, Ticket } from '@layso/shared';
import { type KioskSocket, type StaffSocket, type TestServer, kiosk, must, rid, staff, startTestServer, until } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { Pages, WAIT, ensureBuilt, shots, signIn, staffRoot, waitText } from './browser-support.js';

let srv: TestServer;
let browser: Browser;
let k: KioskSocket;
let pages: Pages;
const sockets: StaffSocket[] = [];

beforeAll(async () => {
  ensureBuilt();
  srv = await startTestServer({ webRoots: { staff: staffRoot }, settings: { kioskRateLimitPerMin: 0 } });
  browser = await launchBrowser();
  pages = new Pages(() => browser);
  k = await kiosk(srv.url);
});

afterAll(async () => {
  await pages?.close();
  await browser?.close();
  k?.close();
  for (const s of sockets) s.close();
  await srv?.close();
});

async function issue(serviceId: string): Promise<Ticket> {
  return (await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId, priority: null, print: false, language: 'vi' })).ticket;
}
const engine = () => srv.server.engine;
const stateOf = (id: string): string | undefined =>
  (srv.server.db.prepare('SELECT state FROM tickets WHERE id = ?').get(id) as { state: string } | undefined)?.state;
const inHandAt = (counterId: string): Ticket[] =>
  engine()
    .liveTickets()
    .filter((t) => t.counterId === counterId && (t.state === 'called' || t.state === 'serving'));
const calledEvents = (counterId: string): number =>
  (srv.server.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'ticket.called' AND counter_id = ?").get(counterId) as { n: number }).n;

async function openConsole(username: string, counterId: string): Promise<Page> {
  const page = await pages.open();
  await signIn(page, srv.url, username);
  await page.locator(`li[data-counter="${counterId}"] button`).click();
  await page.locator(`.console[data-counter="${counterId}"]`).waitFor();
  return page;
}

/** A short stable description of the focused element. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.tagName}:${el.name ?? ''}:${el.value ?? ''}:${el.textContent?.trim().slice(0, 20) ?? ''}` : 'none';
  });

describe('the officer at the console', () => {
  it('a key pressed twice 100 ms apart acts once: "2" finishes the ticket in hand and calls one next', async () => {
    const page = await pages.open();
    // What leaves the browser: each counter command's payload.
    const sent: { event: string; payload: Record<string, unknown> }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        const m = /^\d+(?:\/[^,]*,)?\d*(\[.*)$/s.exec(String(f.payload));
        if (!m) return;
        const [event, payload] = JSON.parse(m[1]!) as [string, Record<string, unknown>];
        if (typeof event === 'string' && /^(counter|ticket):/.test(event)) sent.push({ event, payload });
      }),
    );
    await signIn(page, srv.url, 'canbo3');
    await page.locator('li[data-counter="quay-3"] button').click();
    await page.locator('.console[data-counter="quay-3"]').waitFor();
    const [a, b, c] = [await issue('dat-dai'), await issue('dat-dai'), await issue('dat-dai')];
    await page.locator('button[data-action="callNext"]:not([disabled])').waitFor();
    await page.keyboard.press('Digit1');
    await waitText(page, '[data-testid="inhand-number"]', a.displayNumber);
    await page.locator('button[data-action="doneAndCallNext"]:not([disabled]):not([aria-busy])').waitFor();

    await page.keyboard.press('Digit2');
    await page.waitForTimeout(100);
    await page.keyboard.press('Digit2');
    await until(() => inHandAt('quay-3')[0]?.id === b.id, WAIT, 'b called');
    await waitText(page, '[data-testid="inhand-number"]', b.displayNumber);
    // Give a wrongly accepted second press every chance to show.
    await page.waitForTimeout(1500);
    expect(stateOf(a.id)).toBe('done');
    expect(stateOf(b.id)).toBe('called');
    expect(stateOf(c.id)).toBe('waiting');
    expect(calledEvents('quay-3')).toBe(2);
    // The press carried the ticket the officer saw in hand, so the server could refuse a stale one.
    const dones = sent.filter((x) => x.event === 'counter:doneAndCallNext');
    expect(dones).toHaveLength(1);
    expect(dones[0]!.payload).toMatchObject({ counterId: 'quay-3', ticketId: a.id });

    // After the moment, the same key works again.
    await page.keyboard.press('Digit2');
    await until(() => inHandAt('quay-3')[0]?.id === c.id, WAIT, 'c called');
    expect(stateOf(b.id)).toBe('done');
  });

  it('"Hoàn thành & gọi tiếp" with nobody waiting finishes the ticket, then says nobody waits', async () => {
    const page = await openConsole('canbo5', 'quay-5');
    const t = await issue('kinh-doanh');
    await page.locator('button[data-action="callNext"]:not([disabled])').waitFor();
    await page.keyboard.press('Digit1');
    await waitText(page, '[data-testid="inhand-number"]', t.displayNumber);
    await page.locator('button[data-action="doneAndCallNext"]:not([disabled]):not([aria-busy])').waitFor();
    await page.keyboard.press('Digit2');
    await until(() => stateOf(t.id) === 'done', WAIT, 'the ticket finished');
    await waitText(page, '.msg-line', 'Không còn ai chờ');
    await page.locator('.inhand-empty').waitFor();
    expect(inHandAt('quay-5')).toHaveLength(0);
  });

  it('the transfer and pause dialogs keep the focus where the officer put it', async () => {
    const page = await openConsole('canbo1', 'quay-1');
    await issue('ho-tich');
    await page.locator('button[data-action="callNext"]:not([disabled])').waitFor();
    await page.keyboard.press('Digit1');
    await page.locator('button[data-action="transfer"]:not([disabled])').waitFor();

    await page.keyboard.press('Digit7');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Tab on to the "where in the queue" choice, then wait past a few timer ticks.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    const put = await focused(page);
    expect(put).not.toBe(await dialog.locator('input').first().evaluate((e) => `${e.tagName}:${(e as HTMLInputElement).name}`));
    await page.waitForTimeout(2500);
    expect(await focused(page)).toBe(put);
    await lookAt(page, `${shots}transfer-dialog.png`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.keyboard.press('Digit0');
    await dialog.waitFor();
    // The reasons by arrow keys: "Nghỉ trưa", a wait, then one more down is "Công việc khác".
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByLabel('Nghỉ trưa').isChecked()).toBe(true);
    const put2 = await focused(page);
    await page.waitForTimeout(2500);
    expect(await focused(page)).toBe(put2);
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByLabel('Công việc khác').isChecked()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('another officer’s counter is read-only: its buttons are disabled and a key does nothing', async () => {
    const other = await staff(srv.url, 'canbo2');
    sockets.push(other);
    await must(other, 'counter:open', { requestId: rid(), counterId: 'quay-2' });
    await issue('cu-tru');
    const seq = engine().lastSeq;

    const page = await pages.open();
    await signIn(page, srv.url, 'canbo4');
    await page.goto(`${srv.url}/staff/#/counter/quay-2`);
    await page.locator('.console[data-counter="quay-2"]').waitFor();
    await page.getByText('Quầy 2 đang do Trần Văn Hùng phụ trách').waitFor();
    for (const a of ['callNext', 'pauseResume', 'close']) {
      expect(await page.locator(`button[data-action="${a}"]`).isDisabled(), a).toBe(true);
    }
    expect(await page.locator('.actions button:not([disabled])').count()).toBe(0);
    await page.keyboard.press('Digit1');
    await waitText(page, '.msg-line[data-code="NOT_YOUR_COUNTER"]', 'Đây không phải quầy của bạn.');
    await lookAt(page, `${shots}console-read-only.png`);
    expect(engine().lastSeq).toBe(seq);
  });
});

describe('numbers the Vietnamese way', () => {
  it('the services table writes an average service time of 114 s as "1,9 phút"', async () => {
    const svc = engine().listServices().find((s) => s.id === 'vneid')!;
    engine().putService({ ...svc, avgServiceSec: 114 }, { kind: 'system' });
    const page = await pages.open();
    await signIn(page, srv.url, 'admin');
    await page.evaluate(() => (window.location.hash = '#/admin/services'));
    const row = page.locator('tr', { hasText: 'VNeID' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('1,9 phút');
    expect(await row.textContent()).not.toContain('1.9');
  });
});

describe('the manager’s alerts', () => {
  it('are kept by the server: raised for a long wait, a service nobody serves and a printer, listed after a reload, acknowledged', async () => {
    // A service nobody serves now, with a citizen waiting (counter 6 serves VNeID and is closed).
    const t = await issue('vneid');
    const page = await pages.open();
    await signIn(page, srv.url, 'quanly');
    await page.evaluate(() => (window.location.hash = '#/board'));
    const list = page.locator('[data-testid="alert-list"]');
    await list.locator('li[data-kind="no_counter"]').filter({ hasText: 'Hướng dẫn dịch vụ công trực tuyến – VNeID' }).waitFor();

    // Forty minutes on, that wait is over the 30-minute threshold: raised on the server.
    srv.clock.advance(40 * 60_000);
    await issue('ho-tich');
    await list.locator('li[data-kind="long_wait"]').filter({ hasText: 'VNeID' }).waitFor();

    // A kiosk's printer runs out of paper: in words.
    await must(k, 'kiosk:printerStatus', { ok: false, code: 'PRINTER_PAPER_OUT', message: 'tcp://127.0.0.1:9100: paper out' });
    await list.getByText('Máy in quầy lấy số (demo) hết giấy').waitFor();
    expect(await list.textContent()).not.toContain('tcp://');

    // A reload keeps them all (they are the server's, not the page's).
    await page.reload();
    await page.locator('.topbar').waitFor();
    await page.evaluate(() => (window.location.hash = '#/board'));
    for (const kind of ['no_counter', 'long_wait', 'printer']) await list.locator(`li[data-kind="${kind}"]`).first().waitFor();

    // Acknowledged by the manager: the board says who saw it, the server keeps it.
    await list.locator('li[data-kind="printer"]').getByRole('button', { name: 'Đã xem' }).click();
    await list.locator('li[data-kind="printer"]').getByText('Đã xem: Đặng Thị Thu (Quản lý)').waitFor();
    const row = srv.server.db.prepare("SELECT acked_by, ended_at FROM alerts WHERE kind = 'printer'").get() as { acked_by: string; ended_at: number | null };
    expect(row).toEqual({ acked_by: 'Đặng Thị Thu (Quản lý)', ended_at: null });

    // The printer back and the citizen served: those alerts end (and stay listed for today).
    await must(k, 'kiosk:printerStatus', { ok: true });
    const canbo6 = await staff(srv.url, 'canbo6');
    sockets.push(canbo6);
    await must(canbo6, 'counter:open', { requestId: rid(), counterId: 'quay-6' });
    await must(canbo6, 'counter:callNext', { requestId: rid(), counterId: 'quay-6' });
    await until(() => stateOf(t.id) === 'called', WAIT, 'the VNeID citizen called');
    await list.locator('li.alert-ended[data-kind="printer"]').waitFor();
    await list.locator('li.alert-ended[data-kind="no_counter"]').waitFor();
    await list.locator('li.alert-ended[data-kind="long_wait"]').filter({ hasText: 'VNeID' }).waitFor();
    await lookAt(page, `${shots}board-alerts.png`);
    const open = srv.server.db.prepare("SELECT count(*) AS n FROM alerts WHERE ended_at IS NULL AND service_id = 'vneid'").get() as { n: number };
    expect(open.n).toBe(0);
  });
});
