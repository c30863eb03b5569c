/**
 * The kiosk settings PIN in a plain browser: kept in localStorage as a salted SHA-256 hash, never
 * as the digits. The default PIN is 1234 until an admin changes it. (The Electron shell keeps its
 * own, in its config file, and checks it in main.)
 */
import { sha256HexOfText } from './sha256.js';

export const DEFAULT_PIN = '1234';
export const PIN_PATTERN = /^\d{4,8}$/;
const KEY = 'layso.kiosk.pin';

export interface StoredPin {
  salt: string;
  hash: string;
}

/** The minimal storage the PIN needs (localStorage, or a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function hashPin(pin: string, salt: string): string {
  return sha256HexOfText(`layso-kiosk-pin:${salt}:${pin}`);
}

function stored(store: KeyValueStore): StoredPin | null {
  try {
    const v = JSON.parse(store.getItem(KEY) ?? 'null') as unknown;
    if (v && typeof v === 'object' && typeof (v as StoredPin).salt === 'string' && typeof (v as StoredPin).hash === 'string') {
      return v as StoredPin;
    }
  } catch {
    // a damaged entry counts as none: the default PIN applies
  }
  return null;
}

export function verifyPin(store: KeyValueStore, pin: string): boolean {
  const s = stored(store);
  if (!s) return pin === DEFAULT_PIN;
  return hashPin(pin, s.salt) === s.hash;
}

export function setPin(store: KeyValueStore, pin: string, salt: string): void {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN is 4 to 8 digits');
  store.setItem(KEY, JSON.stringify({ salt, hash: hashPin(pin, salt) } satisfies StoredPin));
}
