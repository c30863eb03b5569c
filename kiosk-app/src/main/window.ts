/**
 * The kiosk window and its lockdown: full screen kiosk mode, an isolated sandboxed page with one
 * preload bridge, no devtools, no navigation away from the server's /kiosk/, no new windows, no
 * permission prompts, no browser shortcuts. Electron objects come in (types only), so vitest
 * checks all of it without Electron.
 */
import type { BrowserWindowConstructorOptions, Event as ElectronEvent, HandlerDetails, Input, WebContents } from 'electron';

export function kioskWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#eef2f7',
    title: 'Layso – Lấy số',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** The page the kiosk shows: the server's kiosk app. */
export function kioskUrl(serverUrl: string): string {
  return new URL('/kiosk/', serverUrl).toString();
}

/** Whether the page may go to `url`: only the kiosk app on the configured server. */
export function isAllowedNavigation(url: string, serverUrl: string): boolean {
  try {
    const u = new URL(url);
    return u.origin === new URL(serverUrl).origin && (u.pathname === '/kiosk' || u.pathname.startsWith('/kiosk/'));
  } catch {
    return false;
  }
}

/** Keys a citizen must not use: reload, devtools, print, close, zoom, full screen toggles. */
export function isBlockedShortcut(input: Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  const key = input.key.toLowerCase();
  if (['f1', 'f3', 'f5', 'f6', 'f7', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  if (input.control || input.meta) {
    return ['r', 'w', 'q', 'p', 'n', 't', 'o', 's', 'f', 'g', 'h', 'j', 'u', 'i', 'l', 'e', '+', '=', '-', '_', '0', 'tab'].includes(key);
  }
  return false;
}

/** The parts of `WebContents` the guards use. */
export type GuardedContents = Pick<WebContents, 'setWindowOpenHandler' | 'closeDevTools'> & {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: ElectronEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview' | 'will-frame-navigate', listener: (e: ElectronEvent) => void): unknown;
  on(event: 'before-input-event', listener: (e: ElectronEvent, input: Input) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
};

/** Lock a kiosk page in: `serverUrl()` is read on each check, so a new address applies at once. */
export function guardContents(contents: GuardedContents, serverUrl: () => string): void {
  const onNavigate = (e: ElectronEvent, url: string): void => {
    if (!isAllowedNavigation(url, serverUrl())) e.preventDefault();
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler((_d: HandlerDetails) => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('before-input-event', (e, input) => {
    if (isBlockedShortcut(input)) e.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}

/** The parts of `Session` the permission guard uses. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (wc: WebContents, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** Every permission request (camera, microphone, notifications, geolocation …) is refused. */
export function denyPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** What the kiosk shows while the server cannot be reached; main retries the real page. */
export function offlinePageUrl(serverUrl: string): string {
  const esc = serverUrl.replace(/[<>&"]/g, '');
  const html = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Layso</title>
<body style="margin:0;height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:3vh;font-family:'Segoe UI',Arial,sans-serif;background:#eef2f7;color:#0f172a;text-align:center;user-select:none">
<div style="font-size:6vh;font-weight:800">Tạm ngưng cấp số</div>
<div style="font-size:3.5vh;color:#334155">Ticket issuing paused</div>
<div style="font-size:2.4vh;max-width:80vw">Máy lấy số đang kết nối tới máy chủ. Xin vui lòng chờ trong giây lát.<br>The kiosk is connecting to the server. Please wait a moment.</div>
<div style="font-size:1.6vh;color:#475569">${esc}</div></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
