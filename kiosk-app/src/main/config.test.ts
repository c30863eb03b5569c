import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN, defaultConfig, loadConfig, pinMatches, saveConfig, withPin, withSettings, type ConfigFiles } from './config.js';

function memoryFiles(): ConfigFiles & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, read: (p) => data.get(p) ?? null, writeAtomic: (p, t) => void data.set(p, t) };
}

describe('kiosk shell config', () => {
  it('starts with the defaults and PIN 1234, stored only hashed', () => {
    const files = memoryFiles();
    const c = loadConfig(files, '/c.json');
    expect(c.settings).toEqual({ serverUrl: 'http://127.0.0.1:8080', printer: { kind: 'none' }, paperWidth: 80 });
    expect(pinMatches(c, DEFAULT_PIN)).toBe(true);
    expect(pinMatches(c, '0000')).toBe(false);
    saveConfig(files, '/c.json', c);
    expect(files.data.get('/c.json')).not.toContain(DEFAULT_PIN);
  });

  it('reads back what it saved, and a changed PIN', () => {
    const files = memoryFiles();
    const c = withPin({ ...defaultConfig('http://10.0.0.5:8080'), settings: { serverUrl: 'http://10.0.0.5:8080', printer: { kind: 'network', host: '10.0.0.31', port: 9100 }, paperWidth: 58 } }, '2468');
    saveConfig(files, '/c.json', c);
    const back = loadConfig(files, '/c.json');
    expect(back.settings).toEqual(c.settings);
    expect(pinMatches(back, '2468')).toBe(true);
    expect(pinMatches(back, DEFAULT_PIN)).toBe(false);
  });

  it('starts with the PC by default, and a file can turn that off', () => {
    const files = memoryFiles();
    const c = loadConfig(files, '/c.json');
    expect(c.autoStart).toBe(true);
    const { autoStart: _dropped, ...older } = c;
    files.data.set('/old.json', JSON.stringify(older));
    expect(loadConfig(files, '/old.json').autoStart).toBe(true);
    saveConfig(files, '/off.json', { ...c, autoStart: false });
    expect(loadConfig(files, '/off.json').autoStart).toBe(false);
  });

  it('survives a damaged or foreign file with the defaults', () => {
    const files = memoryFiles();
    files.data.set('/c.json', '{not json');
    expect(loadConfig(files, '/c.json').settings.serverUrl).toBe('http://127.0.0.1:8080');
    files.data.set('/c.json', JSON.stringify({ settings: { serverUrl: 'javascript:alert(1)' } }));
    expect(loadConfig(files, '/c.json').settings.serverUrl).toBe('http://127.0.0.1:8080');
  });

  it('takes a server address from the command line, if it is one', () => {
    const files = memoryFiles();
    expect(loadConfig(files, '/c.json', 'http://192.168.1.10:8080/').settings.serverUrl).toBe('http://192.168.1.10:8080');
    expect(loadConfig(files, '/c.json', 'file:///etc/passwd').settings.serverUrl).toBe('http://127.0.0.1:8080');
  });

  it('keeps the device token, reads files written before it existed, and drops it for another server', () => {
    const files = memoryFiles();
    const old = defaultConfig('http://10.0.0.5:8080');
    const { deviceToken: _, ...withoutToken } = old;
    files.data.set('/c.json', JSON.stringify(withoutToken));
    expect(loadConfig(files, '/c.json').deviceToken).toBeNull();

    const paired = { ...old, deviceToken: 'tok-abc' };
    saveConfig(files, '/c.json', paired);
    expect(loadConfig(files, '/c.json').deviceToken).toBe('tok-abc');
    // Same server (a printer change): the token stays; another server did not issue it.
    expect(withSettings(paired, { ...paired.settings, paperWidth: 58 }).deviceToken).toBe('tok-abc');
    expect(withSettings(paired, { ...paired.settings, serverUrl: 'http://10.0.0.6:8080' }).deviceToken).toBeNull();
    expect(loadConfig(files, '/c.json', 'http://10.0.0.6:8080').deviceToken).toBeNull();
    expect(loadConfig(files, '/c.json', 'http://10.0.0.5:8080').deviceToken).toBe('tok-abc');
  });
});
