// The Electron shell's logic, run without Electron: fakes stand in for the objects main.ts passes.

import { describe, expect, it } from 'vitest';
import { applyAutostart, autostartPlan } from './autostart.js';
import { keepScreenAwake } from './awake.js';
import { DISPLAY_CHANNELS } from './bridge.js';
import { deviceConfigForPage, displayPageUrl, loadDisplayConfig, serverOrigin } from './config.js';
import { setupIpc, UntrustedSenderError, type InvokeEvent } from './ipc.js';
import { isAllowedUrl, isBlockedKey, setupLockdown, type LockableContents } from './lockdown.js';
import { PageRecovery } from './recovery.js';
import { displayWindowOptions, offlinePageUrl } from './window.js';

class FakeTimers {
  t = 0;
  private seq = 0;
  readonly due = new Map<number, { at: number; fn: () => void; every?: number }>();
  setTimeout = (fn: () => void, ms: number): unknown => {
    this.due.set(++this.seq, { at: this.t + ms, fn });
    return this.seq;
  };
  setInterval = (fn: () => void, ms: number): unknown => {
    this.due.set(++this.seq, { at: this.t + ms, fn, every: ms });
    return this.seq;
  };
  clearTimeout = (h: unknown): void => {
    this.due.delete(h as number);
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, d]) => d.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      const [id, d] = next;
      this.t = d.at;
      if (d.every) d.at += d.every;
      else this.due.delete(id);
      d.fn();
    }
    this.t = end;
  }
}

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
  it('answers its channels for the display page and refuses any other sender', async () => {
    const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
    const logged: string[] = [];
    setupIpc(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      { 'display:getConfig': () => ({ counter: 5 }) },
      'http://192.0.2.10:8080',
      (m) => logged.push(m),
    );
    expect([...handlers.keys()]).toEqual(Object.values(DISPLAY_CHANNELS));
    const getConfig = handlers.get('display:getConfig')!;
    expect(getConfig({ senderFrame: { url: 'http://192.0.2.10:8080/display/' } })).toEqual({ counter: 5 });
    expect(() => getConfig({ senderFrame: { url: 'https://evil.example/' } })).toThrow(UntrustedSenderError);
    expect(() => getConfig({ senderFrame: null })).toThrow(UntrustedSenderError);
    expect(logged).toHaveLength(2);
  });
});

describe('page recovery', () => {
  function setup() {
    const timers = new FakeTimers();
    const actions: string[] = [];
    const r = new PageRecovery(
      { loadPage: () => actions.push(`load@${timers.t}`), showOffline: () => actions.push(`offline@${timers.t}`), log: () => undefined },
      timers,
    );
    return { timers, actions, r };
  }

  it('reloads a crashed page with a growing delay, and starts over once it has run a while', () => {
    const { timers, actions, r } = setup();
    r.start();
    r.processGone('crashed');
    timers.advance(1_000);
    r.processGone('oom');
    timers.advance(2_000);
    r.processGone('killed');
    timers.advance(5_000);
    expect(actions).toEqual(['load@0', 'load@1000', 'load@3000', 'load@8000']);
    r.loaded();
    timers.advance(60_000);
    expect(r.troubles).toBe(0);
    r.processGone('crashed');
    timers.advance(1_000);
    expect(actions.at(-1)).toBe('load@69000');
    r.processGone('clean-exit');
    timers.advance(60_000);
    expect(actions).toHaveLength(5);
  });

  it('never gives up on an unreachable server, showing the offline page meanwhile', () => {
    const { timers, actions, r } = setup();
    for (let i = 0; i < 8; i++) {
      r.loadFailed(-102, true);
      timers.advance(30_000);
    }
    expect(actions.filter((a) => a.startsWith('load'))).toHaveLength(8);
    expect(actions.filter((a) => a.startsWith('offline'))).toHaveLength(8);
    r.loadFailed(-3, true);
    r.loadFailed(-102, false);
    timers.advance(60_000);
    expect(actions).toHaveLength(16);
  });

  it('reloads a page that stays unresponsive, not one that recovers', () => {
    const { timers, actions, r } = setup();
    r.unresponsive();
    timers.advance(5_000);
    r.responsive();
    timers.advance(20_000);
    expect(actions).toEqual([]);
    r.unresponsive();
    timers.advance(11_000);
    expect(actions).toEqual(['load@36000']);
  });
});

describe('auto-start and screen', () => {
  it('uses the login item on Windows and an XDG entry on Linux', () => {
    const win = autostartPlan({ platform: 'win32', enabled: true, execPath: 'C:\\Layso\\Layso Display.exe', args: [], configHome: '' });
    expect(win).toEqual({ kind: 'login-item', openAtLogin: true, path: 'C:\\Layso\\Layso Display.exe', args: [] });
    const linux = autostartPlan({ platform: 'linux', enabled: true, execPath: '/opt/Layso Display/layso-display', args: ['--no-sandbox'], configHome: '/home/tv/.config' });
    expect(linux.kind).toBe('xdg');
    if (linux.kind !== 'xdg') return;
    expect(linux.file).toBe('/home/tv/.config/autostart/layso-display.desktop');
    expect(linux.content).toContain('Exec="/opt/Layso Display/layso-display" --no-sandbox');
    const written: string[] = [];
    const fx = {
      setLoginItemSettings: () => written.push('login'),
      writeFile: (f: string) => written.push(`write ${f}`),
      removeFile: (f: string) => written.push(`remove ${f}`),
    };
    applyAutostart(linux, fx);
    applyAutostart(autostartPlan({ platform: 'linux', enabled: false, execPath: 'x', args: [], configHome: '/h' }), fx);
    applyAutostart(win, fx);
    expect(written).toEqual(['write /home/tv/.config/autostart/layso-display.desktop', 'remove /h/autostart/layso-display.desktop', 'login']);
  });

  it('keeps the screen awake, and blocks sleep again if the blocker was dropped', () => {
    const timers = new FakeTimers();
    const started: number[] = [];
    const active = new Set<number>();
    const blocker = {
      start: (type: string) => {
        expect(type).toBe('prevent-display-sleep');
        const id = started.length + 1;
        started.push(id);
        active.add(id);
        return id;
      },
      isStarted: (id: number) => active.has(id),
    };
    const current = keepScreenAwake(blocker, timers);
    timers.advance(60_000);
    expect(started).toEqual([1]);
    active.clear();
    timers.advance(60_000);
    expect(started).toEqual([1, 2]);
    expect(current()).toBe(2);
  });
});
