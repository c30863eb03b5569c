/**
 * The queue engine of one centre: glue around the rulebook. Every command goes
 *
 *   business day → idempotency → decide (shared rulebook) → one transaction → live queue → listeners
 *
 * The rules are in `shared/src/domain/rules/`; this file decides nothing. Memory changes only
 * after the transaction commits, so a failed write changes nothing, and Node runs one command at
 * a time, so two commands never interleave.
 */
import {
  type Actor,
  type Appointment,
  type CheckInCmd,
  type CheckInOutcome,
  type BusinessDate,
  type CallNumberCmd,
  type CallView,
  type Changes,
  type Counter,
  type CounterCmd,
  type CounterId,
  type CounterCommandType,
  type CounterOutcome,
  type CounterResult,
  type CounterView,
  type DomainEvent,
  type HoldTicketCmd,
  type IssueTicketCmd,
  type NoteTicketCmd,
  type PauseCounterCmd,
  type PublicTicketStatus,
  type QueueCommand,
  type RateAction,
  type Rating,
  type ResultOf,
  type Service,
  type ServiceId,
  type ServiceStats,
  type Settings,
  type Ticket,
  type TicketCmd,
  type TicketId,
  type TransferCmd,
  type UserId,
  Draft,
  LaysoError,
  actorKey,
  decide,
  estimateWaitMinutes,
  isInHand,
  isIssuing,
  PHONE_RATING_WINDOW_MS,
  servedAtCounter,
} from '@layso/shared';
import type { Db } from '../store/open-db.js';
import type { CatalogRepo } from '../store/catalog-repo.js';
import type { TicketRepo } from '../store/ticket-repo.js';
import type { EventRepo } from '../store/event-repo.js';
import { AdminRepo } from '../store/admin-repo.js';
import { AppointmentRepo } from '../store/appointment-repo.js';
import { ResultsRepo } from '../store/results-repo.js';
import { sqliteHistory } from '../store/queue-history.js';
import { RatingRepo } from '../store/rating-repo.js';
import { LiveQueue, callView } from './live-queue.js';
import { GroupCommit, UnitOfWork } from './unit-of-work.js';
import { Idempotency } from './idempotency.js';
import { BusinessDay } from './business-day.js';
import { SYSTEM, kioskActor } from './access.js';
import { storageError } from '../store/faults.js';

export type { Actor } from '@layso/shared';

export interface Clock {
  now(): number;
}

export interface IdSource {
  /** 128 random bits, base64url: unguessable, it keys the public tracking link. */
  ticketId(): TicketId;
}

/** A taken number and where it stands. */
export interface IssueOutcome {
  ticket: Ticket;
  peopleAhead: number;
  estimateMinutes: number | null;
  replayed: boolean;
}

/** A check-in's ticket, where it stands, and how the check-in went. */
export interface CheckInAnswer extends IssueOutcome {
  outcome: CheckInOutcome;
  appointment: Appointment;
}

/** What one committed command changed; the app turns it into role-filtered deltas. */
export interface Change {
  prevSeq: number;
  seq: number;
  tickets: Ticket[];
  counterIds: CounterId[];
  /** Services whose live figures (waiting, estimate) may have changed. */
  serviceIds: ServiceId[];
  /** Services whose configuration changed (admin edit, learned average). */
  savedServiceIds: ServiceId[];
  removedServiceIds: ServiceId[];
  removedCounterIds: CounterId[];
  calls: CallView[];
  settingsChanged: boolean;
  dayChanged: boolean;
  warnings: Changes['warnings'];
  /** Citizens' ratings given (their free text included: never log a change). */
  ratings: Rating[];
}

export interface EngineDeps {
  db: Db;
  catalog: CatalogRepo;
  tickets: TicketRepo;
  events: EventRepo;
  clock: Clock;
  ids: IdSource;
  /** A staff member's display name, for the counter views. */
  officerName: (id: UserId) => string | null;
  /** Where a write that failed for a reason of its own (not a rule) is reported. */
  onWriteError?: (e: unknown) => void;
}

