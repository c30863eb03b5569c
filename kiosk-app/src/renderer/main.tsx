/** Entry: fonts, the connection to the server this page came from, and the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { installFonts } from './fonts.js';
import { DEVICE_TOKEN_KEY, KioskConnection } from './lib/connection.js';
import './styles.css';

installFonts(document);
const connection = new KioskConnection(location.origin, localStorage.getItem(DEVICE_TOKEN_KEY));
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <App connection={connection} bridge={window.layso} />
  </StrictMode>,
);
