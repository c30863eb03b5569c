import type { CallView, CounterId, ServiceId, TicketId } from '@layso/shared';
import { describe, expect, it } from 'vitest';
import { AnnouncementQueue, type Announcement, type AnnouncementPlayer, type Timers } from './queue.js';
import { SeenCalls, type KeyValueStorage } from './seen.js';

/** A clock the test moves by hand, with timers that fire as it passes them. */
class ManualTimers implements Timers {
  t = 1_000_000;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.due.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Move time forward, firing timers in order, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      const next = [...this.due.entries()].filter(([, d]) => d.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A player whose every announcement lasts `ms` on the manual clock, and that logs it. */
class TimedPlayer implements AnnouncementPlayer {
  readonly log: string[] = [];
  readonly started: Announcement[] = [];
  active = 0;
  maxActive = 0;
  constructor(
    private readonly timers: ManualTimers,
    private readonly ms = 4_000,
  ) {}
  play(a: Announcement): Promise<void> {
    this.started.push(a);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    this.log.push(`start ${a.callId} @${this.timers.now()}`);
    return new Promise((resolve) =>
      this.timers.setTimeout(() => {
        this.active--;
        this.log.push(`end ${a.callId} @${this.timers.now()}`);
        resolve();
      }, this.ms),
    );
  }
}

class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

function call(callId: number, at: number, over: Partial<CallView> = {}): CallView {
  return {
    callId,
    ticketId: `ticket-${String(callId).padStart(12, '0')}` as TicketId,
    displayNumber: String(1000 + callId),
    serviceId: 'ho-tich' as ServiceId,
    counterId: 'quay-5' as CounterId,
    counterNumber: 5,
    counterName: 'Quầy 5',
    at,
    recall: false,
    ...over,
  };
}

function setup(opts: { holdMs?: number; playMs?: number; storage?: KeyValueStorage } = {}) {
  const timers = new ManualTimers();
  const player = new TimedPlayer(timers, opts.playMs ?? 4_000);
  const seen = new SeenCalls(opts.storage ?? null, 'announced');
  const queue = new AnnouncementQueue({ player, timers, seen, holdMs: opts.holdMs ?? 6_000, maxPlayMs: 30_000 });
  return { timers, player, seen, queue };
}

describe('AnnouncementQueue', () => {
  it('announces calls one at a time, in call order, each to its end', async () => {
    const { timers, player, queue } = setup({ holdMs: 1_000 });
    queue.live([call(3, timers.now()), call(1, timers.now())]);
    queue.live([call(2, timers.now())]);
    await timers.advance(60_000);
    expect(player.started.map((a) => a.callId)).toEqual([1, 2, 3]);
    expect(player.maxActive).toBe(1);
    const t0 = 1_000_000;
    expect(player.log).toEqual([
      `start 1 @${t0}`,
      `end 1 @${t0 + 4_000}`,
      `start 2 @${t0 + 4_000}`,
      `end 2 @${t0 + 8_000}`,
      `start 3 @${t0 + 8_000}`,
      `end 3 @${t0 + 12_000}`,
    ]);
  });

  it('plays a second call 100 ms after the first only once the first has finished', async () => {
    const { timers, player, queue } = setup({ holdMs: 6_000, playMs: 4_500 });
    queue.live([call(10, timers.now())]);
    await timers.advance(100);
    queue.live([call(11, timers.now())]);
    expect(queue.current?.callId).toBe(10);
    expect(queue.pending.map((a) => a.callId)).toEqual([11]);
    await timers.advance(4_500);
    // The sound of the first has ended, but it stays highlighted for its hold time.
    expect(player.started.map((a) => a.callId)).toEqual([10]);
    expect(queue.current?.callId).toBe(10);
    await timers.advance(1_400);
    expect(queue.current?.callId).toBe(11);
    expect(player.started.map((a) => a.callId)).toEqual([10, 11]);
    expect(player.maxActive).toBe(1);
    await timers.advance(6_000);
    expect(queue.current).toBeNull();
    expect(queue.lastAnnounced?.callId).toBe(11);
    const [first, second] = queue.history;
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.endedAt!);
  });

  it('announces a recall again, as a call of its own', async () => {
    const { timers, player, queue } = setup({ holdMs: 1_000 });
    queue.live([call(20, timers.now(), { displayNumber: '1023' })]);
    await timers.advance(10_000);
    queue.live([call(21, timers.now(), { displayNumber: '1023', recall: true })]);
    await timers.advance(10_000);
    expect(player.started.map((a) => [a.callId, a.displayNumber, a.recall])).toEqual([
      [20, '1023', false],
      [21, '1023', true],
    ]);
    expect(player.started[1]!.phraseVi).toBe('Mời số một nghìn không trăm hai mươi ba đến quầy số năm');
  });

  it('announces a call once, however often it arrives', async () => {
    const { timers, player, queue } = setup({ holdMs: 1_000 });
    const c = call(30, timers.now());
    queue.live([c]);
    queue.live([c]);
    queue.snapshot([c], timers.now());
    await timers.advance(10_000);
    queue.live([c]);
    queue.snapshot([c], timers.now());
    await timers.advance(10_000);
    expect(player.started.map((a) => a.callId)).toEqual([30]);
  });

  it('on a reconnect announces unseen calls younger than the cut-off once, in call order, and skips old ones', async () => {
    const { timers, player, queue } = setup({ holdMs: 1_000 });
    const serverNow = 5_000_000;
    queue.live([call(40, serverNow - 300_000)]);
    await timers.advance(10_000);
    // Newest first, as the server sends them: 44 and 43 came while the display was away.
    const recent = [
      call(44, serverNow - 5_000),
      call(43, serverNow - 119_000),
      call(42, serverNow - 121_000),
      call(41, serverNow - 200_000),
      call(40, serverNow - 300_000),
    ];
    queue.snapshot(recent, serverNow);
    await timers.advance(20_000);
    expect(player.started.map((a) => [a.callId, a.catchUp])).toEqual([
      [40, false],
      [43, true],
      [44, true],
    ]);
    // A second reconnect with the same calls plays nothing again.
    queue.snapshot(recent, serverNow + 1_000);
    await timers.advance(20_000);
    expect(player.started).toHaveLength(3);
  });

  it('does not replay after a page reload, but still announces what was only waiting its turn', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage, holdMs: 6_000 });
    const now = first.timers.now();
    first.queue.live([call(50, now), call(51, now)]);
    await first.timers.advance(100);
    expect(first.queue.current?.callId).toBe(50);
    first.queue.dispose();
    // The page reloads: 50 had its turn, 51 had not.
    const second = setup({ storage, holdMs: 1_000 });
    second.queue.snapshot([call(51, now), call(50, now)], now + 2_000);
    await second.timers.advance(20_000);
    expect(second.player.started.map((a) => a.callId)).toEqual([51]);
  });

  it('moves on when a player never finishes, so the queue never stalls', async () => {
    const timers = new ManualTimers();
    const stuck: AnnouncementPlayer = { play: () => new Promise<void>(() => undefined) };
    const queue = new AnnouncementQueue({ player: stuck, timers, holdMs: 1_000, maxPlayMs: 10_000 });
    queue.live([call(60, timers.now()), call(61, timers.now())]);
    await timers.advance(10_000);
    expect(queue.current?.callId).toBe(61);
    expect(queue.history[0]!.timedOut).toBe(true);
  });

  it('goes on after a player that throws or rejects', async () => {
    const timers = new ManualTimers();
    let n = 0;
    const broken: AnnouncementPlayer = {
      play: () => {
        n++;
        if (n === 1) throw new Error('no audio device');
        return Promise.reject(new Error('decode failed'));
      },
    };
    const queue = new AnnouncementQueue({ player: broken, timers, holdMs: 1_000 });
    queue.live([call(70, timers.now()), call(71, timers.now())]);
    await timers.advance(5_000);
    expect(queue.current).toBeNull();
    expect(queue.history.map((r) => r.endedAt !== null)).toEqual([true, true]);
  });

  it('keeps an unreadable number in the queue, with no phrase', async () => {
    const { timers, player, queue } = setup({ holdMs: 1_000 });
    queue.live([call(80, timers.now(), { displayNumber: '12-A' })]);
    await timers.advance(10_000);
    expect(player.started.map((a) => [a.callId, a.phraseVi])).toEqual([[80, '']]);
  });
});

describe('SeenCalls', () => {
  it('keeps the last 200 call ids across reloads and ignores garbage', () => {
    const storage = new MemoryStorage();
    const seen = new SeenCalls(storage, 'k');
    for (let id = 1; id <= 250; id++) seen.add(id);
    const again = new SeenCalls(storage, 'k');
    expect(again.has(50)).toBe(false);
    expect(again.has(51)).toBe(true);
    expect(again.has(250)).toBe(true);
    expect(again.list()).toHaveLength(200);
    storage.setItem('k', '{"not":"a list"}');
    expect(new SeenCalls(storage, 'k').list()).toEqual([]);
    storage.setItem('k', '[1, "2", -3, 4.5, 7]');
    expect(new SeenCalls(storage, 'k').list()).toEqual([1, 7]);
  });
});