const RECENT_CALLS = 30;

type TicketCommandType = 'ticket.transfer' | 'ticket.requeue' | 'ticket.cancel' | 'ticket.hold' | 'ticket.note';

/** The services a kiosk of one reception area offers; null: every service. */
export type KioskArea = readonly ServiceId[] | null;

interface KioskIssue {
  cmd: IssueTicketCmd;
  deviceId: string;
  area?: KioskArea;
}

export class QueueEngine {
  readonly live: LiveQueue;
  /** Bookings (the booking routes write them; check-in changes them through the rulebook). */
  readonly appointments: AppointmentRepo;
  /** Dossier results ready for pickup (see store/results-repo.ts). */
  readonly results: ResultsRepo;
  private readonly uow: UnitOfWork;
  private readonly idem: Idempotency;
  private readonly day: BusinessDay;
  private seq: number;
  private readonly listeners: ((c: Change) => void)[] = [];
  private readonly kioskIssues = new GroupCommit<KioskIssue, IssueOutcome>((items) => this.issueBatch(items));

  private readonly ratings: RatingRepo;

  constructor(private readonly deps: EngineDeps) {
    this.ratings = new RatingRepo(deps.db);
    const settings = deps.catalog.settings();
    if (!settings) throw new Error('the centre has no settings: run `layso init` or start the demo');
    this.day = new BusinessDay(() => this.live.settings);
    const appointments = new AppointmentRepo(deps.db);
    this.appointments = appointments;
    this.results = new ResultsRepo(deps.db, () => this.live.settings.centreId);
    const today = new BusinessDay(() => settings).dateOf(deps.clock.now());
    this.live = new LiveQueue({
      settings,
      today,
      services: deps.catalog.services(),
      counters: deps.catalog.counters(),
      tickets: deps.tickets.live(),
      nextTie: deps.tickets.nextTie(),
      recentCalls: [],
      history: sqliteHistory(deps.tickets, new AdminRepo(deps.db), this.ratings, () => this.live.today),
      loadLastNumber: (serviceId, date) => deps.tickets.lastNumber(serviceId, date),
      loadAppointment: (code) => appointments.byCode(code) ?? undefined,
    });
    for (const call of this.loadRecentCalls(today)) this.live.apply(callChanges(call, this.live), [call.seq]);
    this.uow = new UnitOfWork({ db: deps.db, catalog: deps.catalog, tickets: deps.tickets, events: deps.events, ratings: this.ratings, appointments, centreId: () => this.live.settings.centreId });
    this.idem = new Idempotency(deps.events, deps.tickets);
    this.seq = deps.events.lastSeq();
    this.ensureDay();
  }

  // ---------------------------------------------------------------- reading

  onChange(fn: (c: Change) => void): void {
    this.listeners.push(fn);
  }

  get lastSeq(): number {
    return this.seq;
  }

  get businessDate(): BusinessDate {
    return this.live.today;
  }

  getSettings(): Settings {
    return this.live.settings;
  }

  listServices(): Service[] {
    return [...this.live.services()].sort((a, b) => a.sortOrder - b.sortOrder);
  }

  listCounters(): Counter[] {
    return [...this.live.counters()].sort((a, b) => a.number - b.number);
  }

  getService(id: ServiceId): Service | undefined {
    return this.live.service(id);
  }

  getCounter(id: CounterId): Counter | undefined {
    return this.live.counter(id);
  }

  liveTickets(): Ticket[] {
    return [...this.live.liveTickets()];
  }

  calls(): CallView[] {
    return this.live.recentCalls();
  }

  counterView(c: Counter, inHand: Ticket | null = this.live.inHandOf(c.id) ?? null): CounterView {
    return {
      ...c,
      officerName: c.officerId ? this.deps.officerName(c.officerId) : null,
      inHand: inHand
        ? {
            id: inHand.id,
            displayNumber: inHand.displayNumber,
            serviceId: inHand.serviceId,
            state: inHand.state,
            priority: inHand.priority,
            calledAt: inHand.calledAt,
            startedAt: inHand.startedAt,
          }
        : null,
    };
  }

