/**
 * Start a shell with the PC's session, so a power cut ends with the kiosk or the wall working
 * again and nobody has to touch it. Windows and macOS: Electron's login item. Linux: an XDG
 * autostart entry in `$XDG_CONFIG_HOME/autostart` (else `~/.config/autostart`), where
 * `setLoginItemSettings` does nothing. Turned off, the entry is removed (the login item cleared).
 */
import { isAbsolute, join } from 'node:path';

export type AutostartPlan =
  | { kind: 'login-item'; openAtLogin: boolean; path: string; args: string[] }
  | { kind: 'xdg'; file: string; content: string | null };

/** Which shell: the .desktop file's name and what the entry says. */
export interface AutostartApp {
  /** e.g. `layso-kiosk.desktop`. */
  desktopFile: string;
  name: string;
  comment: string;
}

export interface AutostartInput {
  app: AutostartApp;
  platform: NodeJS.Platform;
  enabled: boolean;
  /** The program to start: the AppImage file on Linux (not its temporary mount), else the exe. */
  execPath: string;
  args: readonly string[];
  /** The user's config folder on Linux: see `configHome`. */
  configHome: string;
}

/** `$XDG_CONFIG_HOME` when it is set to an absolute path (the XDG spec ignores others), else `~/.config`. */
export function configHome(env: Record<string, string | undefined>, homeDir: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg && isAbsolute(xdg) ? xdg : join(homeDir, '.config');
}

/** Quote an argument of an Exec= line (freedesktop Desktop Entry spec). */
function desktopArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartPlan(input: AutostartInput): AutostartPlan {
  if (input.platform === 'win32' || input.platform === 'darwin') {
    return { kind: 'login-item', openAtLogin: input.enabled, path: input.execPath, args: [...input.args] };
  }
  const file = join(input.configHome, 'autostart', input.app.desktopFile);
  if (!input.enabled) return { kind: 'xdg', file, content: null };
  const exec = [input.execPath, ...input.args].map(desktopArg).join(' ');
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${input.app.name}`,
    `Comment=${input.app.comment}`,
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
