// The display's view of the centre, from the `/display` live client (@layso/live-client:
// snapshot, deltas, resync on a gap, reconnection), and the one announcement queue every call
// goes through. React reads it with useSyncExternalStore.
//
// Outside the demo centre's own machine the handshake carries the device token a pairing gave.
// The server refusing it (an admin revoked this display) drops it at once: the display shows
// the pairing screen, and `paired()` connects again with the new token.

import {
  DisplaySnapshot,
  EMPTY_STATE,
  type CallView,
  type CounterView,
  type Delta,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type LiveState,
} from '@layso/shared';
import { LiveClient } from '@layso/live-client';
import type { DisplayConfig } from '../config.js';
import { AnnouncementQueue, type Announcement, type Timers } from '../announce/queue.js';
import { callInArea, counterInArea, serviceInArea, type AreaFilter } from './area.js';
import { currentCall } from './current-call.js';

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
  /** The `/display` namespace's URL. */
  url: string;
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
  private readonly client: LiveClient<DisplaySnapshot, DisplayServerEvents, DisplayClientEvents>;
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
  private readonly area: AreaFilter;
  /** Call id → when its message arrived (performance.now()), until it is painted. */
  readonly paintPending = new Map<number, number>();
  readonly paintLatenciesMs: number[] = [];

  constructor(private readonly deps: StoreDeps) {
    this.area = { services: deps.config.services, counters: deps.config.counters };
    this.deviceToken = deps.deviceToken;
    this.queue = deps.queue(() => this.changed());
    this.client = new LiveClient({
      url: deps.url,
      snapshot: DisplaySnapshot,
      auth: () => (this.deviceToken ? { deviceToken: this.deviceToken } : {}),
      onRefused: () => this.refused(),
      timers: deps.timers,
      now: deps.wallNow,
    });
    this.view = this.buildView();
    this.client.onSnapshot((s) => this.takeSnapshot(s));
    this.client.onDelta((d) => this.takeDelta(d));
    this.client.subscribe(() => this.takeStatus());
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
    this.client.start();
  }

  /** A pairing gave this display a token (already stored): connect with it now. */
  paired(deviceToken: string): void {
    this.deviceToken = deviceToken;
    this.revoked = false;
    this.clearLost();
    this.connection = 'connecting';
    this.changed();
    this.client.reconnect();
  }

  stop(): void {
    this.client.stop();
    this.queue.dispose();
    this.clearLost();
  }

  private clearLost(): void {
    if (this.lostTimer !== null) this.deps.timers.clearTimeout(this.lostTimer);
    this.lostTimer = null;
  }

  private changed(): void {
    this.view = this.buildView();
    for (const fn of this.listeners) fn();
  }

  /** The client's copy and status, as the display shows them: a blip is not news, so 'lost' after a grace. */
  private takeStatus(): void {
    const status = this.client.status;
    const live = this.client.state ?? this.live;
    let dirty = live !== this.live;
    this.live = live;
    if (status === 'live') {
      this.clearLost();
      if (this.connection !== 'connected') {
        this.connection = 'connected';
        dirty = true;
      }
    } else if (status === 'offline') {
      this.awayForAWhile();
    } else if (status === 'refused' && this.connection !== 'unpaired') {
      this.clearLost();
      this.connection = 'unpaired';
      dirty = true;
    }
    if (dirty) this.changed();
  }

  /** Not paired here, or the token was revoked: the pairing screen, and the token is dropped. */
  private refused(): void {
    const token = this.deviceToken;
    if (token !== null) {
      this.deviceToken = null;
      this.revoked = true;
      this.deps.onTokenRefused?.(token);
      this.changed();
    }
  }

  private awayForAWhile(): void {
    if (this.lostTimer !== null || this.connection === 'lost') return;
    this.lostTimer = this.deps.timers.setTimeout(() => {
      this.lostTimer = null;
      if (!this.client.connected) {
        this.connection = this.connection === 'unpaired' ? 'unpaired' : 'lost';
        this.changed();
      }
    }, LOST_GRACE_MS);
  }

  private takeSnapshot(s: DisplaySnapshot): void {
    this.live = this.client.state ?? EMPTY_STATE;
    this.takeServerTime(s.serverTime);
    const calls = s.recentCalls.filter((c) => callInArea(this.area, c));
    const t0 = this.deps.perfNow();
    for (const c of calls) if (!this.queue.knows(c.callId)) this.paintPending.set(c.callId, t0);
    this.queue.snapshot(calls, s.serverTime);
    this.changed();
  }

  private takeDelta(d: Delta): void {
    const arrived = this.deps.perfNow();
    const calls = (d.calls ?? []).filter((c) => callInArea(this.area, c));
    for (const c of calls) if (!this.paintPending.has(c.callId) && !this.queue.knows(c.callId)) this.paintPending.set(c.callId, arrived);
    this.takeServerTime(d.serverTime);
    // Live calls are announced even when the copy needs a snapshot: they did happen. (The
    // client applies the delta to the copy right after; `takeStatus` then reads it.)
    this.queue.live(calls);
  }

  /** Follow the server's clock, ignoring message jitter below a second (no clock re-render). */
  private takeServerTime(serverTime: number): void {
    const offset = serverTime - this.deps.wallNow();
    if (Math.abs(offset - this.offset) >= 1_000) this.offset = offset;
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