  counterViews(): CounterView[] {
    return this.listCounters().map((c) => this.counterView(c));
  }

  stats(serviceId: ServiceId): ServiceStats {
    const service = this.live.service(serviceId);
    const { waiting, waitingPriority, oldest } = this.live.waitingCount(serviceId);
    const openCounters = this.live.openCountersFor(serviceId);
    return {
      serviceId,
      waiting,
      waitingPriority,
      openCounters,
      estimateMinutes: service ? estimateWaitMinutes({ peopleAhead: waiting, avgServiceSec: service.avgServiceSec, openCounters }) : null,
      oldestWaitingSince: oldest,
      issuing: service ? this.isIssuing(service) : false,
    };
  }

  allStats(): ServiceStats[] {
    return this.listServices().map((s) => this.stats(s.id));
  }

  isIssuing(s: Service): boolean {
    return isIssuing(this.live, s, this.deps.clock.now());
  }

  /** What a citizen's phone may see; a transferred ticket is followed to its new entry. */
  publicStatus(id: string): PublicTicketStatus | null {
    let t: Ticket | null = this.live.ticket(id as TicketId) ?? this.deps.tickets.byId(id);
    if (!t) return null;
    const chain: Ticket[] = [t];
    for (let hops = 0; t.state === 'transferred' && hops < 20; hops++) {
      const next: Ticket | null = this.live.successorOf(t.id) ?? this.deps.tickets.successorOf(t.id);
      if (!next) break;
      t = next;
      chain.push(t);
    }
    const now = this.deps.clock.now();
    const visits = chain.filter(servedAtCounter).map((e) => {
      const rated = this.ratings.rated(e.id);
      return {
        ticketId: e.id,
        counterNumber: (e.counterId && this.live.counter(e.counterId)?.number) || 0,
        rated,
        rateable: !rated && e.finishedAt !== null && now - e.finishedAt <= PHONE_RATING_WINDOW_MS,
      };
    });
    const service = this.live.service(t.serviceId);
    const counter = t.counterId ? this.live.counter(t.counterId) : undefined;
    const place = t.state === 'waiting' ? this.placeOf(t) : null;
    return {
      ticketId: id as TicketId,
      displayNumber: t.displayNumber,
      serviceId: t.serviceId,
      serviceNameVi: service?.nameVi ?? '',
      serviceNameEn: service?.nameEn ?? '',
      state: t.state,
      priority: t.priority,
      issuedAt: t.issuedAt,
      businessDate: t.businessDate,
      peopleAhead: place?.peopleAhead ?? null,
      estimateMinutes: place?.estimateMinutes ?? null,
      counterNumber: isInHand(t.state) && counter ? counter.number : null,
      centreNameVi: this.live.settings.centreNameVi,
      centreNameEn: this.live.settings.centreNameEn,
      visits,
      rating: this.live.settings.rating,
    };
  }

  /** The ticket an earlier issue with this request id gave, if any (a kiosk's retry). */
  issuedFor(requestId: string): Ticket | null {
    return this.idem.issued(requestId);
  }

  // ---------------------------------------------------------------- the command path

  /**
   * Decide a command and commit it: the one path every command takes. `remember` stores the
   * answer under a request id in the same transaction.
   */
  private commit<C extends QueueCommand, V>(
    command: C,
    actor: Actor,
    present: (result: ResultOf<C>) => V,
    remember?: { requestId: string },
  ): V {
    if (command.type !== 'day.turn') this.ensureDay();
    const now = this.deps.clock.now();
    const d = decide(this.live, command, { actor, now, newTicketId: () => this.deps.ids.ticketId() });
    if (!d.ok) throw new LaysoError(d.error.code, d.error.message);
    const changes = d.changes;
    let answer!: V;
    const seqs = this.uow.transaction(() => {
      const seqs = this.uow.write(changes, this.live.today, now);
      answer = present(d.result);
      if (remember) this.idem.remember(remember.requestId, command.type, actorKey(actor), answer, now);
      return seqs;
    });
    this.publish(changes, seqs);
    return answer;
  }

