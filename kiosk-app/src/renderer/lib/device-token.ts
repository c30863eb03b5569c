/**
 * Where the kiosk keeps the device token its pairing gave: localStorage, and in the Electron
 * shell also the shell's config file (which outlives a cleared browser profile). Every step is
 * best effort: a kiosk that cannot store its token still runs, it only asks to pair again later.
 */
import type { KioskBridge } from '../../contract/bridge.js';

/** The localStorage key of the token. */
export const DEVICE_TOKEN_KEY = 'layso.kiosk.deviceToken';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
type TokenShell = Pick<KioskBridge, 'getDeviceToken' | 'setDeviceToken'>;

function read(storage: TokenStorage | null): string | null {
  try {
    return storage?.getItem(DEVICE_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

function write(storage: TokenStorage | null, token: string | null): void {
  try {
    if (token === null) storage?.removeItem(DEVICE_TOKEN_KEY);
    else storage?.setItem(DEVICE_TOKEN_KEY, token);
  } catch {
    // not remembered here; the shell may still keep it
  }
}

/** The token to connect with: the shell's, else the page's own (and the two are made equal). */
export async function loadDeviceToken(storage: TokenStorage | null, shell: TokenShell | undefined): Promise<string | null> {
  const local = read(storage);
  if (!shell) return local;
  let kept: string | null;
  try {
    kept = await shell.getDeviceToken();
  } catch {
    return local;
  }
  if (kept !== null) {
    if (kept !== local) write(storage, kept);
    return kept;
  }
  // Paired in this browser profile before the shell kept tokens: the shell keeps it from now on.
  if (local !== null) void shell.setDeviceToken(local).catch(() => undefined);
  return local;
}

/** Keep a new token, or forget a refused one (null), in every place that holds it. */
export function saveDeviceToken(storage: TokenStorage | null, shell: TokenShell | undefined, token: string | null): Promise<void> {
  write(storage, token);
  if (!shell) return Promise.resolve();
  return shell.setDeviceToken(token).then(
    () => undefined,
    () => undefined,
  );
}
