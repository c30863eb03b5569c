/**
 * What the rulebook reads (`QueueState`) and what it writes (`Changes`), and the `Draft` that
 * stages a command's writes over a state so that later steps of the same command (or of the same
 * batch) read them back. A draft never touches the state it is built on: the caller persists the
 * changes and applies them, or drops them.
 */
import type { BusinessDate, Counter, CounterId, Numbering, Rating, Service, ServiceId, Settings, Ticket, TicketId } from './model.js';
import { isInHand } from './states.js';

/** The live ticket states: the ones today's queue holds in memory. */
export function isLive(t: Pick<Ticket, 'state'>): boolean {
  return t.state === 'waiting' || t.state === 'called' || t.state === 'serving' || t.state === 'no_show';
}

/**
 * What is looked up off the hot path: tickets that left the live queue, numbers given today, ids
 * ever used. The server answers from SQLite; a model answers from its lists.
 */
export interface QueueHistory {
  /** A ticket no longer live (done, cancelled …), to tell "already done" from "no such ticket". */
  pastTicket(id: TicketId): Ticket | undefined;
  /** Whether a display number was already handed out today, by any service. */
  numberGiven(displayNumber: string): boolean;
  /** A number another service gave today that a numbering would give again, if any. */
  numberGivenIn(numbering: Numbering, exceptServiceId: ServiceId): { displayNumber: string; serviceId: ServiceId } | null;
  /** Whether a service or counter id was ever used, deleted ones included: ids are never reused. */
  idEverUsed(kind: 'service' | 'counter', id: string): boolean;
  /** Whether a served ticket entry was already rated. */
  rated(id: TicketId): boolean;
}

/** The queue as the rulebook reads it. */
export interface QueueState {
  readonly today: BusinessDate;
  readonly settings: Settings;
  /** The next queue tie-breaker: strictly increasing, so tickets of one millisecond keep order. */
  readonly nextTie: number;
  service(id: ServiceId): Service | undefined;
  services(): Iterable<Service>;
  counter(id: CounterId): Counter | undefined;
  counters(): Iterable<Counter>;
  /** A live ticket (waiting, called, serving, no-show). */
  ticket(id: TicketId): Ticket | undefined;
  liveTickets(): Iterable<Ticket>;
  /** The waiting tickets of one service (held ones included). */
  waitingOf(serviceId: ServiceId): Iterable<Ticket>;
  /** Waiting tickets transferred to one counter alone. */
  targetedAt(counterId: CounterId): Iterable<Ticket>;
  /** The ticket a counter has called or is serving. */
  inHandOf(counterId: CounterId): Ticket | undefined;
  /** Today's last number of a service; null before its first ticket of the day. */
  lastNumber(serviceId: ServiceId): number | null;
  readonly history: QueueHistory;
}

/** One event row, as the rulebook writes it; the store gives it its seq. */
export interface DomainEvent {
  type: string;
  at: number;
  businessDate: BusinessDate;
  actor: string;
  ticketId?: TicketId | null;
  serviceId?: ServiceId | null;
  counterId?: CounterId | null;
  data?: unknown;
  /** A call or recall: the displays announce it (its `callId` is the event's seq). */
  call?: { ticket: Ticket; counter: Counter; recall: boolean };
}

/** A ticket to write: new (with the request that took it) or changed (by an officer or not). */
export interface TicketWrite {
  ticket: Ticket;
  created: boolean;
  requestId: string | null;
  deviceId: string | null;
  officerId: string | null;
}

export interface ServiceWrite {
  service: Service;
  /** Only the learned average changed (a done ticket), not the configuration. */
  averageOnly: boolean;
}

export interface QueueWarning {
  kind: 'numbering_overflow';
  serviceId: ServiceId;
  message: string;
}

/** Everything one decision (or a batch of them) changes. */
export interface Changes {
  tickets: TicketWrite[];
  counters: Counter[];
  services: ServiceWrite[];
  removedServiceIds: ServiceId[];
  removedCounterIds: CounterId[];
  settings: Settings | null;
  /** Today's last number per service that issued. */
  numbers: { serviceId: ServiceId; number: number }[];
  nextTie: number;
  /** The business day turned to this date. */
  dayTurnedTo: BusinessDate | null;
  events: DomainEvent[];
  warnings: QueueWarning[];
  /** Citizens' ratings given. */
  ratings: Rating[];
}

