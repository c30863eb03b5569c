// Start the display with the PC's session, so a power cut ends with the wall calling again and
// nobody has to touch it. Windows and macOS: Electron's login item. Linux: an XDG autostart entry.

import { join } from 'node:path';

export type AutostartPlan =
  | { kind: 'login-item'; openAtLogin: boolean; path: string; args: string[] }
  | { kind: 'xdg'; file: string; content: string | null };

export interface AutostartInput {
  platform: NodeJS.Platform;
  enabled: boolean;
  /** The executable to start (process.execPath of the packaged app). */
  execPath: string;
  args: readonly string[];
  /** The user's config folder (XDG_CONFIG_HOME or ~/.config) on Linux. */
  configHome: string;
}

const DESKTOP_FILE = 'layso-display.desktop';

/** Quote an argument of an Exec= line (freedesktop Desktop Entry spec). */
function desktopArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartPlan(input: AutostartInput): AutostartPlan {
  if (input.platform === 'win32' || input.platform === 'darwin') {
    return { kind: 'login-item', openAtLogin: input.enabled, path: input.execPath, args: [...input.args] };
  }
  const file = join(input.configHome, 'autostart', DESKTOP_FILE);
  if (!input.enabled) return { kind: 'xdg', file, content: null };
  const exec = [input.execPath, ...input.args].map(desktopArg).join(' ');
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Layso Display',
    'Comment=Màn hình gọi số Layso',
    `Exec=${exec}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
  return { kind: 'xdg', file, content };
}

export interface AutostartEffects {
  setLoginItemSettings(settings: { openAtLogin: boolean; path: string; args: string[] }): void;
  writeFile(file: string, content: string): void;
  removeFile(file: string): void;
}

export function applyAutostart(plan: AutostartPlan, fx: AutostartEffects): void {
  if (plan.kind === 'login-item') {
    fx.setLoginItemSettings({ openAtLogin: plan.openAtLogin, path: plan.path, args: plan.args });
  } else if (plan.content === null) {
    fx.removeFile(plan.file);
  } else {
    fx.writeFile(plan.file, plan.content);
  }
}
