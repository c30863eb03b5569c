// The shells' shared logic, run without Electron: plain objects stand in for what main passes.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyAutostart, autostartPlan, configHome, type AutostartApp } from './autostart.js';
import { keepScreenAwake } from './awake.js';
import { ForbiddenSender, InvalidArguments, isOnServer, isTrustedSender, registerIpc, type SenderEvent } from './ipc.js';
import { PageRecovery } from './recovery.js';

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

const SERVER = 'http://192.0.2.10:8080';

describe('IPC gate', () => {
  function setup() {
    const listeners = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
    const calls: unknown[][] = [];
    const logged: string[] = [];
    let contentsId: number | null = 7;
    registerIpc(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      { contentsId: () => contentsId, allowedUrl: (url) => isOnServer(url, SERVER, '/app/') },
      {
        channels: { echo: 'test:echo', none: 'test:none' },
        args: { echo: z.tuple([z.string().min(1).max(8), z.number().int()]), none: z.tuple([]) },
        handlers: {
          echo: (text, n) => {
            calls.push([text, n]);
            return `${text}×${n}`;
          },
          none: () => 'ok',
        },
      },
      (m) => logged.push(m),
    );
    const invoke = (channel: string, event: SenderEvent, ...args: unknown[]): Promise<unknown> => Promise.resolve().then(() => listeners.get(channel)!(event, ...args));
    return { listeners, calls, logged, invoke, forget: () => (contentsId = null) };
  }
  const fromPage: SenderEvent = { sender: { id: 7 }, senderFrame: { url: `${SERVER}/app/` } };

  it('registers exactly the table’s channels and answers the shell’s own page', async () => {
    const { listeners, invoke, calls } = setup();
    expect([...listeners.keys()].sort()).toEqual(['test:echo', 'test:none']);
    await expect(invoke('test:echo', fromPage, 'xin', 3)).resolves.toBe('xin×3');
    await expect(invoke('test:none', fromPage)).resolves.toBe('ok');
    expect(calls).toEqual([['xin', 3]]);
  });

  it('drops calls from another window, another origin or path, a subframe, or no frame', async () => {
    const { invoke, calls, logged } = setup();
    const others: SenderEvent[] = [
      { sender: { id: 8 }, senderFrame: { url: `${SERVER}/app/` } },
      { sender: { id: 7 }, senderFrame: { url: 'http://evil.example/app/' } },
      { sender: { id: 7 }, senderFrame: { url: `${SERVER}/admin/` } },
      { sender: { id: 7 }, senderFrame: { url: `${SERVER}/app/`, parent: {} } },
      { sender: { id: 7 }, senderFrame: null },
      { sender: { id: 7 }, senderFrame: { url: 'data:text/html,hi' } },
      { sender: { id: 7 }, senderFrame: { url: 'not a url' } },
    ];
    for (const e of others) await expect(invoke('test:echo', e, 'xin', 3)).rejects.toBeInstanceOf(ForbiddenSender);
    expect(calls).toEqual([]);
    expect(logged).toHaveLength(others.length);
  });

  it('checks every argument against the channel’s schema', async () => {
    const { invoke, calls } = setup();
    await expect(invoke('test:echo', fromPage, '', 3)).rejects.toBeInstanceOf(InvalidArguments);
    await expect(invoke('test:echo', fromPage, 'xin', 1.5)).rejects.toBeInstanceOf(InvalidArguments);
    await expect(invoke('test:echo', fromPage, 'xin')).rejects.toBeInstanceOf(InvalidArguments);
    await expect(invoke('test:echo', fromPage, 'xin', 3, 'extra')).rejects.toBeInstanceOf(InvalidArguments);
    await expect(invoke('test:none', fromPage, { sneaky: true })).rejects.toBeInstanceOf(InvalidArguments);
    expect(calls).toEqual([]);
  });

  it('trusts nobody before the window exists', async () => {
    const { invoke, forget } = setup();
    forget();
    await expect(invoke('test:none', fromPage)).rejects.toBeInstanceOf(ForbiddenSender);
    expect(isTrustedSender(fromPage, { contentsId: () => null, allowedUrl: () => true })).toBe(false);
  });

  it('knows a server’s pages by origin, scheme and path', () => {
    expect(isOnServer(`${SERVER}/display/`, SERVER)).toBe(true);
    expect(isOnServer('https://192.0.2.10:8080/', SERVER)).toBe(false);
    expect(isOnServer(`${SERVER}/kiosk`, SERVER, '/kiosk/')).toBe(true);
    expect(isOnServer(`${SERVER}/kioskx/`, SERVER, '/kiosk/')).toBe(false);
    expect(isOnServer('file:///etc/passwd', 'file:///etc/')).toBe(false);
  });
});

