/** Shared steps of the administration and reports end-to-end tests (real server, real Chromium). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const staffRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
export const kioskRoot = fileURLToPath(new URL('../../kiosk-app/dist/web', import.meta.url));
export const shots = fileURLToPath(new URL('../../test-output/staff-app/', import.meta.url));
export const VIEWPORT = { width: 1366, height: 768 };
export const WAIT = 15_000;

/** The staff app must be built (npm test builds it); the kiosk app is built here if missing. */
export function ensureBuilt(opts: { kiosk?: boolean } = {}): void {
  if (!existsSync(`${staffRoot}/index.html`)) {
    throw new Error(`staff-app is not built (${staffRoot}/index.html missing): run \`npm run build\` or \`npm test\``);
  }
  if (opts.kiosk && !existsSync(`${kioskRoot}/index.html`)) {
    execFileSync('npx', ['vite', 'build'], { cwd: fileURLToPath(new URL('../../kiosk-app/', import.meta.url)), stdio: 'ignore' });
  }
}

export class Pages {
  private readonly contexts: BrowserContext[] = [];
  constructor(private readonly browser: () => Browser) {}

  async open(viewport = VIEWPORT): Promise<Page> {
    const ctx = await this.browser().newContext({ viewport, locale: 'vi-VN', acceptDownloads: true });
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(WAIT);
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }
}

export async function signIn(page: Page, url: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${url}/staff/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.topbar').waitFor();
}

/** Go to a hash route of the signed-in app without reloading it. */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Wait until an element's trimmed text is exactly `text`. */
export async function waitText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel!)?.textContent?.trim() === want,
    [selector, text] as const,
    { timeout: WAIT },
  );
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/** Wait until an async condition holds (what the page shows, read through Playwright). */
export async function eventually(cond: () => Promise<boolean>, what = 'condition', timeoutMs = WAIT): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await cond()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
