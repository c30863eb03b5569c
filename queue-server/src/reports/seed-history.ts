/**
 * Synthetic history for a centre: past days of tickets and events that look like a real office,
 * written straight into the database in big transactions, then added up into the report rollup.
 * For demos ("what do reports look like after a year?") and for the report benchmarks (ten
 * million tickets over five years).
 *
 * Each day is simulated, not drawn at random: citizens arrive along a weekday and hour-of-day
 * curve (morning peak, lunch lull, afternoon), pick services with a skewed mix, and wait in a
 * queue that the centre's counters work through (priority first, then each counter's service
 * preference, then issue time), with per-service log-normal service times, a walk to the counter,
 * a lunch break and the odd pause, some no-shows, transfers, cancellations and tickets still
 * waiting at closing. Everything comes from one seeded random source, so a seed gives the same
 * history every time.
 */
import {
  type BusinessDate,
  type Counter,
  type Service,
  type Settings,
  addDays,
  businessDateOf,
  displayNumberOf,
} from '@layso/shared';
import type { Db } from '../store/open-db.js';
import { CatalogRepo } from '../store/catalog-repo.js';
import { AccountRepo } from '../store/account-repo.js';
import { type EventValues, HistoryRepo, type TicketValues } from '../store/history-repo.js';
import { offsetOfDate } from './day.js';
import { Reports } from './reports.js';

export interface SeedHistoryOptions {
  /** Calendar days of history, ending with `endDate`. */
  days: number;
  /** Average tickets per calendar day (weekdays get more, Saturdays fewer, Sundays none). */
  perDay: number;
  /** The last day to fill; default yesterday in the centre's time zone. */
  endDate?: BusinessDate;
  /** Seed of the random source. */
  seed?: number;
  /** `all`: every event the engine would write. `minimal`: only those reports read (faster). */
  events?: 'all' | 'minimal';
  /** Add counters and officers when the centre has too few for `perDay`. */
  growCounters?: boolean;
  /** Build the report rollup of the seeded days at the end (default true). */
  buildRollups?: boolean;
  /** Tickets per transaction. */
  batchTickets?: number;
}

export interface SeedProgress {
  phase: 'tickets' | 'rollups';
  done: number;
  total: number;
  tickets: number;
}

export interface SeedHistoryResult {
  from: BusinessDate;
  to: BusinessDate;
  days: number;
  tickets: number;
  events: number;
  ticketsMs: number;
  rollupMs: number;
  ticketsPerSec: number;
  countersAdded: number;
}

/** Mulberry32: small, fast, good enough for a simulation. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const MIN = 60_000;

/** Weight of each weekday (Sunday first); normalised so a week averages 1. */
const WEEKDAY = [0, 1.15, 1.05, 1, 1, 0.8, 0.3];
const WEEK_MEAN = WEEKDAY.reduce((a, b) => a + b, 0) / 7;

/** Arrival intensity by local time, [from minute, to minute, weight]. */
const ARRIVALS: [number, number, number][] = [
  [7 * 60, 7 * 60 + 30, 0.3],
  [7 * 60 + 30, 8 * 60, 1],
  [8 * 60, 9 * 60, 1.6],
  [9 * 60, 10 * 60, 1.5],
  [10 * 60, 11 * 60, 1.1],
  [11 * 60, 11 * 60 + 30, 0.6],
  [11 * 60 + 30, 13 * 60 + 30, 0.15],
  [13 * 60 + 30, 14 * 60, 0.9],
  [14 * 60, 15 * 60, 1.2],
  [15 * 60, 16 * 60, 0.9],
  [16 * 60, 16 * 60 + 30, 0.5],
  [16 * 60 + 30, 17 * 60, 0.2],
];
const OPEN = 7 * 60 + 30;
const LUNCH = [11 * 60 + 30, 13 * 60 + 30] as const;
const CLOSE = 17 * 60;
const SATURDAY_CLOSE = 11 * 60 + 30;

const PAUSE_REASONS = ['Nghỉ giải lao', 'Họp đột xuất', 'Hỗ trợ quầy khác', 'Sự cố máy tính', 'Tra cứu hồ sơ'];
const PRIORITIES: [string, number][] = [
  ['elderly', 0.55],
  ['pregnant_or_child', 0.25],
  ['disabled', 0.1],
  ['veteran', 0.1],
];

