// The display's copy of the centre, kept from the server's snapshot and deltas, and the one
// announcement queue every call goes through. React reads it with useSyncExternalStore.
//
// Never out of sync: every (re)connect brings a full snapshot that replaces the copy; a gap in
// the delta sequence asks for one; socket.io-client reconnects forever with a backoff capped at
// 5 s, and this store also restarts it in the cases socket.io leaves to the application (the
// server closed the socket on shutdown, or refused the handshake).
//
// Outside the demo centre's own machine the handshake carries the device token a pairing gave.
// The server refusing it (an admin revoked this display) drops it at once: the display shows
// the pairing screen, and `paired()` connects again with the new token.

import {
  applyDelta,
  Delta,
  DisplaySnapshot,
  EMPTY_STATE,
  fromSnapshot,
  type CallView,
  type CounterView,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type LiveState,
} from '@layso/shared';
import type { Socket } from 'socket.io-client';
import type { DisplayConfig } from '../config.js';
import { AnnouncementQueue, type Announcement, type Timers } from '../announce/queue.js';
import { callInArea, counterInArea, serviceInArea, type AreaFilter } from './area.js';
import { currentCall } from './current-call.js';

export type DisplaySocket = Socket<DisplayServerEvents, DisplayClientEvents>;

/** connecting: never connected yet; lost: the server is away (shown after a short grace). */
export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'unpaired';
export type AudioState = 'off' | 'locked' | 'on';

/** What the big panel shows: the call being announced, else the latest call. */
export interface ShownCall {
  callId: number;
  displayNumber: string;
  counterNumber: number;
  counterName: string;
  serviceId: string;
  recall: boolean;
}

export interface DisplayView {
  version: number;
  live: LiveState;
  /** `unpaired`: the server refused this display (UNAUTHENTICATED): the pairing screen. */
  connection: ConnectionState;
  /** The server refused the token this display had (revoked); until it pairs again. */
  revoked: boolean;
  audio: AudioState;
  /** Server clock minus this machine's clock, for the wall clock. */
  serverOffsetMs: number;
  hero: ShownCall | null;
  /** The hero is being announced now: highlight it. */
  heroActive: boolean;
  /** The area's calls, newest first, one per ticket and counter, without the hero. */
  recentCalls: CallView[];
  /** The area's open and paused counters, by number. */
  counters: CounterView[];
  /** The area's services that are enabled, with their waiting counts in `live.stats`. */
  services: LiveState['services'];
}

export interface StoreDeps {
  socket: DisplaySocket;
  config: DisplayConfig;
  queue: (onChange: () => void) => AnnouncementQueue;
  timers: Timers;
  /** performance.now(), for the paint latency. */
  perfNow: () => number;
  wallNow: () => number;
  /** The token to connect with (null: none; the demo centre lets its own machine in without). */
  deviceToken: string | null;
  /** The server refused this token: forget it wherever it is kept. */
  onTokenRefused?: (token: string) => void;
}

/** How long the server may be away before the display says so (a blip is not news). */
const LOST_GRACE_MS = 1_500;
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000];
const RECENT_SHOWN = 12;

function shownOf(x: Announcement | CallView): ShownCall {
  return {
    callId: x.callId,
    displayNumber: x.displayNumber,
    counterNumber: x.counterNumber,
    counterName: x.counterName,
    serviceId: x.serviceId,
    recall: x.recall,
  };
}

export class DisplayStore {
  readonly queue: AnnouncementQueue;
  private live: LiveState = EMPTY_STATE;
  private connection: ConnectionState = 'connecting';
  private deviceToken: string | null;
  private revoked = false;
  private audio: AudioState = 'off';
  private offset = 0;
  private view: DisplayView;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private lostTimer: unknown = null;
  private restartTimer: unknown = null;
  private restarts = 0;
  private resyncing = false;
  private resyncAgain = false;
  private readonly area: AreaFilter;
  /** Call id → when its message arrived (performance.now()), until it is painted. */
  readonly paintPending = new Map<number, number>();
  readonly paintLatenciesMs: number[] = [];

