/**
 * The queue engine of one centre. It keeps today's live queue in memory and writes every command
 * as one synchronous SQLite transaction; memory changes only after the transaction commits, so a
 * failed write changes nothing. Node runs one command at a time, so two commands never interleave.
 */
import {
  type BusinessDate,
  type CallView,
  type CallNumberCmd,
  type Counter,
  type CounterCmd,
  type CounterId,
  type CounterResult,
  type CounterView,
  type HoldTicketCmd,
  type IssueTicketCmd,
  type NoteTicketCmd,
  type PauseCounterCmd,
  type PublicTicketStatus,
  type Role,
  type Service,
  type ServiceId,
  type ServiceStats,
  type Settings,
  type Ticket,
  type TicketCmd,
  type TicketId,
  type TransferCmd,
  type UserId,
  LaysoError,
  businessDateOf,
  canTransition,
  chooseNext,
  displayNumberOf,
  estimateWaitMinutes,
  isInHand,
  isPastRangeEnd,
  isWithinHours,
  learnServiceTime,
  nextNumber,
  numberingConflict,
  peopleAhead,
  streakAfter,
} from '@layso/shared';
import type { Db } from '../store/open-db.js';
import type { CatalogRepo } from '../store/catalog-repo.js';
import type { TicketRepo } from '../store/ticket-repo.js';
import type { EventRepo, EventInsert } from '../store/event-repo.js';

export interface Clock {
  now(): number;
}

export interface IdSource {
  /** 128 random bits, base64url: unguessable, it keys the public tracking link. */
  ticketId(): TicketId;
}

/** Who sends a command. Officers act on their own counter; managers and admins on any. */
export type Actor =
  | { kind: 'kiosk'; deviceId: string }
  | { kind: 'staff'; userId: UserId; role: Role }
  | { kind: 'system' };

function actorKey(a: Actor): string {
  if (a.kind === 'kiosk') return `kiosk:${a.deviceId}`;
  if (a.kind === 'staff') return `user:${a.userId}`;
  return 'system';
}

/** A taken number and where it stands. */
export interface IssueOutcome {
  ticket: Ticket;
  peopleAhead: number;
  estimateMinutes: number | null;
  replayed: boolean;
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
  warnings: { kind: 'numbering_overflow'; serviceId: ServiceId; message: string }[];
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
}

const RECENT_CALLS = 30;

/** Staged writes of one transaction, read back through the overlay before commit. */
class Tx {
  readonly tickets = new Map<TicketId, Ticket>();
  readonly counters = new Map<CounterId, Counter>();
  readonly services = new Map<ServiceId, Service>();
  readonly calls: CallView[] = [];
  readonly warnings: Change['warnings'] = [];
  readonly removedServices = new Set<ServiceId>();
  readonly removedCounters = new Set<CounterId>();
  lastSeq = 0;
  settings: Settings | null = null;
  dayChanged = false;
}

export class QueueEngine {
  private settings: Settings;
  private readonly services = new Map<ServiceId, Service>();
  private readonly counters = new Map<CounterId, Counter>();
  /** Live tickets (waiting, called, serving, no-show), keyed by id. */
  private readonly live = new Map<TicketId, Ticket>();
  /** The waiting tickets of each service: the figures and places a kiosk asks for on every ticket. */
  private readonly waitingBySvc = new Map<ServiceId, Map<TicketId, Ticket>>();
  /** The business date whose stale tickets were last looked for (a full scan, once a day). */
  private staleCheckedFor: BusinessDate | null = null;
  private readonly recentCalls: CallView[] = [];
  private seq: number;
  private tie: number;
  private today: BusinessDate;
  private tx: Tx | null = null;
  private readonly listeners: ((c: Change) => void)[] = [];

  constructor(private readonly deps: EngineDeps) {
    const settings = deps.catalog.settings();
    if (!settings) throw new Error('the centre has no settings: run `layso init` or start the demo');
    this.settings = settings;
    for (const s of deps.catalog.services()) this.services.set(s.id, s);
    for (const c of deps.catalog.counters()) this.counters.set(c.id, c);
    for (const t of deps.tickets.live()) this.putLive(t);
    this.seq = deps.events.lastSeq();
    this.tie = deps.tickets.nextTie();
    this.today = this.dateOf(deps.clock.now());
    this.loadRecentCalls();
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
    return this.today;
  }

  getSettings(): Settings {
    return this.settings;
  }

  listServices(): Service[] {
    return [...this.services.values()].sort((a, b) => a.sortOrder - b.sortOrder);
  }

  listCounters(): Counter[] {
    return [...this.counters.values()].sort((a, b) => a.number - b.number);
  }

  getService(id: ServiceId): Service | undefined {
    return this.services.get(id);
  }

  getCounter(id: CounterId): Counter | undefined {
    return this.counters.get(id);
  }

  liveTickets(): Ticket[] {
    return [...this.live.values()];
  }

  calls(): CallView[] {
    return [...this.recentCalls];
  }

  counterView(c: Counter): CounterView {
    const inHand = this.inHandOf(c.id);
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
    const service = this.services.get(serviceId);
    let waiting = 0;
    let waitingPriority = 0;
    let oldest: number | null = null;
    for (const t of this.waitingOf(serviceId)) {
      waiting++;
      if (t.priority !== null) waitingPriority++;
      if (oldest === null || t.issuedAt < oldest) oldest = t.issuedAt;
    }
    const openCounters = this.openCountersFor(serviceId);
    return {
      serviceId,
      waiting,
      waitingPriority,
      openCounters,
      estimateMinutes: service
        ? estimateWaitMinutes({ peopleAhead: waiting, avgServiceSec: service.avgServiceSec, openCounters })
        : null,
      oldestWaitingSince: oldest,
      issuing: service ? this.isIssuing(service) : false,
    };
  }