type Fate = 'serve' | 'direct' | 'noshow' | 'transfer' | 'cancel';

interface SimTicket {
  id: string;
  service: number;
  number: number;
  display: string;
  priority: string | null;
  issuedAt: number;
  /** When it joined this queue: its issue, or its transfer. */
  queueAt: number;
  fromId: string | null;
  fate: Fate;
  cancelAt: number;
  state: string;
  counter: number;
  officer: string | null;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  callCount: number;
  tie: number;
}

interface SimCounter {
  index: number;
  counter: Counter;
  services: number[];
  officer: string;
  freeAt: number;
  lunchDone: boolean;
  pause: { at: number; until: number; reason: string } | null;
  pauseDone: boolean;
  closeAt: number;
  done: boolean;
}

/** A binary min-heap of counters by the time they are free. */
class CounterHeap {
  private readonly a: SimCounter[] = [];
  get size(): number {
    return this.a.length;
  }
  push(c: SimCounter): void {
    const a = this.a;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.freeAt <= a[i]!.freeAt) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  peekFreeAt(): number {
    return this.a[0]!.freeAt;
  }
  pop(): SimCounter | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.freeAt < a[m]!.freeAt) m = l;
        if (r < a.length && a[r]!.freeAt < a[m]!.freeAt) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** A queue in issue order, taken from the head. */
class Line {
  readonly items: SimTicket[] = [];
  head = 0;
  first(): SimTicket | undefined {
    return this.items[this.head];
  }
}


function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * Fill `opts.days` days of history ending at `opts.endDate` into a centre's database (its settings,
 * services and counters must exist; no ticket may exist yet on those days).
 */
