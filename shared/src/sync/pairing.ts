/**
 * Pairing a kiosk or a display: the six-digit code typed on an on-screen pad (a pure reducer),
 * and the trade of that code for a device token (`POST /api/devices/pair`). The sixth digit sends
 * the code by itself; one code is with the server at a time, and the pad is locked meanwhile.
 */
import { PairResult, type DeviceKind } from '../protocol/admin.js';

/** The slice of `fetch` the pairing request uses (shared takes no DOM or Node types). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ json(): Promise<unknown> }>;

/** Digits in a pairing code. */
export const PAIRING_CODE_LENGTH = 6;

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
    // No server: keep the digits, so the same code can be sent again with one tap or key.
    const digits = a.outcome.problem === 'offline' ? s.digits : '';
    return { ...s, sending: false, digits, problem: a.outcome.problem };
  }
  if (s.sending || s.paired) return s;
  switch (a.type) {
    case 'digit': {
      if (!/^\d$/.test(a.digit) || s.digits.length >= PAIRING_CODE_LENGTH) return s;
      const digits = s.digits + a.digit;
      // The message of the last try stays until a new code is being typed.
      const next = { ...s, digits, problem: null };
      return digits.length === PAIRING_CODE_LENGTH ? send(next) : next;
    }
    case 'erase':
      return s.digits === '' ? s : { ...s, digits: s.digits.slice(0, -1) };
    case 'clear':
      return s.digits === '' ? s : { ...s, digits: '' };
    case 'submit':
      return s.digits.length === PAIRING_CODE_LENGTH ? send(s) : s;
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
export async function pairDevice(
  fetchFn: FetchLike,
  origin: string,
  kind: DeviceKind,
  code: string,
): Promise<PairOutcome> {
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