  allStats(): ServiceStats[] {
    return this.listServices().map((s) => this.stats(s.id));
  }

  isIssuing(s: Service): boolean {
    return s.enabled && isWithinHours(this.deps.clock.now(), this.settings.timeZone, s.hours);
  }

  /** What a citizen's phone may see; a transferred ticket is followed to its new entry. */
  publicStatus(id: string): PublicTicketStatus | null {
    let t: Ticket | null = this.live.get(id as TicketId) ?? this.deps.tickets.byId(id);
    if (!t) return null;
    for (let hops = 0; t.state === 'transferred' && hops < 20; hops++) {
      const from: TicketId = t.id;
      const next = [...this.live.values()].find((x) => x.transferredFromId === from) ?? this.deps.tickets.successorOf(from);
      if (!next) break;
      t = next;
    }
    const service = this.services.get(t.serviceId);
    const counter = t.counterId ? this.counters.get(t.counterId) : undefined;
    const ahead = t.state === 'waiting' ? this.peopleAheadOf(t) : null;
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
      peopleAhead: ahead,
      estimateMinutes:
        ahead === null || !service
          ? null
          : estimateWaitMinutes({
              peopleAhead: ahead,
              avgServiceSec: service.avgServiceSec,
              openCounters: this.openCountersFor(t.serviceId),
            }),
      counterNumber: isInHand(t.state) && counter ? counter.number : null,
      centreNameVi: this.settings.centreNameVi,
      centreNameEn: this.settings.centreNameEn,
    };
  }

  // ---------------------------------------------------------------- kiosk

  /** The ticket an earlier issue with this request id gave, if any (a kiosk's retry). */
  issuedFor(requestId: string): Ticket | null {
    return this.deps.tickets.byRequestId(requestId);
  }

  /** Take a number. Idempotent on the request id: a retry returns the same ticket. */
  issue(cmd: IssueTicketCmd, deviceId: string): IssueOutcome {
    const [outcome] = this.issueBatch([{ cmd, deviceId }]);
    if (outcome instanceof LaysoError) throw outcome;
    return outcome!;
  }

  /**
   * Take several numbers in one transaction (group commit): kiosks' requests that arrive while a
   * commit is being written to disk share the next one, so one fsync serves many tickets and each
   * ticket is still durable before its answer leaves. Each request succeeds or fails on its own.
   */
  issueBatch(items: readonly { cmd: IssueTicketCmd; deviceId: string }[]): (IssueOutcome | LaysoError)[] {
    this.ensureDay();
    const issued = this.write((tx) =>
      items.map(({ cmd, deviceId }) => {
        try {
          return this.issueOne(tx, cmd, deviceId);
        } catch (e) {
          if (e instanceof LaysoError) return e;
          throw e;
        }
      }),
    );
    // Places are counted once the batch is in the live queue, so tickets of one batch count each other.
    return issued.map((r) => (r instanceof LaysoError ? r : { ...this.placeOf(r.ticket), ...r }));
  }

  private issueOne(tx: Tx, cmd: IssueTicketCmd, deviceId: string): { ticket: Ticket; replayed: boolean } {
    const earlier = this.deps.tickets.byRequestId(cmd.requestId);
    if (earlier) {
      if (earlier.serviceId !== cmd.serviceId) {
        throw new LaysoError('REQUEST_ID_REUSED', 'this request id already issued a ticket for another service');
      }
      return { ticket: tx.tickets.get(earlier.id) ?? this.live.get(earlier.id) ?? earlier, replayed: true };
    }
    const service = this.services.get(cmd.serviceId);
    if (!service) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${cmd.serviceId}`);
    if (!this.isIssuing(service)) {
      throw new LaysoError('SERVICE_CLOSED', `${service.nameVi} is not issuing numbers now`);
    }
    if (cmd.priority !== null && !service.allowPriority) {
      throw new LaysoError('PRIORITY_NOT_ALLOWED', `${service.nameVi} takes no priority tickets`);
    }
    const now = this.deps.clock.now();
    const n = this.nextFreeNumber(service);
    this.deps.tickets.setLastNumber(service.id, this.today, n);
    const t: Ticket = {
      id: this.deps.ids.ticketId(),
      serviceId: service.id,
      businessDate: this.today,
      number: n,
      displayNumber: displayNumberOf(service.numbering, n),
      priority: cmd.priority,
      state: 'waiting',
      issuedAt: now,
      queueKey: now,
      queueTie: this.nextTie(),
      targetCounterId: null,
      counterId: null,
      onHold: false,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      callCount: 0,
      transferredFromId: null,
      note: null,
    };
    this.deps.tickets.insert({ ticket: t, centreId: this.settings.centreId, requestId: cmd.requestId, deviceId });
    tx.tickets.set(t.id, t);
    this.event(tx, {
      type: 'ticket.issued',
      ticketId: t.id,
      serviceId: t.serviceId,
      actor: `kiosk:${deviceId}`,
      data: { number: t.displayNumber, priority: t.priority },
    });
    if (isPastRangeEnd(service.numbering, n)) {
      const message = `${service.nameVi}: số ${t.displayNumber} vượt dải số đã cấu hình`;
      this.event(tx, { type: 'numbering.overflow', serviceId: service.id, data: { number: n } });
      tx.warnings.push({ kind: 'numbering_overflow', serviceId: service.id, message });
    }
    return { ticket: t, replayed: false };
  }

  // ---------------------------------------------------------------- counters

  openCounter(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.open', cmd, actor, (tx, counter) => {
      if (actor.kind !== 'staff') throw new LaysoError('FORBIDDEN', 'only staff open counters');
      if (counter.state !== 'closed' && counter.officerId === actor.userId) return null;
      if (counter.state !== 'closed' && counter.officerId !== null) {
        throw new LaysoError('COUNTER_TAKEN', `counter ${counter.number} is open for another officer`);
      }
      // An officer sits at one counter: leaving the previous one closes it.
      for (const other of this.counters.values()) {
        if (other.id === counter.id || other.officerId !== actor.userId || other.state === 'closed') continue;
        if (this.inHandOf(other.id, tx)) {
          throw new LaysoError('COUNTER_BUSY', `finish the ticket at counter ${other.number} first`);
        }
        this.putCounter(tx, { ...other, state: 'closed', officerId: null, pauseReason: null });
        this.event(tx, { type: 'counter.closed', counterId: other.id, actor: actorKey(actor) });
      }
      this.putCounter(tx, { ...counter, state: 'open', officerId: actor.userId, pauseReason: null, priorityStreak: 0 });
      this.event(tx, { type: 'counter.opened', counterId: counter.id, actor: actorKey(actor) });
      return null;
    }, { allowOtherOfficer: true, allowClosed: true });
  }

  pauseCounter(cmd: PauseCounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.pause', cmd, actor, (tx, counter) => {
      if (counter.state === 'paused') return null;
      this.putCounter(tx, { ...counter, state: 'paused', pauseReason: cmd.reason });
      this.event(tx, { type: 'counter.paused', counterId: counter.id, actor: actorKey(actor), data: { reason: cmd.reason } });
      return null;
    });
  }

  resumeCounter(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.resume', cmd, actor, (tx, counter) => {
      if (counter.state === 'open') return null;
      this.putCounter(tx, { ...counter, state: 'open', pauseReason: null });
      this.event(tx, { type: 'counter.resumed', counterId: counter.id, actor: actorKey(actor) });
      return null;
    });
  }

  closeCounter(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.close', cmd, actor, (tx, counter) => {
      if (this.inHandOf(counter.id, tx)) {
        throw new LaysoError('COUNTER_BUSY', 'finish, transfer or mark the ticket in hand first');
      }
      this.putCounter(tx, { ...counter, state: 'closed', officerId: null, pauseReason: null });
      this.event(tx, { type: 'counter.closed', counterId: counter.id, actor: actorKey(actor) });
      return null;
    });
  }

  // ---------------------------------------------------------------- calling

  callNext(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.callNext', cmd, actor, (tx, counter) => this.callNextIn(tx, counter, actor));
  }

  /** "Done and call next": its own explicit action, so a plain call-next never drops a ticket. */
  doneAndCallNext(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.doneAndCallNext', cmd, actor, (tx, counter) => {
      const inHand = this.inHandOf(counter.id, tx);
      if (inHand) this.finish(tx, inHand, actor);
      return this.callNextIn(tx, this.counterIn(tx, counter.id), actor);
    });
  }

  callNumber(cmd: CallNumberCmd, actor: Actor): CounterResult {
    return this.counterCommand('counter.callNumber', cmd, actor, (tx, counter) => {
      this.requireCalling(tx, counter);
      const wanted = cmd.displayNumber.toUpperCase();
      const candidates = [...this.live.values()].filter(
        (t) =>
          t.displayNumber.toUpperCase() === wanted &&
          (t.state === 'waiting' || t.state === 'no_show') &&
          (cmd.serviceId === undefined || t.serviceId === cmd.serviceId),
      );
      const t = candidates.find((c) => c.state === 'waiting') ?? candidates[0];
      if (!t) throw new LaysoError('TICKET_NOT_FOUND', `số ${cmd.displayNumber} không có trong hàng chờ`);
      const servable = t.targetCounterId === null ? counter.serviceIds.includes(t.serviceId) : t.targetCounterId === counter.id;
      if (!servable) {
        throw new LaysoError('NOT_ELIGIBLE', `số ${t.displayNumber} không thuộc dịch vụ của quầy ${counter.number}`);
      }
      return this.call(tx, counter, { ...t, state: 'waiting', onHold: false }, actor);
    });
  }

  recall(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('ticket.recall', cmd, actor, (tx, counter) => {
      const t = this.requireInHand(tx, counter);
      if (t.state !== 'called') throw new LaysoError('INVALID_STATE', 'only a called ticket can be recalled');
      const next = { ...t, callCount: t.callCount + 1 };
      this.putTicket(tx, next, actor);
      const seq = this.event(tx, { type: 'ticket.recalled', ticketId: t.id, serviceId: t.serviceId, counterId: counter.id, actor: actorKey(actor) });
      tx.calls.push(this.callView(seq, next, counter, true));
      return next;
    });
  }

  start(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('ticket.start', cmd, actor, (tx, counter) => {
      const t = this.requireInHand(tx, counter);
      if (t.state !== 'called') throw new LaysoError('INVALID_STATE', 'the ticket is already being served');
      const next: Ticket = { ...t, state: 'serving', startedAt: this.deps.clock.now() };
      this.putTicket(tx, next, actor);
      this.event(tx, { type: 'ticket.started', ticketId: t.id, serviceId: t.serviceId, counterId: counter.id, actor: actorKey(actor) });
      return next;
    });
  }

  done(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('ticket.done', cmd, actor, (tx, counter) =>
      this.finish(tx, this.requireInHand(tx, counter), actor),
    );
  }

  noShow(cmd: CounterCmd, actor: Actor): CounterResult {
    return this.counterCommand('ticket.noShow', cmd, actor, (tx, counter) => {
      const t = this.requireInHand(tx, counter);
      if (t.state !== 'called') throw new LaysoError('INVALID_STATE', 'a ticket being served cannot be a no-show');
      const next: Ticket = { ...t, state: 'no_show', finishedAt: this.deps.clock.now() };
      this.putTicket(tx, next, actor);
      this.event(tx, { type: 'ticket.no_show', ticketId: t.id, serviceId: t.serviceId, counterId: counter.id, actor: actorKey(actor) });
      return next;
    });
  }

  // ---------------------------------------------------------------- tickets

  transfer(cmd: TransferCmd, actor: Actor): { ticket: Ticket } {
    return this.idempotent('ticket.transfer', cmd.requestId, actor, () => {
      const counter = this.requireCounter(cmd.counterId);
      this.requireActsFor(counter, actor);
      return this.write((tx) => {
        const source = cmd.ticketId ? this.requireLive(tx, cmd.ticketId) : this.requireInHand(tx, counter);
        if (!canTransition(source.state, 'transferred')) {
          throw new LaysoError('INVALID_STATE', `a ${source.state} ticket cannot be transferred`);
        }
        if (isInHand(source.state) && source.counterId !== counter.id && !this.isManager(actor)) {
          throw new LaysoError('NOT_YOUR_COUNTER', 'the ticket is at another counter');
        }
        let serviceId = source.serviceId;
        let targetCounterId: CounterId | null = null;
        if (cmd.target.kind === 'service') {
          const service = this.services.get(cmd.target.serviceId);
          if (!service) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${cmd.target.serviceId}`);
          if (!this.isIssuing(service)) throw new LaysoError('SERVICE_CLOSED', `${service.nameVi} is closed`);
          serviceId = service.id;
        } else {
          const target = this.counters.get(cmd.target.counterId);
          if (!target) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${cmd.target.counterId}`);
          if (target.state === 'closed') throw new LaysoError('COUNTER_CLOSED', `counter ${target.number} is closed`);
          targetCounterId = target.id;
        }
        const now = this.deps.clock.now();
        const allowPriority = this.services.get(serviceId)?.allowPriority ?? false;
        const priority = allowPriority ? (cmd.priority === undefined ? source.priority : cmd.priority) : null;
        const place =
          cmd.position === 'front'
            ? { queueKey: -now, queueTie: -this.nextTie() }
            : cmd.position === 'back'
              ? { queueKey: now, queueTie: this.nextTie() }
              : { queueKey: source.issuedAt, queueTie: source.queueTie };
        const closed: Ticket = { ...source, state: 'transferred', finishedAt: now };
        this.putTicket(tx, closed, actor);
        const entry: Ticket = {
          ...source,
          ...place,
          id: this.deps.ids.ticketId(),
          serviceId,
          priority,
          state: 'waiting',
          targetCounterId,
          counterId: null,
          onHold: false,
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          callCount: 0,
          transferredFromId: source.id,
        };
        this.deps.tickets.insert({ ticket: entry, centreId: this.settings.centreId, requestId: null, deviceId: null });
        tx.tickets.set(entry.id, entry);
        this.event(tx, {
          type: 'ticket.transferred',
          ticketId: source.id,
          serviceId: source.serviceId,
          counterId: source.counterId,
          actor: actorKey(actor),
          data: { to: entry.id, serviceId, targetCounterId, position: cmd.position, priority },
        });
        return { ticket: entry };
      });
    });
  }

  /** Bring a no-show back to the queue: at its original issue time, or K places from the head. */
  requeue(cmd: TicketCmd, actor: Actor): { ticket: Ticket } {
    return this.ticketCommand('ticket.requeue', cmd, actor, (tx, t) => {
      if (t.state !== 'no_show') throw new LaysoError('INVALID_STATE', 'only a no-show can be brought back');
      const rule = this.settings.queue.noShowReturn;
      const place = rule.kind === 'original'
        ? { queueKey: t.issuedAt, queueTie: t.queueTie }
        : this.placeKDown(t, rule.places);
      const next: Ticket = { ...t, ...place, state: 'waiting', counterId: null, finishedAt: null, onHold: false };
      this.putTicket(tx, next, actor);
      this.event(tx, { type: 'ticket.requeued', ticketId: t.id, serviceId: t.serviceId, actor: actorKey(actor) });
      return next;
    });
  }

  cancel(cmd: TicketCmd, actor: Actor): { ticket: Ticket } {
    return this.ticketCommand('ticket.cancel', cmd, actor, (tx, t) => {
      if (!canTransition(t.state, 'cancelled')) throw new LaysoError('INVALID_STATE', `a ${t.state} ticket cannot be cancelled`);
      const next: Ticket = { ...t, state: 'cancelled', finishedAt: this.deps.clock.now() };
      this.putTicket(tx, next, actor);
      this.event(tx, { type: 'ticket.cancelled', ticketId: t.id, serviceId: t.serviceId, counterId: t.counterId, actor: actorKey(actor) });
      return next;
    });
  }

  hold(cmd: HoldTicketCmd, actor: Actor): { ticket: Ticket } {
    return this.ticketCommand('ticket.hold', cmd, actor, (tx, t) => {
      if (t.state !== 'waiting') throw new LaysoError('INVALID_STATE', 'only a waiting ticket can be held');
      if (t.onHold === cmd.hold) return t;
      const next: Ticket = { ...t, onHold: cmd.hold };
      this.putTicket(tx, next, actor);
      this.event(tx, { type: cmd.hold ? 'ticket.held' : 'ticket.released', ticketId: t.id, serviceId: t.serviceId, actor: actorKey(actor) });
      return next;
    });
  }

  note(cmd: NoteTicketCmd, actor: Actor): { ticket: Ticket } {
    return this.ticketCommand('ticket.note', cmd, actor, (tx, t) => {
      const next: Ticket = { ...t, note: cmd.note === '' ? null : cmd.note };
      this.putTicket(tx, next, actor);
      this.event(tx, { type: 'ticket.noted', ticketId: t.id, serviceId: t.serviceId, actor: actorKey(actor), data: { note: next.note } });
      return next;
    });
  }

  // ---------------------------------------------------------------- administration

  /** Replace the settings (validated by the caller); every client gets the change live. */
  updateSettings(next: Settings, actor: Actor): Settings {
    return this.write((tx) => {
      this.deps.catalog.putSettings(next);
      tx.settings = next;
      this.event(tx, { type: 'settings.updated', actor: actorKey(actor), data: next });
      return next;
    });
  }

  /**
   * Add or change a service. Two services may not share a prefix or overlapping number ranges
   * (`CONFLICT`), so a number is never given twice in a day.
   */
  putService(s: Service, actor: Actor): Service {
    if (s.numbering.kind === 'range' && s.numbering.from > s.numbering.to) {
      throw new LaysoError('VALIDATION', `the range ${s.numbering.from}–${s.numbering.to} ends before it starts`);
    }
    for (const other of this.services.values()) {
      if (other.id !== s.id && numberingConflict(other.numbering, s.numbering)) {
        throw new LaysoError('CONFLICT', `the numbering overlaps that of ${other.nameVi} (${other.id})`);
      }
    }
    return this.write((tx) => {
      this.deps.catalog.putService(this.settings.centreId, s);
      tx.services.set(s.id, s);
      this.event(tx, { type: 'service.saved', serviceId: s.id, actor: actorKey(actor), data: s });
      return s;
    });
  }

  /**
   * Remove a service. Refused while tickets of it are live (waiting, called, serving, no-show):
   * they would be stranded. Counters stop serving it in the same transaction.
   */
  deleteService(id: ServiceId, actor: Actor): void {
    const service = this.services.get(id);
    if (!service) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${id}`);
    const live = [...this.live.values()].filter((t) => t.serviceId === id).length;
    if (live > 0) {
      throw new LaysoError(
        'CONFLICT',
        `${service.nameVi} still has ${live} live ticket(s) today (waiting, called, serving or no-show): disable it, let the queue finish, then delete it`,
      );
    }
    this.write((tx) => {
      for (const c of this.counters.values()) {
        if (!c.serviceIds.includes(id)) continue;
        const next = { ...c, serviceIds: c.serviceIds.filter((x) => x !== id) };
        this.putCounter(tx, next);
        this.event(tx, { type: 'counter.saved', counterId: c.id, actor: actorKey(actor), data: { number: next.number, name: next.name, serviceIds: next.serviceIds } });
      }
      this.deps.catalog.deleteService(id, this.deps.clock.now());
      tx.removedServices.add(id);
      this.event(tx, { type: 'service.deleted', serviceId: id, actor: actorKey(actor), data: { nameVi: service.nameVi } });
    });
  }

  /**
   * Add or change a counter's configuration: number (unique), name, services in order. Its live
   * state (open, officer, pause) is never changed here.
   */
  putCounterConfig(c: Counter, actor: Actor): Counter {
    for (const other of this.counters.values()) {
      if (other.id !== c.id && other.number === c.number) {
        throw new LaysoError('CONFLICT', `counter number ${c.number} is already ${other.name} (${other.id})`);
      }
    }
    for (const id of c.serviceIds) {
      if (!this.services.has(id)) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${id}`);
    }
    if (new Set(c.serviceIds).size !== c.serviceIds.length) {
      throw new LaysoError('VALIDATION', 'a service is listed twice');
    }
    const current = this.counters.get(c.id);
    const next: Counter = current
      ? { ...c, state: current.state, officerId: current.officerId, pauseReason: current.pauseReason, priorityStreak: current.priorityStreak }
      : c;
    return this.write((tx) => {
      this.putCounter(tx, next);
      this.event(tx, { type: 'counter.saved', counterId: c.id, actor: actorKey(actor), data: { number: next.number, name: next.name, serviceIds: next.serviceIds } });
      return next;
    });
  }

  /**
   * Remove a counter. Refused while it is open or paused or holds a ticket (`COUNTER_BUSY`), and
   * while a ticket waits transferred to it alone (`CONFLICT`).
   */
  deleteCounter(id: CounterId, actor: Actor): void {
    const counter = this.requireCounter(id);
    if (counter.state !== 'closed' || this.inHandOf(id)) {
      throw new LaysoError('COUNTER_BUSY', `counter ${counter.number} is ${counter.state}${this.inHandOf(id) ? ' with a ticket in hand' : ''}: close it first`);
    }
    const targeted = [...this.live.values()].filter((t) => t.targetCounterId === id).length;
    if (targeted > 0) {
      throw new LaysoError('CONFLICT', `${targeted} ticket(s) wait transferred to counter ${counter.number} only`);
    }
    this.write((tx) => {
      this.deps.catalog.deleteCounter(id, this.deps.clock.now());
      tx.removedCounters.add(id);
      this.event(tx, { type: 'counter.deleted', counterId: id, actor: actorKey(actor), data: { number: counter.number, name: counter.name } });
    });
  }

  /**
   * An administrative change outside the queue (a user, a device): `write` runs in the same
   * transaction as its event row, so every such change is in the audit log, or did not happen.
   */
  adminChange<R>(type: string, actor: Actor, write: () => R, data: (result: R) => unknown): R {
    return this.write((tx) => {
      const result = write();
      this.event(tx, { type, actor: actorKey(actor), data: data(result) });
      return result;
    });
  }

  /**
   * Start a new business day when the clock has passed the day start: tickets of earlier days
   * still live are expired (or carried over), and counters close. Called before every command and
   * by a timer, so the first ticket after midnight starts the range again without waiting for a job.
   */
  ensureDay(): void {
    const date = this.dateOf(this.deps.clock.now());
    // Live tickets of an earlier day can only appear at start-up or when the date turns.
    if (date === this.today && this.staleCheckedFor === date) return;
    const carry = this.settings.endOfDay === 'carryOver';
    const stale = [...this.live.values()].filter(
      (t) => t.businessDate < date && !(carry && t.state === 'waiting'),
    );
    if (date === this.today && stale.length === 0) {
      this.staleCheckedFor = date;
      return;
    }
    this.write((tx) => {
      tx.dayChanged = date !== this.today;
      this.today = date;
      const now = this.deps.clock.now();
      for (const t of stale) {
        this.putTicket(tx, { ...t, state: 'expired', finishedAt: now }, { kind: 'system' });
        this.event(tx, { type: 'ticket.expired', ticketId: t.id, serviceId: t.serviceId, actor: 'system', data: { from: t.state } });
      }
      if (tx.dayChanged) {
        for (const c of this.counters.values()) {
          if (c.state === 'closed') continue;
          this.putCounter(tx, { ...c, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0 });
          this.event(tx, { type: 'counter.closed', counterId: c.id, actor: 'system', data: { reason: 'end of day' } });
        }
        this.event(tx, { type: 'day.started', actor: 'system', data: { businessDate: date } });
        // Request ids only need to outlive a client's retries: keep two days of them.
        this.deps.events.pruneRequests(now - 2 * 86_400_000);
      }
    });
    this.staleCheckedFor = date;
  }

  // ---------------------------------------------------------------- internals

  private dateOf(now: number): BusinessDate {
    return businessDateOf(now, this.settings.timeZone, this.settings.dayStartsAt);
  }

  private nextTie(): number {
    return this.tie++;
  }

  /**
   * The service's next number. Past the end of its range it goes on (and the manager is warned),
   * but never into another service's range nor onto a number already given today: 1999 is
   * followed by 2000, then past 2001–2999 if another service owns them.
   */
  private nextFreeNumber(service: Service): number {
    let n = nextNumber(service.numbering, this.deps.tickets.lastNumber(service.id, this.today));
    if (!isPastRangeEnd(service.numbering, n)) return n;
    const others = [...this.services.values()].filter((s) => s.id !== service.id);
    for (let guard = 0; guard < 10_000_000; guard++, n++) {
      const owned = others.some((o) => o.numbering.kind === 'range' && n >= o.numbering.from && n <= o.numbering.to);
      if (!owned && !this.deps.tickets.numberTaken(this.today, displayNumberOf(service.numbering, n))) return n;
    }
    throw new LaysoError('CONFLICT', `${service.nameVi}: no free number left today`);
  }

  private placeOf(t: Ticket): { peopleAhead: number; estimateMinutes: number | null } {
    const ahead = t.state === 'waiting' ? this.peopleAheadOf(t) : 0;
    const service = this.services.get(t.serviceId);
    return {
      peopleAhead: ahead,
      estimateMinutes: service
        ? estimateWaitMinutes({ peopleAhead: ahead, avgServiceSec: service.avgServiceSec, openCounters: this.openCountersFor(t.serviceId) })
        : null,
    };
  }

  private peopleAheadOf(t: Ticket): number {
    return peopleAhead(t, this.waitingOf(t.serviceId));
  }

  private waitingOf(serviceId: ServiceId): Iterable<Ticket> {
    return this.waitingBySvc.get(serviceId)?.values() ?? [];
  }

  /** Keep the live map and the per-service waiting index in step with a ticket's new state. */
  private putLive(t: Ticket): void {
    const before = this.live.get(t.id);
    if (before && before.state === 'waiting') this.waitingBySvc.get(before.serviceId)?.delete(t.id);
    if (t.state === 'waiting' || t.state === 'called' || t.state === 'serving' || t.state === 'no_show') this.live.set(t.id, t);
    else this.live.delete(t.id);
    if (t.state === 'waiting') {
      let m = this.waitingBySvc.get(t.serviceId);
      if (!m) this.waitingBySvc.set(t.serviceId, (m = new Map()));
      m.set(t.id, t);
    }
  }

  private openCountersFor(serviceId: ServiceId): number {
    let n = 0;
    for (const c of this.counters.values()) if (c.state === 'open' && c.serviceIds.includes(serviceId)) n++;
    return n;
  }

  private placeKDown(t: Ticket, k: number): { queueKey: number; queueTie: number } {
    const queue = [...this.live.values()]
      .filter((x) => x.state === 'waiting' && x.serviceId === t.serviceId && (x.priority === null) === (t.priority === null))
      .sort((a, b) => a.queueKey - b.queueKey || a.queueTie - b.queueTie);
    const before = queue[k - 1];
    const after = queue[k];
    if (k === 0 || !before) {
      const head = queue[0];
      return head ? { queueKey: head.queueKey, queueTie: head.queueTie - 1 } : { queueKey: t.issuedAt, queueTie: t.queueTie };
    }
    if (!after) return { queueKey: this.deps.clock.now(), queueTie: this.nextTie() };
    const upper = after.queueKey === before.queueKey ? after.queueTie : before.queueTie + 1;
    return { queueKey: before.queueKey, queueTie: (before.queueTie + upper) / 2 };
  }

  private isManager(actor: Actor): boolean {
    return actor.kind === 'system' || (actor.kind === 'staff' && actor.role !== 'officer');
  }

  private requireCounter(id: CounterId): Counter {
    const c = this.counters.get(id);
    if (!c) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${id}`);
    return c;
  }

  private requireActsFor(counter: Counter, actor: Actor): void {
    if (actor.kind === 'kiosk') throw new LaysoError('FORBIDDEN', 'kiosks cannot act on counters');
    if (this.isManager(actor)) return;
    if (actor.kind === 'staff' && counter.officerId !== actor.userId) {
      throw new LaysoError('NOT_YOUR_COUNTER', `counter ${counter.number} is not yours`);
    }
  }

  private counterIn(tx: Tx, id: CounterId): Counter {
    return tx.counters.get(id) ?? this.requireCounter(id);
  }

  private inHandOf(counterId: CounterId, tx: Tx | null = this.tx): Ticket | null {
    if (tx) {
      for (const t of tx.tickets.values()) if (t.counterId === counterId && isInHand(t.state)) return t;
    }
    for (const t of this.live.values()) {
      if (t.counterId !== counterId || !isInHand(t.state)) continue;
      const staged = tx?.tickets.get(t.id);
      if (staged && !(staged.counterId === counterId && isInHand(staged.state))) continue;
      return staged ?? t;
    }
    return null;
  }

  private requireInHand(tx: Tx, counter: Counter): Ticket {
    const t = this.inHandOf(counter.id, tx);
    if (!t) throw new LaysoError('NO_TICKET_IN_HAND', `counter ${counter.number} has no ticket in hand`);
    return t;
  }

  private requireLive(tx: Tx, id: TicketId): Ticket {
    const t = tx.tickets.get(id) ?? this.live.get(id);
    if (!t) {
      const stored = this.deps.tickets.byId(id);
      if (stored) throw new LaysoError('INVALID_STATE', `the ticket is ${stored.state}`);
      throw new LaysoError('TICKET_NOT_FOUND', `no ticket ${id}`);
    }
    return t;
  }

  private requireCalling(tx: Tx, counter: Counter): void {
    if (counter.state === 'closed') throw new LaysoError('COUNTER_CLOSED', `counter ${counter.number} is closed`);
    if (counter.state === 'paused') throw new LaysoError('COUNTER_PAUSED', `counter ${counter.number} is paused`);
    if (this.inHandOf(counter.id, tx)) {
      throw new LaysoError('COUNTER_BUSY', `counter ${counter.number} already has a ticket in hand`);
    }
  }

  private callNextIn(tx: Tx, counter: Counter, actor: Actor): Ticket {
    this.requireCalling(tx, counter);
    const waiting = [...this.live.values()].map((t) => tx.tickets.get(t.id) ?? t);
    const next = chooseNext(counter, waiting, this.deps.clock.now(), this.settings.queue);
    if (!next) throw new LaysoError('QUEUE_EMPTY', 'no ticket waits for this counter');
    return this.call(tx, counter, next, actor);
  }

  private call(tx: Tx, counter: Counter, t: Ticket, actor: Actor): Ticket {
    const now = this.deps.clock.now();
    const next: Ticket = {
      ...t,
      state: 'called',
      counterId: counter.id,
      calledAt: now,
      startedAt: null,
      finishedAt: null,
      callCount: t.callCount + 1,
    };
    this.putTicket(tx, next, actor);
    this.putCounter(tx, { ...counter, priorityStreak: streakAfter(counter, t) });
    const seq = this.event(tx, {
      type: 'ticket.called',
      ticketId: t.id,
      serviceId: t.serviceId,
      counterId: counter.id,
      actor: actorKey(actor),
      data: { number: t.displayNumber, counterNumber: counter.number },
    });
    tx.calls.push(this.callView(seq, next, counter, false));
    return next;
  }

  private finish(tx: Tx, t: Ticket, actor: Actor): Ticket {
    const now = this.deps.clock.now();
    const next: Ticket = { ...t, state: 'done', finishedAt: now };
    this.putTicket(tx, next, actor);
    // Done straight from called: service time counts from the call.
    const from = t.startedAt ?? t.calledAt ?? now;
    const service = tx.services.get(t.serviceId) ?? this.services.get(t.serviceId);
    if (service) {
      const avg = learnServiceTime(service.avgServiceSec, (now - from) / 1000);
      this.deps.catalog.setServiceAverage(service.id, avg);
      tx.services.set(service.id, { ...service, avgServiceSec: avg });
    }
    this.event(tx, { type: 'ticket.done', ticketId: t.id, serviceId: t.serviceId, counterId: t.counterId, actor: actorKey(actor) });
    return next;
  }

  private callView(callId: number, t: Ticket, counter: Counter, recall: boolean): CallView {
    return {
      callId,
      ticketId: t.id,
      displayNumber: t.displayNumber,
      serviceId: t.serviceId,
      counterId: counter.id,
      counterNumber: counter.number,
      counterName: counter.name,
      at: this.deps.clock.now(),
      recall,
    };
  }

  private putTicket(tx: Tx, t: Ticket, actor: Actor): void {
    this.deps.tickets.update(t, actor.kind === 'staff' ? actor.userId : null);
    tx.tickets.set(t.id, t);
  }

  private putCounter(tx: Tx, c: Counter): void {
    this.deps.catalog.putCounter(this.settings.centreId, c);
    tx.counters.set(c.id, c);
  }

  private event(tx: Tx, e: Omit<EventInsert, 'at' | 'businessDate'>): number {
    const seq = this.deps.events.append({ ...e, at: this.deps.clock.now(), businessDate: this.today });
    tx.lastSeq = seq;
    return seq;
  }

  /** Run `body` in one SQLite transaction; apply its staged writes to memory only on commit. */
  private write<R>(body: (tx: Tx) => R): R {
    if (this.tx) return body(this.tx);
    const tx = new Tx();
    this.tx = tx;
    const savedToday = this.today;
    let result: R;
    try {
      result = this.deps.db.transaction(() => body(tx))();
    } catch (e) {
      this.today = savedToday;
      throw e;
    } finally {
      this.tx = null;
    }
    this.apply(tx);
    return result;
  }

  /** Officer commands are idempotent: the same request id returns the first result. */
  private idempotent<R>(command: string, requestId: string, actor: Actor, body: () => R): R {
    const earlier = this.deps.events.request(requestId);
    if (earlier) {
      if (earlier.command !== command || earlier.actor !== actorKey(actor)) {
        throw new LaysoError('REQUEST_ID_REUSED', 'this request id was already used for another command');
      }
      return earlier.result as R;
    }
    this.ensureDay();
    return this.write(() => {
      const result = body();
      this.deps.events.putRequest(requestId, actorKey(actor), command, result, this.deps.clock.now());
      return result;
    });
  }

  private counterCommand(
    command: string,
    cmd: CounterCmd,
    actor: Actor,
    body: (tx: Tx, counter: Counter) => Ticket | null,
    opts: { allowOtherOfficer?: boolean; allowClosed?: boolean } = {},
  ): CounterResult {
    return this.idempotent(command, cmd.requestId, actor, () => {
      const counter = this.requireCounter(cmd.counterId);
      if (!opts.allowClosed && counter.state === 'closed' && command !== 'counter.close') {
        throw new LaysoError('COUNTER_CLOSED', `counter ${counter.number} is closed`);
      }
      if (!opts.allowOtherOfficer) this.requireActsFor(counter, actor);
      return this.write((tx) => {
        const ticket = body(tx, counter);
        const after = this.counterIn(tx, counter.id);
        // The view is built from the staged state so the ack shows the result of this command.
        const inHand = this.inHandOf(after.id, tx);
        const view = this.counterView(after);
        return {
          counter: {
            ...view,
            inHand: inHand
              ? { id: inHand.id, displayNumber: inHand.displayNumber, serviceId: inHand.serviceId, state: inHand.state, priority: inHand.priority, calledAt: inHand.calledAt, startedAt: inHand.startedAt }
              : null,
          },
          ticket: ticket ?? inHand,
        };
      });
    });
  }

  private ticketCommand(
    command: string,
    cmd: TicketCmd,
    actor: Actor,
    body: (tx: Tx, t: Ticket) => Ticket,
  ): { ticket: Ticket } {
    return this.idempotent(command, cmd.requestId, actor, () =>
      this.write((tx) => {
        const t = this.requireLive(tx, cmd.ticketId);
        if (isInHand(t.state) && t.counterId && !this.isManager(actor)) {
          const counter = this.counters.get(t.counterId);
          if (counter && actor.kind === 'staff' && counter.officerId !== actor.userId) {
            throw new LaysoError('NOT_YOUR_COUNTER', 'the ticket is at another counter');
          }
        }
        return { ticket: body(tx, t) };
      }),
    );
  }

  private apply(tx: Tx): void {
    if (tx.lastSeq === 0) return;
    const prevSeq = this.seq;
    this.seq = tx.lastSeq;
    for (const t of tx.tickets.values()) this.putLive(t);
    for (const c of tx.counters.values()) this.counters.set(c.id, c);
    for (const s of tx.services.values()) this.services.set(s.id, s);
    for (const id of tx.removedServices) this.services.delete(id);
    for (const id of tx.removedCounters) this.counters.delete(id);
    if (tx.settings) this.settings = tx.settings;
    for (const call of tx.calls) {
      this.recentCalls.unshift(call);
      if (this.recentCalls.length > RECENT_CALLS) this.recentCalls.pop();
    }
    if (tx.dayChanged) this.recentCalls.length = 0;
    const serviceIds = new Set<ServiceId>();
    for (const t of tx.tickets.values()) serviceIds.add(t.serviceId);
    for (const s of tx.services.keys()) serviceIds.add(s);
    // A counter opening or closing changes the estimate of each service it serves.
    for (const c of tx.counters.values()) for (const s of c.serviceIds) serviceIds.add(s);
    const change: Change = {
      prevSeq,
      seq: this.seq,
      tickets: [...tx.tickets.values()],
      counterIds: [...tx.counters.keys()],
      serviceIds: [...serviceIds].filter((id) => this.services.has(id)),
      savedServiceIds: [...tx.services.keys()],
      removedServiceIds: [...tx.removedServices],
      removedCounterIds: [...tx.removedCounters],
      calls: tx.calls,
      settingsChanged: tx.settings !== null,
      dayChanged: tx.dayChanged,
      warnings: tx.warnings,
    };
    for (const fn of this.listeners) fn(change);
  }

  private loadRecentCalls(): void {
    const rows = this.deps.db
      .prepare<[string, number], { seq: number; at: number; ticket_id: string; counter_id: string; type: string }>(
        `SELECT seq, at, ticket_id, counter_id, type FROM events
         WHERE business_date = ? AND type IN ('ticket.called', 'ticket.recalled')
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(this.today, RECENT_CALLS);
    for (const r of rows) {
      const t = this.live.get(r.ticket_id as TicketId) ?? this.deps.tickets.byId(r.ticket_id);
      const c = this.counters.get(r.counter_id as CounterId);
      if (!t || !c) continue;
      this.recentCalls.push({ ...this.callView(r.seq, t, c, r.type === 'ticket.recalled'), at: r.at });
    }
  }
}
