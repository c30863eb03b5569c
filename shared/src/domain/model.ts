/**
 * The domain model of one centre's queue. Every entity is a zod schema and its TypeScript type is
 * derived from it, so the server validates exactly what the types promise.
 */
import { z } from 'zod';

/** A centre is one of many in a province; every row and event names its centre. */
export const CentreId = z.string().min(1).max(64).brand<'CentreId'>();
export type CentreId = z.infer<typeof CentreId>;
export const ServiceId = z.string().min(1).max(64).brand<'ServiceId'>();
export type ServiceId = z.infer<typeof ServiceId>;
export const CounterId = z.string().min(1).max(64).brand<'CounterId'>();
export type CounterId = z.infer<typeof CounterId>;
/** Unguessable (128 random bits, base64url): it is the key of the public tracking link. */
export const TicketId = z.string().min(16).max(64).brand<'TicketId'>();
export type TicketId = z.infer<typeof TicketId>;
export const UserId = z.string().min(1).max(64).brand<'UserId'>();
export type UserId = z.infer<typeof UserId>;
export const DeviceId = z.string().min(1).max(64).brand<'DeviceId'>();
export type DeviceId = z.infer<typeof DeviceId>;
/** Chosen by the client for each command; a retry with the same id returns the first result. */
export const RequestId = z.string().min(8).max(100).brand<'RequestId'>();
export type RequestId = z.infer<typeof RequestId>;

