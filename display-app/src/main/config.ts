// The display PC's configuration file (`display.json` in Electron's userData folder):
// which server, which counter or area, how it sounds, and its pairing token. Read once at start.

import { z } from 'zod';
import type { DisplayDeviceConfig } from './bridge.js';

export const DisplayFileConfig = z.object({
  /** The centre's queue server; the display page is loaded from it (`<serverUrl>/display/`). */
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:8080')
    .transform((u) => u.replace(/\/+$/, '')),
  counter: z.number().int().min(1).max(9999).optional(),
  services: z.array(z.string().min(1).max(64)).max(100).optional(),
  counters: z.array(z.number().int().min(1).max(9999)).max(200).optional(),
  voice: z.enum(['pack', 'speech', 'chime', 'off']).optional(),
  volume: z.number().min(0).max(1).optional(),
  deviceToken: z.string().min(1).max(200).optional(),
  /** Start with the PC's session. */
  autoStart: z.boolean().default(true),
  /** Which screen to fill, by index of Electron's `screen.getAllDisplays()`; the primary when absent. */
  screenIndex: z.number().int().min(0).max(16).optional(),
});
export type DisplayFileConfig = z.infer<typeof DisplayFileConfig>;

export interface LoadedConfig {
  config: DisplayFileConfig;
  /** Why the file was not used as it is (missing, not JSON, a bad field); empty when fine. */
  problems: string[];
}

/** Parse the file's text; a missing or broken file still gives a display that runs on defaults. */
export function loadDisplayConfig(text: string | null): LoadedConfig {
  if (text === null) return { config: DisplayFileConfig.parse({}), problems: ['no display.json: using defaults'] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config: DisplayFileConfig.parse({}), problems: [`display.json is not JSON: ${(e as Error).message}`] };
  }
  const parsed = DisplayFileConfig.safeParse(raw);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { config: DisplayFileConfig.parse({}), problems: [`display.json: ${z.prettifyError(parsed.error)}`] };
}

/** The page to load: the server's display app with the device's choices as URL parameters. */
export function displayPageUrl(config: DisplayFileConfig): string {
  const url = new URL('/display/', config.serverUrl);
  if (config.counter !== undefined) url.searchParams.set('counter', String(config.counter));
  if (config.services?.length) url.searchParams.set('services', config.services.join(','));
  if (config.counters?.length) url.searchParams.set('counters', config.counters.join(','));
  if (config.voice) url.searchParams.set('voice', config.voice);
  if (config.volume !== undefined) url.searchParams.set('volume', String(config.volume));
  return url.toString();
}

/** The origin the window may show; everything else is refused. */
export function serverOrigin(config: DisplayFileConfig): string {
  return new URL(config.serverUrl).origin;
}

/** What the page is told through the bridge. */
export function deviceConfigForPage(config: DisplayFileConfig): DisplayDeviceConfig {
  const out: DisplayDeviceConfig = {};
  if (config.counter !== undefined) out.counter = config.counter;
  if (config.services) out.services = [...config.services];
  if (config.counters) out.counters = [...config.counters];
  if (config.voice) out.voice = config.voice;
  if (config.volume !== undefined) out.volume = config.volume;
  if (config.deviceToken) out.deviceToken = config.deviceToken;
  return out;
}
