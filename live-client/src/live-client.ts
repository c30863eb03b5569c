/**
 * The one live-state client of every app (kiosk, display, staff): a Socket.IO connection to one
 * namespace that keeps the centre's live state. Every (re)connection brings a snapshot that
 * replaces the copy; deltas carry a sequence number; a gap, or anything that does not parse,
 * asks for a fresh snapshot (once, keeping and replaying the deltas that arrive meanwhile).
 * Whatever arrives is checked with the protocol's zod schemas before it is believed.
 *
 * socket.io-client reconnects by itself after a network cut, but not after the server closed the
 * socket (a restart, a revoked device) or refused the handshake: then this client starts it
 * again, with a back-off. A refused handshake (`UNAUTHENTICATED`) is reported to the app, which
 * drops its token and shows the pairing screen (kiosk, display) or sign-in (staff).
 *
 * Browser-safe: socket.io-client and the platform's timers, nothing from Node.
 */
import { io, type Socket } from 'socket.io-client';
import type { ZodType } from 'zod';
import { Delta, type AnySnapshot, type LiveState } from '@layso/shared';
import { LiveSync } from './live-sync.js';

/**
 * connecting: started, no snapshot yet on this connection; live: connected, the copy is the
 * server's; offline: the server is away (the copy is the last one known); refused: the server
 * refused this device or session.
 */
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'refused';

export interface LiveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveClientOptions<S extends AnySnapshot> {
  /** The namespace's URL: `${origin}/kiosk`, or `/staff` for the page's own origin. */
  url: string;
  /** The role's snapshot schema (KioskSnapshot, DisplaySnapshot, StaffSnapshot). */
  snapshot: ZodType<S>;
  /** The handshake's auth, asked again at every (re)connection (a new token after pairing). */
  auth?: () => Record<string, unknown>;
  /** The server refused the handshake (`UNAUTHENTICATED`). */
  onRefused?: () => void;
  /** Keep trying after a refusal (a device waiting to be paired); false: stop (an ended session). */
  retryRefused?: boolean;
  transports?: ('websocket' | 'polling')[];
  timers?: LiveTimers;
  now?: () => number;
  /** How long a snapshot request may take before the next delta asks again. */
  resyncTimeoutMs?: number;
}

/** What every role may ask: a fresh snapshot (the answer is checked like any snapshot). */
interface SyncClientEvents {
  'sync:snapshot': (payload: Record<string, never>, ack: (answer: unknown) => void) => void;
}

/** What the server sends every role, before it is checked. */
interface LiveServerEvents {
  snapshot: (s: unknown) => void;
  delta: (d: unknown) => void;
}

/** After the server closed or refused the socket, the next tries wait this long (then the last, forever). */
export const RESTART_DELAYS_MS = [250, 1_000, 2_000, 5_000] as const;
/** After a refusal: whoever pairs this device or turns the demo back on is not in a hurry. */
export const REFUSED_RETRY_MS = 5_000;

const browserTimers: LiveTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

export class LiveClient<S extends AnySnapshot, SE extends object = LiveServerEvents, CE extends object = SyncClientEvents> {
  /** The socket, typed with the namespace's own events, for the app's commands. */
  readonly socket: Socket<SE & LiveServerEvents, CE & SyncClientEvents>;
  private readonly sync = new LiveSync<S>();
  private readonly listeners = new Set<() => void>();
  private readonly snapshotListeners = new Set<(s: S) => void>();
  private readonly deltaListeners = new Set<(d: Delta) => void>();
  private readonly timers: LiveTimers;
  private readonly now: () => number;
  private current: LiveStatus = 'connecting';
  private restartTimer: unknown = null;
  private restarts = 0;
  private resyncing = false;
  private stopped = false;

  constructor(private readonly o: LiveClientOptions<S>) {
    this.timers = o.timers ?? browserTimers;
    this.now = o.now ?? (() => Date.now());
    this.socket = io(o.url, {
      autoConnect: false,
      transports: o.transports ?? ['websocket'],
      // Reconnect forever, quickly at first, at most every 5 s.
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.3,
      timeout: 5_000,
      auth: (cb) => cb(o.auth?.() ?? {}),
    });
    this.wire();
  }

  /** The live state (null until the first snapshot). */
  get state(): LiveState | null {
    return this.sync.state;
  }

  /** The last snapshot, for what the role's snapshot carries besides the live state. */
  get snapshot(): S | null {
    return this.sync.snapshot;
  }

  get status(): LiveStatus {
    return this.current;
  }

  /** Server time minus this machine's, ms. */
  get clockOffset(): number {
    return this.sync.clockOffset;
  }

