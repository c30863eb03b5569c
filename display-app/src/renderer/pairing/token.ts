// Which device token the display connects with, and what happens to one the server refuses.
// Two places may hold one: the page's own localStorage (a pairing made on this screen) and the
// Electron shell's display.json (written by whoever installed the PC). The page's own pairing
// is the newer, so it goes first. A refused token is never tried again: the page's own is
// removed, and display.json's (which the page cannot edit) is remembered as refused, so a
// revoked display asks for a new code after a restart too, until display.json gets a new token.

import type { KeyValueStorage } from '../announce/seen.js';

export const DEVICE_TOKEN_KEY = 'layso.display.deviceToken';
export const REFUSED_TOKEN_KEY = 'layso.display.refusedToken';

type TokenStorage = KeyValueStorage & { removeItem(key: string): void };

function get(storage: TokenStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) || null;
  } catch {
    return null;
  }
}

export function chooseDeviceToken(storage: TokenStorage | null, shellToken: string | undefined): string | null {
  const own = get(storage, DEVICE_TOKEN_KEY);
  if (own) return own;
  if (shellToken && get(storage, REFUSED_TOKEN_KEY) !== shellToken) return shellToken;
  return null;
}

/** A pairing on this screen gave a token. */
export function keepPairedToken(storage: TokenStorage | null, token: string): void {
  try {
    storage?.setItem(DEVICE_TOKEN_KEY, token);
  } catch {
    // Not remembered: the display works until the next reload, then asks again.
  }
}

/** The server refused `token` (revoked, or never known there). */
export function forgetRefusedToken(storage: TokenStorage | null, token: string): void {
  try {
    if (get(storage, DEVICE_TOKEN_KEY) === token) storage?.removeItem(DEVICE_TOKEN_KEY);
    else storage?.setItem(REFUSED_TOKEN_KEY, token);
  } catch {
    // Tried again at the next start, refused again, and the pairing screen comes back.
  }
}
