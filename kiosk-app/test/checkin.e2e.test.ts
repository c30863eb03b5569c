/**
 * Issue 14 end to end, as citizens would: book on a phone-sized /book/ page, check in at the kiosk
 * with one scan (keyboard events as a USB scanner sends them: a fast burst and Enter), the ticket
 * ranks as the rules say; late → a walk-in ticket said kindly; early → the citizen's choice; a
 * dossier code → a results ticket that says whether the result is ready; a person typing is not
 * a scanner; a citizen ID card's QR offers "Người cao tuổi" and leaves no trace of the card in the
 * database files, the server log, the event log or anything the page sent.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pino, type Logger } from 'pino';
import type { BookingView, CounterResult, Ticket } from '@layso/shared';
import { MORNING, TestClock, kiosk as kioskSocket, must, rid, staff, startTestServer, type TestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';

const WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-output/kiosk-app/', import.meta.url));
const MIN = 60_000;

let browser: Browser;
let ts: TestServer | null = null;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c().catch(() => undefined);
  await ts?.close();
  ts = null;
});

async function serve(log?: Logger): Promise<TestServer> {
  ts = await startTestServer({ clock: new TestClock(MORNING), webRoots: { kiosk: WEB, book: join(WEB, 'book') }, demoPrinter: null, ...(log ? { log } : {}) });
  return ts;
}

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  closers.push(() => context.close());
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(url);
  return page;
}

async function openKiosk(url: string): Promise<Page> {
  const page = await open(`${url}/kiosk/`, { width: 1080, height: 1920 });
  await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
  return page;
}

/**
 * What a USB scanner sends: a key press per character, back to back, then Enter. Sent from inside
 * the page so the burst keeps a scanner's pace on a loaded test machine (driven key by key from
 * here, a busy CI box spaces keys like a person's); a person's typing goes through the real
 * keyboard below.
 */
async function scan(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...t, 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  }, text);
}

