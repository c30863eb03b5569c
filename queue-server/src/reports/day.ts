/**
 * One business day's figures, cut by service, counter, officer and hour of day, from the day's
 * ticket rows and counter events. Pure: the same code makes the stored rollup of a finished day
 * and the live figures of today.
 */
import { localParts } from '@layso/shared';
import {
  type Figures,
  SERVICE_BUCKET_MS,
  WAIT_BUCKET_MS,
  WALK_BUCKET_MS,
  bucketOf,
  emptyFigures,
} from './figures.js';

export const CUTS = ['all', 'service', 'counter', 'officer', 'hour'] as const;
export type Cut = (typeof CUTS)[number];
export type DayCuts = Record<Cut, Map<string, Figures>>;

/** A ticket row (a queue entry: a transfer makes a second row with the same number). */
export interface DayTicket {
  serviceId: string;
  counterId: string | null;
  officerId: string | null;
  state: string;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** Set on an entry made by a transfer: when the transfer happened. */
  transferredAt: number | null;
  isTransferEntry: boolean;
  /** An expired ticket that was a no-show when the day closed. */
  expiredFromNoShow: boolean;
}

export interface DayPause {
  counterId: string;
  officerId: string;
  reason: string;
  pauses: number;
  pausedMs: number;
}

/** Local clock offset from UTC at an instant (ms), e.g. +7 h in Hà Nội. */
export function utcOffsetMs(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const [y, m, d] = p.date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, p.hour, p.minute);
  return wall - Math.floor(at / 60_000) * 60_000;
}

/** The local offset in force on a business date (taken at its noon, away from DST switches). */
export function offsetOfDate(date: string, timeZone: string): number {
  return utcOffsetMs(Date.parse(`${date}T12:00:00Z`), timeZone);
}

export function hourOf(at: number, offsetMs: number): number {
  const local = (at + offsetMs) % 86_400_000;
  return Math.floor((local < 0 ? local + 86_400_000 : local) / 3_600_000);
}

function emptyCuts(): DayCuts {
  return { all: new Map(), service: new Map(), counter: new Map(), officer: new Map(), hour: new Map() };
}

function figuresOf(cut: Map<string, Figures>, key: string): Figures {
  let f = cut.get(key);
  if (!f) cut.set(key, (f = emptyFigures()));
  return f;
}

/** Issue → call; for an entry made by a transfer, transfer → call. Null when never called. */
export function waitMs(t: DayTicket): number | null {
  if (t.calledAt === null) return null;
  const from = t.isTransferEntry ? (t.transferredAt ?? t.issuedAt) : t.issuedAt;
  return Math.max(0, t.calledAt - from);
}

/** Call → start. */
export function walkMs(t: DayTicket): number | null {
  return t.calledAt !== null && t.startedAt !== null ? Math.max(0, t.startedAt - t.calledAt) : null;
}

/** Start → done, or call → done when done straight from called; only for tickets done. */
export function serviceMs(t: DayTicket): number | null {
  const from = t.startedAt ?? t.calledAt;
  return t.state === 'done' && t.finishedAt !== null && from !== null ? Math.max(0, t.finishedAt - from) : null;
}

/** The outcome a report counts: an expired ticket that was a no-show at closing is a no-show. */
export function outcomeOf(t: DayTicket): string {
  return t.state === 'expired' && t.expiredFromNoShow ? 'no_show' : t.state;
}

/**
 * Add up a day (see `waitMs`, `walkMs`, `serviceMs`). Everything is counted in the hour the ticket
 * was issued, except `servedInHour`, counted in the hour it was finished.
 */
export function aggregateDay(
  tickets: Iterable<DayTicket>,
  opts: { offsetMs: number; thresholdMinOf: (serviceId: string) => number },
): DayCuts {
  const cuts = emptyCuts();
  const thresholds = new Map<string, number>();
  for (const t of tickets) {
    const targets = [
      figuresOf(cuts.all, ''),
      figuresOf(cuts.service, t.serviceId),
      figuresOf(cuts.counter, t.counterId ?? ''),
      figuresOf(cuts.officer, t.officerId ?? ''),
      figuresOf(cuts.hour, String(hourOf(t.issuedAt, opts.offsetMs))),
    ];
    let threshold = thresholds.get(t.serviceId);
    if (threshold === undefined) thresholds.set(t.serviceId, (threshold = opts.thresholdMinOf(t.serviceId) * 60_000));
    const wait = waitMs(t);
    const walk = walkMs(t);
    const service = serviceMs(t);
    const outcome = outcomeOf(t);
    for (const f of targets) {
      if (t.isTransferEntry) f.transferredIn++;
      else f.issued++;
      if (t.calledAt !== null) f.called++;
      switch (outcome) {
        case 'done':
          f.served++;
          break;
        case 'no_show':
          f.noShows++;
          break;
        case 'transferred':
          f.transferredOut++;
          break;
        case 'cancelled':
          f.cancelled++;
          break;
        case 'expired':
          f.expired++;
          break;
        default:
          break;
      }
      if (wait !== null) {
        f.waitN++;
        f.waitSumMs += wait;
        f.waitHist[bucketOf(wait, WAIT_BUCKET_MS)]!++;
        if (wait <= threshold) f.withinThreshold++;
      }
      if (walk !== null) {
        f.walkN++;
        f.walkSumMs += walk;
        f.walkHist[bucketOf(walk, WALK_BUCKET_MS)]!++;
      }
      if (service !== null) {
        f.serviceN++;
        f.serviceSumMs += service;
        f.serviceHist[bucketOf(service, SERVICE_BUCKET_MS)]!++;
      }
    }
    if (t.state === 'done' && t.finishedAt !== null) {
      figuresOf(cuts.hour, String(hourOf(t.finishedAt, opts.offsetMs))).servedInHour++;
    }
  }
  return cuts;
}

export interface CounterEvent {
  seq: number;
  at: number;
  type: string;
  counterId: string;
  actor: string | null;
  reason: string | null;
}

/**
 * Pauses from a day's counter events: each `counter.paused` lasts until the counter resumes, is
 * closed or reopened. A pause still running at the end of the day's events ends at `endOf`
 * (the next such event of the counter, at most the end of the day, or now for today).
 */
export function aggregatePauses(events: Iterable<CounterEvent>, endOf: (counterId: string, afterSeq: number) => number): DayPause[] {
  const open = new Map<string, { at: number; seq: number; officerId: string; reason: string }>();
  const out = new Map<string, DayPause>();
  const close = (counterId: string, at: number): void => {
    const p = open.get(counterId);
    if (!p) return;
    open.delete(counterId);
    const key = `${counterId}\u0000${p.officerId}\u0000${p.reason}`;
    let row = out.get(key);
    if (!row) out.set(key, (row = { counterId, officerId: p.officerId, reason: p.reason, pauses: 0, pausedMs: 0 }));
    row.pauses++;
    row.pausedMs += Math.max(0, at - p.at);
  };
  for (const e of events) {
    if (e.type === 'counter.paused') {
      if (open.has(e.counterId)) continue;
      const officerId = e.actor?.startsWith('user:') ? e.actor.slice(5) : '';
      open.set(e.counterId, { at: e.at, seq: e.seq, officerId, reason: e.reason ?? '' });
    } else {
      close(e.counterId, e.at);
    }
  }
  for (const [counterId, p] of [...open]) close(counterId, Math.max(p.at, endOf(counterId, p.seq)));
  return [...out.values()];
}
