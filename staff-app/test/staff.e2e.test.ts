/**
 * The staff app end to end: the built app served by a real queue server (temporary SQLite,
 * test clock), driven in headless Chromium, with kiosks and other officers as real socket.io
 * clients. What the screen shows is checked against the server's own state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { IssuedTicket, Ticket } from '@layso/shared';
import {
  type KioskSocket,
  type StaffSocket,
  type TestServer,
  kiosk,
  must,
  rid,
  staff,
  startTestServer,
  until,
} from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';

const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
const shots = fileURLToPath(new URL('../../test-output/staff-app/', import.meta.url));
const VIEWPORT = { width: 1366, height: 768 };
const WAIT = 15_000;

let srv: TestServer;
let browser: Browser;
let k: KioskSocket;
const contexts: BrowserContext[] = [];
const sockets: StaffSocket[] = [];

beforeAll(async () => {
  if (!existsSync(`${webRoot}/index.html`)) {
    throw new Error(`staff-app is not built (${webRoot}/index.html missing): run \`npm run build\` or \`npm test\``);
  }
  srv = await startTestServer({ webRoots: { staff: webRoot }, settings: { kioskRateLimitPerMin: 0 } });
  browser = await launchBrowser();
  k = await kiosk(srv.url);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  k?.close();
  for (const s of sockets) s.close();
  await srv?.close();
});

// ------------------------------------------------------------------ helpers

async function issue(serviceId: string): Promise<Ticket> {
  const r = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId, priority: null, print: false, language: 'vi' });
  return r.ticket;
}

const engine = () => srv.server.engine;
const live = (): Ticket[] => engine().liveTickets();
const inHandAt = (counterId: string): Ticket[] =>
  live().filter((t) => t.counterId === counterId && (t.state === 'called' || t.state === 'serving'));
/** `ticket.called` events written for a counter (recalls are `ticket.recalled`). */
function calledEvents(counterId: string): number {
  const row = srv.server.db
    .prepare("SELECT count(*) AS n FROM events WHERE type = 'ticket.called' AND counter_id = ?")
    .get(counterId) as { n: number };
  return row.n;
}
function storedState(ticketId: string): string {
  return (srv.server.db.prepare('SELECT state FROM tickets WHERE id = ?').get(ticketId) as { state: string }).state;
}

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.setDefaultTimeout(WAIT);
  return page;
}

async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${srv.url}/staff/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Wait until an element's trimmed text is exactly `text`. */
async function waitText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel!)?.textContent?.trim() === want,
    [selector, text] as const,
    { timeout: WAIT },
  );
}

async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

const action = (page: Page, a: string) => page.locator(`button[data-action="${a}"]`);
/** The action is no longer in flight (its button dropped the pending state). */
const settled = (page: Page, a: string) => page.locator(`button[data-action="${a}"]:not([aria-busy])`).waitFor();

// ------------------------------------------------------------------ tests

describe('staff app: sign-in', () => {
  it('shows wrong credentials and a locked account in words; an ended session goes back to sign-in; sign-out ends it', async () => {
    const page = await newPage();
    await signIn(page, 'canbo6', 'wrong');
    await waitText(page, '.form-error', 'Sai tên đăng nhập hoặc mật khẩu.');
    expect(await page.locator('.form-error').getAttribute('data-code')).toBe('INVALID_CREDENTIALS');

    // Five wrong passwords lock the account for a while, and the screen says so.
    const submit = page.locator('button[type="submit"]');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill('wrong');
      await submit.click();
      await page.locator('button[type="submit"]:not([disabled])').waitFor();
    }
    await page.getByLabel('Mật khẩu').fill('demo');
    await submit.click();
    await waitText(page, '.form-error[data-code="ACCOUNT_LOCKED"]', 'Tài khoản tạm khoá do nhập sai nhiều lần. Thử lại sau ít phút.');

    // A session the server no longer knows: the socket is refused and the app asks to sign in.
    await page.evaluate(() =>
      sessionStorage.setItem(
        'layso.staff.session',
        JSON.stringify({ token: 'not-a-real-token', user: { id: 'u-canbo6', username: 'canbo6', displayName: 'x', role: 'officer' }, expiresAt: 0 }),
      ),
    );
    await page.reload();
    await waitText(page, '.form-notice', 'Phiên làm việc đã hết, mời đăng nhập lại.');

    // Sign in, then sign out: the server forgets the token.
    await signIn(page, 'canbo6');
    await page.locator('.counter-list').waitFor();
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('layso.staff.session')!).token as string);
    expect(srv.server.accounts.userOfToken(token)?.username).toBe('canbo6');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await until(() => srv.server.accounts.userOfToken(token) === null, WAIT, 'logout');
  });
});

