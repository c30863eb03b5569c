// The one queue every call goes through before it is shown big and read aloud. Calls play one
// at a time, in call order, each to its end: a second call 100 ms after the first waits its turn
// instead of cutting it off, and none is dropped. A recall is a call of its own (its own callId),
// so it is announced again. Pure: the player and the clock are passed in.
//
// On a (re)connect the display receives the server's recent calls. The rule that avoids both a
// replay storm and a silent gap: a call not yet announced here and younger than `catchUpMs` (by
// the server's clock) is announced once; older ones are only listed.

import { callPhraseEn, callPhraseVi, type CallView } from '@layso/shared';
import { SeenCalls } from './seen.js';

export interface Announcement {
  readonly callId: number;
  readonly ticketId: string;
  readonly displayNumber: string;
  readonly serviceId: string;
  readonly counterNumber: number;
  readonly counterName: string;
  readonly recall: boolean;
  /** When the server made the call (server clock, epoch ms). */
  readonly at: number;
  /** "Mời số một nghìn … đến quầy số năm"; empty when the number cannot be read aloud. */
  readonly phraseVi: string;
  /** "Number 1023 to counter 5". */
  readonly phraseEn: string;
  /** Announced late, after a reconnect, rather than live. */
  readonly catchUp: boolean;
}

/** Plays one announcement and resolves when it has finished (it should never reject). */
export interface AnnouncementPlayer {
  play(a: Announcement): Promise<void>;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What happened to one announcement, for the debug hook and the tests. */
export interface AnnouncementRecord {
  readonly callId: number;
  readonly displayNumber: string;
  readonly counterNumber: number;
  readonly recall: boolean;
  readonly catchUp: boolean;
  readonly phraseVi: string;
  readonly queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** The player did not finish within `maxPlayMs` and the queue moved on. */
  timedOut: boolean;
}

export interface AnnouncementQueueOptions {
  player: AnnouncementPlayer;
  timers: Timers;
  seen?: SeenCalls;
  /** The least time a call stays highlighted, even when its sound is shorter (5–8 s). */
  holdMs?: number;
  /** A player that has not finished by then is given up on, so the queue never stalls. */
  maxPlayMs?: number;
  /** On a snapshot, calls younger than this are announced; older ones only listed. */
  catchUpMs?: number;
  onChange?: () => void;
}

export const DEFAULT_HOLD_MS = 6_000;
export const DEFAULT_MAX_PLAY_MS = 30_000;
export const DEFAULT_CATCH_UP_MS = 120_000;
const HISTORY = 200;

function readAloud(f: (n: string, c: number) => string, call: CallView): string {
  try {
    return f(call.displayNumber, call.counterNumber);
  } catch {
    return '';
  }
}

export function toAnnouncement(call: CallView, catchUp = false): Announcement {
  return {
    callId: call.callId,
    ticketId: call.ticketId,
    displayNumber: call.displayNumber,
    serviceId: call.serviceId,
    counterNumber: call.counterNumber,
    counterName: call.counterName,
    recall: call.recall,
    at: call.at,
    phraseVi: readAloud(callPhraseVi, call),
    phraseEn: readAloud(callPhraseEn, call) || `Number ${call.displayNumber} to counter ${call.counterNumber}`,
    catchUp,
  };
}

export class AnnouncementQueue {
  private player: AnnouncementPlayer;
  private readonly timers: Timers;
  private readonly seen: SeenCalls;
  private readonly holdMs: number;
  private readonly maxPlayMs: number;
  private readonly catchUpMs: number;
  private readonly onChange: () => void;
  private readonly waiting: Announcement[] = [];
  private readonly records: AnnouncementRecord[] = [];
  private playing: Announcement | null = null;
  private last: Announcement | null = null;
  private turnTimers: unknown[] = [];
  private disposed = false;

  constructor(opts: AnnouncementQueueOptions) {
    this.player = opts.player;
    this.timers = opts.timers;
    this.seen = opts.seen ?? new SeenCalls();
    this.holdMs = opts.holdMs ?? DEFAULT_HOLD_MS;
    this.maxPlayMs = opts.maxPlayMs ?? DEFAULT_MAX_PLAY_MS;
    this.catchUpMs = opts.catchUpMs ?? DEFAULT_CATCH_UP_MS;
    this.onChange = opts.onChange ?? (() => undefined);
  }