/** Milliseconds since the Unix epoch. */
export const EpochMs = z.number().int().nonnegative();
/** A business date in the centre's time zone, `YYYY-MM-DD`. */
export const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export type BusinessDate = z.infer<typeof BusinessDate>;
/** Local wall-clock time `HH:MM`. */
/** Whether the runtime's Intl knows a time zone by this name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const LocalTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/);

/** Staff roles: officers work a counter, managers run the floor, admins configure the centre. */
export const Role = z.enum(['officer', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

export const PRIORITY_CATEGORIES = ['elderly', 'disabled', 'pregnant_or_child', 'veteran'] as const;
/** Ưu tiên: người cao tuổi, người khuyết tật, phụ nữ mang thai hoặc có con nhỏ, người có công. */
export const PriorityCategory = z.enum(PRIORITY_CATEGORIES);
export type PriorityCategory = z.infer<typeof PriorityCategory>;

export const TICKET_STATES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'transferred',
  'cancelled',
  'expired',
] as const;
export const TicketState = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketState>;

export const Numbering = z.discriminatedUnion('kind', [
  /** A letter prefix and a zero-padded counter from `start` (default 1): A001, A002 … or H100, H101 … */
  z.object({
    kind: z.literal('prefix'),
    prefix: z.string().regex(/^[A-Z]{1,2}$/),
    digits: z.number().int().min(2).max(5),
    start: z.number().int().min(0).max(99_999).optional(),
  }),
  /** A block of numbers: 1001, 1002 … 1999; past the end it goes on and warns the manager. */
  z.object({
    kind: z.literal('range'),
    from: z.number().int().min(0).max(9_999_999),
    to: z.number().int().min(0).max(9_999_999),
  }),
]);
export type Numbering = z.infer<typeof Numbering>;

export const OpeningHours = z
  .object({ open: LocalTime, close: LocalTime })
  // Only two valid times are compared: a malformed one already has its own message.
  .refine((h) => !(LocalTime.safeParse(h.open).success && LocalTime.safeParse(h.close).success) || h.open < h.close, {
    message: 'opening hours must open before they close',
    path: ['close'],
  });
export type OpeningHours = z.infer<typeof OpeningHours>;

/** The longest short kiosk name (it fits a kiosk button at full size). */
export const KIOSK_NAME_MAX = 60;
/** The longest official name a kiosk button shows in full; longer needs a short kiosk name. */
export const KIOSK_BUTTON_NAME_MAX = 100;

export const Service = z.object({
  id: ServiceId,
  nameVi: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  numbering: Numbering,
  hours: OpeningHours,
  enabled: z.boolean(),
  allowPriority: z.boolean(),
  /** Learned average service time in seconds (moving average of start → done). */
  avgServiceSec: z.number().positive(),
  /** Alert the manager when a ticket has waited longer than this. */
  waitThresholdMin: z.number().int().positive(),
  sortOrder: z.number().int(),
  /** A shorter name for kiosk buttons, when the official name is too long to fit one. */
  kioskNameVi: z.string().max(KIOSK_NAME_MAX).nullable().optional(),
});
export type Service = z.infer<typeof Service>;

export const COUNTER_STATES = ['closed', 'open', 'paused'] as const;
export const CounterState = z.enum(COUNTER_STATES);
export type CounterState = z.infer<typeof CounterState>;

export const Counter = z.object({
  id: CounterId,
  number: z.number().int().min(1).max(9999),
  name: z.string().min(1).max(100),
  /** The services this counter serves, most preferred first. */
  serviceIds: z.array(ServiceId),
  state: CounterState,
  officerId: UserId.nullable(),
  pauseReason: z.string().max(200).nullable(),
  /** Priority tickets called in a row, for the `alternate` policy. */
  priorityStreak: z.number().int().nonnegative(),
  /**
   * Appointment tickets called in a row ahead of walk-ins (absent: 0). A walk-in call resets it;
   * priority calls leave it as it is. See `QueuePolicy.appointmentMaxInRow`.
   */
  appointmentStreak: z.number().int().nonnegative().optional(),
});
export type Counter = z.infer<typeof Counter>;

export const Ticket = z.object({
  id: TicketId,
  serviceId: ServiceId,
  businessDate: BusinessDate,
  /** The sequence number within (service, business date): 1023, or 23 for A023. */
  number: z.number().int().nonnegative(),
  displayNumber: z.string().min(1).max(16),
  priority: PriorityCategory.nullable(),
  state: TicketState,
  issuedAt: EpochMs,
  /**
   * Position in its queue, in epoch ms: the original issue time, a later time for "back",
   * negative for "front" (the latest front transfer first). Ties break on `queueTie`.
   */
  queueKey: z.number(),
  queueTie: z.number(),
  /** When set, only this counter may call the ticket (a transfer to one counter). */
  targetCounterId: CounterId.nullable(),
  /** The counter that called or serves the ticket. */
  counterId: CounterId.nullable(),
  onHold: z.boolean(),
  calledAt: EpochMs.nullable(),
  startedAt: EpochMs.nullable(),
  finishedAt: EpochMs.nullable(),
  callCount: z.number().int().nonnegative(),
  /** The ticket this one continues after a transfer (same number, new queue entry). */
  transferredFromId: TicketId.nullable(),
  note: z.string().max(500).nullable(),
  /**
   * An appointment ticket: the start of its booked slot (its queue place). Absent or null for a
   * walk-in. Without a priority category it ranks ahead of the walk-ins of its class, at most
   * `QueuePolicy.appointmentMaxInRow` calls in a row.
   */
  slotAt: EpochMs.nullable().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** What a ticket holds while no counter has it: a new ticket, or one handed on to another queue. */
export const NOT_YET_CALLED = {
  counterId: null,
  onHold: false,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  callCount: 0,
} as const satisfies Partial<Ticket>;

export const PRIORITY_POLICIES = ['strict', 'alternate', 'aging'] as const;
export const PriorityPolicy = z.enum(PRIORITY_POLICIES);
export type PriorityPolicy = z.infer<typeof PriorityPolicy>;

const QueuePolicyShape = z.object({
  priority: PriorityPolicy,
  /** `alternate`: at most this many priority calls in a row on a counter. */
  alternateMaxInRow: z.number().int().min(1).max(20),
  /**
   * The weight of each priority category. `strict` calls the heavier categories first (all equal by
   * default); `aging` scores a ticket wait × (weight + 1), a normal ticket weighing 0.
   */
  priorityWeights: z.record(PriorityCategory, z.number().min(0).max(20)),
  /**
   * Appointment tickets (without a priority category) go ahead of walk-ins, at most this many
   * calls in a row on a counter while a walk-in waits for it; absent: 2.
   */
  appointmentMaxInRow: z.number().int().min(1).max(20).optional(),
  /** Across a counter's services: its preference order first, or the oldest ticket first. */
  crossService: z.enum(['preference', 'oldestFirst']),
  /** A no-show brought back: at its original issue time, or K places from the head. */
  noShowReturn: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('original') }),
    z.object({ kind: z.literal('placesDown'), places: z.number().int().min(0).max(100) }),
  ]),
});
/** Settings stored before the weights applied to `strict` too called them `agingWeights`. */
export const QueuePolicy = z.preprocess((v) => {
  if (v && typeof v === 'object' && 'agingWeights' in v && !('priorityWeights' in v)) {
    const { agingWeights, ...rest } = v as Record<string, unknown>;
    return { ...rest, priorityWeights: agingWeights };
  }
  return v;
}, QueuePolicyShape);
export type QueuePolicy = z.infer<typeof QueuePolicyShape>;

