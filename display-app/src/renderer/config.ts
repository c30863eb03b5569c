// What one display shows and how it sounds, from its URL (`/display/?counter=5&voice=chime`),
// the settings it remembered, and (in Electron) the device's configuration. Pure: the caller
// passes the URL's query and the stored text in, and stores what `persistedSound` returns.

/** How calls are read aloud: voice-pack clips, the browser's vi-VN voice, a chime, or nothing. */
export type VoiceMode = 'pack' | 'speech' | 'chime' | 'off';
export const VOICE_MODES: readonly VoiceMode[] = ['pack', 'speech', 'chime', 'off'];

export interface SoundSettings {
  voice: VoiceMode;
  /** 0 … 1. */
  volume: number;
}

export interface DisplayConfig {
  /** A wall display for the waiting room, or the screen above one counter. */
  mode: 'wall' | 'counter';
  /** Counter mode: the counter's number (as painted above it), not its id. */
  counterNumber: number | null;
  /** Area filter: only these services (ids); null shows all. */
  services: ReadonlySet<string> | null;
  /** Area filter: only these counters (numbers); null shows all. */
  counters: ReadonlySet<number> | null;
  sound: SoundSettings;
}

/** The localStorage key of a mode's sound settings (a wall and a counter screen differ). */
export function soundStorageKey(mode: DisplayConfig['mode']): string {
  return `layso.display.sound.${mode}`;
}

/** A wall calls aloud; a screen above a counter is silent unless told otherwise. */
export function defaultSound(mode: DisplayConfig['mode']): SoundSettings {
  return { voice: mode === 'wall' ? 'pack' : 'off', volume: 1 };
}

function isVoiceMode(x: unknown): x is VoiceMode {
  return typeof x === 'string' && (VOICE_MODES as readonly string[]).includes(x);
}

function parseVolume(x: unknown): number | null {
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : typeof x === 'number' ? x : NaN;
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : null;
}

function parseCounterNumber(x: string | null | undefined): number | null {
  if (x === null || x === undefined || !/^\d{1,4}$/.test(x.trim())) return null;
  const n = Number(x.trim());
  return n >= 1 ? n : null;
}

function parseList(x: string | null): string[] {
  if (x === null) return [];
  return x
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Sound settings stored earlier, if they parse; anything else counts as nothing stored. */
export function parseStoredSound(text: string | null): Partial<SoundSettings> {
  if (text === null) return {};
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null) return {};
    const r = raw as Record<string, unknown>;
    const out: Partial<SoundSettings> = {};
    if (isVoiceMode(r.voice)) out.voice = r.voice;
    const volume = parseVolume(r.volume);
    if (volume !== null) out.volume = volume;
    return out;
  } catch {
    return {};
  }
}

/** Device settings from the Electron shell; a URL parameter wins over them. */
export interface DeviceDefaults {
  counter?: number;
  services?: readonly string[];
  counters?: readonly number[];
  voice?: VoiceMode;
  volume?: number;
}

/**
 * Read a display's configuration. `search` is `location.search`; `storedSound` the text kept
 * under `soundStorageKey(mode)` (read it after calling `displayModeOf`).
 */
export function parseDisplayConfig(
  search: string,
  storedSound: string | null,
  device: DeviceDefaults = {},
): DisplayConfig {
  const q = new URLSearchParams(search);
  const counterNumber = parseCounterNumber(q.get('counter')) ?? device.counter ?? null;
  const mode: DisplayConfig['mode'] = counterNumber === null ? 'wall' : 'counter';
  const serviceList = q.has('services') ? parseList(q.get('services')) : [...(device.services ?? [])];
  const counterList = q.has('counters')
    ? parseList(q.get('counters'))
        .map((s) => parseCounterNumber(s))
        .filter((n): n is number => n !== null)
    : [...(device.counters ?? [])];
  const stored = parseStoredSound(storedSound);
  const urlVoice = q.get('voice');
  const urlVolume = parseVolume(q.get('volume'));
  const sound: SoundSettings = {
    voice: isVoiceMode(urlVoice) ? urlVoice : (device.voice ?? stored.voice ?? defaultSound(mode).voice),
    volume: urlVolume ?? device.volume ?? stored.volume ?? defaultSound(mode).volume,
  };
  return {
    mode,
    counterNumber,
    services: serviceList.length > 0 ? new Set(serviceList) : null,
    counters: mode === 'counter' ? new Set([counterNumber!]) : counterList.length > 0 ? new Set(counterList) : null,
    sound,
  };
}

/** Which mode a query selects, so the caller knows which stored sound settings to read. */
export function displayModeOf(search: string, device: DeviceDefaults = {}): DisplayConfig['mode'] {
  const counter = parseCounterNumber(new URLSearchParams(search).get('counter')) ?? device.counter ?? null;
  return counter === null ? 'wall' : 'counter';
}

/** What to remember: the sound settings in force (URL parameters given once stay). */
export function persistedSound(config: DisplayConfig): string {
  return JSON.stringify({ voice: config.sound.voice, volume: config.sound.volume });
}

/** The key under which a display remembers the calls it announced, one list per area. */
export function announcedStorageKey(config: DisplayConfig): string {
  const services = config.services ? [...config.services].sort().join(',') : '*';
  const counters = config.counters ? [...config.counters].sort((a, b) => a - b).join(',') : '*';
  return `layso.display.announced.${services}.${counters}`;
}
