/**
 * The Socket.IO event maps, one per namespace, passed as generics to `new Server<…>()` and
 * `io<…>()`. Client → server maps are derived from the tables in tables.ts: each event takes the
 * input of its schema and acks with its table's answer.
 */
import type { z } from 'zod';
import type { Ack } from './errors.js';
import type { BoardRatings } from './reports.js';
import type { Delta, DisplaySnapshot, KioskSnapshot, StaffSnapshot, PublicTicketStatus, RatingTabletState, TicketPrinted } from './views.js';
import type {
  DISPLAY_EVENTS,
  DisplayAcks,
  KIOSK_EVENTS,
  KioskAcks,
  PUBLIC_EVENTS,
  PublicAcks,
  RATING_EVENTS,
  RatingAcks,
  STAFF_EVENTS,
  StaffAcks,
} from './tables.js';

/** The callback that answers a command. */
export type AckFn<T> = (ack: Ack<T>) => void;

/** A client → server map: every event of a table takes its schema's input and its ack. */
export type ClientEvents<S extends Record<string, z.ZodType>, A extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: (payload: z.input<S[K]>, ack: AckFn<A[K]>) => void;
};

/** `/kiosk`: touch kiosks and browser kiosks. */
export type KioskClientEvents = ClientEvents<typeof KIOSK_EVENTS, KioskAcks>;
export interface KioskServerEvents {
  snapshot: (s: KioskSnapshot) => void;
  delta: (d: Delta) => void;
  /** The outcome of a ticket the server answered with `print: printing`. */
  'ticket:printed': (r: TicketPrinted) => void;
}

/** `/display`: wall and counter displays. Calls arrive in the delta, at once. */
export type DisplayClientEvents = ClientEvents<typeof DISPLAY_EVENTS, DisplayAcks>;
export interface DisplayServerEvents {
  snapshot: (s: DisplaySnapshot) => void;
  delta: (d: Delta) => void;
}

/** `/staff`: officers, managers and admins (signed in). */
export type StaffClientEvents = ClientEvents<typeof STAFF_EVENTS, StaffAcks>;
export interface StaffServerEvents {
  snapshot: (s: StaffSnapshot) => void;
  delta: (d: Delta) => void;
  /** A manager alert (long wait, printer fault, numbering past its range). */
  alert: (a: Alert) => void;
  /** Today's citizens' ratings for the board, whenever a rating comes (see `BoardRatings`). */
  'ratings:today': (r: BoardRatings) => void;
}

/** `/public`: a citizen's phone following its ticket. */
export type PublicClientEvents = ClientEvents<typeof PUBLIC_EVENTS, PublicAcks>;
export interface PublicServerEvents {
  'ticket:status': (s: PublicTicketStatus) => void;
}

/** `/rating`: a counter's rating tablet; `state` comes on connect and whenever its counter moves. */
export type RatingClientEvents = ClientEvents<typeof RATING_EVENTS, RatingAcks>;
export interface RatingServerEvents {
  state: (s: RatingTabletState) => void;
}

/** A manager alert on the board. */
export interface Alert {
  kind: 'long_wait' | 'printer' | 'numbering_overflow' | 'device' | 'no_counter' | 'storage' | 'settings' | 'integrity' | 'backup';
  level: 'warning' | 'error' | 'info';
  message: string;
  at: number;
  serviceId?: string;
  deviceId?: string;
  /** The server-kept alert of today this is (see queue-server/src/alerts): its id and life. */
  id?: number;
  startedAt?: number;
  /** When the condition ended (printer back, wait under the threshold …); null while it lasts. */
  endedAt?: number | null;
  /** Who acknowledged it on the board, and when. */
  ackedBy?: string | null;
  ackedAt?: number | null;
}

/** Names of the staff commands, for tables that map each to a handler. */
export type StaffCommandName = Exclude<keyof StaffClientEvents, 'sync:snapshot'>;
