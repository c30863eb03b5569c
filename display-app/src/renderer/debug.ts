// A read-only window onto what the display did, for the end-to-end tests and the bench
// (`window.__laysoDisplay`): which calls it announced and in what order, what it played, and
// how long a call took from the socket message to the screen. Every read returns a copy.

import type { AnnouncementRecord } from './announce/queue.js';
import type { DisplayStore } from './live/store.js';

export interface PlayedRecord {
  callId: number;
  /** Clips played (paths under voice/), or a note ("chime only", "speech:<voice>"). */
  what: string[];
}

export interface DisplayDebugHook {
  readonly mode: 'wall' | 'counter';
  readonly connection: string;
  readonly audio: string;
  /** Calls whose turn started, in the order they were announced. */
  readonly announced: AnnouncementRecord[];
  /** Call ids waiting for their turn, the one being announced first. */
  readonly queue: number[];
  readonly played: PlayedRecord[];
  /** The calls listed on screen (the big one first). */
  readonly shownCallIds: number[];
  /** Socket message → number painted (requestAnimationFrame after render), per call, in ms. */
  readonly paintLatenciesMs: number[];
  readonly seq: number;
}

declare global {
  interface Window {
    __laysoDisplay?: DisplayDebugHook;
  }
}

export function installDebugHook(target: Window, store: DisplayStore, mode: 'wall' | 'counter', played: readonly PlayedRecord[]): void {
  const hook: DisplayDebugHook = {
    mode,
    get connection() {
      return store.getView().connection;
    },
    get audio() {
      return store.getView().audio;
    },
    get announced() {
      return store.queue.history.filter((r) => r.startedAt !== null).map((r) => ({ ...r }));
    },
    get queue() {
      const current = store.queue.current;
      return [...(current ? [current.callId] : []), ...store.queue.pending.map((a) => a.callId)];
    },
    get played() {
      return played.map((p) => ({ callId: p.callId, what: [...p.what] }));
    },
    get shownCallIds() {
      const v = store.getView();
      return [...(v.hero ? [v.hero.callId] : []), ...v.recentCalls.map((c) => c.callId)];
    },
    get paintLatenciesMs() {
      return [...store.paintLatenciesMs];
    },
    get seq() {
      return store.getView().live.seq;
    },
  };
  Object.defineProperty(target, '__laysoDisplay', { value: Object.freeze(hook), writable: false, configurable: false });
}
