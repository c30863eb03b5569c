/**
 * The Socket.IO event maps, one per namespace, passed as generics to `new Server<…>()` and
 * `io<…>()`. Every client → server event takes a payload (unknown until parsed) and an ack.
 */
import type { Ack } from './errors.js';
import type {
  CallNumberCmd,
  CounterCmd,
  HoldTicketCmd,
  IssueTicketCmd,
  NoteTicketCmd,
  PauseCounterCmd,
  TicketCmd,
  TransferCmd,
} from './commands.js';
import type {
  CallView,
  CounterResult,
  Delta,
  DisplaySnapshot,
  IssuedTicket,
  KioskSnapshot,
  StaffSnapshot,
  PublicTicketStatus,
} from './views.js';
import type { Ticket } from '../domain/model.js';

type AckFn<T> = (ack: Ack<T>) => void;
type Cmd<P, R> = (payload: P, ack: AckFn<R>) => void;

/** Events every namespace's clients may send. */
export interface CommonClientEvents {
  /** Ask for a fresh snapshot (after a seq gap). */
  'sync:snapshot': (payload: Record<string, never>, ack: AckFn<unknown>) => void;
}

/** `/kiosk`: touch kiosks and browser kiosks. */
export interface KioskClientEvents extends CommonClientEvents {
  'ticket:issue': Cmd<IssueTicketCmd, IssuedTicket>;
  /** The kiosk's own printer failed or recovered; the manager's board shows it. */
  'kiosk:printerStatus': Cmd<{ ok: boolean; code?: string; message?: string }, null>;
}
export interface KioskServerEvents {
  snapshot: (s: KioskSnapshot) => void;
  delta: (d: Delta) => void;
}

/** `/display`: wall and counter displays. */
export type DisplayClientEvents = CommonClientEvents;
export interface DisplayServerEvents {
  snapshot: (s: DisplaySnapshot) => void;
  delta: (d: Delta) => void;
  /** Also in the delta; sent on its own so a display can start the chime at once. */
  call: (c: CallView) => void;
}

/** `/staff`: officers, managers and admins (signed in). */
export interface StaffClientEvents extends CommonClientEvents {
  'counter:open': Cmd<CounterCmd, CounterResult>;
  'counter:pause': Cmd<PauseCounterCmd, CounterResult>;
  'counter:resume': Cmd<CounterCmd, CounterResult>;
  'counter:close': Cmd<CounterCmd, CounterResult>;
  'counter:callNext': Cmd<CounterCmd, CounterResult>;
  'counter:doneAndCallNext': Cmd<CounterCmd, CounterResult>;
  'counter:callNumber': Cmd<CallNumberCmd, CounterResult>;
  'ticket:recall': Cmd<CounterCmd, CounterResult>;
  'ticket:start': Cmd<CounterCmd, CounterResult>;
  'ticket:done': Cmd<CounterCmd, CounterResult>;
  'ticket:noShow': Cmd<CounterCmd, CounterResult>;
  'ticket:transfer': Cmd<TransferCmd, { ticket: Ticket }>;
  'ticket:requeue': Cmd<TicketCmd, { ticket: Ticket }>;
  'ticket:cancel': Cmd<TicketCmd, { ticket: Ticket }>;
  'ticket:hold': Cmd<HoldTicketCmd, { ticket: Ticket }>;
  'ticket:note': Cmd<NoteTicketCmd, { ticket: Ticket }>;
}
export interface StaffServerEvents {
  snapshot: (s: StaffSnapshot) => void;
  delta: (d: Delta) => void;
  call: (c: CallView) => void;
  /** A manager alert (long wait, printer fault, numbering past its range). */
  alert: (a: Alert) => void;
}

/** `/public`: a citizen's phone following its ticket. */
export interface PublicClientEvents {
  'ticket:track': Cmd<{ ticketId: string }, PublicTicketStatus>;
}
export interface PublicServerEvents {
  'ticket:status': (s: PublicTicketStatus) => void;
}

export interface Alert {
  kind: 'long_wait' | 'printer' | 'numbering_overflow' | 'device' | 'storage' | 'settings' | 'integrity' | 'backup';
  level: 'warning' | 'error' | 'info';
  message: string;
  at: number;
  serviceId?: string;
  deviceId?: string;
}

/** Names of the staff commands, for tables that map each to a handler. */
export type StaffCommandName = Exclude<keyof StaffClientEvents, 'sync:snapshot'>;
