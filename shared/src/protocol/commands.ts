/**
 * Every input a client may send, as zod schemas. The server parses each payload with these
 * before anything else looks at it.
 */
import { z } from 'zod';
import { CounterId, PriorityCategory, RequestId, ServiceId, TicketId } from '../domain/model.js';

/** Kiosk: take a number. Retrying with the same `requestId` returns the same ticket. */
export const IssueTicketCmd = z.object({
  requestId: RequestId,
  serviceId: ServiceId,
  priority: PriorityCategory.nullable().default(null),
  /** Browser kiosks ask the server to print on their network printer. */
  print: z.boolean().default(false),
  language: z.enum(['vi', 'en']).default('vi'),
});
export type IssueTicketCmd = z.infer<typeof IssueTicketCmd>;

/** The base of every officer command: which counter, and the id that makes a retry safe. */
export const CounterCmd = z.object({ requestId: RequestId, counterId: CounterId });
export type CounterCmd = z.infer<typeof CounterCmd>;

export const PauseCounterCmd = CounterCmd.extend({ reason: z.string().trim().min(1).max(200) });
export type PauseCounterCmd = z.infer<typeof PauseCounterCmd>;

/** Call a given number out of order (e.g. a citizen who came back). */
export const CallNumberCmd = CounterCmd.extend({
  displayNumber: z.string().trim().min(1).max(16),
  serviceId: ServiceId.optional(),
});
export type CallNumberCmd = z.infer<typeof CallNumberCmd>;

export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), serviceId: ServiceId }),
  z.object({ kind: z.literal('counter'), counterId: CounterId }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/**
 * Transfer the counter's ticket in hand (or a waiting ticket by id) to another service or to one
 * counter, keeping its number and original issue time.
 */
export const TransferCmd = CounterCmd.extend({
  ticketId: TicketId.optional(),
  target: TransferTarget,
  /** Front of its priority class, back of the queue, or by original issue time (default). */
  position: z.enum(['front', 'back', 'original']).default('original'),
  /** Set or clear the priority category; absent keeps it. */
  priority: PriorityCategory.nullable().optional(),
});
export type TransferCmd = z.infer<typeof TransferCmd>;

/** Commands on a ticket by id (bring a no-show back, cancel, hold, note). */
export const TicketCmd = z.object({ requestId: RequestId, ticketId: TicketId });
export type TicketCmd = z.infer<typeof TicketCmd>;

export const HoldTicketCmd = TicketCmd.extend({ hold: z.boolean() });
export type HoldTicketCmd = z.infer<typeof HoldTicketCmd>;

export const NoteTicketCmd = TicketCmd.extend({ note: z.string().trim().max(500) });
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
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;
