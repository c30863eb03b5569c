/**
 * Reports over REST (`/api/reports`, `/api/reports/export.csv|xlsx`), for managers and admins.
 * Figures come from the tickets' timestamps and the event log; finished days are read from a
 * per-day rollup, today is computed live.
 */
import { z } from 'zod';
import { BusinessDate, EpochMs } from '../domain/model.js';

export const REPORT_DIMENSIONS = ['service', 'counter', 'officer', 'hour'] as const;
export const ReportDimension = z.enum(REPORT_DIMENSIONS);
export type ReportDimension = z.infer<typeof ReportDimension>;

/** At most this many days in one report or export (five years and a leap day or two). */
export const MAX_REPORT_DAYS = 1830;

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  // 2026-02-30 is not a day, even where a parser would roll it over to March.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? NaN : ms / 86_400_000;
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Checks a `from`–`to` range: real dates, in order, not too long. */
function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = daysBetween(q.from, q.to);
  if (Number.isNaN(days)) ctx.addIssue({ code: 'custom', message: 'not a date', path: ['from'] });
  else if (days < 0) ctx.addIssue({ code: 'custom', message: '`from` must not be after `to`', path: ['from'] });
  else if (days >= MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_REPORT_DAYS} days`, path: ['to'] });
}

/** `GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD&by=service|counter|officer|hour` (inclusive). */
export const ReportQuery = z
  .object({ from: BusinessDate, to: BusinessDate, by: ReportDimension.default('service') })
  .superRefine(checkRange);
export type ReportQuery = z.infer<typeof ReportQuery>;

/** `GET /api/reports/export.csv|xlsx?from&to&lang=vi|en&table=tickets|ratings`; the XLSX holds both tables. */
export const ExportQuery = z
  .object({
    from: BusinessDate,
    to: BusinessDate,
    lang: z.enum(['vi', 'en']).default('vi'),
    /**
     * tickets: one row per ticket (with its rating); ratings: the ratings summed by service,
     * counter, officer and hour; appointments: bookings by day and service.
     */
    table: z.enum(['tickets', 'ratings', 'appointments']).default('tickets'),
  })
  .superRefine(checkRange);
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * Average and 90th percentile of a duration, in minutes (one decimal). The percentile comes from a
 * histogram (wait and service time: 1-minute buckets; walk: 10-second buckets; 180 buckets, then
 * one for everything longer), so it is exact to within one bucket.
 */
export const DurationStats = z.object({
  count: z.number().int().nonnegative(),
  avgMin: z.number().nonnegative().nullable(),
  p90Min: z.number().nonnegative().nullable(),
});
export type DurationStats = z.infer<typeof DurationStats>;

/** The figures of one group (a service, counter, officer or hour of day) or of the whole range. */
export const ReportRow = z.object({
  /** Service, counter or user id; the hour `0`–`23` as a string; `""` for none (never called). */
  key: z.string(),
  label: z.string(),
  /** New tickets taken at the kiosk (a transfer is not a new arrival). */
  issued: z.number().int().nonnegative(),
  /** Queue entries that came here by a transfer. */
  transferredIn: z.number().int().nonnegative(),
  /** Entries called at least once. */
  called: z.number().int().nonnegative(),
  /** Finished as done. */
  served: z.number().int().nonnegative(),
  /** Left as a no-show (at the end of the day, or still a no-show today). */
  noShows: z.number().int().nonnegative(),
  /** Transferred on to another service or counter. */
  transferred: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  /** Still waiting (or called, or in service) when the day closed. */
  expired: z.number().int().nonnegative(),
  /** By hour of day only: tickets finished as done in that hour (the other figures go by issue hour). */
  servedInHour: z.number().int().nonnegative(),
  /** Issue (or transfer) → call. */
  wait: DurationStats,
  /** Call → start. */
  walk: DurationStats,
  /** Start → done, or call → done when done straight from called. */
  service: DurationStats,
  /** Share (0–1) of called entries called within their service's wait threshold; null if none called. */
  withinThreshold: z.number().min(0).max(1).nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const PauseRow = z.object({
  /** Counter id, or the officer's user id when the report is by officer. */
  key: z.string(),
  label: z.string(),
  reason: z.string(),
  count: z.number().int().nonnegative(),
  totalMin: z.number().nonnegative(),
});
export type PauseRow = z.infer<typeof PauseRow>;

/** Citizens' ratings of one group (a service, counter, officer or hour) or of all. */
export const RatingSummaryRow = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
  satisfied: z.number().int().nonnegative(),
  low: z.number().int().nonnegative(),
  /** satisfied ÷ count; null with no rating. */
  shareSatisfied: z.number().nullable(),
  /** Counts per level of each scale used in the period (the scale is a setting). */
  byLevel: z.array(z.object({ scale: z.enum(['three', 'five']), level: z.number().int(), count: z.number().int() })),
  /** Reasons given with this group's low scores, most frequent first. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })).default([]),
});
export type RatingSummaryRow = z.infer<typeof RatingSummaryRow>;

export const RatingSummary = z.object({
  rows: z.array(RatingSummaryRow),
  total: RatingSummaryRow,
  /** Reasons given with low scores, most frequent first. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/**
 * Booked visits of one service on one day (or, with `date` null, of the whole period): how the
 * bookings ended, and how long appointment tickets waited against their slot (call − slot start;
 * negative when called before the slot).
 */
export const AppointmentReportRow = z.object({
  date: BusinessDate.nullable(),
  serviceId: z.string(),
  label: z.string(),
  /** Every booking for the day, whatever became of it. */
  booked: z.number().int().nonnegative(),
  /** Checked in within the window: an appointment ticket. */
  kept: z.number().int().nonnegative(),
  /** Came after the window: a walk-in ticket. */
  late: z.number().int().nonnegative(),
  /** Came before the window and took a walk-in ticket. */
  early: z.number().int().nonnegative(),
  missed: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  /** Still to come (today or later). */
  open: z.number().int().nonnegative(),
  /** Appointment tickets called: minutes from the slot's start to the call. */
  waitVsSlot: z.object({ count: z.number().int().nonnegative(), avgMin: z.number().nullable(), p90Min: z.number().nullable() }),
});
export type AppointmentReportRow = z.infer<typeof AppointmentReportRow>;

export const Report = z.object({
  from: BusinessDate,
  to: BusinessDate,
  by: ReportDimension,
  generatedAt: EpochMs,
  timeZone: z.string(),
  rows: z.array(ReportRow),
  total: ReportRow,
  /** Chart series. */
  series: z.object({
    /** Arrivals (by issue hour) against tickets served (by finish hour), local hours 0–23. */
    byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), issued: z.number().int(), served: z.number().int() })),
    waitByService: z.array(
      z.object({ serviceId: z.string(), label: z.string(), avgMin: z.number().nullable(), p90Min: z.number().nullable() }),
    ),
  }),
  pauses: z.array(PauseRow),
  pauseReasons: z.array(z.object({ reason: z.string(), count: z.number().int(), totalMin: z.number() })),
  /** Citizens' ratings in the period, by the report's dimension (null from servers before ratings). */
  ratings: RatingSummary.nullable(),
  /** Booked visits by day and service, then each service's period total (absent from servers before issue 14). */
  appointments: z.array(AppointmentReportRow).optional(),
  notes: z.array(z.string()),
  /** How the figures were made: days read from the rollup, days computed live. */
  source: z.object({ rolledUpDays: z.number().int(), liveDays: z.number().int(), builtDays: z.number().int() }),
});
export type Report = z.infer<typeof Report>;

/**
 * The manager's board: today's citizens' ratings (`GET /api/board/ratings`, and pushed to the
 * staff as `ratings:today` when a rating comes): the share satisfied, and the latest low scores
 * with their reasons (never the free text).
 */
export const BoardRatings = z.object({
  businessDate: BusinessDate,
  count: z.number().int().nonnegative(),
  satisfied: z.number().int().nonnegative(),
  /** satisfied ÷ count; null with no rating today. */
  shareSatisfied: z.number().nullable(),
  /** The latest low scores, newest first (a few). */
  latestLow: z.array(
    z.object({
      at: EpochMs,
      displayNumber: z.string(),
      counterId: z.string(),
      serviceId: z.string(),
      scale: z.enum(['three', 'five']),
      level: z.number().int(),
      reasons: z.array(z.string()),
    }),
  ),
});
export type BoardRatings = z.infer<typeof BoardRatings>;
