/**
 * Integrations (issue 14): API keys for the one-stop software's REST calls (`/api/v1/…`), and
 * outbound webhooks the centre sends to it. The admin's REST bodies and views, and the webhook
 * payloads as they leave the centre. No payload carries personal data: ids, numbers, the service,
 * the counter and times only.
 */
import { z } from 'zod';
import { AppointmentState, BusinessDate, DossierCode, EpochMs, ServiceId } from '../domain/model.js';

/** What a key may do. `appointments:write` books, cancels and reads its bookings and the slots. */
export const API_SCOPES = ['appointments:write', 'dossiers:write'] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

export const ApiKeyCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ApiScope).min(1).max(API_SCOPES.length).refine((s) => new Set(s).size === s.length, 'a scope is listed twice'),
});
export type ApiKeyCreateBody = z.infer<typeof ApiKeyCreateBody>;

/** A key as the admin sees it later: never the key itself, only its first characters. */
export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters (`lk_AbC1…`), to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(ApiScope),
  createdAt: EpochMs,
  createdBy: z.string().nullable(),
  revokedAt: EpochMs.nullable(),
  lastUsedAt: EpochMs.nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** The answer to creating a key: the key itself, shown this once (only its hash is stored). */
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

/** The events a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENTS = [
  'ticket.issued',
  'ticket.called',
  'ticket.done',
  'ticket.rated',
  'appointment.booked',
  'appointment.checked_in',
  'appointment.missed',
  'appointment.cancelled',
] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** http(s) only; no credentials in the URL (the secret signs, the URL does not carry one). */
export const WebhookUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// address without a user name or password');

const Events = z.array(WebhookEvent).min(1).max(WEBHOOK_EVENTS.length).refine((s) => new Set(s).size === s.length, 'an event is listed twice');

export const WebhookCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  url: WebhookUrl,
  events: Events,
  /** The signing secret the receiver gave; absent, the server draws one (shown once). */
  secret: z.string().min(16).max(200).optional(),
  enabled: z.boolean().default(true),
});
export type WebhookCreateBody = z.infer<typeof WebhookCreateBody>;

export const WebhookUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: WebhookUrl,
    events: Events,
    enabled: z.boolean(),
  })
  .partial();
export type WebhookUpdateBody = z.infer<typeof WebhookUpdateBody>;

export const WebhookView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(WebhookEvent),
  enabled: z.boolean(),
  createdAt: EpochMs,
  /** Deliveries waiting (to be sent or retried), given up, and delivered. */
  pending: z.number().int(),
  failed: z.number().int(),
  delivered: z.number().int(),
  lastDeliveredAt: EpochMs.nullable(),
});
export type WebhookView = z.infer<typeof WebhookView>;

/** Creating an endpoint answers its secret this once. */
export const WebhookCreated = WebhookView.extend({ secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** One delivery of one event to one endpoint, for the admin's log. */
export const DeliveryView = z.object({
  id: z.number().int(),
  endpointId: z.string(),
  endpointName: z.string().nullable(),
  event: WebhookEvent,
  eventSeq: z.number().int(),
  state: DeliveryState,
  attempts: z.number().int(),
  nextAttemptAt: EpochMs.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: EpochMs,
  deliveredAt: EpochMs.nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryQuery = z.object({
  endpointId: z.string().min(1).max(64).optional(),
  state: DeliveryState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});
export type DeliveryQuery = z.infer<typeof DeliveryQuery>;

/**
 * A webhook's body. `id` is the same on every retry of one delivery (receivers drop repeats by
 * it); `seq` is the centre's event sequence number (in order per centre).
 */
export const WebhookPayload = z.object({
  id: z.string(),
  type: WebhookEvent,
  centreId: z.string(),
  seq: z.number().int(),
  occurredAt: EpochMs,
  businessDate: BusinessDate,
  data: z.object({
    ticketId: z.string().optional(),
    number: z.string().optional(),
    serviceId: z.string().optional(),
    counterId: z.string().nullable().optional(),
    counterNumber: z.number().int().nullable().optional(),
    /** Appointment tickets: the slot they rank at. */
    slotAt: EpochMs.nullable().optional(),
    appointmentId: z.string().optional(),
    appointmentState: AppointmentState.optional(),
    /** Who booked: the public page, staff, or an integration (with its key id). */
    bookedVia: z.enum(['public', 'staff', 'integration']).optional(),
    apiKeyId: z.string().optional(),
    /** Ratings: the level on the centre's scale and whether it counts as satisfied. */
    level: z.number().int().optional(),
    scale: z.enum(['three', 'five']).optional(),
    satisfied: z.boolean().optional(),
  }),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

// ------------------------------------------------------------------ the REST API (`/api/v1`)

/**
 * Book a slot for a citizen. `requestId` makes a retry safe: the same key and request id answer
 * the booking the first call made. A name or phone number only when the centre asks for them.
 */
export const ApiBookBody = z.object({
  serviceId: ServiceId,
  slotAt: EpochMs,
  requestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_.:-]+$/).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ]{8,15}$/).optional(),
});
export type ApiBookBody = z.infer<typeof ApiBookBody>;

/** A booking made by staff on a citizen's behalf (a phone call). */
export const StaffBookBody = z.object({
  serviceId: ServiceId,
  slotAt: EpochMs,
  name: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ]{8,15}$/).optional(),
});
export type StaffBookBody = z.infer<typeof StaffBookBody>;

/**
 * A dossier's result is ready for pickup: by the code on the citizen's receipt, optionally the
 * service whose ticket the pickup gets (else the centre's results service) and when it became
 * ready (else now). Reported again, the latest report wins.
 */
export const DossierReadyBody = z.object({
  code: DossierCode,
  serviceId: ServiceId.nullable().optional(),
  readyAt: EpochMs.optional(),
});
export type DossierReadyBody = z.infer<typeof DossierReadyBody>;
export const DossierCodeBody = z.object({ code: DossierCode });

/** Today's bookings still to come, for the officer's console and the manager's board. */
export const UpcomingAppointment = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: ServiceId,
  slotAt: EpochMs,
  state: AppointmentState,
});
export type UpcomingAppointment = z.infer<typeof UpcomingAppointment>;
export const UpcomingList = z.object({ businessDate: BusinessDate, appointments: z.array(UpcomingAppointment) });
export type UpcomingList = z.infer<typeof UpcomingList>;