  /** Officer commands are idempotent: the same request id returns the first answer. */
  private once<C extends QueueCommand, V>(requestId: string, command: C, actor: Actor, present: (r: ResultOf<C>) => V): V {
    const earlier = this.idem.earlier<V>(requestId, command.type, actorKey(actor));
    if (earlier) return earlier.result;
    return this.commit(command, actor, present, { requestId });
  }

  /** Apply committed changes to memory and tell the listeners. */
  private publish(changes: Changes, seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    const prevSeq = this.seq;
    this.seq = seqs[seqs.length - 1]!;
    const dayChanged = changes.dayTurnedTo !== null;
    const calls = this.live.apply(changes, seqs);
    const serviceIds = new Set<ServiceId>();
    for (const w of changes.tickets) serviceIds.add(w.ticket.serviceId);
    for (const w of changes.services) serviceIds.add(w.service.id);
    // A counter opening or closing changes the estimate of each service it serves.
    for (const c of changes.counters) for (const s of c.serviceIds) serviceIds.add(s);
    const change: Change = {
      prevSeq,
      seq: this.seq,
      tickets: changes.tickets.map((w) => w.ticket),
      counterIds: changes.counters.map((c) => c.id),
      serviceIds: [...serviceIds].filter((id) => this.live.service(id) !== undefined),
      savedServiceIds: changes.services.map((w) => w.service.id),
      removedServiceIds: changes.removedServiceIds,
      removedCounterIds: changes.removedCounterIds,
      calls,
      settingsChanged: changes.settings !== null,
      dayChanged,
      warnings: changes.warnings,
      ratings: changes.ratings,
    };
    for (const fn of this.listeners) fn(change);
  }

  // ---------------------------------------------------------------- kiosk

  /**
   * Take a number from a kiosk, group-committed with the other kiosks' requests of this turn of
   * the event loop; answered once it is on disk.
   */
  issueQueued(cmd: IssueTicketCmd, deviceId: string, area: KioskArea = null): Promise<IssueOutcome> {
    return this.kioskIssues.submit({ cmd, deviceId, area });
  }

  /** Take a number. Idempotent on the request id: a retry returns the same ticket. */
  issue(cmd: IssueTicketCmd, deviceId: string, area: KioskArea = null): IssueOutcome {
    const [outcome] = this.issueBatch([{ cmd, deviceId, area }]);
    if (outcome instanceof LaysoError) throw outcome;
    return outcome!;
  }

