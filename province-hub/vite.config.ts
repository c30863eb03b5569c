// The province board: a plain web app each hub node serves at / (province-hub/dist/web).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: '/',
  publicDir: false,
  build: { outDir: here('./dist/web'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 800 },
  resolve: { alias: { '@layso/shared': here('../shared/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
});
