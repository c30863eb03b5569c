// Display: server call event → number painted, measured inside the page by the display app
// itself (`window.__laysoDisplay.paintLatenciesMs`: socket message → requestAnimationFrame after
// the render that shows the call), in headless Chromium on the bench server's /display/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareCentre, removeDir, repoRoot, startLayso, tempDir } from './centre.mjs';
import { closeAll, connect, must, requestId, sleep } from './clients.mjs';
import { summarize } from './stats.mjs';
import { measured, notMeasured } from './results.mjs';

export const IDS = ['display.paint'];
const NAME = 'display: call → painted p95';
const TARGET = { max: 50 };

// The same Chromium and flags as the browser tests.
async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../../node-shared/dist/testing/index.js');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

export async function run({ quick, log }) {
  if (!existsSync(join(repoRoot, 'display-app', 'dist', 'web', 'index.html'))) {
    return [notMeasured(IDS[0], NAME, 'ms', 'the display app is not built (display-app/dist/web/index.html)', { target: TARGET })];
  }
  if (!existsSync('/usr/bin/chromium')) return [notMeasured(IDS[0], NAME, 'ms', 'no /usr/bin/chromium', { target: TARGET })];
  const calls = quick ? 5 : 40;
  const counters = 6;
  log(`display: ${calls} calls to a display in headless Chromium`);
  const dir = tempDir();
  const centre = await prepareCentre(dir, { counters });
  const server = await startLayso(dir);
  const sockets = [];
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/display/`);
    const hooked = await page
      .waitForFunction(() => window.__laysoDisplay !== undefined && window.__laysoDisplay.connection === 'connected', null, { timeout: 15_000 })
      .then(() => true, () => false);
    if (!hooked) return [notMeasured(IDS[0], NAME, 'ms', 'the display page exposes no window.__laysoDisplay connected within 15 s', { target: TARGET })];

    const staff = [];
    for (let i = 0; i < counters; i++) {
      const s = await connect(server.url, '/staff', { auth: { token: centre.officers[i].token } });
      sockets.push(s);
      staff.push(s);
      await must(s, 'counter:open', { requestId: requestId(), counterId: centre.officers[i].counterId });
    }
    const kiosk = await connect(server.url, '/kiosk');
    sockets.push(kiosk);
    for (let i = 0; i < calls; i++) {
      await must(kiosk, 'ticket:issue', { requestId: requestId(), serviceId: centre.serviceIds[i % centre.serviceIds.length], priority: null });
    }
    const before = (await page.evaluate(() => window.__laysoDisplay.paintLatenciesMs)).length;
    for (let i = 0; i < calls; i++) {
      const k = i % counters;
      await must(staff[k], 'counter:doneAndCallNext', { requestId: requestId(), counterId: centre.officers[k].counterId });
      await sleep(quick ? 200 : 500);
    }
    const deadline = performance.now() + 10_000;
    let latencies = [];
    while (performance.now() < deadline) {
      latencies = (await page.evaluate(() => window.__laysoDisplay.paintLatenciesMs)).slice(before);
      if (latencies.length >= calls) break;
      await sleep(100);
    }
    if (latencies.length === 0) return [notMeasured(IDS[0], NAME, 'ms', 'the display recorded no paint latency', { target: TARGET })];
    const s = summarize(latencies);
    return [measured(IDS[0], NAME, s.p95, 'ms', { target: TARGET, detail: { calls, painted: s.count, p50: s.p50, max: s.max } })];
  } finally {
    closeAll(sockets);
    await browser?.close();
    await server.stop();
    removeDir(dir);
  }
}
