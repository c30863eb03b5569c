import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/renderer'),
  base: '/display/',
  // The voice pack (public/voice) is copied as it is and served at /display/voice/…
  publicDir: here('./public'),
  resolve: { alias: { '@layso/shared': here('../shared/src/index.ts'), '@layso/live-client': here('../live-client/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('./dist/web'),
    // Two pages: the wall or counter display, and the counter's rating tablet (served at /rate/).
    rollupOptions: { input: { display: here('./src/renderer/index.html'), rate: here('./src/renderer/rate/index.html') } },
    emptyOutDir: true,
    target: 'es2022',
    // Fonts inline no better than they cache: keep them as files.
    assetsInlineLimit: 0,
  },
});
