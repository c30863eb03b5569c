// The display app in real headless Chromium against the real queue server: officers call with
// real socket.io clients, and the pages are read through the DOM and the read-only debug hook
// (`window.__laysoDisplay`) that records what was announced, without anyone listening.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { callPhraseVi, type CounterResult, type IssuedTicket } from '@layso/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_OFFLINE_ARGS } from '@layso/node-shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import {
  kiosk,
  must,
  rid,
  staff,
  startTestServer,
  tempDir,
  TestClock,
  MORNING,
  type KioskSocket,
  type StaffSocket,
  type TestServer,
} from '../../queue-server/test/support/harness.js';

const webRoot = fileURLToPath(new URL('../dist/web/', import.meta.url));
const shots = fileURLToPath(new URL('../../test-output/display-app/', import.meta.url));

/** The debug hook's shape, as the page exposes it. */
interface Hook {
  connection: string;
  audio: string;
  announced: { callId: number; displayNumber: string; counterNumber: number; phraseVi: string; startedAt: number; endedAt: number | null; catchUp: boolean }[];
  queue: number[];
  played: { callId: number; what: string[] }[];
  shownCallIds: number[];
  paintLatenciesMs: number[];
  seq: number;
}

function hook(page: Page): Promise<Hook> {
  return page.evaluate(() => {
    const h = (window as unknown as { __laysoDisplay?: Hook }).__laysoDisplay;
    if (!h) throw new Error('no debug hook');
    return {
      connection: h.connection,
      audio: h.audio,
      announced: h.announced,
      queue: h.queue,
      played: h.played,
      shownCallIds: h.shownCallIds,
      paintLatenciesMs: h.paintLatenciesMs,
      seq: h.seq,
    };
  });
}

/** Poll the page's hook until `cond` holds (the pages run on their own; never sleep-and-hope). */
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

