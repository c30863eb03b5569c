/**
 * Start the kiosk when the PC starts: Electron's login item on Windows (and macOS); an XDG
 * autostart entry on Linux, where `setLoginItemSettings` does nothing.
 */
import { join } from 'node:path';

export interface AutoStartDeps {
  platform: NodeJS.Platform;
  setLoginItemSettings: (s: { openAtLogin: boolean; path?: string; args?: string[] }) => void;
  /** The program to start: the AppImage file on Linux (not its temporary mount), else the exe. */
  executable: string;
  homeDir: string;
  writeFile: (path: string, text: string) => void;
}

export function linuxAutostartEntry(executable: string): string {
  const exec = /[\s"]/.test(executable) ? `"${executable.replace(/"/g, '\\"')}"` : executable;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Layso Kiosk',
    'Comment=Máy lấy số Layso',
    `Exec=${exec}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function linuxAutostartPath(homeDir: string): string {
  return join(homeDir, '.config', 'autostart', 'layso-kiosk.desktop');
}

export function setupAutoStart(d: AutoStartDeps): void {
  if (d.platform === 'linux') d.writeFile(linuxAutostartPath(d.homeDir), linuxAutostartEntry(d.executable));
  else d.setLoginItemSettings({ openAtLogin: true, path: d.executable, args: [] });
}
