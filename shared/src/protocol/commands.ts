/**
 * Every input a client may send, as zod schemas. The server parses each payload with these
 * before anything else looks at it.
 */
import { z } from 'zod';
import { DossierCode, PriorityCategory, RequestId } from '../domain/model.js';
import {
  CallNumberAction,
  CheckInAction,
  CounterAction,
  HoldAction,
  IssueAction,
  NoteAction,
  PauseAction,
  TicketAction,
  TransferAction,
  TransferTarget,
} from '../domain/commands.js';

/** Kiosk: take a number. Retrying with the same `requestId` returns the same ticket. */
export const IssueTicketCmd = IssueAction.extend({
  requestId: RequestId,
  /** Browser kiosks ask the server to print on their network printer. */
  print: z.boolean().default(false),
  language: z.enum(['vi', 'en']).default('vi'),
});
export type IssueTicketCmd = z.infer<typeof IssueTicketCmd>;

/**
 * Kiosk: check a booking in by its short code (scanned from its QR or typed on the pad).
 * Retrying with the same `requestId` returns the same ticket.
 */
export const CheckInCmd = CheckInAction.extend({
  requestId: RequestId,
  print: z.boolean().default(false),
  language: z.enum(['vi', 'en']).default('vi'),
});
export type CheckInCmd = z.infer<typeof CheckInCmd>;

/**
 * Kiosk: a ticket in the results service for a dossier code (scanned from the receipt's barcode or
 * typed on the pad). Retrying with the same `requestId` returns the same ticket.
 */
export const ResultsCheckInCmd = z.object({
  requestId: RequestId,
  code: DossierCode,
  priority: PriorityCategory.nullable().default(null),
  print: z.boolean().default(false),
  language: z.enum(['vi', 'en']).default('vi'),
});
export type ResultsCheckInCmd = z.infer<typeof ResultsCheckInCmd>;

/** Kiosk: when a booking can be checked in (to tell a citizen who came early). */
export const FindAppointmentCmd = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
export type FindAppointmentCmd = z.infer<typeof FindAppointmentCmd>;

/** The base of every officer command: which counter, and the id that makes a retry safe. */
export const CounterCmd = CounterAction.extend({ requestId: RequestId });
export type CounterCmd = z.infer<typeof CounterCmd>;

/** Pause a counter, with the reason the board shows. */
export const PauseCounterCmd = PauseAction.extend({ requestId: RequestId });
export type PauseCounterCmd = z.infer<typeof PauseCounterCmd>;

/** Call a given number out of order (e.g. a citizen who came back). */
export const CallNumberCmd = CallNumberAction.extend({ requestId: RequestId });
export type CallNumberCmd = z.infer<typeof CallNumberCmd>;

export { TransferTarget };

/**
 * Transfer the counter's ticket in hand (or a waiting ticket by id) to another service, to one
 * counter, or to one counter of another service, keeping its number and original issue time.
 */
export const TransferCmd = TransferAction.extend({ requestId: RequestId });
export type TransferCmd = z.infer<typeof TransferCmd>;

/** Commands on a ticket by id (bring a no-show back, cancel). */
export const TicketCmd = TicketAction.extend({ requestId: RequestId });
export type TicketCmd = z.infer<typeof TicketCmd>;

/** Hold a waiting ticket (it is skipped until released) or release it. */
export const HoldTicketCmd = HoldAction.extend({ requestId: RequestId });
export type HoldTicketCmd = z.infer<typeof HoldTicketCmd>;

/** A note on a ticket, for the officers. */
export const NoteTicketCmd = NoteAction.extend({ requestId: RequestId });
export type NoteTicketCmd = z.infer<typeof NoteTicketCmd>;

/** REST: sign in. */
export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** Socket.IO handshake `auth` of every namespace. */
export const HandshakeAuth = z.object({
  /** Staff session token from POST /api/auth/login. */
  token: z.string().max(200).optional(),
  /** Paired kiosk or display token. */
  deviceToken: z.string().max(200).optional(),
  /** The client's last seen seq, to tell whether it missed anything. */
  lastSeq: z.number().int().nonnegative().optional(),
  /** A demo rating tablet (demo centre, the server's own machine) names its counter. */
  counterNumber: z.number().int().min(1).max(9999).optional(),
  /**
   * A demo kiosk (demo centre, the server's own machine) names its reception area: the
   * `?services=` of its address. A paired kiosk's area is its device configuration.
   */
  services: z.array(z.string().min(1).max(64)).max(100).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;