  /**
   * Take several numbers in one transaction (group commit): one fsync serves many tickets, each
   * still durable before its answer leaves. Each request is decided over the ones before it and
   * written in a savepoint of its own, so each succeeds or fails on its own.
   */
  issueBatch(items: readonly KioskIssue[]): (IssueOutcome | LaysoError)[] {
    this.ensureDay();
    const now = this.deps.clock.now();
    const batch = new Draft(this.live);
    const seqs: number[] = [];
    const results: ({ ticket: Ticket; replayed: boolean } | LaysoError)[] = this.uow.transaction(() =>
      items.map(({ cmd, deviceId, area }) => {
        const earlier = this.idem.issued(cmd.requestId);
        if (earlier) {
          if (earlier.serviceId !== cmd.serviceId) {
            return new LaysoError('REQUEST_ID_REUSED', 'this request id already issued a ticket for another service');
          }
          return { ticket: batch.ticket(earlier.id) ?? earlier, replayed: true };
        }
        const d = decide(batch, { type: 'ticket.issue', requestId: cmd.requestId, deviceId, serviceId: cmd.serviceId, priority: cmd.priority }, {
          actor: kioskActor(deviceId, area),
          now,
          newTicketId: () => this.deps.ids.ticketId(),
        });
        if (!d.ok) return new LaysoError(d.error.code, d.error.message);
        try {
          seqs.push(...this.uow.transaction(() => this.uow.write(d.changes, batch.today, now)));
        } catch (e) {
          // SQLite ends the whole transaction itself on some errors (a full disk, I/O): then the
          // batch has nothing left to go on in, and fails as one (nothing of it was stored).
          if (!this.deps.db.inTransaction) throw e;
          // This request's savepoint rolled back; the others of the batch go on.
          if (e instanceof LaysoError) return e;
          this.deps.onWriteError?.(e);
          return storageError(e) ?? new LaysoError('INTERNAL', 'the ticket could not be stored; see the server log');
        }
        batch.merge(d.changes);
        return { ticket: d.result.ticket, replayed: false };
      }),
    );
    this.publish(batch.changes(), seqs);
    // Places are counted once the batch is in the live queue, so tickets of one batch count each
    // other; new tickets from the figures, retries by their own place.
    const fresh = results.filter((r): r is { ticket: Ticket; replayed: false } => !(r instanceof LaysoError) && !r.replayed).map((r) => r.ticket);
    const ahead = new Map(this.live.peopleAheadOfNew(fresh).map((n, i) => [fresh[i]!.id, n]));
    return results.map((r) => (r instanceof LaysoError ? r : { ...this.placeOf(r.ticket, ahead.get(r.ticket.id)), ...r }));
  }

  /**
   * Check a booking in at a kiosk (see rules/appointments.ts). Idempotent on the request id: a
   * retry returns the ticket the first check-in gave.
   */
  checkIn(cmd: CheckInCmd, deviceId: string, area: KioskArea = null): CheckInAnswer {
    this.ensureDay();
    const earlier = this.idem.issued(cmd.requestId);
    if (earlier) {
      const a = this.appointments.byCode(cmd.code);
      if (!a || a.ticketId !== earlier.id || (a.state !== 'kept' && a.state !== 'late' && a.state !== 'early')) {
        throw new LaysoError('REQUEST_ID_REUSED', 'this request id already issued another ticket');
      }
      const ticket = this.live.ticket(earlier.id) ?? earlier;
      return { ...this.placeOf(ticket), ticket, replayed: true, outcome: a.state, appointment: a };
    }
    const { requestId, code, priority, walkInIfEarly } = cmd;
    const r = this.commit({ type: 'appointment.checkIn', requestId, deviceId, code, priority, walkInIfEarly }, kioskActor(deviceId, area), (x) => x);
    const ticket = this.live.ticket(r.ticket.id) ?? r.ticket;
    return { ...this.placeOf(ticket), ticket, replayed: false, outcome: r.outcome, appointment: r.appointment };
  }

  // ---------------------------------------------------------------- counters and tickets

  /** A counter command, answered with the counter's view after it and the ticket it acted on. */
  private atCounter(requestId: string, command: QueueCommand & { type: CounterCommandType | 'counter.pause' | 'counter.callNumber' }, actor: Actor): CounterResult {
    return this.once(requestId, command, actor, (r) => {
      const o = r as CounterOutcome;
      const inHand = o.ticket && isInHand(o.ticket.state) && o.ticket.counterId === o.counter.id ? o.ticket : null;
      return { counter: this.counterView(o.counter, inHand), ticket: o.ticket };
    });
  }

  private onTicket(requestId: string, command: QueueCommand & { type: TicketCommandType }, actor: Actor): { ticket: Ticket } {
    return this.once(requestId, command, actor, (r) => r as { ticket: Ticket });
  }

