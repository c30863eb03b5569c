// Pairing a display: the six-digit code typed on the on-screen pad, a keyboard or a TV remote (a
// pure reducer and pure key maps), and the trade of that code for a device token
// (`POST /api/devices/pair`). The sixth digit sends the code by itself; one code is with the
// server at a time, and the pad is locked meanwhile. (The kiosk has the same reducer in
// kiosk-app/src/renderer/lib/pairing.ts; apps share code only through shared/.)

import { PairResult, type DeviceKind } from '@layso/shared';

export const CODE_LENGTH = 6;

/** Why a code did not pair: wrong/used/expired, too many tries from here, or no server. */
export type PairingProblem = 'wrongCode' | 'tooMany' | 'offline';

export type PairOutcome =
  | { kind: 'paired'; deviceToken: string; name: string }
  | { kind: 'problem'; problem: PairingProblem };

export interface CodeEntry {
  digits: string;
  /** The code is with the server: the pad does nothing until it answers. */
  sending: boolean;
  /** Counts sends, so the caller sends each once (an effect keyed on it). */
  attempt: number;
  problem: PairingProblem | null;
  /** The server gave a token; the caller stores it and reconnects. */
  paired: boolean;
}

export type CodeAction =
  | { type: 'digit'; digit: string }
  | { type: 'erase' }
  | { type: 'clear' }
  | { type: 'submit' }
  | { type: 'answer'; outcome: PairOutcome };

export const initialCodeEntry: CodeEntry = { digits: '', sending: false, attempt: 0, problem: null, paired: false };

export function codeEntryReducer(s: CodeEntry, a: CodeAction): CodeEntry {
  if (a.type === 'answer') {
    if (!s.sending) return s;
    if (a.outcome.kind === 'paired') return { ...s, sending: false, problem: null, paired: true };
    // No server: keep the digits, so the same code can be sent again with one key.
    const digits = a.outcome.problem === 'offline' ? s.digits : '';
    return { ...s, sending: false, digits, problem: a.outcome.problem };
  }
  if (s.sending || s.paired) return s;
  switch (a.type) {
    case 'digit': {
      if (!/^\d$/.test(a.digit) || s.digits.length >= CODE_LENGTH) return s;
      const digits = s.digits + a.digit;
      // The message of the last try stays until a new code is being typed.
      const next = { ...s, digits, problem: null };
      return digits.length === CODE_LENGTH ? send(next) : next;
    }
    case 'erase':
      return s.digits === '' ? s : { ...s, digits: s.digits.slice(0, -1) };
    case 'clear':
      return s.digits === '' ? s : { ...s, digits: '' };
    case 'submit':
      return s.digits.length === CODE_LENGTH ? send(s) : s;
  }
}

function send(s: CodeEntry): CodeEntry {
  return { ...s, sending: true, attempt: s.attempt + 1, problem: null };
}

/** What the server's answer to `POST /api/devices/pair` means for the pairing screen. */
export function pairOutcomeOf(body: unknown): PairOutcome {
  if (typeof body === 'object' && body !== null) {
    const b = body as { ok?: unknown; data?: unknown; error?: { code?: unknown } };
    if (b.ok === true) {
      const r = PairResult.safeParse(b.data);
      if (r.success) return { kind: 'paired', deviceToken: r.data.deviceToken, name: r.data.name };
    }
    const code = b.error?.code;
    if (code === 'RATE_LIMITED') return { kind: 'problem', problem: 'tooMany' };
    if (code === 'PAIRING_CODE_INVALID' || code === 'VALIDATION') return { kind: 'problem', problem: 'wrongCode' };
  }
  return { kind: 'problem', problem: 'offline' };
}

/** Trade a code for a token; never rejects (no server is the 'offline' problem). */
export async function pairDevice(fetchFn: typeof fetch, origin: string, kind: DeviceKind, code: string): Promise<PairOutcome> {
  try {
    const res = await fetchFn(`${origin}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, kind }),
    });
    return pairOutcomeOf(await res.json());
  } catch {
    return { kind: 'problem', problem: 'offline' };
  }
}

/**
 * A key from a keyboard or a TV remote (remotes send digits and Backspace as keys too). Enter
 * on a focused pad key is that key's click, so the caller asks only when no pad key has focus.
 */
export function keyAction(key: string): CodeAction | null {
  if (/^\d$/.test(key)) return { type: 'digit', digit: key };
  switch (key) {
    case 'Backspace':
    case 'Delete':
      return { type: 'erase' };
    case 'Escape':
    case 'Clear':
      return { type: 'clear' };
    case 'Enter':
      return { type: 'submit' };
    default:
      return null;
  }
}

/** The pad, row by row: three columns, four rows. */
export const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'erase', '0', 'pair'] as const;
export type PadKey = (typeof PAD_KEYS)[number];
const COLUMNS = 3;
const ROWS = PAD_KEYS.length / COLUMNS;
/** Where a remote's first arrow press lands: the middle of the pad. */
const START = PAD_KEYS.indexOf('5');

/** The pad key a remote's arrow moves focus to (index into PAD_KEYS), or null for another key. */
export function padFocusAfter(current: number | null, key: string): number | null {
  const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const d = step[key];
  if (!d) return null;
  if (current === null || current < 0 || current >= PAD_KEYS.length) return START;
  const row = Math.min(ROWS - 1, Math.max(0, Math.floor(current / COLUMNS) + d[0]));
  const col = Math.min(COLUMNS - 1, Math.max(0, (current % COLUMNS) + d[1]));
  return row * COLUMNS + col;
}