async function book(t: TestServer, slotAt: number): Promise<BookingView> {
  const res = await fetch(`${t.url}/api/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'ho-tich', slotAt }) });
  const body = (await res.json()) as { ok: boolean; data: BookingView };
  expect(body.ok).toBe(true);
  return body.data;
}

async function shown(page: Page, note: string): Promise<{ id: string; number: string; priority: string }> {
  const el = await page.waitForSelector(`[data-screen=confirm] [data-ticket-id]:has([data-note=${note}])`);
  return { id: (await el.getAttribute('data-ticket-id'))!, number: (await el.getAttribute('data-display-number'))!, priority: (await el.getAttribute('data-priority'))! };
}

async function goHome(page: Page): Promise<void> {
  await page.waitForSelector('[data-action=done]:not([disabled])');
  await page.click('[data-action=done]');
  await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');
}

describe('booking and check-in', () => {
  it('books on a phone, checks in with one scan, and is called ahead of the walk-ins', async () => {
    const t = await serve();
    const slot = MORNING + 15 * MIN;
    // The phone: service, today, 09:15, book.
    const phone = await open(`${t.url}/book/`, { width: 390, height: 844 });
    await phone.click('[data-service-id=ho-tich]');
    await phone.click(`[data-slot="${slot}"]`);
    await phone.click('[data-action=book]');
    const code = (await phone.getByTestId('booking-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await phone.getAttribute('[data-qr-url]', 'data-qr-url')).toBe(code);
    expect(await phone.textContent('.booked')).toContain('09:15');
    await lookAt(phone, `${SHOTS}book-phone.png`, { fullPage: true });
    // Phones are narrow: nothing runs off the side.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Two walk-ins were there first.
    const other = await kioskSocket(t.url);
    closers.push(async () => other.close());
    for (let i = 0; i < 2; i++) await must(other, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });

    const page = await openKiosk(t.url);
    await scan(page, code);
    const ticket = await shown(page, 'kept');
    expect(await page.textContent('[data-note=kept]')).toContain('Đúng giờ hẹn');
    expect(t.server.engine.appointments.byCode(code)).toMatchObject({ state: 'kept', ticketId: ticket.id });

    const officer = await staff(t.url, 'canbo1');
    closers.push(async () => officer.disconnect());
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    const first = await must<CounterResult>(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(first.ticket?.id).toBe(ticket.id);
  });

  it('late: a walk-in ticket, said kindly; early: wait, or a walk-in ticket now', async () => {
    const t = await serve();
    const late = await book(t, MORNING + 15 * MIN);
    const early = await book(t, MORNING + 2 * 60 * MIN);
    t.clock.advance(26 * MIN); // 09:26: the 09:15 window closed at 09:25
    const page = await openKiosk(t.url);
    await scan(page, late.code);
    const walkIn = await shown(page, 'late');
    expect(await page.textContent('[data-note=late]')).toContain('Mong bạn thông cảm');
    expect(t.server.engine.live.ticket(walkIn.id as Ticket['id'])?.slotAt ?? null).toBeNull();
    await goHome(page);

    // Early: the screen says when, and "wait" changes nothing.
    await scan(page, early.code);
    await page.getByTestId('early-when').waitFor();
    expect(await page.getByTestId('early-when').textContent()).toBe('Giờ hẹn 11:00. Từ 10:45 bạn quét lại mã để nhận số theo lịch hẹn.');
    await lookAt(page, `${SHOTS}checkin-early.png`);
    await page.click('[data-action=wait]');
    await page.waitForSelector('[data-screen=home]');
    expect(t.server.engine.appointments.byCode(early.code)?.state).toBe('booked');
    // … or a walk-in ticket now.
    await scan(page, early.code);
    await page.click('[data-action=walk-in]');
    await shown(page, 'early');
    expect(t.server.engine.appointments.byCode(early.code)?.state).toBe('early');
  });

  it('a dossier code typed on the pad or scanned gives a results ticket, ready or not', async () => {
    const t = await serve();
    t.server.engine.results.markReady('H29-240315-0012', { at: MORNING - 60 * MIN, by: 'test' });
    const page = await openKiosk(t.url);
    await page.click('[data-action=check-in]');
    await page.waitForSelector('[data-screen=checkin]');
    for (const ch of 'H29-240315-0012') {
      const letter = /[A-Z]/.test(ch);
      await page.click(`.pad-switch button:nth-child(${letter ? 2 : 1})`);
      await page.click(`[data-key="${ch}"]`);
    }
    expect(await page.getByTestId('typed-code').textContent()).toBe('H29-240315-0012');
    await lookAt(page, `${SHOTS}checkin-pad.png`);
    await page.click('[data-action=send-code]');
    const ready = await shown(page, 'ready');
    expect(ready.number).toBe('KQ001');
    expect(t.server.engine.results.lookup('H29-240315-0012')?.pickedUpTicketId).toBe(ready.id);
    await goHome(page);
    // Scanned from a receipt nobody reported ready yet: a ticket all the same.
    await scan(page, 'H29-240316-0099');
    expect((await shown(page, 'not-ready')).number).toBe('KQ002');
    expect(await page.textContent('[data-note=not-ready]')).toContain('Cán bộ sẽ kiểm tra giúp bạn');
  });

  it('a person typing the digits is not a scanner: nothing happens', async () => {
    const t = await serve();
    const b = await book(t, MORNING + 15 * MIN);
    const page = await openKiosk(t.url);
    await page.keyboard.type(b.code, { delay: 150 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    expect(await page.getAttribute('.kiosk', 'data-screen')).toBe('home');
    expect(t.server.engine.appointments.byCode(b.code)?.state).toBe('booked');
  });
});

describe('citizen ID card', () => {
  const CARD = '079150001234|025123456|Nguyễn Thị Hằng|10031950|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh|15082021';
  /** Parts of the card a trace would show (the name and address without diacritics too: a scanner may drop them). */
  const PARTS = ['079150001234', '025123456', 'Nguyễn Thị Hằng', 'Nguyn Th Hng', 'Hằng', '10031950', '12 Lê Lợi', 'Bến Nghé', '15082021'];

  it('offers "Người cao tuổi" from the age on the centre date, and leaves no trace of the card', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const t = await serve(pino({ level: 'trace' }, sink) as Logger);
    const page = await openKiosk(t.url);
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
    page.on('request', (r) => sent.push(r.url(), r.postData() ?? ''));
    // The socket the page opened before listening is closed and reopened, so every frame is seen.
    await page.reload();
    await page.waitForSelector('[data-screen=home] [data-service-id][data-issuing=true]');

    await scan(page, CARD);
    await page.waitForSelector('[data-card-category=elderly]');
    await lookAt(page, `${SHOTS}card-home.png`);
    await page.click('[data-service-id=ho-tich]');
    await page.waitForSelector('[data-screen=priority] [data-from-card=true][data-priority=elderly]');
    await lookAt(page, `${SHOTS}card-priority.png`);
    await page.click('[data-from-card=true]');
    const el = await page.waitForSelector('[data-screen=confirm] [data-ticket-id]');
    expect(await el.getAttribute('data-priority')).toBe('elderly');
    await goHome(page);
    // The next citizen starts without it.
    expect(await page.locator('[data-card-category]').count()).toBe(0);

    // No trace: the database files (with the WAL), the server log, the event log, what was sent.
    t.server.db.pragma('wal_checkpoint(PASSIVE)');
    const files = readdirSync(t.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(0);
    const stored = files.map((f) => readFileSync(join(f.parentPath, f.name)).toString('utf8')).join('\n');
    const events = JSON.stringify(t.server.db.prepare('SELECT * FROM events').all());
    expect(events).toContain('elderly');
    for (const part of PARTS) {
      expect(stored, `database files hold ${part}`).not.toContain(part);
      expect(lines.join('\n'), `server log holds ${part}`).not.toContain(part);
      expect(events, `event log holds ${part}`).not.toContain(part);
      expect(sent.join('\n'), `the page sent ${part}`).not.toContain(part);
    }
    // The sink is the server's log indeed: a refused request (wrong media type) is written to it.
    await fetch(`${t.url}/api/book`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(lines.join('\n')).toContain('request refused');
  });

  it('a younger citizen is offered no category from the card', async () => {
    const t = await serve();
    const page = await openKiosk(t.url);
    await scan(page, CARD.replace('10031950', '11031966'));
    await page.waitForSelector('[data-card-category=none]');
    await page.click('[data-service-id=ho-tich]');
    await page.waitForSelector('[data-screen=priority]');
    expect(await page.locator('[data-from-card]').count()).toBe(0);
  });
});
