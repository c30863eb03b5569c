/** Entry: fonts, the stored device token, the connection to the server this page came from, and the app. */
import './no-eval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { installFonts } from './fonts.js';
import { KioskConnection } from './lib/connection.js';
import { loadDeviceToken, saveDeviceToken } from './lib/device-token.js';
import { kioskArea } from './lib/area.js';
import './styles.css';

/** localStorage, or nothing when the browser refuses it. */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  installFonts(document);
  const storage = safeStorage();
  const bridge = window.layso;
  const token = await loadDeviceToken(storage, bridge);
  // A refused token (revoked) is forgotten everywhere, so a reload shows the pairing screen too.
  // A demo kiosk names its reception area in its address (`?services=`), remembered on the device.
  const area = storage ? kioskArea(location.search, storage) : null;
  const connection = new KioskConnection(location.origin, token, () => void saveDeviceToken(storage, bridge, null), area);
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <StrictMode>
      <App connection={connection} bridge={bridge} storeToken={(t) => saveDeviceToken(storage, bridge, t)} />
    </StrictMode>,
  );
}

void main();