describe('display app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let kioskSocket: KioskSocket;
  const officers: StaffSocket[] = [];

  async function openPage(query = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(`${server.url}/display/${query}`);
    await waitHook(page, (h) => h.connection === 'connected', 'the display to connect');
    return page;
  }

  async function issue(serviceId: string): Promise<IssuedTicket> {
    return must<IssuedTicket>(kioskSocket, 'ticket:issue', { requestId: rid(), serviceId });
  }

  async function officer(username: string, counterId: string): Promise<StaffSocket> {
    const s = await staff(server.url, username);
    officers.push(s);
    await must(s, 'counter:open', { requestId: rid(), counterId });
    return s;
  }

  beforeAll(async () => {
    if (!existsSync(`${webRoot}index.html`)) {
      throw new Error('display-app/dist/web is not built: run `npm run build` (or `cd display-app && npx vite build`) first');
    }
    server = await startTestServer({ webRoots: { display: webRoot } });
    browser = await launchBrowser();
    kioskSocket = await kiosk(server.url);
  });

  afterAll(async () => {
    for (const s of officers) s.disconnect();
    kioskSocket?.disconnect();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows an officer’s call on two displays and announces calls one at a time, in order', async () => {
    const [wallA, wallB] = [await openPage(), await openPage()];
    // An area display over counter 2 only.
    const area = await openPage('?counters=2');
    for (const p of [wallA, wallB]) expect((await hook(p)).audio).toBe('on');

    for (let i = 0; i < 3; i++) await issue('ho-tich');
    await issue('cu-tru');
    const canbo1 = await officer('canbo1', 'quay-1');
    const canbo2 = await officer('canbo2', 'quay-2');

    const first = await must<CounterResult>(canbo1, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    const firstNumber = first.ticket!.displayNumber;
    for (const page of [wallA, wallB]) {
      await page.getByTestId('now-number').filter({ hasText: firstNumber }).waitFor();
      await expect(page.getByTestId('now-counter').textContent()).resolves.toBe('1');
    }
    await lookAt(wallA, `${shots}wall-calling.png`);

    // Two calls 100 ms apart: both shown, both announced in call order, the second after the first ended.
    const second = await must<CounterResult>(canbo2, 'counter:callNext', { requestId: rid(), counterId: 'quay-2' });
    await new Promise((r) => setTimeout(r, 100));
    const third = await must<CounterResult>(canbo1, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' });
    const numbers = [firstNumber, second.ticket!.displayNumber, third.ticket!.displayNumber];

    const results: Hook[] = [];
    for (const page of [wallA, wallB]) {
      const h = await waitHook(page, (x) => x.announced.length >= 3 && x.announced[2]!.endedAt !== null, 'three calls announced', 45_000);
      results.push(h);
      expect(h.announced.map((a) => a.displayNumber)).toEqual(numbers);
      expect(h.announced.map((a) => a.counterNumber)).toEqual([1, 2, 1]);
      const callIds = h.announced.map((a) => a.callId);
      expect([...callIds].sort((a, b) => a - b)).toEqual(callIds);
      for (let i = 1; i < h.announced.length; i++) {
        // Never cut off: each call starts after the one before has ended.
        expect(h.announced[i]!.startedAt).toBeGreaterThanOrEqual(h.announced[i - 1]!.endedAt!);
      }
      expect(h.announced[1]!.phraseVi).toBe(callPhraseVi(numbers[1]!, 2));
      // The voice pack: chime, "mời số", the number's words, "đến quầy số", the counter.
      const clips = h.played.find((p) => p.callId === callIds[1])!.what;
      expect(clips[0]).toBe('chime.wav');
      expect(clips[1]).toBe('vi/mowif-soos.wav');
      expect(clips).toContain('vi/ddeens-quaayf-soos.wav');
      expect(clips.at(-1)).toBe('vi/hai.wav');
      // Every call is on screen: the last one big, the others in the recent list.
      expect(h.shownCallIds[0]).toBe(callIds[2]);
      expect(h.shownCallIds).toEqual(expect.arrayContaining(callIds));
      expect(h.paintLatenciesMs.length).toBeGreaterThanOrEqual(3);
    }
    expect(results[0]!.announced.map((a) => a.callId)).toEqual(results[1]!.announced.map((a) => a.callId));
    await expect(wallB.getByTestId('recent-calls').textContent()).resolves.toContain(second.ticket!.displayNumber);

    // The area display over counter 2 showed and announced counter 2's call only.
    const a = await waitHook(area, (x) => x.announced.length >= 1 && x.queue.length === 0, 'the area display to settle');
    expect(a.announced.map((x) => x.displayNumber)).toEqual([second.ticket!.displayNumber]);
    expect(a.shownCallIds).toEqual([a.announced[0]!.callId]);

    // A recall announces again.
    await must(canbo2, 'ticket:recall', { requestId: rid(), counterId: 'quay-2' });
    const recalled = await waitHook(wallA, (x) => x.announced.length >= 4, 'the recall to be announced');
    expect(recalled.announced[3]!.displayNumber).toBe(second.ticket!.displayNumber);
    await wallA.getByTestId('counters-serving').filter({ hasText: numbers[2]! }).waitFor();
    await waitHook(wallA, (x) => x.queue.length === 0, 'the recall to end', 20_000);
    await lookAt(wallA, `${shots}wall.png`);
  }, 120_000);

  it('shows one counter’s number on its counter screen', async () => {
    const page = await openPage('?counter=2');
    const inHand = (await server.server.engine.counterViews()).find((c) => c.number === 2)!.inHand!;
    await page.getByTestId('counter-number').filter({ hasText: inHand.displayNumber }).waitFor();
    await expect(page.getByTestId('counter-status').textContent()).resolves.toMatch(/Mời số|Đang phục vụ/);
    // Silent by default above a counter.
    expect((await hook(page)).audio).toBe('off');
    await lookAt(page, `${shots}counter.png`);
    const closed = await openPage('?counter=6');
    await expect(closed.getByTestId('counter-status').textContent()).resolves.toContain('Quầy đang đóng');
    await lookAt(closed, `${shots}counter-closed.png`);
  });
});

describe('display app in a browser that blocks sound until a click', () => {
  it('shows the "tap to enable sound" overlay, and one click turns sound on', async () => {
    const server = await startTestServer({ webRoots: { display: webRoot } });
    // Chromium's own policy, as a smart TV or an office PC has it (no autoplay switch).
    const browser = await launchBrowser(CHROMIUM_OFFLINE_ARGS);
    try {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${server.url}/display/`);
      await waitHook(page, (h) => h.connection === 'connected' && h.audio === 'locked', 'the sound to be locked');
      const overlay = page.getByTestId('sound-overlay');
      await expect(overlay.textContent()).resolves.toContain('Bấm để bật âm thanh');
      await lookAt(page, `${shots}wall-sound-locked.png`);
      await overlay.click();
      await waitHook(page, (h) => h.audio === 'on', 'the sound to be unlocked');
      await overlay.waitFor({ state: 'detached' });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('display app across a server restart', () => {
  it('says the connection is lost, recovers by itself, and announces only what it missed', async () => {
    const clock = new TestClock(MORNING);
    const dataDir = tempDir('layso-display-e2e-');
    let server = await startTestServer({ clock, dataDir, webRoots: { display: webRoot } });
    const port = server.server.port;
    const browser = await launchBrowser();
    const sockets: { disconnect(): void }[] = [];
    try {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${server.url}/display/`);
      await waitHook(page, (h) => h.connection === 'connected', 'the display to connect');

      let k = await kiosk(server.url);
      sockets.push(k);
      for (let i = 0; i < 4; i++) await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
      let officer = await staff(server.url, 'canbo1');
      sockets.push(officer);
      await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
      const before = await must<CounterResult>(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
      await waitHook(page, (h) => h.announced.length === 1, 'the first call');

      // The server stops: the display says so, in both languages.
      for (const s of sockets) s.disconnect();
      await server.close({ keepData: true });
      await page.getByTestId('connection-banner').and(page.locator('[data-state="lost"]')).waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('connection-banner').textContent()).resolves.toContain('Mất kết nối — đang kết nối lại');
      await lookAt(page, `${shots}wall-connection-lost.png`);

      // The display's network is cut too, so that the calls below are made while it is away.
      await context.setOffline(true);
      server = await startTestServer({ clock, dataDir, port, webRoots: { display: webRoot } });
      k = await kiosk(server.url);
      officer = await staff(server.url, 'canbo1');
      sockets.push(k, officer);
      const old = await must<CounterResult>(officer, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' });
      // Three minutes later (server clock) another call: the first is now too old to be read out.
      clock.advance(180_000);
      const fresh = await must<CounterResult>(officer, 'counter:doneAndCallNext', { requestId: rid(), counterId: 'quay-1' });
      expect((await hook(page)).connection).toBe('lost');

      await context.setOffline(false);
      const h = await waitHook(page, (x) => x.connection === 'connected' && x.announced.length >= 2 && x.queue.length === 0, 'recovery', 30_000);
      expect(h.announced.map((a) => [a.displayNumber, a.catchUp])).toEqual([
        [before.ticket!.displayNumber, false],
        [fresh.ticket!.displayNumber, true],
      ]);
      // The old call is listed, not read out.
      await page.getByTestId('recent-calls').filter({ hasText: old.ticket!.displayNumber }).waitFor();
      await page.getByTestId('now-number').filter({ hasText: fresh.ticket!.displayNumber }).waitFor();
      expect(await page.getByTestId('connection-banner').count()).toBe(0);

      // A reload remembers what was announced: nothing is played again.
      await page.reload();
      const reloaded = await waitHook(page, (x) => x.connection === 'connected' && x.seq === server.server.engine.lastSeq, 'the reload');
      expect(reloaded.announced).toEqual([]);
      expect(reloaded.queue).toEqual([]);
      await page.getByTestId('now-number').filter({ hasText: fresh.ticket!.displayNumber }).waitFor();
    } finally {
      for (const s of sockets) s.disconnect();
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