describe('page recovery', () => {
  function setup() {
    const timers = new FakeTimers();
    const actions: string[] = [];
    const r = new PageRecovery(
      {
        loadPage: () => actions.push(`load@${timers.t}`),
        killPage: () => actions.push(`kill@${timers.t}`),
        showOffline: () => actions.push(`offline@${timers.t}`),
        log: () => undefined,
      },
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

  it('ends and reloads a page that stays unresponsive, not one that recovers', () => {
    const { timers, actions, r } = setup();
    r.unresponsive();
    timers.advance(5_000);
    r.responsive();
    timers.advance(20_000);
    expect(actions).toEqual([]);
    r.unresponsive();
    timers.advance(11_000);
    expect(actions).toEqual(['kill@35000', 'load@36000']);
  });
});

describe('auto-start', () => {
  const app: AutostartApp = { desktopFile: 'layso-test.desktop', name: 'Layso Test', comment: 'Thử' };

  it('uses the login item on Windows and an XDG entry on Linux, and removes it when turned off', () => {
    const win = autostartPlan({ app, platform: 'win32', enabled: true, execPath: 'C:\\Layso\\Layso Test.exe', args: [], configHome: '' });
    expect(win).toEqual({ kind: 'login-item', openAtLogin: true, path: 'C:\\Layso\\Layso Test.exe', args: [] });
    const linux = autostartPlan({ app, platform: 'linux', enabled: true, execPath: '/opt/Layso Test/layso', args: ['--no-sandbox'], configHome: '/home/tv/.config' });
    expect(linux.kind).toBe('xdg');
    if (linux.kind !== 'xdg') return;
    expect(linux.file).toBe('/home/tv/.config/autostart/layso-test.desktop');
    expect(linux.content).toContain('Exec="/opt/Layso Test/layso" --no-sandbox');
    expect(linux.content).toContain('Name=Layso Test\n');
    const written: string[] = [];
    const fx = {
      setLoginItemSettings: (s: { openAtLogin: boolean }) => written.push(`login ${s.openAtLogin}`),
      writeFile: (f: string) => written.push(`write ${f}`),
      removeFile: (f: string) => written.push(`remove ${f}`),
    };
    applyAutostart(linux, fx);
    applyAutostart(autostartPlan({ app, platform: 'linux', enabled: false, execPath: 'x', args: [], configHome: '/h' }), fx);
    applyAutostart(win, fx);
    applyAutostart(autostartPlan({ app, platform: 'win32', enabled: false, execPath: 'x', args: [], configHome: '' }), fx);
    expect(written).toEqual(['write /home/tv/.config/autostart/layso-test.desktop', 'remove /h/autostart/layso-test.desktop', 'login true', 'login false']);
  });

  it('honours XDG_CONFIG_HOME when it is an absolute path', () => {
    expect(configHome({ XDG_CONFIG_HOME: '/srv/kiosk/config' }, '/home/k')).toBe('/srv/kiosk/config');
    expect(configHome({ XDG_CONFIG_HOME: 'relative/config' }, '/home/k')).toBe('/home/k/.config');
    expect(configHome({ XDG_CONFIG_HOME: '' }, '/home/k')).toBe('/home/k/.config');
    expect(configHome({}, '/home/k')).toBe('/home/k/.config');
  });
});

describe('screen awake', () => {
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