export function seedHistory(db: Db, opts: SeedHistoryOptions, onProgress?: (p: SeedProgress) => void): SeedHistoryResult {
  // A bulk load of synthetic rows: no fsync per transaction (a crash means seeding again, and WAL
  // keeps the file sound), and a page cache big enough for the indexes. Both are put back after.
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  try {
    return seed(db, opts, onProgress);
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function seed(db: Db, opts: SeedHistoryOptions, onProgress?: (p: SeedProgress) => void): SeedHistoryResult {
  const catalog = new CatalogRepo(db);
  const accounts = new AccountRepo(db);
  const history = new HistoryRepo(db);
  const settings: Settings | null = catalog.settings();
  if (!settings) throw new Error('the database has no centre: create one first');
  const tz = settings.timeZone;
  const rand = random(opts.seed ?? 20_260_310);
  const to = opts.endDate ?? addDays(businessDateOf(Date.now(), tz), -1);
  const from = addDays(to, -(Math.max(1, opts.days) - 1));
  if (history.hasDays(from, to)) throw new Error(`the database already has tickets between ${from} and ${to}`);
  const allEvents = (opts.events ?? 'all') === 'all';

  const services: Service[] = catalog.services();
  let counters: Counter[] = catalog.counters();
  let officers = accounts.users().filter((u) => u.role === 'officer' && !u.disabled).map((u) => u.id);

  // Enough counters for the load, at about 85% busy: a centre is staffed for its busiest weekday.
  const weights = services.map((_, i) => 1 / (i + 2));
  const avgSec = services.reduce((a, s, i) => a + s.avgServiceSec * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0) + 60;
  const busiest = (opts.perDay * Math.max(...WEEKDAY)) / WEEK_MEAN;
  const needed = Math.ceil((busiest * avgSec) / ((CLOSE - OPEN - (LUNCH[1] - LUNCH[0])) * 60 * 0.85));
  let countersAdded = 0;
  if (opts.growCounters && (counters.length < needed || officers.length < needed)) {
    history.transaction(() => {
      let number = Math.max(0, ...counters.map((c) => c.number));
      for (let i = counters.length; i < needed; i++) {
        number++;
        const id = `quay-${number}`;
        const serviceIds = services.map((_, k) => services[(i + k) % services.length]!.id);
        catalog.putCounter(settings.centreId, { id: id as Counter['id'], number, name: `Quầy ${number}`, serviceIds, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0 });
        countersAdded++;
      }
      for (let k = officers.length; k < needed; k++) {
        // An account that cannot sign in (no usable password): it exists for the history's names.
        accounts.insertUser({ id: `u-seed-${k + 1}`, username: `seed${k + 1}`, displayName: `Cán bộ ${k + 1}`, role: 'officer', passwordHash: '!' }, Date.now());
      }
    });
    counters = catalog.counters();
    officers = accounts.users().filter((u) => u.role === 'officer' && !u.disabled).map((u) => u.id);
  }
  if (officers.length === 0) throw new Error('the centre has no officers');

  const serviceIndex = new Map(services.map((s, i) => [s.id as string, i]));
  const served = new Set(counters.flatMap((c) => c.serviceIds as string[]));
  // Citizens only come for services some counter serves.
  const mix = services.map((s, i) => (served.has(s.id) && s.enabled ? weights[i]! : 0));
  const mixTotal = mix.reduce((a, b) => a + b, 0);
  if (mixTotal === 0) throw new Error('no counter serves any enabled service');
  const mixCdf: number[] = [];
  mix.reduce((acc, w, i) => (mixCdf[i] = acc + w / mixTotal), 0);

  const normal = (): number => {
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const lognormal = (mean: number, sigma: number): number => Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * normal());
  const pickService = (): number => {
    const r = rand();
    let i = 0;
    while (i < mixCdf.length - 1 && mixCdf[i]! < r) i++;
    return i;
  };
  const pickPriority = (): string => {
    let r = rand();
    for (const [p, w] of PRIORITIES) if ((r -= w) < 0) return p;
    return 'elderly';
  };
  const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
  /** 48 bits of issue time then 80 random bits: unguessable, and in insertion order for the index. */
  const ticketId = (at: number): string => {
    const b = new Uint8Array(16);
    let t = at;
    for (let i = 5; i >= 0; i--) {
      b[i] = t % 256;
      t = Math.floor(t / 256);
    }
    for (let i = 6; i < 16; i++) b[i] = Math.floor(rand() * 256);
    return base64(b);
  };

  const centreId = settings.centreId;
  let tie = history.maxQueueTie() + 1;
  let ticketsWritten = 0;
  let eventsWritten = 0;
  const totalDays = dayCount(from, to);
  const batch = opts.batchTickets ?? 50_000;

  /** Simulate one day; returns its ticket rows and events. */
  const simulateDay = (date: string, dayIndex: number): { tickets: SimTicket[]; events: EventValues[]; lastNumbers: Map<number, number> } => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const factor = WEEKDAY[weekday]! / WEEK_MEAN;
    const events: EventValues[] = [];
    const lastNumbers = new Map<number, number>();
    if (factor === 0) return { tickets: [], events, lastNumbers };
    const midnight = Date.parse(`${date}T00:00:00Z`) - offsetOfDate(date, tz);
    const at = (minute: number): number => midnight + Math.round(minute * MIN);
    const closeMinute = weekday === 6 ? SATURDAY_CLOSE : CLOSE;
    const nextDay = addDays(date, 1);
    const rollover = midnight + DAY_MS + 5_000;

    // Arrivals.
    const n = Math.max(0, Math.round(opts.perDay * factor * (0.85 + 0.3 * rand())));
    const slots = ARRIVALS.filter(([a]) => a < closeMinute).map(([a, b, w]) => [a, Math.min(b, closeMinute), w * (Math.min(b, closeMinute) - a)] as const);
    const slotTotal = slots.reduce((s, x) => s + x[2], 0);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      let r = rand() * slotTotal;
      let slot = slots[slots.length - 1]!;
      for (const s of slots) if ((r -= s[2]) < 0) {
        slot = s;
        break;
      }
      times.push(at(slot[0] + rand() * (slot[1] - slot[0])));
    }
    times.sort((a, b) => a - b);

    const used = new Set<string>();
    const numberFor = (service: number): { number: number; display: string } => {
      const s = services[service]!;
      let k = lastNumbers.get(service) ?? (s.numbering.kind === 'range' ? s.numbering.from - 1 : 0);
      let display: string;
      // A number another service gave today is skipped: one number, one ticket, in a day.
      do display = displayNumberOf(s.numbering, ++k);
      while (used.has(display));
      used.add(display);
      lastNumbers.set(service, k);
      return { number: k, display };
    };

    const normalLines = services.map(() => new Line());
    const priorityLines = services.map(() => new Line());
    const transferLines: SimTicket[][] = services.map(() => []);
    const tickets: SimTicket[] = [];
    for (const issuedAt of times) {
      const service = pickService();
      const num = numberFor(service);
      const priority = services[service]!.allowPriority && rand() < 0.08 ? pickPriority() : null;
      const r = rand();
      const fate: Fate = r < 0.01 ? 'cancel' : r < 0.05 ? 'noshow' : r < 0.08 ? 'transfer' : r < 0.17 ? 'direct' : 'serve';
      tickets.push({
        id: ticketId(issuedAt),
        service,
        ...num,
        priority,
        issuedAt,
        queueAt: issuedAt,
        fromId: null,
        fate,
        cancelAt: fate === 'cancel' ? issuedAt + Math.round((5 + 35 * rand()) * MIN) : Infinity,
        state: 'waiting',
        counter: -1,
        officer: null,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        callCount: 0,
        tie: tie++,
      });
    }
    const arrivals = tickets.length;

    // Counters that open today: one officer each, as many as there are officers.
    const open = counters.slice(0, officers.length);
    const sims: SimCounter[] = open.map((counter, i) => {
      const opensAt = at(OPEN + 5 * rand());
      const pauseAt = 8.5 * 60 + rand() * (closeMinute - 60 - 8.5 * 60);
      const hasPause = rand() < 0.35 && !(pauseAt >= LUNCH[0] - 15 && pauseAt < LUNCH[1]);
      return {
        index: i,
        counter,
        services: counter.serviceIds.map((id) => serviceIndex.get(id)).filter((x): x is number => x !== undefined),
        officer: officers[(i + dayIndex) % officers.length]!,
        freeAt: opensAt,
        lunchDone: weekday === 6,
        pause: hasPause ? { at: at(pauseAt), until: at(pauseAt) + Math.round(lognormal(12, 0.5) * MIN), reason: PAUSE_REASONS[Math.floor(rand() * PAUSE_REASONS.length)]! } : null,
        pauseDone: false,
        closeAt: at(closeMinute),
        done: false,
      };
    });
    const counterEvent = (c: SimCounter, when: number, type: string, data: unknown = undefined): void => {
      events.push([centreId, when, date, type, null, null, c.counter.id, `user:${c.officer}`, data === undefined ? null : JSON.stringify(data)]);
    };
    const ticketEvent = (t: SimTicket, c: SimCounter, when: number, type: string, data: unknown = undefined): void => {
      if (!allEvents) return;
      events.push([centreId, when, date, type, t.id, services[t.service]!.id, c.counter.id, `user:${c.officer}`, data === undefined ? null : JSON.stringify(data)]);
    };

    // The day as a timeline of three kinds of moments, taken earliest first: a citizen arrives
    // (takes a ticket), a transferred citizen joins another queue, a counter is free. A counter
    // that finds nobody waiting goes idle, and the next arrival for one of its services wakes it.
    const busy = new CounterHeap();
    const idle: Set<SimCounter>[] = services.map(() => new Set());
    const transfersDue: SimTicket[] = [];
    for (const c of sims) {
      counterEvent(c, c.freeAt, 'counter.opened');
      busy.push(c);
    }
    const goIdle = (c: SimCounter): void => {
      for (const sv of c.services) idle[sv]!.add(c);
    };
    const wake = (service: number, now: number): void => {
      const c = idle[service]!.values().next().value;
      if (!c) return;
      for (const sv of c.services) idle[sv]!.delete(c);
      c.freeAt = now;
      busy.push(c);
    };

    /** The first ticket of a line still waiting at `now`, dropping those who left. */
    const headOf = (line: Line, now: number): SimTicket | undefined => {
      for (;;) {
        const t = line.first();
        if (!t) return undefined;
        if (t.cancelAt <= now) {
          t.state = 'cancelled';
          t.finishedAt = t.cancelAt;
          line.head++;
          continue;
        }
        return t;
      }
    };
    const pick = (c: SimCounter, now: number): SimTicket | undefined => {
      // Transferred entries keep their original issue time, so they stand ahead of the others.
      for (const sv of c.services) {
        const list = transferLines[sv]!;
        if (list.length > 0) return list.shift();
      }
      for (const sv of c.services) {
        const t = headOf(priorityLines[sv]!, now);
        if (t) return (priorityLines[sv]!.head++, t);
      }
      for (const sv of c.services) {
        const t = headOf(normalLines[sv]!, now);
        if (t) return (normalLines[sv]!.head++, t);
      }
      return undefined;
    };

    /** A free counter at `now`: its breaks first, then the next citizen, or idle. */
    const serve = (c: SimCounter): void => {
      let now = c.freeAt;
      if (now >= c.closeAt) {
        c.done = true;
        counterEvent(c, now, 'counter.closed');
        return;
      }
      if (!c.lunchDone && now >= at(LUNCH[0])) {
        c.lunchDone = true;
        const back = at(LUNCH[1] + 5 * rand());
        if (now < back) {
          counterEvent(c, now, 'counter.paused', { reason: 'Nghỉ trưa' });
          counterEvent(c, back, 'counter.resumed');
          c.freeAt = back;
          return busy.push(c);
        }
      }
      if (c.pause && !c.pauseDone && now >= c.pause.at) {
        c.pauseDone = true;
        if (now < c.pause.until) {
          counterEvent(c, now, 'counter.paused', { reason: c.pause.reason });
          counterEvent(c, c.pause.until, 'counter.resumed');
          c.freeAt = c.pause.until;
          return busy.push(c);
        }
      }
      const t = pick(c, now);
      if (!t) return goIdle(c);
      const service = services[t.service]!;
      t.counter = c.index;
      t.officer = c.officer;
      t.calledAt = now;
      t.callCount = 1;
      ticketEvent(t, c, now, 'ticket.called', { number: t.display, counterNumber: c.counter.number });
      const fate = t.fate === 'cancel' ? 'serve' : t.fate;
      if (fate === 'noshow') {
        const recall = now + Math.round((1 + rand()) * MIN);
        ticketEvent(t, c, recall, 'ticket.recalled');
        t.callCount = 2;
        now = recall + Math.round((1 + rand()) * MIN);
        t.state = 'no_show';
        t.finishedAt = now;
        ticketEvent(t, c, now, 'ticket.no_show');
      } else if (fate === 'direct') {
        now += Math.round(lognormal(service.avgServiceSec * 600, 0.5));
        t.state = 'done';
        t.finishedAt = now;
        ticketEvent(t, c, now, 'ticket.done');
      } else {
        t.startedAt = now + Math.round(lognormal(40_000, 0.6));
        ticketEvent(t, c, t.startedAt, 'ticket.started');
        if (fate === 'transfer' && services.length > 1) {
          now = t.startedAt + Math.round(lognormal(service.avgServiceSec * 400, 0.5));
          let target = pickService();
          if (target === t.service) target = (t.service + 1) % services.length;
          const entry: SimTicket = {
            ...t,
            id: ticketId(now),
            service: target,
            priority: services[target]!.allowPriority ? t.priority : null,
            queueAt: now,
            fromId: t.id,
            fate: rand() < 0.02 ? 'noshow' : rand() < 0.1 ? 'direct' : 'serve',
            cancelAt: Infinity,
            state: 'waiting',
            counter: -1,
            officer: null,
            calledAt: null,
            startedAt: null,
            finishedAt: null,
            callCount: 0,
            tie: tie++,
          };
          t.state = 'transferred';
          t.finishedAt = now;
          ticketEvent(t, c, now, 'ticket.transferred', { to: entry.id, serviceId: services[target]!.id, targetCounterId: null, position: 'original', priority: entry.priority });
          tickets.push(entry);
          transfersDue.push(entry);
        } else {
          now = t.startedAt + Math.round(lognormal(service.avgServiceSec * 1000, 0.5));
          t.state = 'done';
          t.finishedAt = now;
          ticketEvent(t, c, now, 'ticket.done');
        }
      }
      c.freeAt = now + Math.round((5 + 15 * rand()) * 1000);
      busy.push(c);
    };

    let next = 0;
    for (;;) {
      const arrival = next < arrivals ? tickets[next]!.issuedAt : Infinity;
      let due = Infinity;
      let dueAt = -1;
      for (let i = 0; i < transfersDue.length; i++) {
        if (transfersDue[i]!.queueAt < due) {
          due = transfersDue[i]!.queueAt;
          dueAt = i;
        }
      }
      const free = busy.size > 0 ? busy.peekFreeAt() : Infinity;
      if (arrival === Infinity && due === Infinity && free === Infinity) break;
      if (arrival <= due && arrival <= free) {
        const t = tickets[next++]!;
        (t.priority ? priorityLines : normalLines)[t.service]!.items.push(t);
        if (allEvents) {
          events.push([centreId, t.issuedAt, date, 'ticket.issued', t.id, services[t.service]!.id, null, 'kiosk:kiosk-history', JSON.stringify({ number: t.display, priority: t.priority })]);
        }
        wake(t.service, t.issuedAt);
      } else if (due <= free) {
        const t = transfersDue.splice(dueAt, 1)[0]!;
        transferLines[t.service]!.push(t);
        wake(t.service, t.queueAt);
      } else {
        serve(busy.pop()!);
      }
    }
    for (const c of sims) {
      if (c.done) continue;
      // Idle until closing: its lunch break still shows, then it closes.
      if (!c.lunchDone && c.closeAt > at(LUNCH[1])) {
        counterEvent(c, at(LUNCH[0]), 'counter.paused', { reason: 'Nghỉ trưa' });
        counterEvent(c, at(LUNCH[1]), 'counter.resumed');
      }
      counterEvent(c, c.closeAt, 'counter.closed');
    }

    // Closing: whoever still waits expires; a no-show left at closing expires too (the engine does
    // this at the rollover, in the next business day).
    for (const t of tickets) {
      if (t.state === 'waiting' && t.cancelAt !== Infinity && t.cancelAt < rollover) {
        t.state = 'cancelled';
        t.finishedAt = t.cancelAt;
      }
      if (t.state === 'cancelled' && allEvents) {
        events.push([centreId, t.finishedAt!, date, 'ticket.cancelled', t.id, services[t.service]!.id, null, `user:${officers[0]}`, null]);
      }
      if (t.state === 'waiting' || t.state === 'no_show') {
        events.push([centreId, rollover, nextDay, 'ticket.expired', t.id, services[t.service]!.id, null, 'system', JSON.stringify({ from: t.state })]);
        t.state = 'expired';
        t.finishedAt = rollover;
      }
    }
    events.push([centreId, rollover, nextDay, 'day.started', null, null, null, 'system', JSON.stringify({ businessDate: nextDay })]);
    events.sort((a, b) => a[1] - b[1]);
    return { tickets, events, lastNumbers };
  };

  const ticketsStart = Date.now();
  let date = from;
  let dayIndex = 0;
  while (dayIndex < totalDays) {
    history.transaction(() => {
      let inBatch = 0;
      while (dayIndex < totalDays && inBatch < batch) {
        const day = simulateDay(date, dayIndex);
        history.insertTickets(
          day.tickets.map((t): TicketValues => [
            t.id,
            centreId,
            services[t.service]!.id,
            date,
            t.number,
            t.display,
            t.priority,
            t.state,
            t.issuedAt,
            t.issuedAt,
            t.tie,
            t.counter >= 0 ? counters[t.counter]!.id : null,
            t.calledAt,
            t.startedAt,
            t.finishedAt,
            t.callCount,
            t.fromId,
            t.fromId === null ? 'kiosk-history' : null,
            t.officer ?? (t.state === 'cancelled' ? officers[0]! : null),
          ]),
        );
        history.insertEvents(day.events);
        for (const [service, last] of day.lastNumbers) history.putSequence(services[service]!.id, date, last);
        ticketsWritten += day.tickets.length;
        eventsWritten += day.events.length;
        inBatch += day.tickets.length;
        date = addDays(date, 1);
        dayIndex++;
      }
    });
    onProgress?.({ phase: 'tickets', done: dayIndex, total: totalDays, tickets: ticketsWritten });
  }
  const ticketsMs = Date.now() - ticketsStart;

  let rollupMs = 0;
  if (opts.buildRollups ?? true) {
    const t0 = Date.now();
    const today = addDays(to, 1) > businessDateOf(Date.now(), tz) ? addDays(to, 1) : businessDateOf(Date.now(), tz);
    const reports = new Reports({ db, now: () => Date.now(), today: () => today, timeZone: () => tz });
    reports.rebuildRollups(from, to, (_d, done, total) => {
      if (done % 10 === 0 || done === total) onProgress?.({ phase: 'rollups', done, total, tickets: ticketsWritten });
    });
    rollupMs = Date.now() - t0;
  }
  return {
    from,
    to,
    days: totalDays,
    tickets: ticketsWritten,
    events: eventsWritten,
    ticketsMs,
    rollupMs,
    ticketsPerSec: Math.round(ticketsWritten / Math.max(0.001, ticketsMs / 1000)),
    countersAdded,
  };
}
