/**
 * A reference model of one centre's queue, written from the rules as docs/queue-semantics.md and
 * docs/decisions.md state them, independently of the rulebook: plain arrays, brute force, no
 * indexes, nothing from `rules/` or `policy.ts`. The model-based tests run the same random
 * command sequences through this model and through the real system (the rulebook directly, and
 * the server over sockets) and compare every answer and every queue order.
 *
 * Where a rule says which check comes first (which error code wins), the model follows the
 * order the rule files use; that order is part of the contract the consoles rely on.
 */
import { DEFAULT_RATING_SETTINGS, type Numbering, type PriorityCategory, type QueuePolicy, type RatingSettings, type TicketState } from './model.js';

/** One ticket entry as the model keeps it (a transfer ends one entry and starts another). */
export interface MTicket {
  /** The model's own id (`m1`, `m2` …); the runner links it to the real system's id. */
  id: string;
  serviceId: string;
  businessDate: string;
  number: number;
  displayNumber: string;
  priority: PriorityCategory | null;
  state: TicketState;
  issuedAt: number;
  queueKey: number;
  queueTie: number;
  targetCounterId: string | null;
  counterId: string | null;
  onHold: boolean;
  callCount: number;
  note: string | null;
  /** An appointment ticket: its slot's start (its queue place); null for a walk-in. */
  slotAt: number | null;
}

/** A booked visit. */
export interface MAppointment {
  /** The model's own id (`a1` …); the runner links it to the system's short code. */
  id: string;
  serviceId: string;
  businessDate: string;
  slotAt: number;
  state: 'booked' | 'kept' | 'late' | 'early' | 'cancelled' | 'missed';
}

export interface MService {
  id: string;
  numbering: Numbering;
  allowPriority: boolean;
}

export interface MCounter {
  id: string;
  serviceIds: string[];
  state: 'open' | 'paused' | 'closed';
  officerId: string | null;
  priorityStreak: number;
  appointmentStreak: number;
}

export type MActor = { kind: 'kiosk'; deviceId: string } | { kind: 'staff'; userId: string; role: 'officer' | 'manager' | 'admin' };

/** What the tests compare of a ticket. */
export interface TicketFacts {
  businessDate: string;
  displayNumber: string;
  serviceId: string;
  state: TicketState;
  priority: PriorityCategory | null;
  onHold: boolean;
  targetCounterId: string | null;
  counterId: string | null;
  callCount: number;
  note: string | null;
  slotAt: number | null;
}

/** What the tests compare of a counter after a counter command. */
export interface CounterFacts {
  id: string;
  state: 'open' | 'paused' | 'closed';
  officerId: string | null;
  priorityStreak: number;
  inHand: { displayNumber: string; serviceId: string; state: TicketState } | null;
}

export type Answer =
  | { ok: false; code: string }
  | { ok: true; ticket: TicketFacts | null; counter?: CounterFacts; peopleAhead?: number; outcome?: 'kept' | 'late' | 'early' };

export type CounterCommandName =
  | 'open'
  | 'pause'
  | 'resume'
  | 'close'
  | 'callNext'
  | 'doneAndCallNext'
  | 'recall'
  | 'start'
  | 'done'
  | 'noShow';

export type TransferTargetSpec =
  | { kind: 'service'; serviceId: string; counterId?: string }
  | { kind: 'counter'; counterId: string };

export interface ModelConfig {
  services: MService[];
  counters: { id: string; serviceIds: string[] }[];
  policy: QueuePolicy;
  endOfDay: 'expire' | 'carryOver';
  /** The centre's offset from UTC in minutes (Asia/Ho_Chi_Minh: +420, no daylight saving). */
  utcOffsetMin: number;
  now: number;
  /** The first queue tie-breaker the real system will hand out. */
  nextTie: number;
  /** Appointments: the check-in window, the slot length and the places per slot. */
  appointments: { earlyMin: number; lateMin: number; slotMin: number; capacityPerSlot: number };
  /** The rating scale and low-score reasons (the default three levels when absent). */
  rating?: RatingSettings;
}

class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const refuse = (code: string): never => {
  throw new Refused(code);
};

const LIVE: readonly TicketState[] = ['waiting', 'called', 'serving', 'no_show'];

