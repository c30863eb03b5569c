import { describe, expect, it } from 'vitest';
import { linuxAutostartEntry, linuxAutostartPath, setupAutoStart } from './autostart.js';

describe('start on login', () => {
  it('uses the login item on Windows', () => {
    const calls: unknown[] = [];
    setupAutoStart({ platform: 'win32', setLoginItemSettings: (s) => calls.push(s), executable: 'C:\\Layso\\Layso Kiosk.exe', homeDir: 'C:\\Users\\k', writeFile: () => undefined });
    expect(calls).toEqual([{ openAtLogin: true, path: 'C:\\Layso\\Layso Kiosk.exe', args: [] }]);
  });

  it('writes an XDG autostart entry on Linux', () => {
    const written = new Map<string, string>();
    setupAutoStart({ platform: 'linux', setLoginItemSettings: () => undefined, executable: '/opt/Layso Kiosk/layso-kiosk.AppImage', homeDir: '/home/k', writeFile: (p, t) => void written.set(p, t) });
    expect([...written.keys()]).toEqual([linuxAutostartPath('/home/k')]);
    expect(written.get('/home/k/.config/autostart/layso-kiosk.desktop')).toContain('Exec="/opt/Layso Kiosk/layso-kiosk.AppImage"');
    expect(linuxAutostartEntry('/usr/bin/layso-kiosk')).toContain('Exec=/usr/bin/layso-kiosk\n');
  });
});
