/**
 * What each queue command says, without the transport's request id: the rulebook decides these,
 * and the protocol's payload schemas extend them with a request id.
 */
import { z } from 'zod';
import { CounterId, PriorityCategory, ServiceId, TicketId } from './model.js';

/** Take a number for a service, with a priority category or none. */
export const IssueAction = z.object({
  serviceId: ServiceId,
  priority: PriorityCategory.nullable().default(null),
});
export type IssueAction = z.infer<typeof IssueAction>;

/**
 * An action at a counter. `ticketId` names the ticket the officer saw in hand: when it is given
 * and the counter now holds another ticket (or none), the command is refused with
 * `TICKET_CHANGED`, so a key pressed twice never acts on the next citizen.
 */
export const CounterAction = z.object({ counterId: CounterId, ticketId: TicketId.optional() });
export type CounterAction = z.infer<typeof CounterAction>;

export const PauseAction = CounterAction.extend({ reason: z.string().trim().min(1).max(200) });
export type PauseAction = z.infer<typeof PauseAction>;

/** Call a given number out of order (e.g. a citizen who came back). */
export const CallNumberAction = CounterAction.extend({
  displayNumber: z.string().trim().min(1).max(16),
  serviceId: ServiceId.optional(),
});
export type CallNumberAction = z.infer<typeof CallNumberAction>;

/**
 * Where a transfer sends a ticket: another service (optionally to one counter of it alone), or
 * one counter in the ticket's own service.
 */
export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), serviceId: ServiceId, counterId: CounterId.optional() }),
  z.object({ kind: z.literal('counter'), counterId: CounterId }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/**
 * Transfer the counter's ticket in hand (or, by `ticketId`, a waiting ticket) keeping its number
 * and original issue time.
 */
export const TransferAction = CounterAction.extend({
  target: TransferTarget,
  /** Front of its priority class, back of the queue, or by original issue time (default). */
  position: z.enum(['front', 'back', 'original']).default('original'),
  /** Set or clear the priority category; absent keeps it. */
  priority: PriorityCategory.nullable().optional(),
});
export type TransferAction = z.infer<typeof TransferAction>;

/** An action on a ticket by id (bring a no-show back, cancel, hold, note). */
export const TicketAction = z.object({ ticketId: TicketId });
export type TicketAction = z.infer<typeof TicketAction>;

export const HoldAction = TicketAction.extend({ hold: z.boolean() });
export type HoldAction = z.infer<typeof HoldAction>;

export const NoteAction = TicketAction.extend({ note: z.string().trim().max(500) });
export type NoteAction = z.infer<typeof NoteAction>;

/**
 * A citizen rates the service of one served ticket entry (the phone holds its id from the QR; the
 * counter's tablet got it when the officer finished). Reasons come from the centre's list; the
 * free text is optional and may hold personal data.
 */
export const RateAction = z.object({
  ticketId: TicketId,
  level: z.number().int().min(1).max(5),
  reasons: z.array(z.string().trim().min(1).max(60)).max(6).default([]),
  comment: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .default(null)
    .transform((c) => (c === '' ? null : c)),
});
export type RateAction = z.infer<typeof RateAction>;
