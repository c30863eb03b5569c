/**
 * The wire between a centre and its province hub (issue 15). A centre streams its append-only
 * event log, filtered to what the province needs (see `projectForProvince`), and the figures of
 * its days as its own reports compute them. Pure: no I/O.
 */
import { z } from 'zod';

const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Id = z.string().min(1).max(100);

/** One event as it crosses to the hub: the centre's seq, time and the whitelisted fields. */
export const ProvinceEvent = z.object({
  seq: z.number().int().positive(),
  /** Epoch ms. */
  at: z.number().int().min(946_684_800_000).max(4_102_444_800_000),
  businessDate: Iso,
  type: z.string().min(1).max(60),
  ticketId: Id.nullable(),
  serviceId: Id.nullable(),
  counterId: Id.nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ProvinceEvent = z.infer<typeof ProvinceEvent>;

/** Counts and sums of a day's figures (the centre's `Figures` less walk times), plus histograms. */
export const ProvinceFigures = z.object({
  issued: z.number().int().min(0),
  transferredIn: z.number().int().min(0),
  called: z.number().int().min(0),
  served: z.number().int().min(0),
  noShows: z.number().int().min(0),
  transferredOut: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  expired: z.number().int().min(0),
  withinThreshold: z.number().int().min(0),
  waitN: z.number().int().min(0),
  waitSumMs: z.number().int().min(0),
  serviceN: z.number().int().min(0),
  serviceSumMs: z.number().int().min(0),
  /** Sparse histograms: bucket index → count (1-minute buckets, as the centre's reports). */
  waitHist: z.record(z.string().regex(/^\d{1,3}$/), z.number().int().min(0)),
  serviceHist: z.record(z.string().regex(/^\d{1,3}$/), z.number().int().min(0)),
  /** Citizens' ratings of the day's tickets (by the ticket's business date, as the centre counts them). */
  rated: z.number().int().min(0).default(0),
  satisfied: z.number().int().min(0).default(0),
});
export type ProvinceFigures = z.infer<typeof ProvinceFigures>;

/** A day's figures of the whole centre (dim 'all', key '') or of one service. */
export const ProvinceDayFigures = z.object({
  businessDate: Iso,
  dim: z.enum(['all', 'service']),
  key: z.string().max(100),
  figures: ProvinceFigures,
});
export type ProvinceDayFigures = z.infer<typeof ProvinceDayFigures>;

/** Most events one batch may carry; the hub refuses more. */
export const PROVINCE_MAX_BATCH = 500;

export const IngestBody = z.object({
  events: z.array(ProvinceEvent).max(PROVINCE_MAX_BATCH),
  figures: z.array(ProvinceDayFigures).max(400).default([]),
  /** The service names, so that province reports can name them. */
  services: z.array(z.object({ id: Id, nameVi: z.string().max(200), nameEn: z.string().max(200) })).max(200).default([]),
});
export type IngestBody = z.input<typeof IngestBody>;

/** The hub's answer: the highest seq below which it holds every event of the centre. */
export interface IngestAck {
  head: number;
  /** Seqs stored out of order above the head (a gap lies below the lowest). */
  pendingAbove: number;
}

export const EnrolBody = z.object({ code: z.string().trim().min(6).max(100) });
export interface EnrolResult {
  centreId: string;
  nameVi: string;
  credential: string;
  head: number;
}

/** How a centre enters its enrolment (admin REST on the centre). */
export const UplinkEnrolBody = z.object({
  hubUrl: z.string().trim().url().max(300),
  code: z.string().trim().min(6).max(100),
});
export type UplinkEnrolBody = z.infer<typeof UplinkEnrolBody>;

/** What the centre's admin sees of its uplink. */
export interface UplinkStatus {
  enrolled: boolean;
  hubUrl: string | null;
  provinceCentreId: string | null;
  /** SHA-256 of the hub's public key, pinned at enrolment (hex, colon-separated). */
  pin: string | null;
  ackedSeq: number;
  lastSeq: number;
  state: 'off' | 'streaming' | 'caught_up' | 'backoff' | 'refused';
  lastError: string | null;
  lastContactAt: number | null;
}

/**
 * Which event types cross, and which of their fields. Anything not listed crosses as a bare
 * `redacted` placeholder (seq, time, date) so that the hub can still tell a gap from a filtered
 * event. Actors (officer and device ids) never cross; neither do free-text notes, accounts,
 * devices, settings, or anything a citizen typed.
 */
const CROSSING: Record<string, { ticket: boolean; data: readonly string[] }> = {
  'ticket.issued': { ticket: true, data: ['number', 'priority'] },
  'ticket.called': { ticket: true, data: ['number', 'counterNumber'] },
  'ticket.recalled': { ticket: true, data: [] },
  'ticket.started': { ticket: true, data: [] },
  'ticket.done': { ticket: true, data: [] },
  'ticket.no_show': { ticket: true, data: [] },
  'ticket.cancelled': { ticket: true, data: [] },
  'ticket.expired': { ticket: true, data: ['from'] },
  'ticket.requeued': { ticket: true, data: [] },
  'ticket.held': { ticket: true, data: [] },
  'ticket.released': { ticket: true, data: [] },
  'ticket.transferred': { ticket: true, data: ['to', 'serviceId', 'targetCounterId', 'priority'] },
  'ticket.noted': { ticket: true, data: [] },
  // The score only: not the reasons (the centre's own list, which a manager may word freely), not
  // whether a comment was written, not the comment itself (never in the event log anyway).
  'ticket.rated': { ticket: true, data: ['scale', 'level', 'satisfied'] },
  'counter.opened': { ticket: false, data: [] },
  'counter.paused': { ticket: false, data: ['reason'] },
  'counter.resumed': { ticket: false, data: [] },
  'counter.closed': { ticket: false, data: ['reason'] },
  'counter.saved': { ticket: false, data: ['number', 'name', 'serviceIds'] },
  'counter.deleted': { ticket: false, data: ['number'] },
  'service.saved': { ticket: false, data: ['nameVi', 'nameEn'] },
  'service.deleted': { ticket: false, data: [] },
  'day.started': { ticket: false, data: ['businessDate'] },
  'numbering.overflow': { ticket: false, data: ['number'] },
};

/** A row of the centre's `events` table, as read from SQLite. */
export interface CentreEventRow {
  seq: number;
  at: number;
  businessDate: string;
  type: string;
  ticketId: string | null;
  serviceId: string | null;
  counterId: string | null;
  data: unknown;
}

/** The event as it crosses to the province: whitelisted types and fields only. */
export function projectForProvince(e: CentreEventRow): ProvinceEvent {
  const rule = CROSSING[e.type];
  if (!rule) {
    return { seq: e.seq, at: e.at, businessDate: e.businessDate, type: 'redacted', ticketId: null, serviceId: null, counterId: null, data: null };
  }
  let data: Record<string, unknown> | null = null;
  if (rule.data.length > 0 && e.data !== null && typeof e.data === 'object') {
    const src = e.data as Record<string, unknown>;
    data = {};
    for (const k of rule.data) if (src[k] !== undefined) data[k] = src[k];
  }
  return {
    seq: e.seq,
    at: e.at,
    businessDate: e.businessDate,
    type: e.type,
    ticketId: rule.ticket ? e.ticketId : null,
    serviceId: e.serviceId,
    counterId: e.counterId,
    data,
  };
}

/** One centre on the province board. Times are epoch ms; the board works out "since" itself. */
export interface BoardCentre {
  id: string;
  nameVi: string;
  nameEn: string;
  enrolled: boolean;
  revoked: boolean;
  head: number;
  businessDate: string | null;
  waiting: number;
  /** When the longest-waiting ticket began to wait (null: nobody waits). */
  oldestWaitingSince: number | null;
  openCounters: number;
  servedToday: number;
  /** Today's ratings and how many were satisfied (from the centre's figures of its business day). */
  ratedToday: number;
  satisfiedToday: number;
  lastSeenAt: number | null;
}

export interface BoardSnapshot {
  serverNow: number;
  centres: BoardCentre[];
}

/** One centre's board, read-only, for a drill-in. */
export interface BoardDetail {
  centre: BoardCentre;
  counters: { id: string; number: number | null; name: string | null; state: string; ticketNumber: string | null }[];
  services: { id: string; nameVi: string; waiting: number; oldestWaitingSince: number | null }[];
}

/** A row of a province report (by centre, service or month). */
export interface ProvinceReportRow {
  key: string;
  label: string;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  avgWaitMin: number | null;
  p90WaitMin: number | null;
  avgServiceMin: number | null;
  p90ServiceMin: number | null;
  /** Share of the called within the services' own wait thresholds (0–1). */
  withinThreshold: number | null;
  rated: number;
  satisfied: number;
  /** Share of ratings that were satisfied (0–1); null without ratings. */
  shareSatisfied: number | null;
  /** Share of the called who waited less than the province's target minutes (0–1). */
  waitUnderTarget: number | null;
  /** Against the province's targets: met, missed, or null (no figure to judge, or no target). */
  meetsWait: boolean | null;
  meetsSatisfied: boolean | null;
  /** By centre: 1 = best against the targets (most met, then wait share, then satisfaction). */
  rank: number | null;
}

/**
 * The province's own targets: a share of citizens called within so many minutes, and a share of
 * ratings satisfied. A null share is no target.
 */
export const ProvinceTargets = z.object({
  waitMinutes: z.number().int().min(1).max(180),
  waitShare: z.number().min(0).max(1).nullable(),
  satisfiedShare: z.number().min(0).max(1).nullable(),
});
export type ProvinceTargets = z.infer<typeof ProvinceTargets>;

export const ProvinceReportQuery = z
  .object({
    from: Iso,
    to: Iso,
    by: z.enum(['centre', 'service', 'month']).default('centre'),
    centreId: Id.optional(),
  })
  .refine((q) => q.from <= q.to, 'from must not be after to');
export type ProvinceReportQuery = z.infer<typeof ProvinceReportQuery>;
