// The display shell's own logic, run without Electron (what both shells share is tested in
// electron-shell): fakes stand in for the objects main.ts passes.

import { describe, expect, it } from 'vitest';
import { ForbiddenSender, InvalidArguments, registerIpc, type SenderEvent } from '@layso/electron-shell';
import { DISPLAY_CHANNEL_ARGS, DISPLAY_CHANNELS } from './bridge.js';
import { deviceConfigForPage, displayPageUrl, loadDisplayConfig, serverOrigin } from './config.js';
import { isAllowedUrl, isBlockedKey, setupLockdown, type LockableContents } from './lockdown.js';
import { displayWindowOptions, offlinePageUrl } from './window.js';

describe('display.json', () => {
  it('runs on defaults when the file is missing or broken, and says why', () => {
    expect(loadDisplayConfig(null).config.serverUrl).toBe('http://127.0.0.1:8080');
    const broken = loadDisplayConfig('{ nope');
    expect(broken.config.autoStart).toBe(true);
    expect(broken.problems[0]).toMatch(/not JSON/);
    const bad = loadDisplayConfig(JSON.stringify({ serverUrl: 'file:///etc/passwd', counter: 0 }));
    expect(bad.config.serverUrl).toBe('http://127.0.0.1:8080');
    expect(bad.problems[0]).toMatch(/serverUrl|counter/);
  });

  it('builds the page address with the device’s choices, and tells the page only those', () => {
    const { config } = loadDisplayConfig(
      JSON.stringify({ serverUrl: 'http://192.0.2.10:8080/', counter: 5, voice: 'chime', volume: 0.7, deviceToken: 'tok', services: ['ho-tich'] }),
    );
    expect(displayPageUrl(config)).toBe('http://192.0.2.10:8080/display/?counter=5&services=ho-tich&voice=chime&volume=0.7');
    expect(serverOrigin(config)).toBe('http://192.0.2.10:8080');
    expect(deviceConfigForPage(config)).toEqual({ counter: 5, services: ['ho-tich'], voice: 'chime', volume: 0.7, deviceToken: 'tok' });
  });
});

describe('window', () => {
  it('is full screen, isolated, sandboxed and allowed to play sound', () => {
    const o = displayWindowOptions('/app/preload.cjs', { x: 1920, y: 0, width: 1920, height: 1080 });
    expect(o).toMatchObject({ fullscreen: true, kiosk: true, frame: false, x: 1920 });
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      preload: '/app/preload.cjs',
    });
  });

  it('has an offline page that escapes the address it shows', () => {
    const html = decodeURIComponent(offlinePageUrl('http://x/<script>').split(',')[1]!);
    expect(html).toContain('Đang kết nối máy chủ');
    expect(html).not.toContain('<script>');
  });
});

describe('lockdown', () => {
  const origin = 'http://192.0.2.10:8080';

  it('allows only pages of the centre’s server', () => {
    expect(isAllowedUrl('http://192.0.2.10:8080/display/?counter=2', origin)).toBe(true);
    expect(isAllowedUrl('http://192.0.2.10:8081/display/', origin)).toBe(false);
    expect(isAllowedUrl('https://example.com/', origin)).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd', origin)).toBe(false);
    expect(isAllowedUrl('not a url', origin)).toBe(false);
  });

  it('blocks navigation away, new windows, webviews, permissions, zoom and dev tools', async () => {
    const listeners = new Map<string, (...args: never[]) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    let zoom: number[] = [];
    let permission: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    const contents: LockableContents = {
      on: ((event: string, listener: (...args: never[]) => void) => {
        listeners.set(event, listener);
        return contents;
      }) as LockableContents['on'],
      setWindowOpenHandler: (h) => {
        openHandler = h;
      },
      setVisualZoomLevelLimits: async (a, b) => {
        zoom = [a, b];
      },
    };
    setupLockdown(contents, { setPermissionRequestHandler: (h) => (permission = h) }, origin);

    const navigate = (url: string): boolean => {
      let prevented = false;
      (listeners.get('will-navigate') as (e: { preventDefault(): void }, url: string) => void)({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate(`${origin}/display/`)).toBe(false);
    expect(openHandler!({ url: `${origin}/x` })).toEqual({ action: 'deny' });
    expect(zoom).toEqual([1, 1]);
    let granted: boolean | null = null;
    permission!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    let webviewPrevented = false;
    (listeners.get('will-attach-webview') as (e: { preventDefault(): void }) => void)({ preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
    const key = { key: 'I', control: true, meta: false, shift: true, alt: false };
    expect(isBlockedKey(key)).toBe(true);
    expect(isBlockedKey({ ...key, key: 'F5', control: false, shift: false })).toBe(false);
  });
});

describe('IPC', () => {
  it('answers getConfig for the display page only, and takes no arguments', async () => {
    const listeners = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
    const origin = 'http://192.0.2.10:8080';
    registerIpc(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      { contentsId: () => 3, allowedUrl: (url) => isAllowedUrl(url, origin) },
      { channels: DISPLAY_CHANNELS, args: DISPLAY_CHANNEL_ARGS, handlers: { getConfig: () => ({ counter: 5 }) } },
    );
    expect([...listeners.keys()]).toEqual(Object.values(DISPLAY_CHANNELS));
    const getConfig = (event: SenderEvent, ...args: unknown[]): Promise<unknown> => Promise.resolve().then(() => listeners.get('display:getConfig')!(event, ...args));
    await expect(getConfig({ sender: { id: 3 }, senderFrame: { url: `${origin}/display/` } })).resolves.toEqual({ counter: 5 });
    await expect(getConfig({ sender: { id: 3 }, senderFrame: { url: 'https://evil.example/' } })).rejects.toBeInstanceOf(ForbiddenSender);
    await expect(getConfig({ sender: { id: 4 }, senderFrame: { url: `${origin}/display/` } })).rejects.toBeInstanceOf(ForbiddenSender);
    await expect(getConfig({ sender: { id: 3 }, senderFrame: { url: `${origin}/display/` } }, 'more')).rejects.toBeInstanceOf(InvalidArguments);
  });
});
