/**
 * The phone page a citizen opens from the ticket's QR code, in real Chromium at phone size: the
 * people ahead in the one wording the kiosk and the printed ticket use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { peopleAheadWords, type IssuedTicket } from '@layso/shared';
import { kiosk, must, rid, startTestServer, type KioskSocket, type TestServer } from './support/harness.js';
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
