/** A real headless Chromium (Debian's), driven by Playwright. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@layso/node-shared/testing';

/** Chromium with the tests' flags, or with other flags where a test is about them. */
export async function launchBrowser(args: readonly string[] = CHROMIUM_ARGS): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...args] });
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
