import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sharedSource = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@layso/shared': sharedSource } },
  test: {
    include: [
      'shared/src/**/*.test.ts',
      '*/src/**/*.test.{ts,tsx}',
      '*/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and browsers; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
