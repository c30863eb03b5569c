/**
 * The phone page a citizen opens from the ticket's QR code, in real Chromium at phone size: the
 * people ahead in the one wording the kiosk and the printed ticket use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { peopleAheadWords, type IssuedTicket } from '@layso/shared';
import { kiosk, must, rid, staff, startTestServer, until, type KioskSocket, type TestServer } from './support/harness.js';
import { axeSerious, describeFindings } from './support/axe.js';
import { launchBrowser } from './support/browser.js';

let browser: Browser;
let srv: TestServer;
let k: KioskSocket;

beforeAll(async () => {
  browser = await launchBrowser();
  srv = await startTestServer({ demoPrinter: null });
  k = await kiosk(srv.url);
});
afterAll(async () => {
  await browser?.close();
  k?.close();
  await srv?.close();
});

const take = async (serviceId: string): Promise<IssuedTicket> =>
  must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId, priority: null, print: false, language: 'vi' });

async function aheadLine(ticketId: string): Promise<string> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  try {
    const page = await ctx.newPage();
    await page.goto(`${srv.url}/t/${ticketId}`);
    await page.waitForFunction(() => (document.getElementById('ahead')?.textContent ?? '') !== '');
    return (await page.textContent('#ahead')) ?? '';
  } finally {
    await ctx.close();
  }
}

describe('phone page', () => {
  it('says "Không có ai trước bạn" for the first in line, and "Còn N người trước bạn" after', async () => {
    const first = await take('vneid');
    const third = (await take('vneid'), await take('vneid'));
    const line0 = await aheadLine(first.ticket.id);
    expect(line0).toContain(peopleAheadWords(0).vi);
    expect(line0).not.toContain('Còn 0');
    expect(await aheadLine(third.ticket.id)).toContain('Còn 2 người trước bạn');
  });
});

describe('phone page, live', () => {
  it('follows the kiosk QR, turns into the call within a second, then offers the rating (a low score needs a reason)', async () => {
    const issued = await take('ho-tich');
    // The QR's path, followed on loopback.
    expect(issued.trackingPath).toBe(`/t/${issued.ticket.id}`);
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', hasTouch: true });
    const bytes: number[] = [];
    try {
      const page = await ctx.newPage();
      page.on('response', (r) => {
        void r.body().then((b) => bytes.push(b.length)).catch(() => undefined);
      });
      const started = Date.now();
      await page.goto(`${srv.url}${issued.trackingPath}`);
      await page.waitForFunction((n) => document.getElementById('num')?.textContent === n, issued.ticket.displayNumber);
      const firstContentMs = Date.now() - started;
      // The socket is live once the server has it in the ticket's room.
      await until(() => srv.server.app.io.of('/public').adapter.rooms.get(`t:${issued.ticket.id}`)?.size === 1, 3000, 'the page joins');
      expect(await axeSerious(page), describeFindings('/t/ waiting', await axeSerious(page))).toEqual([]);

      const officer = await staff(srv.url, 'canbo1');
      try {
        await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
        const calledAt = Date.now();
        await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
        await page.waitForFunction((n) => (document.getElementById('state')?.textContent ?? '').includes(`Mời số ${n} đến quầy số 1`), issued.ticket.displayNumber, {
          timeout: 1000,
        });
        const shownMs = Date.now() - calledAt;
        expect(await page.evaluate(() => document.body.className)).toBe('called');
        expect(await axeSerious(page), describeFindings('/t/ called', await axeSerious(page))).toEqual([]);
        await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
        await page.getByRole('button', { name: /Không hài lòng/ }).click();
        await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
        await page.getByText('Mời chọn ít nhất một lý do').waitFor();
        expect(srv.server.db.prepare('SELECT COUNT(*) AS n FROM ratings').get()).toEqual({ n: 0 });
        await page.getByRole('button', { name: 'Chờ lâu' }).click();
        expect(await axeSerious(page), describeFindings('/t/ rating', await axeSerious(page))).toEqual([]);
        await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
        await page.getByText('Cảm ơn bạn đã đánh giá!').waitFor();
        expect(srv.server.db.prepare('SELECT level, reasons_json, source FROM ratings WHERE ticket_id = ?').get(issued.ticket.id)).toEqual({
          level: 1,
          reasons_json: '["Chờ lâu"]',
          source: 'phone',
        });
        // Measured, not asserted (speed targets live in benchmarks).
        const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
        console.log(
          `phone page: ${bytes.reduce((a, b) => a + b, 0)} bytes over ${bytes.length} responses; first contentful paint ${fcp === null ? '?' : Math.round(fcp)} ms, number shown ${firstContentMs} ms after navigation on loopback; call shown ${shownMs} ms after the call`,
        );
      } finally {
        officer.close();
      }
    } finally {
      await ctx.close();
    }
  });

  it('a random or sequential id shows nothing and accepts no rating', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await ctx.newPage();
      for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', '1001', '0000000000000000000001']) {
        await page.goto(`${srv.url}/t/${id}`);
        await page.getByText('Không tìm thấy vé').waitFor();
        expect(await page.textContent('#num')).toBe('—');
        const r = await fetch(`${srv.url}/api/tickets/${id}/rating`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"level":3}' });
        expect(((await r.json()) as { ok: boolean }).ok).toBe(false);
      }
    } finally {
      await ctx.close();
    }
  });
});
