import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (workspace: string): string => fileURLToPath(new URL(`./${workspace}/src/index.ts`, import.meta.url));

/**
 * Three projects, by what a test needs to run:
 * - unit: tests beside the code (`src/**`): pure logic, and loopback sockets at most.
 * - integration: `test/**` without a browser: a real server, a real SQLite file, real clients.
 * - browser: `test/**\/*.e2e.test.ts`: the built pages in headless Chromium.
 * `npm run test:unit` runs the first; `npm test` runs all three.
 */
export default defineConfig({
  // Tests run the workspaces' sources, not their last build.
  resolve: {
    alias: [
      { find: /^@layso\/(shared|node-shared)\/testing$/, replacement: fileURLToPath(new URL('./$1/src/testing/index.ts', import.meta.url)) },
      ...['shared', 'node-shared', 'live-client', 'ui-react', 'electron-shell'].map((w) => ({ find: new RegExp(`^@layso/${w}$`), replacement: source(w) })),
    ],
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and browsers; two cores, so keep the pool small.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['*/src/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['*/test/**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['*/test/**/*.e2e.test.ts'] },
      },
    ],
  },
});