/** The writes of one command (or batch), read back through the state they are staged over. */
export class Draft implements QueueState {
  private readonly ticketWrites = new Map<TicketId, TicketWrite>();
  private readonly counterWrites = new Map<CounterId, Counter>();
  private readonly serviceWrites = new Map<ServiceId, ServiceWrite>();
  private readonly removedServices = new Set<ServiceId>();
  private readonly removedCounters = new Set<CounterId>();
  private readonly numbers = new Map<ServiceId, number>();
  private readonly events: DomainEvent[] = [];
  private readonly warnings: QueueWarning[] = [];
  private readonly ratings = new Map<TicketId, Rating>();
  private newSettings: Settings | null = null;
  private turnedTo: BusinessDate | null = null;
  private tie: number;
  readonly history: QueueHistory;

  constructor(private readonly base: QueueState) {
    this.tie = base.nextTie;
    const staged = this.ticketWrites;
    this.history = {
      pastTicket: (id) => {
        const w = staged.get(id);
        return w && !isLive(w.ticket) ? w.ticket : base.history.pastTicket(id);
      },
      numberGiven: (n) => {
        for (const w of staged.values()) if (w.created && w.ticket.transferredFromId === null && w.ticket.displayNumber === n) return true;
        return base.history.numberGiven(n);
      },
      numberGivenIn: (numbering, except) => base.history.numberGivenIn(numbering, except),
      idEverUsed: (kind, id) =>
        (kind === 'service' ? this.serviceWrites.has(id as ServiceId) : this.counterWrites.has(id as CounterId)) ||
        base.history.idEverUsed(kind, id),
      rated: (id) => this.ratings.has(id) || base.history.rated(id),
    };
  }

  // ------------------------------------------------------------------ reading

  get today(): BusinessDate {
    return this.turnedTo ?? this.base.today;
  }

  get settings(): Settings {
    return this.newSettings ?? this.base.settings;
  }

  get nextTie(): number {
    return this.tie;
  }

  service(id: ServiceId): Service | undefined {
    if (this.removedServices.has(id)) return undefined;
    return this.serviceWrites.get(id)?.service ?? this.base.service(id);
  }

  *services(): Iterable<Service> {
    for (const s of this.base.services()) if (!this.serviceWrites.has(s.id) && !this.removedServices.has(s.id)) yield s;
    for (const w of this.serviceWrites.values()) if (!this.removedServices.has(w.service.id)) yield w.service;
  }

  counter(id: CounterId): Counter | undefined {
    if (this.removedCounters.has(id)) return undefined;
    return this.counterWrites.get(id) ?? this.base.counter(id);
  }

  *counters(): Iterable<Counter> {
    for (const c of this.base.counters()) if (!this.counterWrites.has(c.id) && !this.removedCounters.has(c.id)) yield c;
    for (const c of this.counterWrites.values()) if (!this.removedCounters.has(c.id)) yield c;
  }

  ticket(id: TicketId): Ticket | undefined {
    const w = this.ticketWrites.get(id);
    if (w) return isLive(w.ticket) ? w.ticket : undefined;
    return this.base.ticket(id);
  }

  liveTickets(): Iterable<Ticket> {
    return this.overlay(this.base.liveTickets(), () => true);
  }

  waitingOf(serviceId: ServiceId): Iterable<Ticket> {
    return this.overlay(this.base.waitingOf(serviceId), (t) => t.state === 'waiting' && t.serviceId === serviceId);
  }

  targetedAt(counterId: CounterId): Iterable<Ticket> {
    return this.overlay(this.base.targetedAt(counterId), (t) => t.state === 'waiting' && t.targetCounterId === counterId);
  }