export function facts(t: MTicket): TicketFacts {
  return {
    businessDate: t.businessDate,
    displayNumber: t.displayNumber,
    serviceId: t.serviceId,
    state: t.state,
    priority: t.priority,
    onHold: t.onHold,
    targetCounterId: t.targetCounterId,
    counterId: t.counterId,
    callCount: t.callCount,
    note: t.note,
    slotAt: t.slotAt,
  };
}

/** Lexicographic comparison of two sort keys. */
function lex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export class ReferenceQueue {
  now: number;
  today: string;
  readonly tickets: MTicket[] = [];
  readonly appointments: MAppointment[] = [];
  readonly counters: MCounter[];
  readonly services: MService[];
  policy: QueuePolicy;
  endOfDay: 'expire' | 'carryOver';
  readonly booking: ModelConfig['appointments'];
  private readonly offsetMs: number;
  private tie: number;
  private seq = 0;
  /** Today's (and earlier days') last number, by `date|service`. */
  private readonly lastNumbers = new Map<string, number>();
  /** Officer commands that succeeded: a retry gets the same answer. */
  private readonly answers = new Map<string, { command: string; actor: string; answer: Answer }>();
  /** Kiosk issues that succeeded: a retry gets the same ticket (as it is now). */
  private readonly issued = new Map<string, { ticketId: string; serviceId: string }>();
  /** Check-ins that succeeded: a retry gets the same ticket (as it is now). */
  private readonly checkedIn = new Map<string, { ticketId: string; outcome: 'kept' | 'late' | 'early' }>();
  private appointmentSeq = 0;
  /** When each entry left a counter (done, or transferred on from it). */
  private readonly finishedAt = new Map<string, number>();
  /** Entries rated. */
  private readonly rated = new Set<string>();
  rating: RatingSettings;

  constructor(cfg: ModelConfig) {
    this.services = cfg.services.map((s) => ({ ...s }));
    this.counters = cfg.counters.map((c) => ({ id: c.id, serviceIds: [...c.serviceIds], state: 'closed', officerId: null, priorityStreak: 0, appointmentStreak: 0 }));
    this.policy = cfg.policy;
    this.booking = cfg.appointments;
    this.endOfDay = cfg.endOfDay;
    this.offsetMs = cfg.utcOffsetMin * 60_000;
    this.now = cfg.now;
    this.tie = cfg.nextTie;
    this.today = this.dateOf(cfg.now);
    this.rating = cfg.rating ?? DEFAULT_RATING_SETTINGS;
  }

  // ------------------------------------------------------------------ reading

  dateOf(at: number): string {
    return new Date(at + this.offsetMs).toISOString().slice(0, 10);
  }

  ticket(id: string): MTicket | undefined {
    return this.tickets.find((t) => t.id === id);
  }

  live(): MTicket[] {
    return this.tickets.filter((t) => LIVE.includes(t.state));
  }

  counter(id: string): MCounter | undefined {
    return this.counters.find((c) => c.id === id);
  }

  inHandOf(counterId: string): MTicket | undefined {
    return this.tickets.find((t) => t.counterId === counterId && (t.state === 'called' || t.state === 'serving'));
  }

  counterFacts(c: MCounter): CounterFacts {
    const t = this.inHandOf(c.id);
    return {
      id: c.id,
      state: c.state,
      officerId: c.officerId,
      priorityStreak: c.priorityStreak,
      inHand: t ? { displayNumber: t.displayNumber, serviceId: t.serviceId, state: t.state } : null,
    };
  }

  private weight(t: MTicket): number {
    return t.priority === null ? 0 : (this.policy.priorityWeights[t.priority] ?? 1);
  }

  /** The priority class: normal tickets below every priority ticket, heavier categories higher. */
  private rank(t: MTicket): number {
    return t.priority === null ? -1 : this.weight(t);
  }

  private eligible(c: MCounter, t: MTicket): boolean {
    if (t.state !== 'waiting' || t.onHold) return false;
    return t.targetCounterId === null ? c.serviceIds.includes(t.serviceId) : t.targetCounterId === c.id;
  }

  /** The counter's preference for a ticket (0 first); a ticket sent to it of another service ranks first. */
  private preference(c: MCounter, t: MTicket): number {
    if (this.policy.crossService === 'oldestFirst') return 0;
    const i = c.serviceIds.indexOf(t.serviceId);
    return i < 0 ? 0 : i;
  }

  /** Whether a ticket goes ahead of walk-ins as an appointment: booked, and no priority category. */
  private booked(t: MTicket): boolean {
    return t.priority === null && t.slotAt !== null;
  }

  /**
   * The one ticket a counter with these streaks is given: the priority policy's choice; when it
   * falls on a normal ticket and the counter has made fewer than N appointment calls since its last
   * walk-in, the first appointment ticket (no category) of that same choice's pool instead.
   */
  private pick(c: MCounter, streak: number, apptStreak: number, candidates: MTicket[]): MTicket | null {
    const top = this.policyPick(c, streak, candidates);
    if (!top || top.priority !== null || apptStreak >= (this.policy.appointmentMaxInRow ?? 2)) return top?.ticket ?? null;
    const booked = top.pool.filter((t) => this.booked(t));
    if (booked.length === 0) return top.ticket;
    return [...booked].sort((a, b) => lex(top.keyOf(a), top.keyOf(b)))[0]!;
  }

  /** The priority policy's choice, with the pool it chose from and its sort key. */
  private policyPick(
    c: MCounter,
    streak: number,
    candidates: MTicket[],
  ): { ticket: MTicket; priority: PriorityCategory | null; pool: MTicket[]; keyOf: (t: MTicket) => number[] } | null {
    if (candidates.length === 0) return null;
    const p = this.policy;
    let pool = candidates;
    let keyOf: (t: MTicket) => number[];
    if (p.priority === 'aging') {
      keyOf = (t) => [-(this.now - t.queueKey) * (this.weight(t) + 1), -this.weight(t), this.preference(c, t), t.queueKey, t.queueTie];
    } else if (p.priority === 'alternate' && streak >= p.alternateMaxInRow && candidates.some((t) => t.priority === null)) {
      pool = candidates.filter((t) => t.priority === null);
      keyOf = (t) => [this.preference(c, t), t.queueKey, t.queueTie];
    } else {
      keyOf = (t) => [-this.rank(t), this.preference(c, t), t.queueKey, t.queueTie];
    }
    const sorted = [...pool].sort((a, b) => lex(keyOf(a), keyOf(b)));
    if (sorted.length > 1 && lex(keyOf(sorted[0]!), keyOf(sorted[1]!)) === 0) {
      // Two tickets at one place: the order would depend on how the system happens to store them.
      throw new Error(`model: ${sorted[0]!.displayNumber} and ${sorted[1]!.displayNumber} share a queue place`);
    }
    return { ticket: sorted[0]!, priority: sorted[0]!.priority, pool, keyOf };
  }

  /** Everything a counter would call, in order, if nothing else happened. */
  orderFor(counterId: string): MTicket[] {
    const c = this.counter(counterId)!;
    let left = this.live().filter((t) => this.eligible(c, t));
    let streak = c.priorityStreak;
    let apptStreak = c.appointmentStreak;
    const out: MTicket[] = [];
    for (;;) {
      const t = this.pick(c, streak, apptStreak, left);
      if (!t) return out;
      out.push(t);
      streak = t.priority === null ? 0 : streak + 1;
      apptStreak = t.priority !== null ? apptStreak : this.booked(t) ? apptStreak + 1 : 0;
      left = left.filter((x) => x !== t);
    }
  }

  /**
   * How many waiting, not held tickets of its service stand before a ticket: class, then (in the
   * normal class) appointments before walk-ins, then place.
   */
  peopleAhead(t: MTicket): number {
    if (t.state !== 'waiting') return 0;
    const key = (x: MTicket): number[] => [-this.rank(x), this.booked(x) ? 0 : 1, x.queueKey, x.queueTie];
    return this.live().filter((x) => x !== t && x.state === 'waiting' && !x.onHold && x.serviceId === t.serviceId && lex(key(x), key(t)) < 0).length;
  }

  // ------------------------------------------------------------------ the clock and the day

  advance(ms: number): void {
    this.now += ms;
    this.turnIfDue();
  }

  /**
   * The day turns when the clock passes midnight: numbering restarts, live tickets of earlier
   * days expire (waiting ones stay with `carryOver`), counters close.
   */
  turnIfDue(): void {
    const date = this.dateOf(this.now);
    if (date === this.today) return;
    for (const t of this.live()) {
      if (t.businessDate < date && !(this.endOfDay === 'carryOver' && t.state === 'waiting')) t.state = 'expired';
    }
    this.today = date;
    for (const c of this.counters) {
      if (c.state === 'closed') continue;
      c.state = 'closed';
      c.officerId = null;
      c.priorityStreak = 0;
      c.appointmentStreak = 0;
    }
  }

  // ------------------------------------------------------------------ commands

  private attempt(f: () => Answer): Answer {
    try {
      return f();
    } catch (e) {
      if (e instanceof Refused) return { ok: false, code: e.code };
      throw e;
    }
  }

  private newId(): string {
    return `m${++this.seq}`;
  }

  /** A kiosk takes a number; a kiosk of one reception area (`area`) only for that area's services. */
  issue(rid: string, serviceId: string, priority: PriorityCategory | null, area: readonly string[] | null = null): Answer {
    this.turnIfDue();
    const earlier = this.issued.get(rid);
    if (earlier) {
      if (earlier.serviceId !== serviceId) return { ok: false, code: 'REQUEST_ID_REUSED' };
      const t = this.ticket(earlier.ticketId)!;
      return { ok: true, ticket: facts(t), peopleAhead: this.peopleAhead(t) };
    }
    return this.attempt(() => {
      const s = this.services.find((x) => x.id === serviceId) ?? refuse('SERVICE_NOT_FOUND');
      if (area !== null && !area.includes(s.id)) refuse('SERVICE_NOT_IN_AREA');
      if (priority !== null && !s.allowPriority) refuse('PRIORITY_NOT_ALLOWED');
      const key = `${this.today}|${s.id}`;
      const first = s.numbering.kind === 'range' ? s.numbering.from : (s.numbering.start ?? 1);
      const n = this.lastNumbers.has(key) ? this.lastNumbers.get(key)! + 1 : first;
      const past = s.numbering.kind === 'range' ? n > s.numbering.to : String(n).length > s.numbering.digits;
      if (past) throw new Error('model: a run reached the end of a numbering range; the model does not cover overflow');
      this.lastNumbers.set(key, n);
      const t: MTicket = {
        id: this.newId(),
        serviceId: s.id,
        businessDate: this.today,
        number: n,
        displayNumber: s.numbering.kind === 'range' ? String(n) : s.numbering.prefix + String(n).padStart(s.numbering.digits, '0'),
        priority,
        state: 'waiting',
        issuedAt: this.now,
        queueKey: this.now,
        queueTie: this.tie++,
        targetCounterId: null,
        counterId: null,
        onHold: false,
        callCount: 0,
        note: null,
        slotAt: null,
      };
      this.tickets.push(t);
      this.issued.set(rid, { ticketId: t.id, serviceId });
      return { ok: true, ticket: facts(t), peopleAhead: this.peopleAhead(t) };
    });
  }

  /**
   * Book a slot: a slot of the booking's length, starting after now, within the capacity. Every
   * model service is open all day, so every aligned slot exists.
   */
  book(serviceId: string, slotAt: number): { answer: { ok: true } | { ok: false; code: string }; appointment: MAppointment | null } {
    this.turnIfDue();
    if (!this.services.some((s) => s.id === serviceId)) return { answer: { ok: false, code: 'SERVICE_NOT_FOUND' }, appointment: null };
    if (slotAt <= this.now) return { answer: { ok: false, code: 'SLOT_FULL' }, appointment: null };
    const taken = this.appointments.filter((a) => a.serviceId === serviceId && a.slotAt === slotAt && a.state !== 'cancelled').length;
    if (taken >= this.booking.capacityPerSlot) return { answer: { ok: false, code: 'SLOT_FULL' }, appointment: null };
    const a: MAppointment = { id: `a${++this.appointmentSeq}`, serviceId, businessDate: this.dateOf(slotAt), slotAt, state: 'booked' };
    this.appointments.push(a);
    return { answer: { ok: true }, appointment: a };
  }

  /**
   * Check in a booking at a kiosk: from `earlyMin` before its slot to `lateMin` after, an
   * appointment ticket placed at the slot time; later (or on a later day) a walk-in ticket;
   * earlier, refused unless the citizen takes a walk-in ticket now.
   */
  checkIn(rid: string, appointmentId: string | null, priority: PriorityCategory | null, walkInIfEarly: boolean, area: readonly string[] | null = null): Answer {
    this.turnIfDue();
    const earlier = this.checkedIn.get(rid);
    if (earlier) {
      const t = this.ticket(earlier.ticketId)!;
      return { ok: true, ticket: facts(t), peopleAhead: this.peopleAhead(t), outcome: earlier.outcome };
    }
    const a = appointmentId === null ? undefined : this.appointments.find((x) => x.id === appointmentId);
    if (!a) return { ok: false, code: 'APPOINTMENT_NOT_FOUND' };
    if (a.state === 'cancelled') return { ok: false, code: 'APPOINTMENT_CANCELLED' };
    if (a.state !== 'booked') return { ok: false, code: 'APPOINTMENT_USED' };
    const from = a.slotAt - this.booking.earlyMin * 60_000;
    const to = a.slotAt + this.booking.lateMin * 60_000;
    const when = a.businessDate < this.today ? 'late' : a.businessDate > this.today ? 'early' : this.now < from ? 'early' : this.now > to ? 'late' : 'kept';
    if (when === 'early' && !walkInIfEarly) return { ok: false, code: 'APPOINTMENT_TOO_EARLY' };
    const answer = this.issue(rid, a.serviceId, priority, area);
    if (!answer.ok) return answer;
    const t = this.tickets[this.tickets.length - 1]!;
    if (when === 'kept') {
      t.slotAt = a.slotAt;
      t.queueKey = a.slotAt;
    }
    a.state = when;
    this.issued.delete(rid);
    this.checkedIn.set(rid, { ticketId: t.id, outcome: when });
    return { ok: true, ticket: facts(t), peopleAhead: this.peopleAhead(t), outcome: when };
  }

  /** Officer commands: a retry with the same request id gets the first answer. */
  private once(rid: string, command: string, actor: MActor, f: () => Answer): Answer {
    this.turnIfDue();
    const who = actor.kind === 'kiosk' ? `kiosk:${actor.deviceId}` : `user:${actor.userId}`;
    const earlier = this.answers.get(rid);
    if (earlier) {
      if (earlier.command !== command || earlier.actor !== who) return { ok: false, code: 'REQUEST_ID_REUSED' };
      return earlier.answer;
    }
    const answer = this.attempt(f);
    if (answer.ok) this.answers.set(rid, { command, actor: who, answer });
    return answer;
  }

  private isManager(a: MActor): boolean {
    return a.kind === 'staff' && a.role !== 'officer';
  }

  /** Officers act only at the counter they have open; managers anywhere. */
  private actsFor(c: MCounter, a: MActor): void {
    if (a.kind === 'kiosk') refuse('FORBIDDEN');
    if (!this.isManager(a) && a.kind === 'staff' && c.officerId !== a.userId) refuse('NOT_YOUR_COUNTER');
  }

  /** An officer touches by id only the tickets of the counter it has open. */
  private mayTouch(t: MTicket, a: MActor): void {
    if (a.kind === 'kiosk') refuse('FORBIDDEN');
    if (this.isManager(a) || a.kind !== 'staff') return;
    const mine = this.counters.find((c) => c.officerId === a.userId && c.state !== 'closed');
    if (!mine) return refuse('NOT_YOUR_COUNTER');
    let ok: boolean;
    if (t.state === 'called' || t.state === 'serving' || t.state === 'no_show') ok = t.counterId === mine.id;
    else if (t.targetCounterId !== null) ok = t.targetCounterId === mine.id;
    else ok = mine.serviceIds.includes(t.serviceId);
    if (!ok) refuse('NOT_YOUR_COUNTER');
  }

  private requireLive(id: string): MTicket {
    const t = this.ticket(id);
    if (!t) return refuse('TICKET_NOT_FOUND');
    if (!LIVE.includes(t.state)) refuse('INVALID_STATE');
    return t;
  }

  private requireInHand(c: MCounter): MTicket {
    return this.inHandOf(c.id) ?? refuse('NO_TICKET_IN_HAND');
  }

  private requireCalling(c: MCounter): void {
    if (c.state === 'closed') refuse('COUNTER_CLOSED');
    if (c.state === 'paused') refuse('COUNTER_PAUSED');
    if (this.inHandOf(c.id)) refuse('COUNTER_BUSY');
  }

  private call(c: MCounter, t: MTicket): MTicket {
    t.state = 'called';
    t.counterId = c.id;
    t.callCount++;
    c.priorityStreak = t.priority === null ? 0 : c.priorityStreak + 1;
    if (t.priority === null) c.appointmentStreak = this.booked(t) ? c.appointmentStreak + 1 : 0;
    return t;
  }

  /**
   * A counter command. The frame: the counter exists, is not closed (but for open and close),
   * the actor acts for it (anyone may try to open), the ticket the officer saw is still in hand.
   */
  counterCommand(rid: string, actor: MActor, name: CounterCommandName, counterId: string, seen?: string): Answer {
    return this.once(rid, `counter.${name}`, actor, () => {
      const c = this.counter(counterId) ?? refuse('COUNTER_NOT_FOUND');
      if (name !== 'open' && name !== 'close' && c.state === 'closed') refuse('COUNTER_CLOSED');
      if (name !== 'open') this.actsFor(c, actor);
      if (seen !== undefined && this.inHandOf(c.id)?.id !== seen) refuse('TICKET_CHANGED');
      let ticket: MTicket | null = null;
      switch (name) {
        case 'open': {
          if (actor.kind !== 'staff') return refuse('FORBIDDEN');
          if (c.state !== 'closed' && c.officerId === actor.userId) break;
          if (c.state !== 'closed' && c.officerId !== null) refuse('COUNTER_TAKEN');
          const others = this.counters.filter((o) => o !== c && o.officerId === actor.userId && o.state !== 'closed');
          if (others.some((o) => this.inHandOf(o.id))) refuse('COUNTER_BUSY');
          for (const o of others) {
            o.state = 'closed';
            o.officerId = null;
          }
          c.state = 'open';
          c.officerId = actor.userId;
          c.priorityStreak = 0;
          c.appointmentStreak = 0;
          break;
        }
        case 'pause':
          if (c.state === 'open') c.state = 'paused';
          break;
        case 'resume':
          c.state = 'open';
          break;
        case 'close':
          if (c.state === 'closed') break;
          if (this.inHandOf(c.id)) refuse('COUNTER_BUSY');
          c.state = 'closed';
          c.officerId = null;
          break;
        case 'callNext': {
          this.requireCalling(c);
          const next = this.pick(c, c.priorityStreak, c.appointmentStreak, this.live().filter((t) => this.eligible(c, t))) ?? refuse('QUEUE_EMPTY');
          ticket = this.call(c, next);
          break;
        }
        case 'doneAndCallNext': {
          const inHand = this.inHandOf(c.id);
          if (inHand) {
            inHand.state = 'done';
            this.finishedAt.set(inHand.id, this.now);
          }
          if (c.state === 'paused') {
            if (!inHand) refuse('COUNTER_PAUSED');
            break;
          }
          const next = this.pick(c, c.priorityStreak, c.appointmentStreak, this.live().filter((t) => this.eligible(c, t)));
          if (!next && !inHand) refuse('QUEUE_EMPTY');
          if (next) ticket = this.call(c, next);
          break;
        }
        case 'recall': {
          const t = this.requireInHand(c);
          if (t.state !== 'called') refuse('INVALID_STATE');
          t.callCount++;
          ticket = t;
          break;
        }
        case 'start': {
          const t = this.requireInHand(c);
          if (t.state !== 'called') refuse('INVALID_STATE');
          t.state = 'serving';
          ticket = t;
          break;
        }
        case 'done': {
          const t = this.requireInHand(c);
          t.state = 'done';
          this.finishedAt.set(t.id, this.now);
          ticket = t;
          break;
        }
        case 'noShow': {
          const t = this.requireInHand(c);
          if (t.state !== 'called') refuse('INVALID_STATE');
          t.state = 'no_show';
          ticket = t;
          break;
        }
      }
      // The answer names the ticket acted on, or else the one in hand; "done and call next" names
      // only the ticket it called (null when nobody waited).
      const shown = name === 'doneAndCallNext' ? (this.inHandOf(c.id) ?? null) : (ticket ?? this.inHandOf(c.id) ?? null);
      return { ok: true, ticket: shown ? facts(shown) : null, counter: this.counterFacts(c) };
    });
  }

  /** Call a number out of order: a waiting ticket first, else a no-show who came back. */
  callNumber(rid: string, actor: MActor, counterId: string, displayNumber: string, serviceId?: string, seen?: string): Answer {
    return this.once(rid, 'counter.callNumber', actor, () => {
      const c = this.counter(counterId) ?? refuse('COUNTER_NOT_FOUND');
      if (c.state === 'closed') refuse('COUNTER_CLOSED');
      this.actsFor(c, actor);
      if (seen !== undefined && this.inHandOf(c.id)?.id !== seen) refuse('TICKET_CHANGED');
      this.requireCalling(c);
      const found = this.live().filter(
        (t) =>
          t.displayNumber.toUpperCase() === displayNumber.toUpperCase() &&
          (t.state === 'waiting' || t.state === 'no_show') &&
          (serviceId === undefined || t.serviceId === serviceId),
      );
      // A waiting ticket before a no-show. Two live tickets share a number only when yesterday's
      // was carried over: then the entry made first (the rule's choice; the docs are silent).
      found.sort((a, b) => Number(b.state === 'waiting') - Number(a.state === 'waiting'));
      const t = found[0] ?? refuse('TICKET_NOT_FOUND');
      const servable = t.targetCounterId === null ? c.serviceIds.includes(t.serviceId) : t.targetCounterId === c.id;
      if (!servable) refuse('NOT_ELIGIBLE');
      if (t.onHold) refuse('TICKET_ON_HOLD');
      this.call(c, t);
      return { ok: true, ticket: facts(t), counter: this.counterFacts(c) };
    });
  }

  /**
   * Transfer the ticket in hand (or a live ticket by id) keeping its number and issue time: the
   * entry ends as `transferred`, a new waiting entry joins the target.
   */
  transfer(
    rid: string,
    actor: MActor,
    counterId: string,
    target: TransferTargetSpec,
    position: 'front' | 'back' | 'original',
    priority: PriorityCategory | null | undefined,
    ticketId?: string,
  ): { answer: Answer; created: MTicket | null } {
    let created: MTicket | null = null;
    const answer = this.once(rid, 'ticket.transfer', actor, () => {
      const c = this.counter(counterId) ?? refuse('COUNTER_NOT_FOUND');
      this.actsFor(c, actor);
      const source = ticketId !== undefined ? this.requireLive(ticketId) : this.requireInHand(c);
      if (source.state === 'no_show') refuse('INVALID_STATE');
      this.mayTouch(source, actor);
      let serviceId = source.serviceId;
      if (target.kind === 'service') {
        const s = this.services.find((x) => x.id === target.serviceId) ?? refuse('SERVICE_NOT_FOUND');
        serviceId = s.id;
      }
      let targetCounterId: string | null = null;
      if (target.counterId !== undefined) {
        const tc = this.counter(target.counterId) ?? refuse('COUNTER_NOT_FOUND');
        if (tc.state === 'closed') refuse('COUNTER_CLOSED');
        targetCounterId = tc.id;
      }
      const allow = this.services.find((x) => x.id === serviceId)?.allowPriority ?? false;
      const place =
        position === 'front'
          ? { queueKey: -this.now, queueTie: -this.tie++ }
          : position === 'back'
            ? { queueKey: this.now, queueTie: this.tie++ }
            : { queueKey: source.issuedAt, queueTie: source.queueTie };
      source.state = 'transferred';
      this.finishedAt.set(source.id, this.now);
      const entry: MTicket = {
        ...source,
        ...place,
        id: this.newId(),
        serviceId,
        priority: allow ? (priority === undefined ? source.priority : priority) : null,
        state: 'waiting',
        targetCounterId,
        counterId: null,
        onHold: false,
        callCount: 0,
        slotAt: null,
      };
      this.tickets.push(entry);
      created = entry;
      return { ok: true, ticket: facts(entry) };
    });
    return { answer, created };
  }

  /** Bring a no-show back: at its original place, or K places down in its service and class. */
  requeue(rid: string, actor: MActor, ticketId: string): Answer {
    return this.once(rid, 'ticket.requeue', actor, () => {
      const t = this.requireLive(ticketId);
      this.mayTouch(t, actor);
      if (t.state !== 'no_show') refuse('INVALID_STATE');
      const rule = this.policy.noShowReturn;
      const place = rule.kind === 'original' ? { queueKey: t.issuedAt, queueTie: t.queueTie } : this.placesDown(t, rule.places);
      Object.assign(t, place, { state: 'waiting', counterId: null, onHold: false, slotAt: null });
      return { ok: true, ticket: facts(t) };
    });
  }

  /**
   * K places down: right after the K-th waiting, not held ticket of its service and class (right
   * before the head for K = 0); with K or fewer of them, at the back.
   */
  private placesDown(t: MTicket, k: number): { queueKey: number; queueTie: number } {
    const place = (x: MTicket): [number, number] => [x.queueKey, x.queueTie];
    const queue = this.live()
      .filter((x) => x !== t && x.state === 'waiting' && !x.onHold && x.serviceId === t.serviceId && this.rank(x) === this.rank(t))
      .sort((a, b) => lex(place(a), place(b)));
    if (k >= queue.length) return { queueKey: this.now, queueTie: this.tie++ };
    const others = this.live().filter((x) => x !== t);
    if (k === 0) {
      const head = queue[0]!;
      const before = others.filter((x) => lex(place(x), place(head)) < 0).sort((a, b) => lex(place(b), place(a)))[0];
      return before && before.queueKey === head.queueKey
        ? { queueKey: head.queueKey, queueTie: (before.queueTie + head.queueTie) / 2 }
        : { queueKey: head.queueKey, queueTie: head.queueTie - 0.5 };
    }
    const prev = queue[k - 1]!;
    const after = others.filter((x) => lex(place(x), place(prev)) > 0).sort((a, b) => lex(place(a), place(b)))[0];
    return after && after.queueKey === prev.queueKey
      ? { queueKey: prev.queueKey, queueTie: (prev.queueTie + after.queueTie) / 2 }
      : { queueKey: prev.queueKey, queueTie: prev.queueTie + 0.5 };
  }

  cancel(rid: string, actor: MActor, ticketId: string): Answer {
    return this.once(rid, 'ticket.cancel', actor, () => {
      const t = this.requireLive(ticketId);
      this.mayTouch(t, actor);
      if (t.state !== 'waiting' && t.state !== 'called') refuse('INVALID_STATE');
      t.state = 'cancelled';
      return { ok: true, ticket: facts(t) };
    });
  }

  hold(rid: string, actor: MActor, ticketId: string, hold: boolean): Answer {
    return this.once(rid, 'ticket.hold', actor, () => {
      const t = this.requireLive(ticketId);
      this.mayTouch(t, actor);
      if (t.state !== 'waiting') refuse('INVALID_STATE');
      t.onHold = hold;
      return { ok: true, ticket: facts(t) };
    });
  }

  note(rid: string, actor: MActor, ticketId: string, text: string): Answer {
    return this.once(rid, 'ticket.note', actor, () => {
      const t = this.requireLive(ticketId);
      this.mayTouch(t, actor);
      t.note = text.trim() === '' ? null : text.trim();
      return { ok: true, ticket: facts(t) };
    });
  }

  /**
   * A citizen rates one entry, from the phone (holding its id) or the tablet of a counter: only
   * an entry a counter served (done there, or transferred on from there), only once, the tablet
   * only its own counter's and within 15 minutes, the phone within a day; a low score (the lowest
   * of three, one or two of five stars) needs a reason from the centre's list, and only those.
   */
  rate(via: 'phone' | 'tablet', tabletCounterId: string | null, ticketId: string, level: number, reasons: string[]): Answer {
    const t = this.ticket(ticketId);
    if (!t) return { ok: false, code: 'TICKET_NOT_FOUND' };
    const finished = this.finishedAt.get(t.id);
    if ((t.state !== 'done' && t.state !== 'transferred') || t.counterId === null || finished === undefined) return { ok: false, code: 'INVALID_STATE' };
    if (via === 'tablet' && tabletCounterId !== t.counterId) return { ok: false, code: 'FORBIDDEN' };
    if (this.rated.has(t.id)) return { ok: false, code: 'ALREADY_RATED' };
    if (this.now - finished > (via === 'tablet' ? 15 * 60_000 : 24 * 3_600_000)) return { ok: false, code: 'INVALID_STATE' };
    const five = this.rating.scale === 'five';
    if (level > (five ? 5 : 3)) return { ok: false, code: 'VALIDATION' };
    const low = five ? level <= 2 : level === 1;
    if (low) {
      if (reasons.some((r) => !this.rating.reasons.includes(r))) return { ok: false, code: 'VALIDATION' };
      if (reasons.length === 0 && this.rating.reasons.length > 0) return { ok: false, code: 'RATING_REASON_REQUIRED' };
    }
    this.rated.add(t.id);
    return { ok: true, ticket: null };
  }
}
