/** A real headless Chromium (Debian's), driven by Playwright. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // This machine has no network but loopback: keep Chromium from reaching out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * A picture of a page for a person to look at, written only when `LAYSO_SCREENSHOTS=1`
 * (to test-output/). The tests never write pictures nobody compares: what a page must show is
 * asserted on its DOM, its layout boxes and axe-core, which do not drift with Chromium's
 * anti-aliasing or the clock on the screen the way pixels would.
 */
export async function lookAt(page: Pick<Page, 'screenshot'>, path: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.LAYSO_SCREENSHOTS !== '1') return;
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, ...options });
}
