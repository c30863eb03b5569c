// The kiosk's touch UI: served by the queue server at /kiosk/ for browser kiosks, and loaded from
// the server by the Electron shell (which adds the printer bridge, `window.layso`).
import { webApp } from '../vite.apps.js';

export default webApp({ configUrl: import.meta.url, root: './src/renderer', base: '/kiosk/' });
