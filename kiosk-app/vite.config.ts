// The kiosk's touch UI: served by the queue server at /kiosk/ for browser kiosks, and loaded from
// the server by the Electron shell (which adds the printer bridge, `window.layso`); and the
// citizen's phone booking page, served at /book/ (its assets stay under /kiosk/).
import { fileURLToPath } from 'node:url';
import { webApp } from '../vite.apps.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default webApp({
  configUrl: import.meta.url,
  root: './src/renderer',
  base: '/kiosk/',
  build: {
    rollupOptions: { input: { kiosk: here('./src/renderer/index.html'), book: here('./src/renderer/book/index.html') } },
  },
});