describe('staff app: officer console', () => {
  it('opens counter 1, calls (double click = one call), recalls, no-show, calls, transfers, calls and finishes', async () => {
    const issued = [await issue('ho-tich'), await issue('ho-tich'), await issue('ho-tich'), await issue('ho-tich')];
    const [t1, t2, t3] = issued as [Ticket, Ticket, Ticket, Ticket];

    const page = await newPage();
    await signIn(page, 'canbo1');
    // An officer without a counter lands on the list of counters.
    await page.locator('.counter-list').waitFor();
    await page.locator('li[data-counter="quay-1"] button').click();
    await page.locator('.console[data-counter="quay-1"]').waitFor();
    await until(() => engine().getCounter('quay-1' as never)?.officerId === 'u-canbo1', WAIT, 'counter 1 open');
    expect(page.url()).toContain('#/counter/quay-1');
    await waitText(page, '[data-testid="waiting-ho-tich"]', '4');
    await lookAt(page, `${shots}console-empty.png`);
    // The next few in line, as projectOrder orders them.
    await waitText(page, '[data-testid="next-list"] li:first-child .next-number', t1.displayNumber);

    // A double click on "Gọi số tiếp" calls exactly one ticket.
    await action(page, 'callNext').dblclick();
    await until(() => inHandAt('quay-1').length === 1, WAIT, 'a ticket in hand');
    const first = inHandAt('quay-1')[0]!;
    expect(first.displayNumber).toBe(t1.displayNumber);
    await waitText(page, '[data-testid="inhand-number"]', first.displayNumber);
    await settled(page, 'callNext');
    await waitText(page, '.msg-line', `Đã gọi số ${first.displayNumber}`);
    expect(await page.locator('.msg-line').getAttribute('role')).toBe('status');
    expect(calledEvents('quay-1')).toBe(1);
    expect(live().filter((t) => t.state === 'called' && t.counterId === 'quay-1')).toHaveLength(1);

    // Recall with its key (3): the server re-announces the same ticket.
    await page.keyboard.press('Digit3');
    await until(() => engine().calls().some((c) => c.recall && c.ticketId === first.id), WAIT, 'recall');
    await waitText(page, '.msg-line', `Đã gọi lại số ${first.displayNumber}`);
    await page.getByText('Đã gọi 2 lần').waitFor();
    expect(calledEvents('quay-1')).toBe(1);

    // No-show: the ticket leaves the counter and appears in today's no-shows.
    await action(page, 'noShow').click();
    await until(() => engine().liveTickets().find((t) => t.id === first.id)?.state === 'no_show', WAIT, 'no-show');
    await page.locator(`[data-testid="noshow-list"] li[data-ticket="${first.displayNumber}"]`).waitFor();
    await page.locator('.inhand-empty').waitFor();

    // Call the next.
    await action(page, 'callNext').click();
    await until(() => inHandAt('quay-1')[0]?.id === t2.id, WAIT, 'second call');
    await waitText(page, '[data-testid="inhand-number"]', t2.displayNumber);

    // Transfer it to another service (by original issue time, the default).
    await page.keyboard.press('Digit7');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Cư trú – Căn cước').check();
    expect(await dialog.getByLabel('Theo giờ lấy số ban đầu').isChecked()).toBe(true);
    await lookAt(page, `${shots}transfer-dialog.png`);
    await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await until(() => storedState(t2.id) === 'transferred', WAIT, 'transfer');
    const moved = live().find((t) => t.transferredFromId === t2.id)!;
    expect(moved).toMatchObject({ serviceId: 'cu-tru', displayNumber: t2.displayNumber, state: 'waiting', issuedAt: t2.issuedAt });
    await waitText(page, '.msg-line', `Đã chuyển số ${t2.displayNumber}`);
    await page.locator('.inhand-empty').waitFor();

    // Call again, start (4) and finish (5).
    await action(page, 'callNext').click();
    await until(() => inHandAt('quay-1')[0]?.id === t3.id, WAIT, 'third call');
    await waitText(page, '[data-testid="inhand-number"]', t3.displayNumber);
    await page.keyboard.press('Digit4');
    await until(() => inHandAt('quay-1')[0]?.state === 'serving', WAIT, 'start');
    await page.locator('[data-testid="inhand-state"][data-state="serving"]').waitFor();
    await page.keyboard.press('Digit5');
    await until(() => storedState(t3.id) === 'done', WAIT, 'done');
    await page.locator('.inhand-empty').waitFor();
    expect(inHandAt('quay-1')).toHaveLength(0);
    expect(calledEvents('quay-1')).toBe(3);

    // Bring the no-show back: it returns at its original issue time, so it is next in line.
    await page.locator(`[data-testid="noshow-list"] li[data-ticket="${first.displayNumber}"] button`).click();
    await until(() => live().find((t) => t.id === first.id)?.state === 'waiting', WAIT, 'requeue');
    await waitText(page, '[data-testid="next-list"] li:first-child .next-number', first.displayNumber);

    // A ticket in hand, started, with a note: the screenshot of the console.
    await action(page, 'callNext').click();
    await until(() => inHandAt('quay-1')[0]?.id === first.id, WAIT, 'call the requeued ticket');
    // Keys act on what the screen shows: wait for the server's delta before the next press.
    await waitText(page, '[data-testid="inhand-number"]', first.displayNumber);
    await page.keyboard.press('Digit4');
    await until(() => inHandAt('quay-1')[0]?.state === 'serving', WAIT, 'start again');
    await page.locator('[data-testid="inhand-state"][data-state="serving"]').waitFor();
    await page.keyboard.press('Digit9');
    await page.getByRole('dialog').getByRole('textbox').fill('Thiếu bản sao giấy khai sinh');
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await until(() => live().find((t) => t.id === first.id)?.note === 'Thiếu bản sao giấy khai sinh', WAIT, 'note');
    await page.getByText('✎ Thiếu bản sao giấy khai sinh').waitFor();
    srv.clock.advance(4 * 60_000 + 12_000);
    await issue('ho-tich');
    await issue('cu-tru');
    await page.locator('[data-testid="timer"]').waitFor();
    await lookAt(page, `${shots}console.png`);

    // The same console in English.
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('button', { name: /Done & call next/ }).waitFor();
    await lookAt(page, `${shots}console-en.png`);
    await page.getByRole('button', { name: 'VI' }).click();
  });

  it('ignores a second press while the first is in flight (one command reaches the server)', async () => {
    await issue('dat-dai');
    await issue('dat-dai');
    const page = await newPage();
    // Between the browser and the server: count the callNext commands that leave the browser,
    // and hold the server's answers back on demand, so a press stays pending as long as the
    // test needs (a slow server, without guessing at timings).
    const sentCallNext: string[] = [];
    let holding = false;
    const held: (() => void)[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (typeof m === 'string' && m.includes('"counter:callNext"')) sentCallNext.push(m);
        server.send(m);
      });
      server.onMessage((m) => {
        if (holding) held.push(() => ws.send(m));
        else ws.send(m);
      });
    });
    const release = (): void => {
      holding = false;
      for (const send of held.splice(0)) send();
    };
    await signIn(page, 'canbo3');
    await page.locator('li[data-counter="quay-3"] button').click();
    await page.locator('.console[data-counter="quay-3"]').waitFor();
    await page.locator('button[data-action="callNext"]:not([disabled])').waitFor();

    holding = true;
    await action(page, 'callNext').click();
    // The pending words show at once, before any answer has come back.
    await waitText(page, 'button[data-action="callNext"] .act-label', 'Đang gọi…');
    await lookAt(page, `${shots}console-pending.png`);
    // The server has called the ticket, but the browser has not heard yet: press again, twice.
    await until(() => inHandAt('quay-3').length === 1, WAIT, 'the call on the server');
    await action(page, 'callNext').click();
    await page.keyboard.press('Digit1');
    expect(await textOf(page, 'button[data-action="callNext"] .act-label')).toBe('Đang gọi…');
    release();
    await settled(page, 'callNext');
    expect(sentCallNext).toHaveLength(1);
    expect(calledEvents('quay-3')).toBe(1);
    await waitText(page, '[data-testid="inhand-number"]', inHandAt('quay-3')[0]!.displayNumber);
  });

  it('pauses with a reason, resumes, finishes and calls next, calls a given number, and closes the counter', async () => {
    const page = await newPage();
    await signIn(page, 'canbo5');
    await page.locator('li[data-counter="quay-5"] button').click();
    await page.locator('.console[data-counter="quay-5"]').waitFor();
    const a = await issue('kinh-doanh');
    const b = await issue('kinh-doanh');
    const c = await issue('kinh-doanh');
    const d = await issue('kinh-doanh');
    await page.locator('button[data-action="callNext"]:not([disabled])').waitFor();

    await page.keyboard.press('Digit1');
    await until(() => inHandAt('quay-5')[0]?.id === a.id, WAIT, 'call a');
    await waitText(page, '[data-testid="inhand-number"]', a.displayNumber);
    // Done & call next (2): one press finishes the ticket in hand and calls the next.
    await page.keyboard.press('Digit2');
    await until(() => inHandAt('quay-5')[0]?.id === b.id, WAIT, 'done a, call b');
    expect(storedState(a.id)).toBe('done');
    await waitText(page, '[data-testid="inhand-number"]', b.displayNumber);

    // Pause (0) with a reason picked from the list; the board and the console show it.
    await page.keyboard.press('Digit0');
    await page.getByRole('dialog').getByLabel('Nghỉ trưa').check();
    await page.getByRole('dialog').getByRole('button', { name: 'Tạm dừng' }).click();
    await until(() => engine().getCounter('quay-5' as never)?.state === 'paused', WAIT, 'pause');
    expect(engine().getCounter('quay-5' as never)?.pauseReason).toBe('Nghỉ trưa');
    await page.getByText('Quầy đang tạm dừng: Nghỉ trưa').waitFor();
    await waitText(page, 'button[data-action="pauseResume"] .act-label', 'Tiếp tục');
    await page.keyboard.press('Digit0');
    await until(() => engine().getCounter('quay-5' as never)?.state === 'open', WAIT, 'resume');
    await waitText(page, 'button[data-action="pauseResume"] .act-label', 'Tạm dừng');

    // Finish b, then call d by its number, ahead of c.
    await page.keyboard.press('Digit5');
    await until(() => storedState(b.id) === 'done', WAIT, 'done b');
    await page.locator('.inhand-empty').waitFor();
    await page.keyboard.press('Digit8');
    await page.getByRole('dialog').getByLabel('Số thứ tự').fill(d.displayNumber);
    await page.keyboard.press('Enter');
    await until(() => inHandAt('quay-5')[0]?.id === d.id, WAIT, 'call d by number');
    await waitText(page, '[data-testid="inhand-number"]', d.displayNumber);
    expect(live().find((t) => t.id === c.id)?.state).toBe('waiting');

    // Closing with a ticket in hand is refused in words; after done it closes.
    await action(page, 'close').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng quầy' }).click();
    await waitText(page, '.dialog .msg-error[data-code="COUNTER_BUSY"]', 'Quầy đang có số, hãy hoàn thành trước.');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Digit5');
    await until(() => storedState(d.id) === 'done', WAIT, 'done d');
    await action(page, 'close').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng quầy' }).click();
    await until(() => engine().getCounter('quay-5' as never)?.state === 'closed', WAIT, 'close');
    expect(engine().getCounter('quay-5' as never)?.officerId).toBeNull();
    await page.locator('.counter-list').waitFor();
  });

  it('does not let an officer act on another officer’s counter', async () => {
    const other = await staff(srv.url, 'canbo2');
    sockets.push(other);
    await must(other, 'counter:open', { requestId: rid(), counterId: 'quay-2' });
    await issue('cu-tru');
    const before = { calls: calledEvents('quay-2'), seq: engine().lastSeq };

    const page = await newPage();
    await signIn(page, 'canbo4');
    await page.locator('.counter-list').waitFor();
    await page.locator('li[data-counter="quay-2"]').getByText('Do Trần Văn Hùng phụ trách').waitFor();
    await page.locator('li[data-counter="quay-2"] button').click();
    await waitText(page, '.msg-error[data-code="COUNTER_TAKEN"]', 'Quầy 2: Quầy này đang do cán bộ khác phụ trách.');
    await lookAt(page, `${shots}counters.png`);

    // Straight to its console: it shows whose counter it is, read-only (the server would refuse).
    await page.goto(`${srv.url}/staff/#/counter/quay-2`);
    await page.locator('.console[data-counter="quay-2"]').waitFor();
    await page.getByText('Quầy 2 đang do Trần Văn Hùng phụ trách').waitFor();
    await page.locator('button[data-action="callNext"][disabled]').waitFor();
    await page.keyboard.press('Digit1');
    await waitText(page, '.msg-line[data-code="NOT_YOUR_COUNTER"]', 'Đây không phải quầy của bạn.');

    const counter2 = engine().getCounter('quay-2' as never)!;
    expect(counter2).toMatchObject({ state: 'open', officerId: 'u-canbo2' });
    expect(inHandAt('quay-2')).toHaveLength(0);
    expect(calledEvents('quay-2')).toBe(before.calls);
    expect(engine().lastSeq).toBe(before.seq);
    expect(engine().getCounter('quay-4' as never)?.state).toBe('closed');
  });
});

