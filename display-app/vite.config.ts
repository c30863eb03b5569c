// The wall and counter displays: served by the queue server at /display/ for browsers and TVs, and
// loaded from the server by the Electron shell; and the counter's rating tablet, served at /rate/.
import { fileURLToPath } from 'node:url';
import { webApp } from '../vite.apps.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default webApp({
  configUrl: import.meta.url,
  root: './src/renderer',
  base: '/display/',
  // The voice pack (public/voice) is copied as it is and served at /display/voice/…
  publicDir: './public',
  build: {
    // Two pages: the wall or counter display, and the counter's rating tablet (served at /rate/).
    rollupOptions: { input: { display: here('./src/renderer/index.html'), rate: here('./src/renderer/rate/index.html') } },
    // Fonts inline no better than they cache: keep them as files.
    assetsInlineLimit: 0,
  },
});
