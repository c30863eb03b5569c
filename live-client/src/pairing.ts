/**
 * A pairing screen's state, kiosk and display alike: the typed code (shared's reducer), the one
 * request per attempt that trades it for a device token (`POST /api/devices/pair`), and what the
 * screen shows. React reads it with useSyncExternalStore; the app stores the token it gives.
 */
import {
  PAIRING_CODE_LENGTH,
  codeEntryReducer,
  initialCodeEntry,
  pairOutcomeOf,
  type CodeAction,
  type CodeEntry,
  type DeviceKind,
  type PairOutcome,
  type PairingProblem,
} from '@layso/shared';

/** The slice of `fetch` the pairing request uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ json(): Promise<unknown> }>;

/** Trade a code for a token; never rejects (no server is the 'offline' problem). */
export async function pairDevice(fetchFn: FetchLike, origin: string, kind: DeviceKind, code: string): Promise<PairOutcome> {
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

export interface PairingView {
  entry: CodeEntry;
  /** For the screen's data attribute: idle, sending, paired, or the problem. */
  state: 'idle' | 'sending' | 'paired' | PairingProblem;
  /** What the message line says (a key of shared's PAIRING_WORDS), or nothing. */
  message: 'sending' | 'paired' | PairingProblem | null;
  /** The six boxes: the digit typed, and the box's class (filled, next, or empty). */
  boxes: { digit: string; className: string }[];
  /** The pad does nothing while the code is with the server, or once paired. */
  locked: boolean;
  canPair: boolean;
  /** The token the server gave, once it did. */
  token: string | null;
}

function viewOf(entry: CodeEntry, token: string | null): PairingView {
  const boxes = Array.from({ length: PAIRING_CODE_LENGTH }, (_, i) => ({
    digit: entry.digits[i] ?? '',
    className: i < entry.digits.length ? 'box filled' : i === entry.digits.length && !entry.sending ? 'box next' : 'box',
  }));
  return {
    entry,
    state: entry.sending ? 'sending' : entry.paired ? 'paired' : (entry.problem ?? 'idle'),
    message: entry.sending ? 'sending' : entry.paired ? 'paired' : entry.problem,
    boxes,
    locked: entry.sending || entry.paired,
    canPair: entry.digits.length === PAIRING_CODE_LENGTH,
    token,
  };
}

export class PairingSession {
  private current: PairingView = viewOf(initialCodeEntry, null);
  private readonly listeners = new Set<() => void>();

  /** `onPaired`: the server gave a token; the app stores it and connects with it. */
  constructor(
    private readonly fetchFn: FetchLike,
    private readonly origin: string,
    private readonly kind: DeviceKind,
    private readonly onPaired: (deviceToken: string) => void = () => undefined,
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  view = (): PairingView => this.current;

  /** A key of the pad (or a keyboard); the code goes to the server once per attempt. */
  dispatch = (action: CodeAction): void => {
    const before = this.current.entry;
    const entry = codeEntryReducer(before, action);
    if (entry === before) return;
    const token = action.type === 'answer' && action.outcome.kind === 'paired' ? action.outcome.deviceToken : this.current.token;
    this.current = viewOf(entry, token);
    for (const fn of this.listeners) fn();
    if (token !== null && before.paired !== entry.paired) this.onPaired(token);
    if (entry.sending && entry.attempt !== before.attempt) {
      void pairDevice(this.fetchFn, this.origin, this.kind, entry.digits).then((outcome) => this.dispatch({ type: 'answer', outcome }));
    }
  };
}