describe('staff app: manager board', () => {
  it('shows the waiting per service and follows a kiosk live; long waits and alerts stand out', async () => {
    const page = await newPage();
    await signIn(page, 'quanly');
    // A manager lands on the board.
    await page.locator('[data-testid="services-table"]').waitFor();
    expect(page.url()).toContain('#/board');
    for (const s of engine().allStats()) {
      await waitText(page, `[data-testid="board-waiting-${s.serviceId}"]`, String(s.waiting));
    }

    const before = engine().stats('kinh-doanh' as never).waiting;
    await issue('kinh-doanh');
    await waitText(page, '[data-testid="board-waiting-kinh-doanh"]', String(before + 1));
    await page.locator('[data-testid="waiting-chart"] g[data-service="kinh-doanh"]').getByText(String(before + 1)).waitFor();

    // Forty minutes later, the oldest waits are past the 30-minute threshold.
    srv.clock.advance(40 * 60_000);
    await issue('kinh-doanh');
    await waitText(page, '[data-testid="board-waiting-kinh-doanh"]', String(before + 2));
    await page.locator('tr.over[data-service="kinh-doanh"]').waitFor();
    await page.locator('[data-testid="waiting-chart"] g.over[data-service="kinh-doanh"]').waitFor();

    // A kiosk printer fault arrives as an alert with its time.
    await must(k, 'kiosk:printerStatus', { ok: false, code: 'PAPER_OUT', message: 'Máy in hết giấy' });
    await page.locator('[data-testid="alert-list"]').getByText('Máy in quầy lấy số (demo) hết giấy').waitFor();
    // The kiosk is listed among the devices, connected, with its fault in words.
    await page.locator('[data-testid="devices-table"]').getByText('Máy in quầy lấy số (demo) hết giấy').first().waitFor();

    // Counter 1 with its officer and ticket in hand.
    await page.locator('.board-counter[data-counter="quay-1"]').getByText('Nguyễn Thị Lan').waitFor();
    await lookAt(page, `${shots}board.png`);
    await lookAt(page, `${shots}board-full.png`, { fullPage: true });

    // Reports and (read-only) administration are a click away.
    await page.goto(`${srv.url}/staff/#/reports`);
    await page.getByTestId('report').waitFor();
  });
});