  inHandOf(counterId: CounterId): Ticket | undefined {
    for (const w of this.ticketWrites.values()) {
      if (w.ticket.counterId === counterId && isInHand(w.ticket.state)) return w.ticket;
    }
    const t = this.base.inHandOf(counterId);
    return t && !this.ticketWrites.has(t.id) ? t : undefined;
  }

  lastNumber(serviceId: ServiceId): number | null {
    return this.numbers.get(serviceId) ?? this.base.lastNumber(serviceId);
  }

  /** The base's tickets with staged ones in their place, plus staged ones that now match. */
  private *overlay(base: Iterable<Ticket>, match: (t: Ticket) => boolean): Iterable<Ticket> {
    for (const t of base) if (!this.ticketWrites.has(t.id)) yield t;
    for (const w of this.ticketWrites.values()) if (isLive(w.ticket) && match(w.ticket)) yield w.ticket;
  }

  // ------------------------------------------------------------------ writing

  /** The next tie-breaker, taken. */
  takeTie(): number {
    return this.tie++;
  }

  putTicket(ticket: Ticket, how: { officerId?: string | null; created?: boolean; requestId?: string | null; deviceId?: string | null } = {}): void {
    const earlier = this.ticketWrites.get(ticket.id);
    this.ticketWrites.set(ticket.id, {
      ticket,
      created: earlier?.created ?? how.created ?? false,
      requestId: earlier?.requestId ?? how.requestId ?? null,
      deviceId: earlier?.deviceId ?? how.deviceId ?? null,
      officerId: how.officerId ?? earlier?.officerId ?? null,
    });
  }

  putCounter(c: Counter): void {
    this.counterWrites.set(c.id, c);
    this.removedCounters.delete(c.id);
  }

  putService(s: Service, averageOnly = false): void {
    const earlier = this.serviceWrites.get(s.id);
    this.serviceWrites.set(s.id, { service: s, averageOnly: averageOnly && (earlier?.averageOnly ?? true) });
    this.removedServices.delete(s.id);
  }

  removeService(id: ServiceId): void {
    this.serviceWrites.delete(id);
    this.removedServices.add(id);
  }

  removeCounter(id: CounterId): void {
    this.counterWrites.delete(id);
    this.removedCounters.add(id);
  }

  putSettings(s: Settings): void {
    this.newSettings = s;
  }

  setLastNumber(serviceId: ServiceId, n: number): void {
    this.numbers.set(serviceId, n);
  }

  turnDay(date: BusinessDate): void {
    this.turnedTo = date;
  }

  putRating(r: Rating): void {
    this.ratings.set(r.ticketId, r);
  }

  event(e: DomainEvent): void {
    this.events.push(e);
  }

  warn(w: QueueWarning): void {
    this.warnings.push(w);
  }

  /** Everything staged, in the order it was written. */
  changes(): Changes {
    return {
      tickets: [...this.ticketWrites.values()],
      counters: [...this.counterWrites.values()],
      services: [...this.serviceWrites.values()],
      removedServiceIds: [...this.removedServices],
      removedCounterIds: [...this.removedCounters],
      settings: this.newSettings,
      numbers: [...this.numbers].map(([serviceId, number]) => ({ serviceId, number })),
      nextTie: this.tie,
      dayTurnedTo: this.turnedTo,
      events: [...this.events],
      warnings: [...this.warnings],
      ratings: [...this.ratings.values()],
    };
  }

  /** Stage another draft's changes (made over this one) on top of this one: a batch grows. */
  merge(c: Changes): void {
    if (c.dayTurnedTo) this.turnDay(c.dayTurnedTo);
    if (c.settings) this.putSettings(c.settings);
    for (const id of c.removedServiceIds) this.removeService(id);
    for (const id of c.removedCounterIds) this.removeCounter(id);
    for (const w of c.services) this.putService(w.service, w.averageOnly);
    for (const x of c.counters) this.putCounter(x);
    for (const w of c.tickets) this.putTicket(w.ticket, w);
    for (const n of c.numbers) this.setLastNumber(n.serviceId, n.number);
    this.tie = Math.max(this.tie, c.nextTie);
    this.events.push(...c.events);
    this.warnings.push(...c.warnings);
    for (const r of c.ratings) this.putRating(r);
  }
}
