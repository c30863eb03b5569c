/**
 * What the server sends: snapshots on (re)connection, then deltas carrying a sequence number.
 */
import { z } from 'zod';
import {
  BusinessDate,
  CentreId,
  Counter,
  CounterId,
  EpochMs,
  PriorityCategory,
  RatingSettings,
  Role,
  Service,
  ServiceId,
  Settings,
  Ticket,
  TicketId,
  TicketState,
  UserId,
} from '../domain/model.js';

/** Live figures of one service's queue. */
export const ServiceStats = z.object({
  serviceId: ServiceId,
  waiting: z.number().int().nonnegative(),
  waitingPriority: z.number().int().nonnegative(),
  /** Open counters that serve the service now. */
  openCounters: z.number().int().nonnegative(),
  /** Estimated minutes for a ticket issued now; null when no counter serves it. */
  estimateMinutes: z.number().int().nonnegative().nullable(),
  /** Queue time of the longest-waiting ticket, epoch ms; null when nobody waits. */
  oldestWaitingSince: EpochMs.nullable(),
  /** Whether the kiosk may issue now (enabled and inside opening hours). */
  issuing: z.boolean(),
});
export type ServiceStats = z.infer<typeof ServiceStats>;

/** The ticket a counter has in hand, as displays and kiosks may see it. */
export const TicketInHand = z.object({
  id: TicketId,
  displayNumber: z.string(),
  serviceId: ServiceId,
  state: TicketState,
  priority: PriorityCategory.nullable(),
  calledAt: EpochMs.nullable(),
  startedAt: EpochMs.nullable(),
});
export type TicketInHand = z.infer<typeof TicketInHand>;

export const CounterView = Counter.extend({
  officerName: z.string().nullable(),
  inHand: TicketInHand.nullable(),
});
export type CounterView = z.infer<typeof CounterView>;

/** One call (or recall) for the displays; `callId` is unique and increasing, for dedupe. */
export const CallView = z.object({
  callId: z.number().int().positive(),
  ticketId: TicketId,
  displayNumber: z.string(),
  serviceId: ServiceId,
  counterId: CounterId,
  counterNumber: z.number().int(),
  counterName: z.string(),
  at: EpochMs,
  recall: z.boolean(),
});
export type CallView = z.infer<typeof CallView>;

/** What every device may know of the centre. */
export const CentreInfo = z.object({
  centreId: CentreId,
  nameVi: z.string(),
  nameEn: z.string(),
  timeZone: z.string(),
  businessDate: BusinessDate,
  notice: z.string(),
  /** Printed above and below each ticket. */
  ticketHeader: z.string(),
  ticketFooter: z.string(),
  demo: z.boolean(),
  /** The results pickup service (the kiosk gives its tickets for dossier codes, not as a tile). */
  resultsServiceId: ServiceId.nullable().optional(),
  /** The age from which the kiosk offers "Người cao tuổi" after a citizen ID card scan. */
  elderlyAge: z.number().int().optional(),
  /** Whether the centre takes bookings (the kiosk then offers check-in). */
  appointments: z.boolean().optional(),
});
export type CentreInfo = z.infer<typeof CentreInfo>;

