import { describe, expect, it } from 'vitest';
import type { Event as ElectronEvent } from 'electron';
import { denyPermissions, guardContents, isAllowedNavigation, isBlockedShortcut, kioskUrl, kioskWindowOptions, offlinePageUrl, type GuardedContents } from './window.js';

function fakeEvent(): ElectronEvent & { prevented: boolean } {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e as unknown as ElectronEvent & { prevented: boolean };
}

function fakeContents() {
  const listeners = new Map<string, ((...a: unknown[]) => void)[]>();
  let openHandler: ((d: unknown) => unknown) | null = null;
  let devtoolsClosed = 0;
  const contents = {
    on(event: string, l: (...a: unknown[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return contents;
    },
    setWindowOpenHandler(h: (d: unknown) => unknown) {
      openHandler = h;
    },
    closeDevTools() {
      devtoolsClosed++;
    },
  };
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  return { contents: contents as unknown as GuardedContents, emit, open: (d: unknown) => openHandler?.(d), devtoolsClosed: () => devtoolsClosed };
}

describe('kiosk window', () => {
  it('is a locked-down full screen kiosk', () => {
    const o = kioskWindowOptions('/app/preload.cjs');
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      devTools: false,
      webviewTag: false,
    });
  });

  it("loads the server's kiosk page and may only navigate within it", () => {
    expect(kioskUrl('http://10.0.0.2:8080')).toBe('http://10.0.0.2:8080/kiosk/');
    expect(isAllowedNavigation('http://10.0.0.2:8080/kiosk/', 'http://10.0.0.2:8080')).toBe(true);
    expect(isAllowedNavigation('http://10.0.0.2:8080/kiosk/?x=1', 'http://10.0.0.2:8080')).toBe(true);
    expect(isAllowedNavigation('http://10.0.0.2:8080/staff/', 'http://10.0.0.2:8080')).toBe(false);
    expect(isAllowedNavigation('http://evil.example/kiosk/', 'http://10.0.0.2:8080')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', 'http://10.0.0.2:8080')).toBe(false);
    expect(isAllowedNavigation('not a url', 'http://10.0.0.2:8080')).toBe(false);
  });

  it('blocks navigation away, new windows, webviews and devtools', () => {
    const f = fakeContents();
    guardContents(f.contents, () => 'http://10.0.0.2:8080');
    const away = fakeEvent();
    f.emit('will-navigate', away, 'https://example.com/');
    expect(away.prevented).toBe(true);
    const home = fakeEvent();
    f.emit('will-navigate', home, 'http://10.0.0.2:8080/kiosk/');
    expect(home.prevented).toBe(false);
    const redirect = fakeEvent();
    f.emit('will-redirect', redirect, 'http://10.0.0.9/');
    expect(redirect.prevented).toBe(true);
    expect(f.open({ url: 'http://10.0.0.2:8080/kiosk/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    f.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
    f.emit('devtools-opened');
    expect(f.devtoolsClosed()).toBe(1);
    const reload = fakeEvent();
    f.emit('before-input-event', reload, { key: 'r', control: true, meta: false, alt: false, shift: false });
    expect(reload.prevented).toBe(true);
    const digit = fakeEvent();
    f.emit('before-input-event', digit, { key: '5', control: false, meta: false, alt: false, shift: false });
    expect(digit.prevented).toBe(false);
  });

  it('blocks browser shortcuts but not typing', () => {
    const k = (key: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
      isBlockedShortcut({ key, control: false, meta: false, alt: false, shift: false, ...mods });
    expect(k('F5')).toBe(true);
    expect(k('F12')).toBe(true);
    expect(k('I', { control: true, shift: true })).toBe(true);
    expect(k('p', { control: true })).toBe(true);
    expect(k('F4', { alt: true })).toBe(true);
    expect(k('a')).toBe(false);
    expect(k('Enter')).toBe(false);
  });

  it('denies every permission request', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h) => void (request = h as never),
      setPermissionCheckHandler: (h) => void (check = h),
    });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) request!(null, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!()).toBe(false);
  });

  it('has an offline page in both languages', () => {
    const html = decodeURIComponent(offlinePageUrl('http://10.0.0.2:8080<script>').split(',')[1] ?? '');
    expect(html).toContain('Tạm ngưng cấp số');
    expect(html).toContain('Ticket issuing paused');
    expect(html).not.toContain('<script>');
  });
});