  openCounter({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.open', ...a }, actor);
  }

  pauseCounter({ requestId, ...a }: PauseCounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.pause', ...a }, actor);
  }

  resumeCounter({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.resume', ...a }, actor);
  }

  closeCounter({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.close', ...a }, actor);
  }

  callNext({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.callNext', ...a }, actor);
  }

  /** "Done and call next": finishes the ticket in hand even when nobody waits. */
  doneAndCallNext({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.doneAndCallNext', ...a }, actor);
  }

  callNumber({ requestId, ...a }: CallNumberCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'counter.callNumber', ...a }, actor);
  }

  recall({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'ticket.recall', ...a }, actor);
  }

  start({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'ticket.start', ...a }, actor);
  }

  done({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'ticket.done', ...a }, actor);
  }

  noShow({ requestId, ...a }: CounterCmd, actor: Actor): CounterResult {
    return this.atCounter(requestId, { type: 'ticket.noShow', ...a }, actor);
  }

  transfer({ requestId, ...a }: TransferCmd, actor: Actor): { ticket: Ticket } {
    return this.onTicket(requestId, { type: 'ticket.transfer', ...a }, actor);
  }

  requeue({ requestId, ...a }: TicketCmd, actor: Actor): { ticket: Ticket } {
    return this.onTicket(requestId, { type: 'ticket.requeue', ...a }, actor);
  }

  cancel({ requestId, ...a }: TicketCmd, actor: Actor): { ticket: Ticket } {
    return this.onTicket(requestId, { type: 'ticket.cancel', ...a }, actor);
  }

  hold({ requestId, ...a }: HoldTicketCmd, actor: Actor): { ticket: Ticket } {
    return this.onTicket(requestId, { type: 'ticket.hold', ...a }, actor);
  }

  note({ requestId, ...a }: NoteTicketCmd, actor: Actor): { ticket: Ticket } {
    return this.onTicket(requestId, { type: 'ticket.note', ...a }, actor);
  }

  // ---------------------------------------------------------------- citizens' ratings

  /** A citizen rates one served ticket entry, from the phone or the counter's tablet. */
  rate(cmd: RateAction, actor: Actor): { rating: Rating } {
    return this.commit({ type: 'ticket.rate', ...cmd }, actor, (r) => r);
  }

  // ---------------------------------------------------------------- administration

  /** Replace the settings (validated by the caller); every client gets the change live. */
  updateSettings(next: Settings, actor: Actor): Settings {
    return this.commit({ type: 'settings.update', settings: next }, actor, (s) => s);
  }

  /** Add (a new id) or change a service; the catalog rules say what may not be. */
  putService(s: Service, actor: Actor, create = this.live.service(s.id) === undefined): Service {
    return this.commit({ type: 'service.save', service: s, create }, actor, (x) => x);
  }

  deleteService(id: ServiceId, actor: Actor): void {
    this.commit({ type: 'service.delete', serviceId: id }, actor, () => null);
  }

  /** Add (a new id) or change a counter's configuration; its live state is kept. */
  putCounterConfig(c: Counter, actor: Actor, create = this.live.counter(c.id) === undefined): Counter {
    return this.commit({ type: 'counter.save', counter: c, create }, actor, (x) => x);
  }

  deleteCounter(id: CounterId, actor: Actor): void {
    this.commit({ type: 'counter.delete', counterId: id }, actor, () => null);
  }

  /**
   * An administrative change outside the queue (a user, a device): `write` runs in the same
   * transaction as its event row, so every such change is in the audit log, or did not happen.
   */
  adminChange<R>(type: string, actor: Actor | string, write: () => R, data: (result: R) => unknown, refs?: (result: R) => Pick<DomainEvent, 'serviceId' | 'ticketId'>): R {
    return this.sideChange(actor, write, (r) => [{ type, data: data(r), ...refs?.(r) }]);
  }