/** Booked visits: the window of a check-in, the walk-ins' protection, the slots, personal data. */
export const AppointmentPolicy = z.object({
  /** Whether the centre takes bookings at all. */
  enabled: z.boolean(),
  /** A check-in is on time from this many minutes before the slot … */
  earlyMin: z.number().int().min(0).max(240),
  /** … to this many minutes after its start; later, the citizen gets a walk-in ticket. */
  lateMin: z.number().int().min(0).max(240),
  /** Slot length in minutes; slots tile each service's opening hours. */
  slotMin: z.number().int().min(5).max(240),
  /** Bookings per service per slot. */
  capacityPerSlot: z.number().int().min(1).max(100),
  /** How many days ahead (today included) a citizen may book. */
  bookingDays: z.number().int().min(1).max(90),
  /** Ask the citizen's name / phone number on the booking page (off by default). */
  askName: z.boolean(),
  askPhone: z.boolean(),
  /** Days after the slot that a name or phone number is kept, then erased (Nghị định 13/2023). */
  retentionDays: z.number().int().min(1).max(365),
});
export type AppointmentPolicy = z.infer<typeof AppointmentPolicy>;

export const DEFAULT_APPOINTMENT_POLICY: AppointmentPolicy = {
  enabled: true,
  earlyMin: 15,
  lateMin: 10,
  slotMin: 15,
  capacityPerSlot: 2,
  bookingDays: 14,
  askName: false,
  askPhone: false,
  retentionDays: 30,
};

/** The centre's appointment settings, or the defaults where it never set them. */
export function appointmentPolicyOf(s: Pick<Settings, 'appointments'>): AppointmentPolicy {
  return s.appointments ?? DEFAULT_APPOINTMENT_POLICY;
}

export const AppointmentId = z.string().min(16).max(64).brand<'AppointmentId'>();
export type AppointmentId = z.infer<typeof AppointmentId>;
/** The short code on the booking (and in its QR): six digits, typed on the kiosk's pad. */
export const AppointmentCode = z.string().regex(/^\d{6}$/);

/**
 * An appointment's life: booked → kept (checked in on time) | late (checked in after the window:
 * a walk-in ticket) | early (checked in before the window and took a walk-in ticket instead of
 * waiting) | cancelled | missed (never came: closed at the end of its day).
 */
export const APPOINTMENT_STATES = ['booked', 'kept', 'late', 'early', 'cancelled', 'missed'] as const;
export const AppointmentState = z.enum(APPOINTMENT_STATES);
export type AppointmentState = z.infer<typeof AppointmentState>;

export const Appointment = z.object({
  /** Unguessable: the key of the cancel link. */
  id: AppointmentId,
  code: AppointmentCode,
  serviceId: ServiceId,
  businessDate: BusinessDate,
  /** The start of the booked slot. */
  slotAt: EpochMs,
  state: AppointmentState,
  /** The ticket the check-in gave. */
  ticketId: TicketId.nullable(),
  bookedAt: EpochMs,
  checkedInAt: EpochMs.nullable(),
});
export type Appointment = z.infer<typeof Appointment>;
/** How citizens rate: three levels as on the public forms (default), or five stars. */
export const RATING_SCALES = ['three', 'five'] as const;
export const RatingScale = z.enum(RATING_SCALES);
export type RatingScale = z.infer<typeof RatingScale>;

/** Rating settings: the scale and the reasons offered for a low score (the manager's list). */
export const RatingSettings = z.object({
  scale: RatingScale,
  /** At most six, each a short phrase and said once: the tablet shows them as big buttons. */
  reasons: z
    .array(z.string().trim().min(1).max(60))
    .max(6)
    .refine((rs) => new Set(rs.map((r) => r.toLocaleLowerCase('vi'))).size === rs.length, { message: 'each reason once (a reason is listed twice)' }),
});
export type RatingSettings = z.infer<typeof RatingSettings>;