  /** The call being announced now (shown big and highlighted), if any. */
  get current(): Announcement | null {
    return this.playing;
  }

  /** The last call that took its turn (still shown big, no longer highlighted). */
  get lastAnnounced(): Announcement | null {
    return this.last;
  }

  /** Calls waiting for their turn, in order. */
  get pending(): readonly Announcement[] {
    return this.waiting;
  }

  /** Every call queued here, oldest first (the last 200). */
  get history(): readonly AnnouncementRecord[] {
    return this.records;
  }

  /** Swap how calls sound (a setting changed, audio got unlocked); the queue goes on. */
  setPlayer(player: AnnouncementPlayer): void {
    this.player = player;
  }

  /** Calls that just happened: each one not yet known is announced, in call order. */
  live(calls: readonly CallView[]): void {
    this.enqueue(calls, () => true, false);
  }

  /**
   * The server's recent calls on a (re)connect: announce those not yet announced that are
   * younger than the catch-up window at `serverTime`, once, in call order.
   */
  snapshot(calls: readonly CallView[], serverTime: number): void {
    this.enqueue(calls, (c) => serverTime - c.at < this.catchUpMs, true);
  }

  /** Whether a call was announced, is being announced or waits its turn. */
  knows(callId: number): boolean {
    return this.seen.has(callId) || this.playing?.callId === callId || this.waiting.some((a) => a.callId === callId);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.turnTimers) this.timers.clearTimeout(t);
    this.turnTimers = [];
  }

  private enqueue(calls: readonly CallView[], fresh: (c: CallView) => boolean, catchUp: boolean): void {
    let added = false;
    for (const call of [...calls].sort((a, b) => a.callId - b.callId)) {
      if (this.knows(call.callId) || !fresh(call)) continue;
      const a = toAnnouncement(call, catchUp);
      // Calls wait in call order, even one that reaches this display late.
      const at = this.waiting.findIndex((w) => w.callId > a.callId);
      this.waiting.splice(at === -1 ? this.waiting.length : at, 0, a);
      this.records.push({
        callId: a.callId,
        displayNumber: a.displayNumber,
        counterNumber: a.counterNumber,
        recall: a.recall,
        catchUp,
        phraseVi: a.phraseVi,
        queuedAt: this.timers.now(),
        startedAt: null,
        endedAt: null,
        timedOut: false,
      });
      if (this.records.length > HISTORY) this.records.shift();
      added = true;
    }
    if (!added) return;
    this.onChange();
    this.next();
  }

  private recordOf(callId: number): AnnouncementRecord | undefined {
    for (let i = this.records.length - 1; i >= 0; i--) if (this.records[i]!.callId === callId) return this.records[i];
    return undefined;
  }

  private next(): void {
    if (this.playing !== null || this.disposed) return;
    const a = this.waiting.shift();
    if (a === undefined) return;
    this.playing = a;
    this.last = a;
    // Remembered when its turn starts: a reload before then still finds it unannounced.
    this.seen.add(a.callId);
    const record = this.recordOf(a.callId);
    if (record) record.startedAt = this.timers.now();
    this.onChange();

    let played = false;
    let held = false;
    const finish = (): void => {
      if (!played || !held || this.playing !== a) return;
      for (const t of this.turnTimers) this.timers.clearTimeout(t);
      this.turnTimers = [];
      if (record) record.endedAt = this.timers.now();
      this.playing = null;
      this.onChange();
      this.next();
    };
    this.turnTimers = [
      this.timers.setTimeout(() => {
        held = true;
        finish();
      }, this.holdMs),
      this.timers.setTimeout(() => {
        if (played) return;
        played = true;
        if (record) record.timedOut = true;
        finish();
      }, this.maxPlayMs),
    ];
    let playing: Promise<void>;
    try {
      playing = this.player.play(a);
    } catch {
      playing = Promise.resolve();
    }
    void playing
      .catch(() => undefined)
      .then(() => {
        if (played) return;
        played = true;
        finish();
      });
  }
}
