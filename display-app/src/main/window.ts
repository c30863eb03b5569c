// The display window: full screen on its monitor, no frame, no menu, no cursor, never throttled,
// allowed to play sound without a click, and locked to the centre's server.

import type { BrowserWindowConstructorOptions } from 'electron';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function displayWindowOptions(preloadPath: string, bounds?: Bounds): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? {}),
    show: false,
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0a1628',
    title: 'Layso — Màn hình gọi số',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      // A wall display is never "in the background": keep its timers and audio running.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
      spellcheck: false,
      devTools: false,
    },
  };
}

/** Inserted into every page the window shows: a wall display has no mouse pointer. */
export const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

/** Shown while the server cannot be reached at start (the page itself is served by the server). */
export function offlinePageUrl(serverUrl: string): string {
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Layso</title>
<style>html,body{margin:0;height:100%;background:#0a1628;color:#fff;font-family:"Be Vietnam Pro",system-ui,sans-serif;cursor:none}
body{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:24px;text-align:center}
.vi{font-size:72px;font-weight:700}.en{font-size:40px;color:#c9d4e5}.url{font-size:28px;color:#8fa3bf}</style>
<div class="vi">Đang kết nối máy chủ…</div><div class="en">Connecting to the server…</div>
<div class="url">${esc(serverUrl)}</div></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
