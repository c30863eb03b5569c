/**
 * The kiosk shell's config file (in Electron's userData): the server address, the printer, the
 * paper width, the settings PIN as a salted scrypt hash, and the device token a pairing gave. Read as unknown and parsed; a
 * missing or damaged file gives the defaults (PIN 1234), so a kiosk always starts.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DeviceToken, ShellSettings } from '../contract/bridge.js';

export const DEFAULT_PIN = '1234';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

export const KioskConfig = z.object({
  settings: ShellSettings,
  pin: z.object({ salt: z.string().min(8), hash: z.string().min(32) }),
  /** Issued by the configured server's pairing; absent in files written before pairing existed. */
  deviceToken: DeviceToken.default(null),
  /** Start with the PC's session (login item / XDG autostart); false in the file turns it off. */
  autoStart: z.boolean().default(true),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

/** What the config module needs of the file system (node:fs in main, a map in tests). */
export interface ConfigFiles {
  read(path: string): string | null;
  /** Write so that a power cut leaves the old file or the new one, never half of one. */
  writeAtomic(path: string, text: string): void;
}

export function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, salt, 32).toString('hex');
}

export function pinMatches(config: KioskConfig, pin: string): boolean {
  const a = Buffer.from(hashPin(pin, config.pin.salt), 'hex');
  const b = Buffer.from(config.pin.hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function withPin(config: KioskConfig, pin: string, salt = randomBytes(16).toString('hex')): KioskConfig {
  return { ...config, pin: { salt, hash: hashPin(pin, salt) } };
}

export function defaultConfig(serverUrl = DEFAULT_SERVER_URL): KioskConfig {
  return withPin({ settings: { serverUrl, printer: { kind: 'none' }, paperWidth: 80 }, pin: { salt: '', hash: '' }, deviceToken: null, autoStart: true }, DEFAULT_PIN);
}

/** New settings; a token belongs to the server that issued it, so another server drops it. */
export function withSettings(config: KioskConfig, settings: ShellSettings): KioskConfig {
  const moved = settings.serverUrl !== config.settings.serverUrl;
  return { ...config, settings, deviceToken: moved ? null : config.deviceToken };
}

/** Load the config; `serverOverride` (from the command line) wins over the file's address. */
export function loadConfig(files: ConfigFiles, path: string, serverOverride?: string): KioskConfig {
  let config: KioskConfig | null = null;
  const text = files.read(path);
  if (text !== null) {
    try {
      const parsed = KioskConfig.safeParse(JSON.parse(text));
      if (parsed.success) config = parsed.data;
    } catch {
      // damaged: the defaults below
    }
  }
  config ??= defaultConfig();
  if (serverOverride) {
    const url = ShellSettings.shape.serverUrl.safeParse(serverOverride.replace(/\/+$/, ''));
    if (url.success) config = withSettings(config, { ...config.settings, serverUrl: url.data });
  }
  return config;
}

export function saveConfig(files: ConfigFiles, path: string, config: KioskConfig): void {
  files.writeAtomic(path, JSON.stringify(KioskConfig.parse(config), null, 2) + '\n');
}