export const StaffUser = z.object({
  id: UserId,
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type StaffUser = z.infer<typeof StaffUser>;

/** The answer to POST /api/auth/login: a session token, who it is, and until when. */
export const LoginResult = z.object({ token: z.string(), user: StaffUser, expiresAt: EpochMs });
export type LoginResult = z.infer<typeof LoginResult>;

const SnapshotBase = z.object({
  /** The sequence number of the last change included; deltas continue from it. */
  seq: z.number().int().nonnegative(),
  serverTime: EpochMs,
  centre: CentreInfo,
  services: z.array(Service),
  stats: z.array(ServiceStats),
});

export const KioskSnapshot = SnapshotBase.extend({
  rateLimitPerMin: z.number().int().nonnegative(),
  /** The services this kiosk offers (its reception area), as the server enforces it; absent: all. */
  area: z.array(ServiceId).nullable().optional(),
});
export type KioskSnapshot = z.infer<typeof KioskSnapshot>;

export const DisplaySnapshot = SnapshotBase.extend({
  counters: z.array(CounterView),
  recentCalls: z.array(CallView),
});
export type DisplaySnapshot = z.infer<typeof DisplaySnapshot>;

export const StaffSnapshot = DisplaySnapshot.extend({
  me: StaffUser,
  settings: Settings,
  /** Today's tickets that are still live (waiting, called, serving, no-show). */
  tickets: z.array(Ticket),
});
export type StaffSnapshot = z.infer<typeof StaffSnapshot>;

/**
 * A change since `prevSeq`. A client whose last seq is not `prevSeq` missed something and asks
 * for a snapshot (`sync:snapshot`). Lists carry whole entities to upsert.
 */
export const Delta = z.object({
  prevSeq: z.number().int().nonnegative(),
  seq: z.number().int().positive(),
  serverTime: EpochMs,
  centre: CentreInfo.optional(),
  services: z.array(Service).optional(),
  removedServiceIds: z.array(ServiceId).optional(),
  stats: z.array(ServiceStats).optional(),
  counters: z.array(CounterView).optional(),
  removedCounterIds: z.array(CounterId).optional(),
  calls: z.array(CallView).optional(),
  /** Staff only: tickets that changed (a ticket no longer live has a final state). */
  tickets: z.array(Ticket).optional(),
  /** Staff only. */
  settings: Settings.optional(),
  /** A new business day began: drop everything of the old day and take a snapshot. */
  dayChanged: z.boolean().optional(),
});
export type Delta = z.infer<typeof Delta>;

/** What a citizen's phone may see of a ticket: number, state and position, nothing else. */
export const PublicTicketStatus = z.object({
  ticketId: TicketId,
  displayNumber: z.string(),
  serviceId: ServiceId,
  serviceNameVi: z.string(),
  serviceNameEn: z.string(),
  state: TicketState,
  priority: PriorityCategory.nullable(),
  issuedAt: EpochMs,
  businessDate: BusinessDate,
  peopleAhead: z.number().int().nonnegative().nullable(),
  estimateMinutes: z.number().int().nonnegative().nullable(),
  counterNumber: z.number().int().nullable(),
  centreNameVi: z.string(),
  centreNameEn: z.string(),
  /**
   * The counters that served this visit, oldest first: each may be rated once (a transferred
   * citizen rates each counter). `ticketId` is the entry to rate.
   */
  visits: z.array(
    z.object({ ticketId: TicketId, counterNumber: z.number().int(), rated: z.boolean(), rateable: z.boolean() }),
  ),
  /** The centre's rating scale and the reasons offered for a low score. */
  rating: RatingSettings,
});
export type PublicTicketStatus = z.infer<typeof PublicTicketStatus>;

/** The kiosk's answer to an issue: the ticket and where it stands. */
export const IssuedTicket = z.object({
  ticket: Ticket,
  peopleAhead: z.number().int().nonnegative(),
  estimateMinutes: z.number().int().nonnegative().nullable(),
  trackingPath: z.string(),
  /** True when the same request id had already issued this ticket (a retry). */
  replayed: z.boolean(),
  /**
   * Printing by the server for browser kiosks with a network printer. The answer comes as soon as
   * the ticket is on disk: `printing` then, and the outcome follows as `ticket:printed`. A retry
   * of the same request says what is known by then; `none`: the server does not print it.
   */
  print: z.object({
    status: z.enum(['printing', 'printed', 'failed', 'none']),
    errorCode: z.string().optional(),
  }),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** The kiosk's answer to a check-in: the ticket, and whether it is an appointment ticket. */
export const CheckedIn = IssuedTicket.extend({
  /** kept: an appointment ticket; late / early: a walk-in ticket (said kindly on screen). */
  outcome: z.enum(['kept', 'late', 'early']),
  slotAt: z.number().int(),
});
export type CheckedIn = z.infer<typeof CheckedIn>;

/** The kiosk's answer to a dossier code: a results ticket, and whether the result is reported ready. */
export const ResultsTicket = IssuedTicket.extend({
  ready: z.boolean(),
  readyAt: z.number().int().nullable(),
});
export type ResultsTicket = z.infer<typeof ResultsTicket>;

/** A booking as the kiosk may see it by its code: when it can be checked in. */
export const AppointmentWindow = z.object({
  serviceId: ServiceId,
  businessDate: BusinessDate,
  slotAt: z.number().int(),
  opensAt: z.number().int(),
  closesAt: z.number().int(),
});
export type AppointmentWindow = z.infer<typeof AppointmentWindow>;

/**
 * `ticket:printed`: how the server's printing of a ticket ended (after the `printing` answer);
 * `none`: it found no printer for this kiosk after all (not paired to one).
 */
export const TicketPrinted = z.object({
  ticketId: z.string(),
  status: z.enum(['printed', 'failed', 'none']),
  errorCode: z.string().optional(),
});
export type TicketPrinted = z.infer<typeof TicketPrinted>;

/** The answer to every counter command. */
export const CounterResult = z.object({
  counter: CounterView,
  ticket: Ticket.nullable(),
});
export type CounterResult = z.infer<typeof CounterResult>;

/** The answer to a rating: what was recorded (never the free text). */
export const RatingReceipt = z.object({
  ticketId: TicketId,
  level: z.number().int(),
  satisfied: z.boolean(),
});
export type RatingReceipt = z.infer<typeof RatingReceipt>;

/**
 * What a counter's rating tablet shows: the number its counter is serving, and (for about 30 s
 * after the officer finishes) the ticket to rate.
 */
export const RatingTabletState = z.object({
  centreNameVi: z.string(),
  centreNameEn: z.string(),
  /** The tablet's counter (a device setting in the admin); null until the admin sets it. */
  counter: z.object({ id: CounterId, number: z.number().int(), name: z.string() }).nullable(),
  serving: z.object({ displayNumber: z.string(), state: TicketState }).nullable(),
  /** The ticket the counter just finished, to rate; null when there is none. */
  prompt: z.object({ ticketId: TicketId, displayNumber: z.string(), finishedAt: EpochMs }).nullable(),
  rating: RatingSettings,
});
export type RatingTabletState = z.infer<typeof RatingTabletState>;
