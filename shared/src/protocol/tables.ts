/**
 * Every client → server Socket.IO event, namespace by namespace: its payload schema and what its
 * ack carries. The event maps in events.ts are derived from these tables, and the server registers
 * handlers through them, so an event can't be wired to another event's schema, a handler can't
 * answer with another event's ack, and a new event can't be left out of the checks that iterate
 * the tables (role matrix, fuzzing).
 */
import { z } from 'zod';
import { TicketId } from '../domain/model.js';
import { RateAction } from '../domain/commands.js';
import {
  CallNumberCmd,
  CheckInCmd,
  CounterCmd,
  FindAppointmentCmd,
  ResultsCheckInCmd,
  HoldTicketCmd,
  IssueTicketCmd,
  NoteTicketCmd,
  PauseCounterCmd,
  TicketCmd,
  TransferCmd,
} from './commands.js';
import type {
  AppointmentWindow,
  CheckedIn,
  ResultsTicket,
  CounterResult,
  DisplaySnapshot,
  IssuedTicket,
  KioskSnapshot,
  PublicTicketStatus,
  RatingReceipt,
  RatingTabletState,
  StaffSnapshot,
} from './views.js';
import type { Ticket } from '../domain/model.js';

/** `sync:snapshot`: ask for a fresh snapshot (after a seq gap). Any object is accepted. */
export const SyncSnapshotCmd = z.object({}).passthrough().optional().transform(() => ({}));

/** A kiosk's own printer failed or recovered; the manager's board shows it. */
export const PrinterStatusReport = z.object({
  ok: z.boolean(),
  code: z.string().max(64).optional(),
  message: z.string().max(300).optional(),
});
export type PrinterStatusReport = z.infer<typeof PrinterStatusReport>;

/** A phone follows one ticket by its unguessable id. */
export const TrackTicketCmd = z.object({ ticketId: TicketId });
export type TrackTicketCmd = z.infer<typeof TrackTicketCmd>;

/** `/kiosk`: touch kiosks and browser kiosks. */
export const KIOSK_EVENTS = {
  'sync:snapshot': SyncSnapshotCmd,
  'ticket:issue': IssueTicketCmd,
  'appointment:checkIn': CheckInCmd,
  'appointment:find': FindAppointmentCmd,
  'results:checkIn': ResultsCheckInCmd,
  'kiosk:printerStatus': PrinterStatusReport,
} as const satisfies Record<keyof KioskAcks, z.ZodType>;
export interface KioskAcks {
  'sync:snapshot': KioskSnapshot;
  'ticket:issue': IssuedTicket;
  'appointment:checkIn': CheckedIn;
  'appointment:find': AppointmentWindow;
  'results:checkIn': ResultsTicket;
  'kiosk:printerStatus': null;
}

/** `/display`: wall and counter displays. */
export const DISPLAY_EVENTS = {
  'sync:snapshot': SyncSnapshotCmd,
} as const satisfies Record<keyof DisplayAcks, z.ZodType>;
export interface DisplayAcks {
  'sync:snapshot': DisplaySnapshot;
}

/** `/staff`: officers, managers and admins, signed in. */
export const STAFF_EVENTS = {
  'sync:snapshot': SyncSnapshotCmd,
  'counter:open': CounterCmd,
  'counter:pause': PauseCounterCmd,
  'counter:resume': CounterCmd,
  'counter:close': CounterCmd,
  'counter:callNext': CounterCmd,
  'counter:doneAndCallNext': CounterCmd,
  'counter:callNumber': CallNumberCmd,
  'ticket:recall': CounterCmd,
  'ticket:start': CounterCmd,
  'ticket:done': CounterCmd,
  'ticket:noShow': CounterCmd,
  'ticket:transfer': TransferCmd,
  'ticket:requeue': TicketCmd,
  'ticket:cancel': TicketCmd,
  'ticket:hold': HoldTicketCmd,
  'ticket:note': NoteTicketCmd,
} as const satisfies Record<keyof StaffAcks, z.ZodType>;
export interface StaffAcks {
  'sync:snapshot': StaffSnapshot;
  'counter:open': CounterResult;
  'counter:pause': CounterResult;
  'counter:resume': CounterResult;
  'counter:close': CounterResult;
  'counter:callNext': CounterResult;
  'counter:doneAndCallNext': CounterResult;
  'counter:callNumber': CounterResult;
  'ticket:recall': CounterResult;
  'ticket:start': CounterResult;
  'ticket:done': CounterResult;
  'ticket:noShow': CounterResult;
  'ticket:transfer': { ticket: Ticket };
  'ticket:requeue': { ticket: Ticket };
  'ticket:cancel': { ticket: Ticket };
  'ticket:hold': { ticket: Ticket };
  'ticket:note': { ticket: Ticket };
}

/** `/public`: a citizen's phone following its ticket. */
export const PUBLIC_EVENTS = {
  'ticket:track': TrackTicketCmd,
  'ticket:rate': RateAction,
} as const satisfies Record<keyof PublicAcks, z.ZodType>;
export interface PublicAcks {
  'ticket:track': PublicTicketStatus;
  /** Rate a served ticket entry named in the status's `visits`. */
  'ticket:rate': RatingReceipt;
}

/** `/rating`: a counter's rating tablet (a paired device). */
export const RATING_EVENTS = {
  'sync:snapshot': SyncSnapshotCmd,
  'ticket:rate': RateAction,
} as const satisfies Record<keyof RatingAcks, z.ZodType>;
export interface RatingAcks {
  'sync:snapshot': RatingTabletState;
  'ticket:rate': RatingReceipt;
}

/** Every namespace's client events, for checks that must cover them all. */
export const CLIENT_EVENT_SCHEMAS = {
  kiosk: KIOSK_EVENTS,
  display: DISPLAY_EVENTS,
  staff: STAFF_EVENTS,
  public: PUBLIC_EVENTS,
  rating: RATING_EVENTS,
} as const;
export type NamespaceName = keyof typeof CLIENT_EVENT_SCHEMAS;
