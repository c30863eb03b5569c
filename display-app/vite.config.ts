// The wall and counter displays: served by the queue server at /display/ for browsers and TVs, and
// loaded from the server by the Electron shell.
import { webApp } from '../vite.apps.js';

export default webApp({
  configUrl: import.meta.url,
  root: './src/renderer',
  base: '/display/',
  // The voice pack (public/voice) is copied as it is and served at /display/voice/…
  publicDir: './public',
  // Fonts inline no better than they cache: keep them as files.
  build: { assetsInlineLimit: 0 },
});