  /** Whether commands can be sent now. */
  get connected(): boolean {
    return this.socket.connected;
  }

  /** Any change: status, state, clock. */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  /** Every snapshot taken (on connection and after a gap), after the state took it. */
  onSnapshot(fn: (s: S) => void): () => void {
    this.snapshotListeners.add(fn);
    return () => {
      this.snapshotListeners.delete(fn);
    };
  }

  /** Every delta that parses, as it arrives (before a resync it may ask for). */
  onDelta(fn: (d: Delta) => void): () => void {
    this.deltaListeners.add(fn);
    return () => {
      this.deltaListeners.delete(fn);
    };
  }

  start(): void {
    this.stopped = false;
    this.socket.connect();
  }

  /** Connect again now, with the handshake's auth asked anew (after a pairing gave a token). */
  reconnect(): void {
    this.stopped = false;
    this.restarts = 0;
    this.clearRestart();
    this.setStatus('connecting');
    this.socket.disconnect();
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRestart();
    this.socket.disconnect();
  }

  /** An untyped view for the few generic emits (the staff command runner, resync). */
  private get raw(): Socket<LiveServerEvents, SyncClientEvents> {
    return this.socket as unknown as Socket<LiveServerEvents, SyncClientEvents>;
  }

  private wire(): void {
    const socket = this.raw;
    socket.on('connect', () => {
      this.restarts = 0;
      this.clearRestart();
      // 'live' once the snapshot is in: until then the copy may be stale.
    });
    socket.on('snapshot', (raw) => this.takeSnapshot(raw));
    socket.on('delta', (raw) => this.takeDelta(raw));
    socket.on('disconnect', (reason) => {
      this.setStatus(this.current === 'refused' ? 'refused' : 'offline');
      // The server closed the socket (a restart, a revoked device): socket.io leaves it to us.
      if (reason === 'io server disconnect') this.restartLater(false);
    });
    socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: unknown } }).data?.code;
      if (code === 'UNAUTHENTICATED' || err.message === 'UNAUTHENTICATED') {
        // The app drops its token first, so whoever reads the new status sees it gone.
        this.o.onRefused?.();
        this.setStatus('refused');
        if (this.o.retryRefused === false) {
          this.stop();
          return;
        }
        this.restartLater(true);
        return;
      }
      this.setStatus('offline');
      // A failed handshake that socket.io gave up on: start it again ourselves.
      this.restartLater(false);
    });
  }

  private takeSnapshot(raw: unknown): boolean {
    const parsed = this.o.snapshot.safeParse(raw);
    if (!parsed.success) {
      console.warn('layso: a snapshot that does not parse', parsed.error);
      return false;
    }
    const gapAgain = this.sync.takeSnapshot(parsed.data, this.now());
    if (this.socket.connected) this.current = 'live';
    for (const fn of this.snapshotListeners) fn(parsed.data);
    this.changed();
    if (gapAgain) void this.resync();
    return true;
  }

  private takeDelta(raw: unknown): void {
    const parsed = Delta.safeParse(raw);
    if (!parsed.success) {
      console.warn('layso: a delta that does not parse', parsed.error);
      void this.resync();
      return;
    }
    for (const fn of this.deltaListeners) fn(parsed.data);
    const outcome = this.sync.takeDelta(parsed.data, this.now());
    if (outcome === 'resync') void this.resync();
    this.changed();
  }

  /** Ask for a snapshot; one request at a time, and again if another gap showed meanwhile. */
  private async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      const ack = (await this.raw.timeout(this.o.resyncTimeoutMs ?? 8_000).emitWithAck('sync:snapshot', {})) as unknown;
      const ok = typeof ack === 'object' && ack !== null && (ack as { ok?: unknown }).ok === true;
      if (!ok || !this.takeSnapshot((ack as { data?: unknown }).data)) this.sync.resyncFailed();
    } catch {
      // Disconnected meanwhile, or no answer: the next delta asks again, and the next connection
      // brings a snapshot anyway.
      this.sync.resyncFailed();
    } finally {
      this.resyncing = false;
    }
  }

  private restartLater(refused: boolean): void {
    if (this.stopped || this.socket.active || this.restartTimer !== null) return;
    const delay = refused ? REFUSED_RETRY_MS : RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)]!;
    this.restarts++;
    this.restartTimer = this.timers.setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopped && !this.socket.connected && !this.socket.active) this.socket.connect();
    }, delay);
  }

  private clearRestart(): void {
    if (this.restartTimer !== null) this.timers.clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private setStatus(s: LiveStatus): void {
    if (s === this.current) return;
    this.current = s;
    this.changed();
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