  constructor(private readonly deps: StoreDeps) {
    this.area = { services: deps.config.services, counters: deps.config.counters };
    this.deviceToken = deps.deviceToken;
    this.setAuth();
    this.queue = deps.queue(() => this.changed());
    this.view = this.buildView();
    this.wire();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getView = (): DisplayView => this.view;

  get connectionState(): ConnectionState {
    return this.connection;
  }

  setAudio(state: AudioState): void {
    if (state === this.audio) return;
    this.audio = state;
    this.changed();
  }

  start(): void {
    this.deps.socket.connect();
  }

  /** A pairing gave this display a token (already stored): connect with it now. */
  paired(deviceToken: string): void {
    const { socket } = this.deps;
    this.deviceToken = deviceToken;
    this.setAuth();
    this.revoked = false;
    this.restarts = 0;
    this.clearTimer('restartTimer');
    this.clearTimer('lostTimer');
    this.connection = 'connecting';
    this.changed();
    socket.disconnect();
    socket.connect();
  }

  stop(): void {
    this.deps.socket.disconnect();
    this.queue.dispose();
    this.clearTimer('lostTimer');
    this.clearTimer('restartTimer');
  }

  private setAuth(): void {
    this.deps.socket.auth = this.deviceToken ? { deviceToken: this.deviceToken } : {};
  }

  private clearTimer(which: 'lostTimer' | 'restartTimer'): void {
    if (this[which] !== null) this.deps.timers.clearTimeout(this[which]);
    this[which] = null;
  }

  private changed(): void {
    this.view = this.buildView();
    for (const fn of this.listeners) fn();
  }

  private setConnection(c: ConnectionState): void {
    if (c === this.connection) return;
    this.connection = c;
    this.changed();
  }

  private wire(): void {
    const { socket } = this.deps;
    socket.on('connect', () => {
      this.restarts = 0;
      this.clearTimer('lostTimer');
      this.clearTimer('restartTimer');
      // 'connected' once the snapshot is in: until then the copy may be stale.
    });
    socket.on('snapshot', (s) => this.takeSnapshot(s));
    socket.on('delta', (d) => this.takeDelta(d));
    socket.on('disconnect', () => {
      this.awayForAWhile();
      this.restartIfGivenUp();
    });
    socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: unknown } }).data?.code;
      if (code === 'UNAUTHENTICATED' || err.message === 'UNAUTHENTICATED') this.refused();
      else this.awayForAWhile();
      this.restartIfGivenUp();
    });
  }

  /** Not paired here, or the token was revoked: the pairing screen, and the token is dropped. */
  private refused(): void {
    const token = this.deviceToken;
    if (token !== null) {
      this.deviceToken = null;
      this.setAuth();
      this.revoked = true;
      this.deps.onTokenRefused?.(token);
    }
    this.clearTimer('lostTimer');
    this.connection = 'unpaired';
    this.changed();
  }

  private awayForAWhile(): void {
    if (this.lostTimer !== null || this.connection === 'lost') return;
    this.lostTimer = this.deps.timers.setTimeout(() => {
      this.lostTimer = null;
      if (!this.deps.socket.connected) this.setConnection(this.connection === 'unpaired' ? 'unpaired' : 'lost');
    }, LOST_GRACE_MS);
  }

  /**
   * socket.io-client reconnects by itself after a network cut, but not after the server closed
   * the socket (a restart) or refused the handshake: then the display starts it again.
   */
  private restartIfGivenUp(): void {
    const { socket, timers } = this.deps;
    if (socket.active || this.restartTimer !== null) return;
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)]!;
    this.restarts++;
    this.restartTimer = timers.setTimeout(() => {
      this.restartTimer = null;
      if (!socket.connected) socket.connect();
    }, delay);
  }

  private takeSnapshot(raw: unknown): void {
    const parsed = DisplaySnapshot.safeParse(raw);
    if (!parsed.success) {
      console.error('layso: a snapshot that does not parse', parsed.error);
      return;
    }
    const s = parsed.data;
    this.live = fromSnapshot(s);
    this.takeServerTime(s.serverTime);
    this.clearTimer('lostTimer');
    this.connection = 'connected';
    const calls = s.recentCalls.filter((c) => callInArea(this.area, c));
    const t0 = this.deps.perfNow();
    for (const c of calls) if (!this.queue.knows(c.callId)) this.paintPending.set(c.callId, t0);
    this.queue.snapshot(calls, s.serverTime);
    this.changed();
  }

  private takeDelta(raw: unknown): void {
    const arrived = this.deps.perfNow();
    const parsed = Delta.safeParse(raw);
    if (!parsed.success) {
      console.error('layso: a delta that does not parse', parsed.error);
      void this.resync();
      return;
    }
    const d = parsed.data;
    const calls = (d.calls ?? []).filter((c) => callInArea(this.area, c));
    for (const c of calls) if (!this.paintPending.has(c.callId) && !this.queue.knows(c.callId)) this.paintPending.set(c.callId, arrived);
    const next = applyDelta(this.live, d);
    if (next === 'resync') void this.resync();
    else {
      this.live = next;
      this.takeServerTime(d.serverTime);
    }
    // Live calls are announced even when the copy needs a snapshot: they did happen.
    this.queue.live(calls);
    this.changed();
  }

  /** Follow the server's clock, ignoring message jitter below a second (no clock re-render). */
  private takeServerTime(serverTime: number): void {
    const offset = serverTime - this.deps.wallNow();
    if (Math.abs(offset - this.offset) >= 1_000) this.offset = offset;
  }

  private async resync(): Promise<void> {
    if (this.resyncing) {
      this.resyncAgain = true;
      return;
    }
    this.resyncing = true;
    try {
      do {
        this.resyncAgain = false;
        const ack = (await this.deps.socket.timeout(5_000).emitWithAck('sync:snapshot', {})) as unknown;
        if (typeof ack === 'object' && ack !== null && (ack as { ok?: unknown }).ok === true) {
          this.takeSnapshot((ack as { data: unknown }).data);
        }
      } while (this.resyncAgain);
    } catch {
      // Disconnected meanwhile: the next connection brings a snapshot anyway.
    } finally {
      this.resyncing = false;
    }
  }

  /** After React painted: the latency of every pending call now on screen. */
  notePainted(isOnScreen: (callId: number) => boolean, now: number): void {
    for (const [callId, t0] of this.paintPending) {
      if (isOnScreen(callId)) {
        this.paintLatenciesMs.push(Math.round((now - t0) * 10) / 10);
        this.paintPending.delete(callId);
      } else if (now - t0 > 30_000) {
        this.paintPending.delete(callId);
      }
    }
    if (this.paintLatenciesMs.length > 1000) this.paintLatenciesMs.splice(0, this.paintLatenciesMs.length - 1000);
  }

  private buildView(): DisplayView {
    const live = this.live;
    const current = this.queue.current;
    const areaCalls = live.recentCalls.filter((c) => callInArea(this.area, c));
    // Between announcements the big panel shows the newest call that is still a call (issue 11).
    const still = currentCall(areaCalls, live.counters);
    const hero: ShownCall | null = current ? shownOf(current) : still ? shownOf(still) : null;
    const key = (c: { displayNumber: string; counterNumber: number }): string => `${c.displayNumber}|${c.counterNumber}`;
    const seenKeys = new Set<string>(hero ? [key(hero)] : []);
    const recentCalls: CallView[] = [];
    for (const c of areaCalls) {
      if (seenKeys.has(key(c))) continue;
      seenKeys.add(key(c));
      recentCalls.push(c);
      if (recentCalls.length >= RECENT_SHOWN) break;
    }
    const counters = live.counters
      .filter((c) => c.state !== 'closed' && counterInArea(this.area, c))
      .sort((a, b) => a.number - b.number);
    const services = live.services.filter((s) => s.enabled && serviceInArea(this.area, s, live.counters));
    return {
      version: ++this.version,
      live,
      connection: this.connection,
      revoked: this.revoked,
      audio: this.audio,
      serverOffsetMs: this.offset,
      hero,
      heroActive: current !== null,
      recentCalls,
      counters,
      services,
    };
  }
}
