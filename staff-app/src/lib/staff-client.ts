/**
 * The staff app's link to the queue server: REST sign-in/out, and the `/staff` live client
 * (@layso/live-client: snapshot, deltas, resync) that also collects manager alerts and runs
 * officer commands through the CommandRunner. React reads it with useSyncExternalStore.
 */
import type { Socket } from 'socket.io-client';
import {
  BoardRatings,
  StaffSnapshot,
  type Ack,
  type Alert,
  type LiveState,
  type LoginResult,
  type StaffClientEvents,
  type StaffCommandName,
  type StaffServerEvents,
  type StaffUser,
} from '@layso/shared';
import { LiveClient, newRequestId } from '@layso/live-client';
import { CommandRunner, type Emit, type RunResult } from './commands.js';
import { type ApiMethod, type ApiResult, type ExportFormat, apiCall, fetchExport, saveBlob } from './api.js';
import type { AnyErrorCode } from '../i18n/errors.js';

/** A signed-in session: the login answer, kept for the tab's life. */
export type Session = LoginResult;

const SESSION_KEY = 'layso.staff.session';

/** The session survives a reload of the tab but not closing it (sessionStorage). */
export function loadSession(storage: Pick<Storage, 'getItem'> = sessionStorage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    return typeof s.token === 'string' && s.user && typeof s.user.id === 'string' ? (s as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void {
  if (s) storage.setItem(SESSION_KEY, JSON.stringify(s));
  else storage.removeItem(SESSION_KEY);
}

export type SignInResult = { ok: true; data: Session } | { ok: false; code: AnyErrorCode };

/** POST /api/auth/login. Network trouble (or a page that is not JSON) is the client code NETWORK. */
export async function signIn(username: string, password: string): Promise<SignInResult> {
  try {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const ack = (await res.json()) as Ack<Session>;
    return ack.ok ? ack : { ok: false, code: ack.error.code };
  } catch {
    return { ok: false, code: 'NETWORK' };
  }
}

/** POST /api/auth/logout; the session ends here whatever the server says. */
export async function signOut(token: string): Promise<void> {
  try {
    await fetch('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch {
    // Offline: the token expires on its own.
  }
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** What the UI renders; a new object after every change. */
export interface StaffView {
  status: ConnectionStatus;
  state: LiveState | null;
  me: StaffUser | null;
  /** Server time minus local time. */
  clockOffset: number;
  /** Manager alerts received since the page opened, newest first. */
  alerts: Alert[];
  /** Today's ratings as last pushed (`ratings:today`); null until a rating comes while open. */
  ratingsToday: BoardRatings | null;
  pending: ReadonlySet<string>;
}

type PayloadOf<E extends StaffCommandName> = Parameters<StaffClientEvents[E]>[0];
type ResultOf<E extends StaffCommandName> =
  Parameters<Parameters<StaffClientEvents[E]>[1]>[0] extends Ack<infer R> ? R : never;
/** A command's payload as the UI gives it: the request id is the runner's business. */
export type CommandPayload<E extends StaffCommandName> = Omit<PayloadOf<E>, 'requestId'>;

const MAX_ALERTS = 50;

export class StaffConnection {
  readonly runner: CommandRunner;
  private readonly live: LiveClient<StaffSnapshot, StaffServerEvents, StaffClientEvents>;
  private readonly listeners = new Set<() => void>();
  private alerts: Alert[] = [];
  private ratingsToday: BoardRatings | null = null;
  private view: StaffView;

  constructor(
    /** The session's bearer token, also for the REST calls of administration and reports. */
    readonly token: string,
    private readonly onUnauthenticated: () => void,
  ) {
    this.live = new LiveClient({
      url: '/staff',
      snapshot: StaffSnapshot,
      auth: () => ({ token }),
      transports: ['websocket', 'polling'],
      // A refused session is over: back to sign-in, no retries.
      retryRefused: false,
      onRefused: () => this.onUnauthenticated(),
    });
    // The one untyped step: the runner sends any staff command by name.
    const untyped = this.live.socket as unknown as Socket;
    const emit: Emit = (event, payload, timeoutMs) =>
      untyped.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<unknown>>;
    this.runner = new CommandRunner(emit, () => newRequestId());
    this.runner.subscribe(() => this.changed());
    this.view = this.makeView();
    this.live.subscribe(() => this.changed());
    this.live.socket.on('alert', (a) => {
      this.alerts = [a, ...this.alerts].slice(0, MAX_ALERTS);
      this.changed();
    });
    this.live.socket.on('ratings:today', (raw) => {
      const parsed = BoardRatings.safeParse(raw);
      if (!parsed.success) return;
      this.ratingsToday = parsed.data;
      this.changed();
    });
    this.live.start();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  getView = (): StaffView => this.view;

  /** Run an officer command as the action `key` (see CommandRunner). */
  command<E extends StaffCommandName>(key: string, event: E, payload: CommandPayload<E>): Promise<RunResult<ResultOf<E>>> {
    return this.runner.run<ResultOf<E>>(key, event, payload as Record<string, unknown>);
  }

  /** A REST call with the session's token; an ended session goes back to sign-in. */
  async api<T>(method: ApiMethod, path: string, body?: unknown): Promise<ApiResult<T>> {
    const r = await apiCall<T>((input, init) => fetch(input, init), this.token, method, path, body);
    if (!r.ok && r.code === 'UNAUTHENTICATED') this.onUnauthenticated();
    return r;
  }

  /** Download a report export (CSV or XLSX) with the session's token. */
  async download(format: ExportFormat, q: { from: string; to: string; lang: 'vi' | 'en' }): Promise<ApiResult<{ filename: string }>> {
    const r = await fetchExport((input, init) => fetch(input, init), this.token, format, q);
    if (!r.ok) {
      if (r.code === 'UNAUTHENTICATED') this.onUnauthenticated();
      return r;
    }
    saveBlob(r.data.blob, r.data.filename);
    return { ok: true, data: { filename: r.data.filename } };
  }

  close(): void {
    this.live.socket.removeAllListeners();
    this.live.stop();
    this.listeners.clear();
  }

  private makeView(): StaffView {
    const status = this.live.status;
    return {
      status: status === 'live' ? 'online' : status === 'connecting' ? 'connecting' : 'offline',
      state: this.live.state,
      me: this.live.snapshot?.me ?? null,
      clockOffset: this.live.clockOffset,
      alerts: this.alerts,
      ratingsToday: this.ratingsToday,
      pending: this.runner.pendingKeys(),
    };
  }

  private changed(): void {
    this.view = this.makeView();
    for (const fn of this.listeners) fn();
  }
}