export const DEFAULT_RATING_SETTINGS: RatingSettings = {
  scale: 'three',
  reasons: ['Chờ lâu', 'Hướng dẫn chưa rõ', 'Thái độ chưa tốt', 'Hồ sơ bị trả lại', 'Khác'],
};

/**
 * A citizen's rating of one counter's service: one per served ticket entry (a transferred citizen
 * rates each counter that served them). The free text may hold personal data: it stays in the
 * centre's database, out of logs and events.
 */
export const Rating = z.object({
  ticketId: TicketId,
  serviceId: ServiceId,
  counterId: CounterId,
  businessDate: BusinessDate,
  at: EpochMs,
  scale: RatingScale,
  level: z.number().int().min(1).max(5),
  satisfied: z.boolean(),
  low: z.boolean(),
  reasons: z.array(z.string().max(60)).max(6),
  comment: z.string().max(500).nullable(),
  source: z.enum(['phone', 'tablet']),
});
export type Rating = z.infer<typeof Rating>;

export const Settings = z.object({
  centreId: CentreId,
  centreNameVi: z.string().min(1).max(200),
  centreNameEn: z.string().min(1).max(200),
  /** An IANA time zone the runtime knows (`Asia/Ho_Chi_Minh`): a typo is refused, not stored. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'not a known IANA time zone (e.g. Asia/Ho_Chi_Minh)' }),
  /** Local time the business day (and numbering) starts; `00:00` is midnight. */
  dayStartsAt: LocalTime,
  /** Waiting tickets left at the end of the day: expired, or carried over. */
  endOfDay: z.enum(['expire', 'carryOver']),
  queue: QueuePolicy,
  ticketHeader: z.string().max(200),
  ticketFooter: z.string().max(300),
  displayNotice: z.string().max(500),
  kioskRateLimitPerMin: z.number().int().min(0).max(10_000),
  /** The demo centre accepts browsers on the server's own machine as kiosks and displays. */
  demo: z.boolean(),
  /** Booked visits; absent: `DEFAULT_APPOINTMENT_POLICY`. */
  appointments: AppointmentPolicy.optional(),
  /** Citizens' ratings; settings stored before ratings existed get the defaults. */
  rating: RatingSettings.default(DEFAULT_RATING_SETTINGS),
  /**
   * The service that hands dossier results back ("Trả kết quả"): a dossier code scanned at the
   * kiosk gives a ticket in it. Absent or null: the kiosk offers no results pickup.
   */
  resultsServiceId: ServiceId.nullable().optional(),
  /**
   * The age (on the centre's date) from which the kiosk offers "Người cao tuổi" after a citizen ID
   * card scan; absent: `DEFAULT_ELDERLY_AGE`. Only the kiosk reads it: the card never leaves it.
   */
  elderlyAge: z.number().int().min(50).max(100).optional(),
});
export type Settings = z.infer<typeof Settings>;

/** Người cao tuổi: from 60 (Luật Người cao tuổi 2009, Điều 2). */
export const DEFAULT_ELDERLY_AGE = 60;

/**
 * A dossier's code as printed on the citizen's receipt (mã hồ sơ, e.g. `000.00.12.H29-240315-0012`):
 * letters, digits and `. - _ /`, upper-cased. Six digits alone are a booking code, never a dossier's.
 */
export const DossierCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9.\-_/]{3,39}$/, 'letters, digits and . - _ /, 4 to 40 characters')
  .refine((c) => !/^\d{6}$/.test(c), 'six digits alone are a booking code');
export type DossierCode = z.infer<typeof DossierCode>;

/** A dossier whose result was reported ready for pickup, and the results ticket that came for it. */
export const DossierResult = z.object({
  code: DossierCode,
  /** The service whose ticket the pickup gets; null: the centre's `resultsServiceId`. */
  serviceId: ServiceId.nullable(),
  readyAt: EpochMs,
  /** Who reported it ready (an integration's key id, a staff user id). */
  reportedBy: z.string(),
  pickedUpTicketId: TicketId.nullable(),
  pickedUpAt: EpochMs.nullable(),
});
export type DossierResult = z.infer<typeof DossierResult>;

export const DEFAULT_QUEUE_POLICY: QueuePolicy = {
  priority: 'strict',
  alternateMaxInRow: 2,
  priorityWeights: { elderly: 1, disabled: 1, pregnant_or_child: 1, veteran: 1 },
  crossService: 'preference',
  noShowReturn: { kind: 'original' },
};
