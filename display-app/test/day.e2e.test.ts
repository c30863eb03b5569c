// The wall display through a working day, tried as a citizen would (issue 11): the big "now
// calling" shows a call only while it is still a call, and a display started the documented way
// speaks after a reload with nobody there to tap. Real server, real Chromium, officers and a
// kiosk as real socket.io clients; what was announced is read through the page's debug hook.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CounterResult, IssuedTicket } from '@layso/shared';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_OFFLINE_ARGS } from '@layso/node-shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kiosk, must, rid, staff, startTestServer, type KioskSocket, type StaffSocket, type TestServer } from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { BROWSER_KIOSK_SWITCHES } from '../src/renderer/browser-kiosk.js';

const webRoot = fileURLToPath(new URL('../dist/web/', import.meta.url));
const shots = fileURLToPath(new URL('../../test-output/display-app/', import.meta.url));

interface Hook {
  connection: string;
  audio: string;
  announced: { callId: number; displayNumber: string; endedAt: number | null }[];
  queue: number[];
  played: { callId: number; what: string[] }[];
}
const hook = (page: Page): Promise<Hook> =>
  page.evaluate(() => {
    const h = (window as unknown as { __laysoDisplay?: Hook }).__laysoDisplay;
    if (!h) throw new Error('no debug hook');
    return { connection: h.connection, audio: h.audio, announced: h.announced, queue: h.queue, played: h.played };
  });
async function waitHook(page: Page, cond: (h: Hook) => boolean, what: string, timeoutMs = 30_000): Promise<Hook> {
  const start = Date.now();
  let last: Hook | null = null;
  while (Date.now() - start < timeoutMs) {
    last = await hook(page).catch(() => null);
    if (last && cond(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last hook: ${JSON.stringify(last)}`);
}

let server: TestServer;
let browser: Browser;
let k: KioskSocket;
const officers: StaffSocket[] = [];

beforeAll(async () => {
  if (!existsSync(`${webRoot}index.html`)) throw new Error('display-app/dist/web is not built: run `npm run build` first');
  server = await startTestServer({ webRoots: { display: webRoot } });
  // Chromium started the way display-app/README.md tells a centre to start an unattended wall
  // (headless here, and without a sandbox in this container).
  browser = await launchBrowser([...CHROMIUM_OFFLINE_ARGS, ...BROWSER_KIOSK_SWITCHES]);
  k = await kiosk(server.url);
});
afterAll(async () => {
  for (const s of officers) s.disconnect();
  k?.disconnect();
  await browser?.close();
  await server?.close();
});

async function officer(username: string, counterId: string): Promise<StaffSocket> {
  const s = await staff(server.url, username);
  officers.push(s);
  await must(s, 'counter:open', { requestId: rid(), counterId });
  return s;
}
const issue = (serviceId: string): Promise<IssuedTicket> => must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId });

async function openWall(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${server.url}/display/`);
  await waitHook(page, (h) => h.connection === 'connected', 'the display to connect');
  return page;
}

const nowCalling = (page: Page): Promise<string> => page.getByTestId('now-calling').textContent().then((t) => t ?? '');

describe('the wall through the day', () => {
  it('shows a call big only while it is still a call; the recent calls keep it', async () => {
    const wall = await openWall();
    const canbo1 = await officer('canbo1', 'quay-1');
    const a = await issue('ho-tich');
    const b = await issue('ho-tich');
    const first = await must<CounterResult>(canbo1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    expect(first.ticket!.id).toBe(a.ticket.id);
    await wall.getByTestId('now-number').filter({ hasText: a.ticket.displayNumber }).waitFor();
    await waitHook(wall, (h) => h.announced.length >= 1 && h.queue.length === 0 && h.announced[0]!.endedAt !== null, 'the call announced', 30_000);
    // Announced and still called: it stays big.
    expect(await nowCalling(wall)).toContain(a.ticket.displayNumber);

    // Transferred, and the counter paused: no longer a call.
    await must(canbo1, 'ticket:transfer', { requestId: rid(), counterId: 'quay-1', ticketId: a.ticket.id, target: { kind: 'service', serviceId: 'cu-tru' } });
    await must(canbo1, 'counter:pause', { requestId: rid(), counterId: 'quay-1', reason: 'Họp' });
    await wall.waitForFunction((n) => !document.querySelector('[data-testid=now-calling]')?.textContent?.includes(n), a.ticket.displayNumber);
    expect(await wall.getByTestId('now-number').count()).toBe(0);
    expect(await nowCalling(wall)).toContain('Mời quý khách chờ đến lượt');
    expect(await wall.getByTestId('recent-calls').textContent()).toContain(a.ticket.displayNumber);
    await lookAt(wall, `${shots}wall-no-current-call.png`);

    // Called, announced, then done: no longer a call either.
    await must(canbo1, 'counter:resume', { requestId: rid(), counterId: 'quay-1' });
    await must(canbo1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    await wall.getByTestId('now-number').filter({ hasText: b.ticket.displayNumber }).waitFor();
    await waitHook(wall, (h) => h.announced.length >= 2 && h.queue.length === 0 && h.announced[1]!.endedAt !== null, 'the second call announced', 30_000);
    await must(canbo1, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    await wall.waitForFunction((n) => !document.querySelector('[data-testid=now-calling]')?.textContent?.includes(n), b.ticket.displayNumber);
    expect(await wall.getByTestId('recent-calls').textContent()).toContain(b.ticket.displayNumber);
    await wall.context().close();
  }, 90_000);

  it('started as documented for a browser, speaks a call after a reload with no tap', async () => {
    const wall = await openWall();
    await wall.reload();
    await waitHook(wall, (h) => h.connection === 'connected', 'the display to reconnect');
    expect((await hook(wall)).audio).toBe('on');
    expect(await wall.getByTestId('sound-overlay').count()).toBe(0);
    const canbo2 = await officer('canbo2', 'quay-2');
    const t = await issue('cu-tru');
    const called = await must<CounterResult>(canbo2, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' });
    const n = called.ticket!.displayNumber;
    const h = await waitHook(
      wall,
      (x) => x.announced.some((a) => a.displayNumber === n && x.played.some((p) => p.callId === a.callId)),
      'the call to be played',
      30_000,
    );
    const played = h.played.find((p) => p.callId === h.announced.find((a) => a.displayNumber === n)!.callId)!;
    expect(played.what[0]).toBe('chime.wav');
    expect(played.what.length).toBeGreaterThan(2);
    expect(t.ticket.serviceId).toBe('cu-tru');
    await wall.context().close();
  }, 60_000);
});
