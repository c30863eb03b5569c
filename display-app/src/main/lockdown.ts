// Keep the window on the centre's display page: no navigation elsewhere, no new windows, no
// webviews, no permission prompts, no zoom, no developer tools.

import { isOnServer } from '@layso/electron-shell';

/** The parts of Electron's WebContents the lockdown uses (the real one satisfies it). */
export interface LockableContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: { type: string; key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean }) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
}

export interface LockableSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
}

/** Only pages of the centre's server (same origin) may be shown. */
export function isAllowedUrl(url: string, origin: string): boolean {
  return isOnServer(url, origin);
}

/** Keys that would open tools, zoom, print or leave the page; F5 (reload) stays for the technician. */
export function isBlockedKey(input: { key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean }): boolean {
  const mod = input.control || input.meta;
  const key = input.key.toLowerCase();
  if (key === 'f12' || key === 'f11') return true;
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  if (mod && ['+', '=', '-', '0', 'p', 's', 'o', 'n', 't', 'w', 'l'].includes(key)) return true;
  if (input.alt && (key === 'arrowleft' || key === 'arrowright')) return true;
  return false;
}

export function setupLockdown(contents: LockableContents, session: LockableSession, origin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && isBlockedKey(input)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  // Sound needs no permission; a display asks for nothing else (camera, notifications …).
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}
