import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../../live-client/src/memory-storage.test-support.js';
import { DEVICE_TOKEN_KEY, loadDeviceToken, saveDeviceToken } from './device-token.js';


function fakeShell(token: string | null, failing = false) {
  const shell = {
    token,
    getDeviceToken: async () => {
      if (failing) throw new Error('no ipc');
      return shell.token;
    },
    setDeviceToken: async (t: string | null) => {
      if (failing) throw new Error('no ipc');
      shell.token = t;
      return { ok: true as const };
    },
  };
  return shell;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the kiosk device token', () => {
  it('in a browser: localStorage only', async () => {
    expect(await loadDeviceToken(memoryStorage(), undefined)).toBeNull();
    expect(await loadDeviceToken(memoryStorage({ [DEVICE_TOKEN_KEY]: 'tok' }), undefined)).toBe('tok');
    const s = memoryStorage();
    await saveDeviceToken(s, undefined, 'tok-2');
    expect(s.data.get(DEVICE_TOKEN_KEY)).toBe('tok-2');
    await saveDeviceToken(s, undefined, null);
    expect(s.data.has(DEVICE_TOKEN_KEY)).toBe(false);
  });

  it('in the shell: the shell’s token wins and is copied to the page; a page-only token moves to the shell', async () => {
    const s = memoryStorage({ [DEVICE_TOKEN_KEY]: 'old' });
    expect(await loadDeviceToken(s, fakeShell('shell-tok'))).toBe('shell-tok');
    expect(s.data.get(DEVICE_TOKEN_KEY)).toBe('shell-tok');

    const shell = fakeShell(null);
    expect(await loadDeviceToken(memoryStorage({ [DEVICE_TOKEN_KEY]: 'page-tok' }), shell)).toBe('page-tok');
    await flush();
    expect(shell.token).toBe('page-tok');
  });

  it('keeps and forgets in both places; a broken shell leaves the page’s copy working', async () => {
    const s = memoryStorage();
    const shell = fakeShell(null);
    await saveDeviceToken(s, shell, 'new');
    expect([s.data.get(DEVICE_TOKEN_KEY), shell.token]).toEqual(['new', 'new']);
    await saveDeviceToken(s, shell, null);
    expect([s.data.get(DEVICE_TOKEN_KEY), shell.token]).toEqual([undefined, null]);

    const broken = fakeShell(null, true);
    await expect(saveDeviceToken(s, broken, 'x')).resolves.toBeUndefined();
    expect(await loadDeviceToken(s, broken)).toBe('x');
  });
});
