/**
 * axe-core in a real page: inject the library (the npm package's own build) and run it on the
 * document as a person sees it now. Only serious and critical findings are returned; the project
 * promises none on any page a person sees.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations on the page as it stands. */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  const has = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol, not as a <script> element: the server's
  // Content-Security-Policy refuses inline scripts, and the pages are tested as served.
  if (!has) await page.evaluate((axeSource ??= readFileSync(axePath, 'utf8')));
  return page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
}

/** A readable summary for an assertion message. */
export function describeFindings(where: string, found: AxeFinding[]): string {
  return found.map((f) => `${where}: ${f.id} (${f.impact}) ${f.help} — ${f.targets.slice(0, 3).join(', ')}`).join('\n');
}
