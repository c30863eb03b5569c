/**
 * The figures of a group of tickets (counts, sums, histograms) and how they add up. Pure: the
 * rollup stores them per day, a report adds days together and reads averages and percentiles.
 *
 * Percentiles come from fixed histograms, so a one-year report never reads a ticket: 180 buckets
 * of `width` ms, then one bucket for everything longer. Wait and service time use 1-minute
 * buckets (0–3 h), walk 10-second buckets (0–30 min). The 90th percentile is interpolated inside
 * its bucket, so it is exact to within one bucket width.
 */
import { type DurationStats, type ReportRow, quantileAroundMeanMs } from '@layso/shared';

export const BUCKETS = 181;
export const WAIT_BUCKET_MS = 60_000;
export const WALK_BUCKET_MS = 10_000;
export const SERVICE_BUCKET_MS = 60_000;

export interface Figures {
  issued: number;
  transferredIn: number;
  called: number;
  served: number;
  noShows: number;
  transferredOut: number;
  cancelled: number;
  expired: number;
  servedInHour: number;
  withinThreshold: number;
  waitN: number;
  waitSumMs: number;
  walkN: number;
  walkSumMs: number;
  serviceN: number;
  serviceSumMs: number;
  waitHist: Uint32Array;
  walkHist: Uint32Array;
  serviceHist: Uint32Array;
}

export function emptyFigures(): Figures {
  return {
    issued: 0,
    transferredIn: 0,
    called: 0,
    served: 0,
    noShows: 0,
    transferredOut: 0,
    cancelled: 0,
    expired: 0,
    servedInHour: 0,
    withinThreshold: 0,
    waitN: 0,
    waitSumMs: 0,
    walkN: 0,
    walkSumMs: 0,
    serviceN: 0,
    serviceSumMs: 0,
    waitHist: new Uint32Array(BUCKETS),
    walkHist: new Uint32Array(BUCKETS),
    serviceHist: new Uint32Array(BUCKETS),
  };
}

export function bucketOf(ms: number, width: number): number {
  return Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / width)));
}

/** Add `b` into `a`. */
export function addFigures(a: Figures, b: Figures): void {
  a.issued += b.issued;
  a.transferredIn += b.transferredIn;
  a.called += b.called;
  a.served += b.served;
  a.noShows += b.noShows;
  a.transferredOut += b.transferredOut;
  a.cancelled += b.cancelled;
  a.expired += b.expired;
  a.servedInHour += b.servedInHour;
  a.withinThreshold += b.withinThreshold;
  a.waitN += b.waitN;
  a.waitSumMs += b.waitSumMs;
  a.walkN += b.walkN;
  a.walkSumMs += b.walkSumMs;
  a.serviceN += b.serviceN;
  a.serviceSumMs += b.serviceSumMs;
  for (let i = 0; i < BUCKETS; i++) {
    a.waitHist[i]! += b.waitHist[i]!;
    a.walkHist[i]! += b.walkHist[i]!;
    a.serviceHist[i]! += b.serviceHist[i]!;
  }
}

/** The counts and sums of `Figures`, in the order they are stored. */
export const COUNT_FIELDS = [
  'issued',
  'transferredIn',
  'called',
  'served',
  'noShows',
  'transferredOut',
  'cancelled',
  'expired',
  'servedInHour',
  'withinThreshold',
  'waitN',
  'waitSumMs',
  'walkN',
  'walkSumMs',
  'serviceN',
  'serviceSumMs',
] as const satisfies readonly (keyof Figures)[];

const FORMAT_VERSION = 1;

/** LEB128, by arithmetic rather than bit operations so that sums of milliseconds past 2³² survive. */
function pushVarint(out: number[], n: number): void {
  let v = Math.max(0, Math.round(n));
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/**
 * Figures as stored in one blob, so that a report reads one value per row: a format byte, the
 * counts and sums (varints, `COUNT_FIELDS` order), then each histogram (wait, walk, service) as
 * its number of non-empty buckets and, for each, the bucket index (one byte) and count (varint).
 * A counter's day is some fifty bytes.
 */
export function encodeFigures(f: Figures): Buffer {
  const out: number[] = [FORMAT_VERSION];
  for (const k of COUNT_FIELDS) pushVarint(out, f[k]);
  for (const h of [f.waitHist, f.walkHist, f.serviceHist]) {
    let n = 0;
    for (const c of h) if (c !== 0) n++;
    pushVarint(out, n);
    for (let i = 0; i < h.length; i++) {
      if (h[i] === 0) continue;
      out.push(i);
      pushVarint(out, h[i]!);
    }
  }
  return Buffer.from(out);
}

/** Add stored figures into `f`. */
export function addEncodedFigures(f: Figures, buf: Uint8Array): void {
  if (buf[0] !== FORMAT_VERSION) throw new Error(`unknown report figures format ${buf[0]}: rebuild the rollups`);
  let i = 1;
  const varint = (): number => {
    let v = 0;
    let scale = 1;
    let b: number;
    do {
      b = buf[i++]!;
      v += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b & 0x80);
    return v;
  };
  for (const k of COUNT_FIELDS) f[k] += varint();
  for (const h of [f.waitHist, f.walkHist, f.serviceHist]) {
    for (let n = varint(); n > 0; n--) {
      const bucket = buf[i++]!;
      const c = varint();
      if (bucket < h.length) h[bucket]! += c;
    }
  }
}

export { quantileMs, quantileAroundMeanMs } from '@layso/shared';

const minutes = (ms: number): number => Math.round(ms / 6_000) / 10;

function durationStats(n: number, sumMs: number, hist: Uint32Array, width: number): DurationStats {
  const p90 = quantileAroundMeanMs(hist, 0.9, width, n, sumMs);
  return {
    count: n,
    avgMin: n === 0 ? null : minutes(sumMs / n),
    p90Min: p90 === null ? null : minutes(p90),
  };
}

/** The figures as a report row. */
export function toRow(key: string, label: string, f: Figures): ReportRow {
  return {
    key,
    label,
    issued: f.issued,
    transferredIn: f.transferredIn,
    called: f.called,
    served: f.served,
    noShows: f.noShows,
    transferred: f.transferredOut,
    cancelled: f.cancelled,
    expired: f.expired,
    servedInHour: f.servedInHour,
    wait: durationStats(f.waitN, f.waitSumMs, f.waitHist, WAIT_BUCKET_MS),
    walk: durationStats(f.walkN, f.walkSumMs, f.walkHist, WALK_BUCKET_MS),
    service: durationStats(f.serviceN, f.serviceSumMs, f.serviceHist, SERVICE_BUCKET_MS),
    withinThreshold: f.waitN === 0 ? null : Math.round((f.withinThreshold / f.waitN) * 1000) / 1000,
  };
}