  /**
   * A change outside the queue's rules (an admin's, a booking's) with its event rows, written in
   * one transaction; `actor` is an Actor or its key as written in the log (`apikey:<id>`).
   */
  sideChange<R>(actor: Actor | string, write: () => R, events: (result: R) => Omit<DomainEvent, 'at' | 'businessDate' | 'actor'>[]): R {
    const now = this.deps.clock.now();
    let result!: R;
    const key = typeof actor === 'string' ? actor : actorKey(actor);
    const seqs = this.uow.transaction(() => {
      result = write();
      const rows: DomainEvent[] = events(result).map((e) => ({ ...e, at: now, businessDate: this.live.today, actor: key }));
      return this.uow.write({ ...emptyChanges(this.live.nextTie), events: rows }, this.live.today, now);
    });
    this.publish({ ...emptyChanges(this.live.nextTie), events: [] }, seqs);
    return result;
  }

  /**
   * Start a new business day when the clock has passed the day start (and, once at start-up,
   * close what earlier days left live). Called before every command and by a timer.
   */
  ensureDay(): void {
    const date = this.day.due(this.live.today, this.deps.clock.now());
    if (date === null) return;
    this.commit({ type: 'day.turn', date }, SYSTEM, () => null);
    // Bookings of earlier days that nobody checked in are missed (not a queue rule: they hold no place).
    this.sideChange(SYSTEM, () => this.appointments.markMissed(this.live.today), (missed) =>
      missed.map((a) => ({ type: 'appointment.missed', serviceId: a.serviceId, data: { appointmentId: a.id, slotAt: a.slotAt, businessDate: a.businessDate } })));
    // Names and phone numbers whose retention ended are erased (Nghị định 13/2023).
    this.appointments.erasePersonal(this.deps.clock.now());
    this.day.swept(date);
    if (this.live.today === date) this.idem.forgetBefore(this.deps.clock.now() - 2 * 86_400_000);
  }

  // ---------------------------------------------------------------- internals

  private placeOf(t: Ticket, known?: number): { peopleAhead: number; estimateMinutes: number | null } {
    const ahead = known ?? (t.state === 'waiting' ? this.live.peopleAheadOf(t) : 0);
    const service = this.live.service(t.serviceId);
    return {
      peopleAhead: ahead,
      estimateMinutes: service
        ? estimateWaitMinutes({ peopleAhead: ahead, avgServiceSec: service.avgServiceSec, openCounters: this.live.openCountersFor(t.serviceId) })
        : null,
    };
  }

  private loadRecentCalls(today: BusinessDate): { seq: number; at: number; ticket: Ticket; counter: Counter; recall: boolean }[] {
    const rows = this.deps.db
      .prepare<[string, number], { seq: number; at: number; ticket_id: string; counter_id: string; type: string }>(
        `SELECT seq, at, ticket_id, counter_id, type FROM events
         WHERE business_date = ? AND type IN ('ticket.called', 'ticket.recalled')
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(today, RECENT_CALLS);
    const out = [];
    for (const r of rows.reverse()) {
      const ticket = this.live.ticket(r.ticket_id as TicketId) ?? this.deps.tickets.byId(r.ticket_id);
      const counter = this.live.counter(r.counter_id as CounterId);
      if (ticket && counter) out.push({ seq: r.seq, at: r.at, ticket, counter, recall: r.type === 'ticket.recalled' });
    }
    return out;
  }
}

function emptyChanges(nextTie: number): Changes {
  return {
    tickets: [],
    counters: [],
    services: [],
    removedServiceIds: [],
    removedCounterIds: [],
    settings: null,
    numbers: [],
    nextTie,
    dayTurnedTo: null,
    appointments: [],
    events: [],
    warnings: [],
    ratings: [],
  };
}

/** A past call read back at start-up, as a change that only lists it. */
function callChanges(c: { at: number; ticket: Ticket; counter: Counter; recall: boolean }, live: LiveQueue): Changes {
  return {
    ...emptyChanges(live.nextTie),
    events: [{ type: 'ticket.called', at: c.at, businessDate: live.today, actor: 'system', call: { ticket: c.ticket, counter: c.counter, recall: c.recall } }],
  };
}

export { callView };
