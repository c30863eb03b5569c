// The kiosk's touch UI: served by the queue server at /kiosk/ for browser kiosks, and loaded from
// the server by the Electron shell (which adds the printer bridge, `window.layso`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/renderer'),
  base: '/kiosk/',
  publicDir: false,
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    // Two pages: the kiosk, and the citizen's phone booking page (served at /book/).
    rollupOptions: { input: { kiosk: here('./src/renderer/index.html'), book: here('./src/renderer/book/index.html') } },
  },
  resolve: { alias: { '@layso/shared': here('../shared/src/index.ts'), '@layso/live-client': here('../live-client/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
});
