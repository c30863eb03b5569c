/**
 * Pairing a kiosk or a display: the six-digit code typed on an on-screen pad (a pure reducer),
 * what the server's answer means, and the screen's words. The sixth digit sends the code by
 * itself; one code is with the server at a time, and the pad is locked meanwhile. The request
 * itself is @layso/live-client's (PairingSession).
 */
import { PairResult } from '../protocol/admin.js';

/** The pairing screen's words, the same on a kiosk and a display (Vietnamese first). */
export const PAIRING_WORDS = {
  title: { vi: 'Ghép nối thiết bị', en: 'Pair this device' },
  prompt: { vi: 'Nhập mã ghép nối 6 chữ số do quản trị viên cấp', en: 'Enter the 6-digit pairing code from the administrator' },
  revoked: { vi: 'Thiết bị đã bị thu hồi — nhập mã ghép nối mới', en: 'This device was revoked — enter a new pairing code' },
  wrongCode: { vi: 'Mã không đúng hoặc đã hết hạn', en: 'Wrong or expired code' },
  tooMany: { vi: 'Nhập sai quá nhiều lần — vui lòng đợi 1 phút', en: 'Too many tries — please wait a minute' },
  offline: { vi: 'Không kết nối được máy chủ — bấm Ghép nối để thử lại', en: 'Cannot reach the server — press Pair to try again' },
  sending: { vi: 'Đang ghép nối…', en: 'Pairing…' },
  paired: { vi: 'Đã ghép nối — đang kết nối…', en: 'Paired — connecting…' },
  button: { vi: 'Ghép nối', en: 'Pair' },
  erase: { vi: 'Xoá', en: 'Delete' },
} as const;

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
