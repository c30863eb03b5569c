/**
 * The model-based test's parts that do not depend on the system under test: random command
 * sequences (fast-check), the runner that sends each command to the reference model and to the
 * system and compares every answer and every queue order, and an in-memory `QueueState` that
 * lets the rulebook itself be the system (`RulebookSystem`). The server's test
 * (queue-server/test/rules-model.test.ts) plugs in a system that talks over sockets instead.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { bookingRefusal } from './booking.js';
import { PRIORITY_CATEGORIES, appointmentPolicyOf, type Appointment, type AppointmentId, type BusinessDate, type Counter, type CounterId, type PriorityCategory, type QueuePolicy, type RatingSettings, type Service, type ServiceId, type Settings, type Ticket, type TicketId, type UserId } from './model.js';
import type { Actor } from './actor.js';
import { actorKey } from './actor.js';
import type { Changes, QueueHistory, QueueState } from './queue-state.js';
import { isLive } from './queue-state.js';
import { decide, type QueueCommand } from './rulebook.js';
import { businessDateOf } from './numbering.js';
import { peopleAhead, projectOrder } from './policy.js';
import { isInHand } from './states.js';
import {
  ReferenceQueue,
  type Answer,
  type CounterCommandName,
  type MActor,
  type MService,
  type MTicket,
  type TicketFacts,
  type TransferTargetSpec,
} from './reference-model.test-support.js';

// ---------------------------------------------------------------------------- the people

export const OFFICERS = ['canbo1', 'canbo2', 'canbo3'] as const;
export type Who = (typeof OFFICERS)[number] | 'quanly';
export const WHO: readonly Who[] = [...OFFICERS, 'quanly'];

export function actorOf(who: Who): MActor {
  return { kind: 'staff', userId: `u-${who}`, role: who === 'quanly' ? 'manager' : 'officer' };
}

// ---------------------------------------------------------------------------- what the tests compare

export function ticketFacts(t: Ticket): TicketFacts {
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
    slotAt: t.slotAt ?? null,
  };
}

export function counterAnswer(
  counter: Pick<Counter, 'id' | 'state' | 'officerId' | 'priorityStreak'>,
  inHand: Pick<Ticket, 'displayNumber' | 'serviceId' | 'state'> | null,
  ticket: Ticket | null,
): Answer {
  return {
    ok: true,
    ticket: ticket ? ticketFacts(ticket) : null,
    counter: {
      id: counter.id,
      state: counter.state,
      officerId: counter.officerId,
      priorityStreak: counter.priorityStreak,
      inHand: inHand ? { displayNumber: inHand.displayNumber, serviceId: inHand.serviceId, state: inHand.state } : null,
    },
  };
}

/** What a system answered, and the id of the ticket it named (to link the model's ids). */
export interface Reply {
  answer: Answer;
  ticketId: string | null;
}

/** The live queue as the system shows it now. */
export interface SystemView {
  now: number;
  policy: QueuePolicy;
  tickets: Ticket[];
  counters: Counter[];
}

/** A queue system the model is compared with; every ticket id here is the system's own. */
export interface SystemUnderTest {
  issue(kiosk: number, rid: string, serviceId: string, priority: PriorityCategory | null): Promise<Reply>;
  counter(who: Who, rid: string, name: CounterCommandName, counterId: string, seen?: string): Promise<Reply>;
  callNumber(who: Who, rid: string, counterId: string, displayNumber: string, serviceId?: string, seen?: string): Promise<Reply>;
  transfer(
    who: Who,
    rid: string,
    counterId: string,
    target: TransferTargetSpec,
    position: 'front' | 'back' | 'original',
    priority: PriorityCategory | null | undefined,
    ticketId?: string,
  ): Promise<Reply>;
  ticket(who: Who, rid: string, kind: 'requeue' | 'cancel' | 'hold' | 'release' | 'note', ticketId: string, text?: string): Promise<Reply>;
  /** Book a slot as the public booking page does; the system's short code when it took it. */
  book(serviceId: string, slotAt: number): Promise<{ answer: { ok: true } | { ok: false; code: string }; code: string | null }>;
  /** A kiosk checks a booking in by its short code. */
  checkIn(kiosk: number, rid: string, code: string, priority: PriorityCategory | null, walkInIfEarly: boolean): Promise<Reply>;
  /** A citizen rates an entry from the phone, or from the tablet of a counter. */
  rate(via: 'phone' | 'tablet', tabletCounterId: string | null, ticketId: string, level: number, reasons: string[], comment: string | null): Promise<Reply>;
  /** Move the clock; the system then checks the business day as its timer would. */
  advance(ms: number): Promise<void>;
  view(): Promise<SystemView>;
}

// ---------------------------------------------------------------------------- random commands

/** A ticket named by the test: an index into the model's live (or all) tickets, or none known. */
export interface TicketRef {
  /** `auto`: the tickets the command is meant for (no-shows to bring back, waiting ones to hold …). */
  pool: 'auto' | 'live' | 'waiting' | 'noShow' | 'any' | 'unknown' | 'served';
  n: number;
}

/** A counter named by the test: the one the actor sits at, or one by index. */
export type CounterRef = 'mine' | number;

export type ModelCommand =
  | { kind: 'issue'; kiosk: number; service: number; priority: PriorityCategory | null }
  | { kind: 'counter'; who: Who; name: CounterCommandName; counter: CounterRef; seen: 'none' | 'current' | 'other'; other: TicketRef }
  | { kind: 'callNumber'; who: Who; counter: CounterRef; ticket: TicketRef; withService: boolean; seen: 'none' | 'current' }
  | {
      kind: 'transfer';
      who: Who;
      counter: CounterRef;
      source: 'inHand' | TicketRef;
      target: { kind: 'service'; service: number; counter: number | null } | { kind: 'counter'; counter: number };
      position: 'front' | 'back' | 'original';
      priority: 'keep' | PriorityCategory | null;
    }
  | {
      kind: 'ticket';
      /** `byCounter`: the officer sitting at the ticket's counter (or serving its service), if any. */
      who: Who | 'byCounter';
      action: 'requeue' | 'cancel' | 'hold' | 'release' | 'note';
      ticket: TicketRef;
      text: string;
    }
  | { kind: 'book'; service: number; slot: number }
  | { kind: 'checkIn'; kiosk: number; anyBooking: boolean; appointment: number | null; priority: PriorityCategory | null; walkInIfEarly: boolean }
  | {
      kind: 'rate';
      via: 'phone' | 'tablet';
      ticket: TicketRef;
      /** The tablet's counter: the one that served the ticket, or one by index. */
      tabletAt: 'its' | number;
      level: number;
      reasons: 'none' | 'first' | 'two' | 'unlisted';
      comment: string | null;
    }
  | { kind: 'clock'; ms: number }
  | { kind: 'nextDay'; minutesAfterMidnight: number }
  | { kind: 'retry'; back: number };

const arbWho = fc.constantFrom<Who>(...WHO);
const arbRef: fc.Arbitrary<TicketRef> = fc.record({
  pool: fc.constantFrom<TicketRef['pool']>('live', 'live', 'waiting', 'waiting', 'noShow', 'noShow', 'any', 'unknown'),
  n: fc.nat(),
});
const arbCounterRef = (counters: number): fc.Arbitrary<CounterRef> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant<CounterRef>('mine') }, { weight: 1, arbitrary: fc.nat(counters - 1) });
const arbPriority = fc.option(fc.constantFrom(...PRIORITY_CATEGORIES), { freq: 3 });

/** Slot length of the model runs (minutes); the systems are configured with it. */
export const MODEL_SLOT_MIN = 15;

/**
 * One random command over a catalog of `services` services (one more: unknown) and `counters`
 * counters; with `appointments`, bookings and kiosk check-ins too.
 */
export function arbCommand(services: number, counters: number, appointments = false): fc.Arbitrary<ModelCommand> {
  const counterNames: CounterCommandName[] = ['open', 'pause', 'resume', 'close', 'callNext', 'doneAndCallNext', 'recall', 'start', 'done', 'noShow'];
  const arbBook = fc.record({ kind: fc.constant('book' as const), service: fc.nat(services - 1), slot: fc.constantFrom(0, 1, 1, 1, 1, 2, 3, 4) });
  const arbCheckIn = fc.record({
    kind: fc.constant('checkIn' as const),
    anyBooking: fc.boolean(),
    kiosk: fc.nat(1),
    appointment: fc.option(fc.nat(), { freq: 12 }),
    priority: fc.option(fc.constantFrom(...PRIORITY_CATEGORIES), { freq: 5 }),
    walkInIfEarly: fc.boolean(),
  });
  const booking = appointments
    ? [
        { weight: 12, arbitrary: arbBook.map((c): ModelCommand => c) },
        { weight: 16, arbitrary: arbCheckIn.map((c): ModelCommand => c) },
      ]
    : [];
  return fc.oneof(
    ...booking,
    {
      weight: 20,
      arbitrary: fc.record({
        kind: fc.constant('issue' as const),
        kiosk: fc.nat(1),
        service: fc.oneof({ weight: 20, arbitrary: fc.nat(services - 1) }, { weight: 1, arbitrary: fc.constant(services) }),
        priority: arbPriority,
      }),
    },
    {
      weight: 30,
      arbitrary: fc.record({
        kind: fc.constant('counter' as const),
        who: arbWho,
        name: fc.constantFrom(...counterNames, 'callNext', 'callNext', 'callNext', 'doneAndCallNext', 'doneAndCallNext', 'done', 'noShow', 'start'),
        counter: arbCounterRef(counters),
        seen: fc.constantFrom<'none' | 'current' | 'other'>('none', 'none', 'none', 'none', 'current', 'current', 'other'),
        other: arbRef,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('callNumber' as const),
        who: arbWho,
        counter: arbCounterRef(counters),
        ticket: arbRef,
        withService: fc.boolean(),
        seen: fc.constantFrom<'none' | 'current'>('none', 'current'),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('transfer' as const),
        who: arbWho,
        counter: arbCounterRef(counters),
        source: fc.oneof({ weight: 2, arbitrary: fc.constant<'inHand'>('inHand') }, { weight: 1, arbitrary: arbRef }),
        target: fc.oneof(
          fc.record({ kind: fc.constant('service' as const), service: fc.nat(services), counter: fc.option(fc.nat(counters - 1), { freq: 2 }) }),
          fc.record({ kind: fc.constant('counter' as const), counter: fc.nat(counters - 1) }),
        ),
        position: fc.constantFrom<'front' | 'back' | 'original'>('front', 'back', 'original'),
        priority: fc.oneof(
          { weight: 2, arbitrary: fc.constant<'keep'>('keep') },
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom(...PRIORITY_CATEGORIES) },
        ),
      }),
    },
    {
      weight: 10,
      arbitrary: fc.record({
        kind: fc.constant('ticket' as const),
        who: fc.oneof(arbWho, fc.constant<'byCounter'>('byCounter')),
        action: fc.constantFrom<'requeue' | 'cancel' | 'hold' | 'release' | 'note'>('requeue', 'requeue', 'requeue', 'cancel', 'hold', 'hold', 'release', 'note'),
        ticket: fc.record({ pool: fc.constantFrom<TicketRef['pool']>('auto', 'auto', 'auto', 'auto', 'live', 'any', 'unknown'), n: fc.nat() }),
        text: fc.constantFrom('', 'cần bổ sung giấy tờ', 'đã gọi điện'),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('rate' as const),
        via: fc.constantFrom<'phone' | 'tablet'>('phone', 'tablet'),
        ticket: fc.record({ pool: fc.constantFrom<TicketRef['pool']>('served', 'served', 'served', 'served', 'any', 'live', 'unknown'), n: fc.nat() }),
        tabletAt: fc.oneof({ weight: 4, arbitrary: fc.constant<'its'>('its') }, { weight: 1, arbitrary: fc.nat(counters - 1) }),
        level: fc.integer({ min: 1, max: 5 }),
        reasons: fc.constantFrom<'none' | 'first' | 'two' | 'unlisted'>('none', 'first', 'first', 'two', 'unlisted'),
        comment: fc.constantFrom(null, '', 'Cán bộ nhiệt tình, cảm ơn'),
      }),
    },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('clock' as const),
        ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 60_000, max: 30 * 60_000 })),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('nextDay' as const), minutesAfterMidnight: fc.integer({ min: 7 * 60, max: 9 * 60 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('retry' as const), back: fc.integer({ min: 1, max: 3 }) }) },
  );
}

/** Each officer first opens a counter of its own; then anything. */
export function arbCommands(services: number, counters: number, length: number, appointments = false): fc.Arbitrary<ModelCommand[]> {
  const opening = fc.uniqueArray(fc.nat(counters - 1), { minLength: OFFICERS.length, maxLength: OFFICERS.length }).map((cs) =>
    cs.map<ModelCommand>((c, i) => ({ kind: 'counter', who: OFFICERS[i]!, name: 'open', counter: c, seen: 'none', other: { pool: 'live', n: 0 } })),
  );
  return fc.tuple(opening, fc.array(arbCommand(services, counters, appointments), { minLength: Math.ceil(length / 2), maxLength: length })).map(([a, b]) => [...a, ...b]);
}

/** A random queue policy: each priority policy, weights, K, the cross-service rule, no-show return. */
export const arbPolicy: fc.Arbitrary<{ queue: QueuePolicy; endOfDay: 'expire' | 'carryOver'; rating: RatingSettings }> = fc.record({
  queue: fc.record({
    priority: fc.constantFrom('strict' as const, 'alternate' as const, 'aging' as const),
    alternateMaxInRow: fc.integer({ min: 1, max: 3 }),
    appointmentMaxInRow: fc.integer({ min: 1, max: 3 }),
    priorityWeights: fc.record({
      elderly: fc.integer({ min: 0, max: 3 }),
      disabled: fc.integer({ min: 0, max: 3 }),
      pregnant_or_child: fc.integer({ min: 0, max: 3 }),
      veteran: fc.integer({ min: 0, max: 3 }),
    }),
    crossService: fc.constantFrom('preference' as const, 'oldestFirst' as const),
    noShowReturn: fc.oneof(
      fc.constant({ kind: 'original' as const }),
      fc.record({ kind: fc.constant('placesDown' as const), places: fc.integer({ min: 0, max: 3 }) }),
    ),
  }),
  endOfDay: fc.constantFrom('expire' as const, 'carryOver' as const),
  rating: fc.record({
    scale: fc.constantFrom('three' as const, 'five' as const),
    reasons: fc.constantFrom(['Chờ lâu', 'Hướng dẫn chưa rõ', 'Thái độ chưa tốt'], ['Chờ lâu'], []),
  }),
});

// ---------------------------------------------------------------------------- the runner

export interface Catalog {
  services: MService[];
  counters: { id: string; serviceIds: string[] }[];
}

/**
 * The reception area of each kiosk of a run: the first offers every service, the second only the
 * catalog's first (a centre with a reception on each floor). Systems under test give their kiosks
 * these areas; the model checks them.
 */
export function modelKioskArea(catalog: Catalog, kiosk: number): string[] | null {
  return kiosk === 1 ? [catalog.services[0]!.id] : null;
}

const UNKNOWN_TICKET = 'no-such-ticket-0000000';

/** Runs commands through the model and a system, comparing after every step. */
export class ModelRunner {
  private readonly realOf = new Map<string, string>();
  /** The system's short code of each model appointment. */
  private readonly codeOf = new Map<string, string>();
  private readonly done: { at: number; run: () => Promise<void>; what: string }[] = [];
  readonly trace: string[] = [];
  /** How often each command answered each way, over every runner (to see what a run covers). */
  static readonly tally = new Map<string, number>();

  constructor(
    readonly model: ReferenceQueue,
    private readonly sys: SystemUnderTest,
    private readonly catalog: Catalog,
    private readonly newRid: () => string,
  ) {}

  private real(modelId: string): string {
    return this.realOf.get(modelId) ?? UNKNOWN_TICKET;
  }

  private link(modelTicket: MTicket | null | undefined, realId: string | null): void {
    if (modelTicket && realId) this.realOf.set(modelTicket.id, realId);
  }

  private pickTicket(ref: TicketRef, auto: 'waiting' | 'noShow' = 'waiting'): MTicket | null {
    if (ref.pool === 'unknown') return null;
    const live = this.model.live();
    const kind = ref.pool === 'auto' ? auto : ref.pool;
    if (kind === 'served') {
      // The latest few served: a citizen rates soon after the counter, or never.
      const served = this.model.tickets.filter((t) => (t.state === 'done' || t.state === 'transferred') && t.counterId !== null).slice(-3);
      const list = served.length > 0 ? served : this.model.tickets;
      return list.length > 0 ? list[ref.n % list.length]! : null;
    }
    const pool =
      kind === 'any' ? this.model.tickets : kind === 'live' ? live : live.filter((t) => t.state === (kind === 'waiting' ? 'waiting' : 'no_show'));
    const list = pool.length > 0 ? pool : live.length > 0 ? live : this.model.tickets;
    return list.length > 0 ? list[ref.n % list.length]! : null;
  }

  /** The officer at the ticket's counter (or at a counter of its service), else anyone. */
  private officerFor(t: MTicket | null, n: number): Who {
    const c = t
      ? (this.model.counters.find((x) => x.state !== 'closed' && x.id === (t.counterId ?? t.targetCounterId)) ??
        this.model.counters.find((x) => x.state !== 'closed' && x.serviceIds.includes(t.serviceId)))
      : undefined;
    const officer = OFFICERS.find((o) => c && c.officerId === `u-${o}`);
    return officer ?? WHO[n % WHO.length]!;
  }

  private pickCounter(who: Who, ref: CounterRef, n: number): string {
    const all = this.catalog.counters;
    if (ref !== 'mine') return all[ref % all.length]!.id;
    const open = this.model.counters.filter((c) => c.state !== 'closed');
    if (who !== 'quanly') {
      const mine = open.find((c) => c.officerId === `u-${who}`);
      if (mine) return mine.id;
      const free = this.model.counters.filter((c) => c.state === 'closed');
      if (free.length > 0) return free[n % free.length]!.id;
    }
    return (open.length > 0 ? open[n % open.length]! : all[n % all.length]!).id;
  }

  private async check(what: string, model: Answer, reply: Reply): Promise<void> {
    const verb = what.split(' ').find((w, i) => i > 0 && /^[a-zA-Z]+$/.test(w)) ?? what;
    const tallyKey = `${verb} ${model.ok ? `ok${model.outcome ? ` ${model.outcome}` : ''}` : model.code}`;
    ModelRunner.tally.set(tallyKey, (ModelRunner.tally.get(tallyKey) ?? 0) + 1);
    this.trace.push(`${what} → ${model.ok ? 'ok' : model.code}${model.ok && model.ticket ? ` ${model.ticket.displayNumber} ${model.ticket.state}` : ''}`);
    if (JSON.stringify(reply.answer) !== JSON.stringify(model)) {
      expect(reply.answer, `${what}\n--- trace\n${this.trace.slice(-25).join('\n')}`).toEqual(model);
    }
  }

  /** Run one command, compare its answer, then compare the whole queue. */
  async step(cmd: ModelCommand, index: number): Promise<void> {
    const m = this.model;
    switch (cmd.kind) {
      case 'issue': {
        const service = this.catalog.services[cmd.service]?.id ?? 'khong-co-dich-vu';
        const run = async (rid: string): Promise<void> => {
          const before = m.tickets.length;
          const want = m.issue(rid, service, cmd.priority, modelKioskArea(this.catalog, cmd.kiosk));
          const got = await this.sys.issue(cmd.kiosk, rid, service, cmd.priority);
          await this.check(`kiosk${cmd.kiosk + 1} issue ${service} ${cmd.priority ?? ''}`, want, got);
          if (m.tickets.length > before) this.link(m.tickets[m.tickets.length - 1], got.ticketId);
        };
        await this.remember(`issue ${service}`, run);
        break;
      }
      case 'counter': {
        const counterId = this.pickCounter(cmd.who, cmd.counter, index);
        // An officer with no counter open, told to act at its own, opens one first.
        const name = cmd.counter === 'mine' && cmd.who !== 'quanly' && m.counter(counterId)?.officerId !== `u-${cmd.who}` ? 'open' : cmd.name;
        const seenModel =
          cmd.seen === 'none' ? undefined : cmd.seen === 'current' ? m.inHandOf(counterId)?.id : (this.pickTicket(cmd.other)?.id ?? 'none-in-hand');
        const seenReal = seenModel === undefined ? undefined : this.real(seenModel);
        const run = async (rid: string): Promise<void> => {
          const want = m.counterCommand(rid, actorOf(cmd.who), name, counterId, seenModel);
          const got = await this.sys.counter(cmd.who, rid, name, counterId, seenReal);
          await this.check(`${cmd.who} ${name} ${counterId}${seenModel ? ` seen=${seenModel}` : ''}`, want, got);
        };
        await this.remember(`${cmd.who} ${name}`, run);
        break;
      }
      case 'callNumber': {
        const counterId = this.pickCounter(cmd.who, cmd.counter, index);
        const t = this.pickTicket(cmd.ticket);
        const number = t?.displayNumber ?? '9998';
        const serviceId = cmd.withService && t ? t.serviceId : undefined;
        const seenModel = cmd.seen === 'current' ? (m.inHandOf(counterId)?.id ?? 'none-in-hand') : undefined;
        // (A console that shows nothing in hand sends no ticket; 'none-in-hand' is a stale one.)
        const seenReal = seenModel === undefined ? undefined : this.real(seenModel);
        const run = async (rid: string): Promise<void> => {
          const want = m.callNumber(rid, actorOf(cmd.who), counterId, number, serviceId, seenModel);
          const got = await this.sys.callNumber(cmd.who, rid, counterId, number, serviceId, seenReal);
          await this.check(`${cmd.who} callNumber ${number}${serviceId ? `/${serviceId}` : ''} at ${counterId}`, want, got);
        };
        await this.remember(`${cmd.who} callNumber`, run);
        break;
      }
      case 'transfer': {
        const counterId = this.pickCounter(cmd.who, cmd.counter, index);
        const source = cmd.source === 'inHand' ? undefined : (this.pickTicket(cmd.source)?.id ?? 'unknown');
        const counters = this.catalog.counters;
        const target: TransferTargetSpec =
          cmd.target.kind === 'counter'
            ? { kind: 'counter', counterId: counters[cmd.target.counter % counters.length]!.id }
            : {
                kind: 'service',
                serviceId: this.catalog.services[cmd.target.service]?.id ?? 'khong-co-dich-vu',
                ...(cmd.target.counter === null ? {} : { counterId: counters[cmd.target.counter % counters.length]!.id }),
              };
        const priority = cmd.priority === 'keep' ? undefined : cmd.priority;
        const run = async (rid: string): Promise<void> => {
          const { answer, created } = m.transfer(rid, actorOf(cmd.who), counterId, target, cmd.position, priority, source);
          const got = await this.sys.transfer(cmd.who, rid, counterId, target, cmd.position, priority, source === undefined ? undefined : this.real(source));
          await this.check(`${cmd.who} transfer ${source ?? 'in hand'} at ${counterId} → ${JSON.stringify(target)} ${cmd.position} ${String(priority)}`, answer, got);
          this.link(created, got.ticketId);
        };
        await this.remember(`${cmd.who} transfer`, run);
        break;
      }
      case 'ticket': {
        const t = this.pickTicket(cmd.ticket, cmd.action === 'requeue' ? 'noShow' : 'waiting');
        const modelId = t?.id ?? 'unknown';
        const who = cmd.who === 'byCounter' ? this.officerFor(t, index) : cmd.who;
        const run = async (rid: string): Promise<void> => {
          const a = actorOf(who);
          const want =
            cmd.action === 'requeue'
              ? m.requeue(rid, a, modelId)
              : cmd.action === 'cancel'
                ? m.cancel(rid, a, modelId)
                : cmd.action === 'note'
                  ? m.note(rid, a, modelId, cmd.text)
                  : m.hold(rid, a, modelId, cmd.action === 'hold');
          const got = await this.sys.ticket(who, rid, cmd.action, this.real(modelId), cmd.text);
          await this.check(`${who} ${cmd.action} ${t ? `${t.displayNumber}(${t.id})` : 'unknown'}`, want, got);
        };
        await this.remember(`${who} ${cmd.action}`, run);
        break;
      }
      case 'book': {
        const service = this.catalog.services[cmd.service]!.id;
        const slotMs = MODEL_SLOT_MIN * 60_000;
        const slotAt = (Math.floor(m.now / slotMs) + cmd.slot) * slotMs;
        const want = m.book(service, slotAt);
        const got = await this.sys.book(service, slotAt);
        const when = new Date(slotAt).toISOString().slice(11, 16);
        await this.check(`citizen book ${service} ${when}`, want.answer as Answer, { answer: got.answer as Answer, ticketId: null });
        if (want.appointment && got.code) this.codeOf.set(want.appointment.id, got.code);
        break;
      }
      case 'checkIn': {
        // Mostly a booking still to come; sometimes any (used, cancelled …).
        const open = m.appointments.filter((x) => x.state === 'booked');
        const list = cmd.anyBooking || open.length === 0 ? m.appointments : open;
        const a = cmd.appointment === null || list.length === 0 ? null : list[cmd.appointment % list.length]!;
        const code = a ? (this.codeOf.get(a.id) ?? '000000') : '000000';
        const run = async (rid: string): Promise<void> => {
          const before = m.tickets.length;
          const want = m.checkIn(rid, a?.id ?? null, cmd.priority, cmd.walkInIfEarly, modelKioskArea(this.catalog, cmd.kiosk));
          const got = await this.sys.checkIn(cmd.kiosk, rid, code, cmd.priority, cmd.walkInIfEarly);
          const slot = a ? new Date(a.slotAt).toISOString().slice(0, 16) : 'unknown';
          await this.check(`kiosk${cmd.kiosk + 1} checkIn ${a?.id ?? '-'}@${slot} ${cmd.priority ?? ''}${cmd.walkInIfEarly ? ' walk-in-if-early' : ''}`, want, got);
          if (m.tickets.length > before) this.link(m.tickets[m.tickets.length - 1], got.ticketId);
        };
        await this.remember(`checkIn ${a?.id ?? '-'}`, run);
        break;
      }
      case 'rate': {
        const t = this.pickTicket(cmd.ticket);
        const modelId = t?.id ?? 'unknown';
        const counters = this.catalog.counters;
        const tablet = cmd.via === 'phone' ? null : cmd.tabletAt === 'its' ? (t?.counterId ?? counters[0]!.id) : counters[cmd.tabletAt % counters.length]!.id;
        const listed = m.rating.reasons;
        const reasons =
          cmd.reasons === 'none' ? [] : cmd.reasons === 'first' ? listed.slice(0, 1) : cmd.reasons === 'two' ? listed.slice(0, 2) : ['Lý do không có trong danh sách'];
        const run = async (): Promise<void> => {
          const want = m.rate(cmd.via, tablet, modelId, cmd.level, reasons);
          const got = await this.sys.rate(cmd.via, tablet, this.real(modelId), cmd.level, reasons, cmd.comment);
          const what = `${cmd.via}${tablet ? `@${tablet}` : ''} rate ${t ? `${t.displayNumber}(${t.id} ${t.state})` : 'unknown'} ${cmd.level} [${reasons.join(', ')}]`;
          await this.check(what, want, got);
          // The receipt names the entry rated.
          if (want.ok) expect(got.ticketId, what).toBe(this.real(modelId));
        };
        // Ratings carry no request id: a retry is a second rating, refused as such.
        await this.remember(`${cmd.via} rate`, run);
        break;
      }
      case 'clock':
        m.advance(cmd.ms);
        await this.sys.advance(cmd.ms);
        this.trace.push(`clock +${cmd.ms} ms`);
        break;
      case 'nextDay': {
        const offset = m.now - Date.parse(`${m.today}T00:00:00Z`) + 7 * 3_600_000;
        const ms = 86_400_000 - offset + cmd.minutesAfterMidnight * 60_000;
        m.advance(ms);
        await this.sys.advance(ms);
        this.trace.push(`next day ${m.today}`);
        break;
      }
      case 'retry': {
        const earlier = this.done[this.done.length - cmd.back];
        // Request ids are kept two days; a client retries within seconds, a test within a day.
        if (!earlier || m.now - earlier.at > 86_400_000) return;
        this.trace.push(`retry: ${earlier.what}`);
        await earlier.run();
        break;
      }
    }
    await this.compareQueues();
  }

  private async remember(what: string, run: (rid: string) => Promise<void>): Promise<void> {
    const rid = this.newRid();
    this.done.push({ at: this.model.now, run: () => run(rid), what });
    await run(rid);
  }

  /** Every live ticket, every counter, and every open counter's full call order agree. */
  async compareQueues(): Promise<void> {
    const m = this.model;
    const view = await this.sys.view();
    const key = (t: { businessDate: BusinessDate; displayNumber: string }): string => `${t.businessDate} ${t.displayNumber}`;
    const byKey = (a: TicketFacts, b: TicketFacts): number => key(a).localeCompare(key(b));
    const context = `--- trace\n${this.trace.slice(-25).join('\n')}`;
    expect(view.tickets.map(ticketFacts).sort(byKey), `live tickets\n${context}`).toEqual(m.live().map((t) => ticketFactsOfModel(t)).sort(byKey));
    for (const c of view.counters) {
      const mc = m.counter(c.id);
      if (!mc) continue;
      expect(
        { id: c.id, state: c.state, officerId: c.officerId, streak: c.priorityStreak, appointmentStreak: c.appointmentStreak ?? 0 },
        `counter ${c.id}\n${context}`,
      ).toEqual({
        id: mc.id,
        state: mc.state,
        officerId: mc.officerId,
        streak: mc.priorityStreak,
        appointmentStreak: mc.appointmentStreak,
      });
      if (c.state === 'closed') continue;
      const real = projectOrder(c, view.tickets.filter((t) => t.state === 'waiting'), view.now, view.policy).map(key);
      expect(real, `call order of ${c.id}\n${context}`).toEqual(m.orderFor(c.id).map(key));
    }
  }
}

function ticketFactsOfModel(t: MTicket): TicketFacts {
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

// ---------------------------------------------------------------------------- the rulebook as a system

/** A queue state in plain maps, changed only by applying a decision's changes. */
export class MemoryQueue implements QueueState {
  today: BusinessDate;
  settings: Settings;
  nextTie: number;
  private readonly serviceMap = new Map<ServiceId, Service>();
  private readonly counterMap = new Map<CounterId, Counter>();
  private readonly live = new Map<TicketId, Ticket>();
  private readonly past = new Map<TicketId, Ticket>();
  private readonly numbers = new Map<string, number>();
  private readonly everUsed = new Set<string>();
  private readonly bookings = new Map<string, Appointment>();
  private readonly ratedIds = new Set<TicketId>();
  readonly history: QueueHistory;

  constructor(init: { settings: Settings; today: BusinessDate; services: Service[]; counters: Counter[]; nextTie: number }) {
    this.settings = init.settings;
    this.today = init.today;
    this.nextTie = init.nextTie;
    for (const s of init.services) {
      this.serviceMap.set(s.id, s);
      this.everUsed.add(`service:${s.id}`);
    }
    for (const c of init.counters) {
      this.counterMap.set(c.id, c);
      this.everUsed.add(`counter:${c.id}`);
    }
    this.history = {
      pastTicket: (id) => this.past.get(id),
      numberGiven: (n) =>
        [...this.live.values(), ...this.past.values()].some((t) => t.businessDate === this.today && t.transferredFromId === null && t.displayNumber === n),
      numberGivenIn: () => null,
      idEverUsed: (kind, id) => this.everUsed.has(`${kind}:${id}`),
      rated: (id) => this.ratedIds.has(id),
    };
  }

  service(id: ServiceId): Service | undefined {
    return this.serviceMap.get(id);
  }
  services(): Iterable<Service> {
    return this.serviceMap.values();
  }
  counter(id: CounterId): Counter | undefined {
    return this.counterMap.get(id);
  }
  counters(): Iterable<Counter> {
    return this.counterMap.values();
  }
  ticket(id: TicketId): Ticket | undefined {
    return this.live.get(id);
  }
  liveTickets(): Iterable<Ticket> {
    return this.live.values();
  }
  waitingOf(serviceId: ServiceId): Iterable<Ticket> {
    return [...this.live.values()].filter((t) => t.state === 'waiting' && t.serviceId === serviceId);
  }
  targetedAt(counterId: CounterId): Iterable<Ticket> {
    return [...this.live.values()].filter((t) => t.state === 'waiting' && t.targetCounterId === counterId);
  }
  inHandOf(counterId: CounterId): Ticket | undefined {
    return [...this.live.values()].find((t) => t.counterId === counterId && isInHand(t.state));
  }
  lastNumber(serviceId: ServiceId): number | null {
    return this.numbers.get(`${this.today}|${serviceId}`) ?? null;
  }
  appointmentByCode(code: string): Appointment | undefined {
    return this.bookings.get(code);
  }
  /** Every booking, as the booking store keeps them. */
  allAppointments(): Appointment[] {
    return [...this.bookings.values()];
  }
  /** A booking stored (the booking store's write, outside the queue's rules). */
  putAppointment(a: Appointment): void {
    this.bookings.set(a.code, a);
  }
  /** Any ticket ever, live or not. */
  anyTicket(id: TicketId): Ticket | undefined {
    return this.live.get(id) ?? this.past.get(id);
  }

  apply(c: Changes): void {
    if (c.dayTurnedTo) this.today = c.dayTurnedTo;
    if (c.settings) this.settings = c.settings;
    for (const id of c.removedServiceIds) this.serviceMap.delete(id);
    for (const id of c.removedCounterIds) this.counterMap.delete(id);
    for (const w of c.services) {
      this.serviceMap.set(w.service.id, w.service);
      this.everUsed.add(`service:${w.service.id}`);
    }
    for (const x of c.counters) {
      this.counterMap.set(x.id, x);
      this.everUsed.add(`counter:${x.id}`);
    }
    for (const w of c.tickets) {
      if (isLive(w.ticket)) {
        this.live.set(w.ticket.id, w.ticket);
      } else {
        this.live.delete(w.ticket.id);
        this.past.set(w.ticket.id, w.ticket);
      }
    }
    for (const n of c.numbers) this.numbers.set(`${this.today}|${n.serviceId}`, n.number);
    for (const a of c.appointments) this.bookings.set(a.code, a);
    for (const r of c.ratings) this.ratedIds.add(r.ticketId);
    this.nextTie = Math.max(this.nextTie, c.nextTie);
  }
}

/**
 * The rulebook with the least glue around it that a server needs (the business day before each
 * command, request ids remembered): what the engine does, minus SQLite and sockets.
 */
export class RulebookSystem implements SystemUnderTest {
  private seq = 0;
  private swept: BusinessDate | null = null;
  private readonly answers = new Map<string, { command: string; actor: string; reply: Reply }>();
  private readonly issued = new Map<string, TicketId>();
  private readonly checkedIn = new Map<string, { ticketId: TicketId; outcome: 'kept' | 'late' | 'early' }>();

  constructor(
    readonly state: MemoryQueue,
    public now: number,
    /** Each kiosk's reception area (`modelKioskArea`). */
    private readonly areaOf: (kiosk: number) => readonly string[] | null = () => null,
  ) {}

  private kiosk(kiosk: number): Actor {
    const deviceId = `kiosk-${kiosk + 1}`;
    const area = this.areaOf(kiosk);
    return area === null ? { kind: 'kiosk', deviceId } : { kind: 'kiosk', deviceId, area: area as ServiceId[] };
  }

  private ctx(actor: Actor) {
    return { actor, now: this.now, newTicketId: () => `ticket-${String(++this.seq).padStart(10, '0')}` as TicketId };
  }

  /** Start the business day when the clock has passed midnight, as the engine does. */
  ensureDay(): void {
    const s = this.state.settings;
    const date = businessDateOf(this.now, s.timeZone, s.dayStartsAt);
    if (date === this.state.today && this.swept === date) return;
    const d = decide(this.state, { type: 'day.turn', date }, this.ctx({ kind: 'system' }));
    if (!d.ok) throw new Error(`day.turn refused: ${d.error.code}`);
    this.state.apply(d.changes);
    this.swept = date;
  }

  private staff(who: Who): Actor {
    return { kind: 'staff', userId: `u-${who}` as UserId, role: who === 'quanly' ? 'manager' : 'officer' };
  }

  async issue(kiosk: number, rid: string, serviceId: string, priority: PriorityCategory | null): Promise<Reply> {
    this.ensureDay();
    const place = (t: Ticket): number => (t.state === 'waiting' ? peopleAhead(t, this.state.waitingOf(t.serviceId), this.state.settings.queue) : 0);
    const earlier = this.issued.get(rid);
    if (earlier) {
      const t = this.state.anyTicket(earlier)!;
      if (t.serviceId !== serviceId) return { answer: { ok: false, code: 'REQUEST_ID_REUSED' }, ticketId: null };
      return { answer: { ok: true, ticket: ticketFacts(t), peopleAhead: place(t) }, ticketId: t.id };
    }
    const deviceId = `kiosk-${kiosk + 1}`;
    const d = decide(
      this.state,
      { type: 'ticket.issue', requestId: rid, deviceId, serviceId: serviceId as ServiceId, priority },
      this.ctx(this.kiosk(kiosk)),
    );
    if (!d.ok) return { answer: { ok: false, code: d.error.code }, ticketId: null };
    this.state.apply(d.changes);
    this.issued.set(rid, d.result.ticket.id);
    const t = this.state.ticket(d.result.ticket.id)!;
    return { answer: { ok: true, ticket: ticketFacts(t), peopleAhead: place(t) }, ticketId: t.id };
  }

  /** Decide and apply one staff command; a retried request id gets the first answer. */
  private once<C extends QueueCommand>(who: Who, rid: string, command: C, present: (r: unknown) => Reply): Reply {
    this.ensureDay();
    const actor = this.staff(who);
    const earlier = this.answers.get(rid);
    if (earlier) {
      if (earlier.command !== command.type || earlier.actor !== actorKey(actor)) return { answer: { ok: false, code: 'REQUEST_ID_REUSED' }, ticketId: null };
      return earlier.reply;
    }
    const d = decide(this.state, command, this.ctx(actor));
    if (!d.ok) return { answer: { ok: false, code: d.error.code }, ticketId: null };
    this.state.apply(d.changes);
    const reply = present(d.result);
    this.answers.set(rid, { command: command.type, actor: actorKey(actor), reply });
    return reply;
  }

  private counterReply(r: unknown): Reply {
    const o = r as { counter: Counter; ticket: Ticket | null };
    const inHand = o.ticket && isInHand(o.ticket.state) && o.ticket.counterId === o.counter.id ? o.ticket : null;
    return { answer: counterAnswer(o.counter, inHand, o.ticket), ticketId: o.ticket?.id ?? null };
  }

  private ticketReply(r: unknown): Reply {
    const t = (r as { ticket: Ticket }).ticket;
    return { answer: { ok: true, ticket: ticketFacts(t) }, ticketId: t.id };
  }

  async counter(who: Who, rid: string, name: CounterCommandName, counterId: string, seen?: string): Promise<Reply> {
    const type = {
      open: 'counter.open',
      pause: 'counter.pause',
      resume: 'counter.resume',
      close: 'counter.close',
      callNext: 'counter.callNext',
      doneAndCallNext: 'counter.doneAndCallNext',
      recall: 'ticket.recall',
      start: 'ticket.start',
      done: 'ticket.done',
      noShow: 'ticket.noShow',
    } as const;
    const base = { counterId: counterId as CounterId, ...(seen === undefined ? {} : { ticketId: seen as TicketId }) };
    const command: QueueCommand = name === 'pause' ? { type: 'counter.pause', ...base, reason: 'nghỉ giữa giờ' } : { type: type[name], ...base };
    return this.once(who, rid, command, (r) => this.counterReply(r));
  }

  async callNumber(who: Who, rid: string, counterId: string, displayNumber: string, serviceId?: string, seen?: string): Promise<Reply> {
    const command: QueueCommand = {
      type: 'counter.callNumber',
      counterId: counterId as CounterId,
      displayNumber,
      ...(serviceId === undefined ? {} : { serviceId: serviceId as ServiceId }),
      ...(seen === undefined ? {} : { ticketId: seen as TicketId }),
    };
    return this.once(who, rid, command, (r) => this.counterReply(r));
  }

  async transfer(
    who: Who,
    rid: string,
    counterId: string,
    target: TransferTargetSpec,
    position: 'front' | 'back' | 'original',
    priority: PriorityCategory | null | undefined,
    ticketId?: string,
  ): Promise<Reply> {
    const command: QueueCommand = {
      type: 'ticket.transfer',
      counterId: counterId as CounterId,
      target:
        target.kind === 'counter'
          ? { kind: 'counter', counterId: target.counterId as CounterId }
          : { kind: 'service', serviceId: target.serviceId as ServiceId, ...(target.counterId === undefined ? {} : { counterId: target.counterId as CounterId }) },
      position,
      ...(priority === undefined ? {} : { priority }),
      ...(ticketId === undefined ? {} : { ticketId: ticketId as TicketId }),
    };
    return this.once(who, rid, command, (r) => this.ticketReply(r));
  }

  async ticket(who: Who, rid: string, kind: 'requeue' | 'cancel' | 'hold' | 'release' | 'note', ticketId: string, text = ''): Promise<Reply> {
    const id = ticketId as TicketId;
    const command: QueueCommand =
      kind === 'requeue'
        ? { type: 'ticket.requeue', ticketId: id }
        : kind === 'cancel'
          ? { type: 'ticket.cancel', ticketId: id }
          : kind === 'note'
            ? { type: 'ticket.note', ticketId: id, note: text }
            : { type: 'ticket.hold', ticketId: id, hold: kind === 'hold' };
    return this.once(who, rid, command, (r) => this.ticketReply(r));
  }

  async book(serviceId: string, slotAt: number): Promise<{ answer: { ok: true } | { ok: false; code: string }; code: string | null }> {
    this.ensureDay();
    const s = this.state.settings;
    const taken = this.state.allAppointments().filter((a) => a.serviceId === serviceId && a.slotAt === slotAt && a.state !== 'cancelled').length;
    const refusal = bookingRefusal({ service: this.state.service(serviceId as ServiceId), slotAt, now: this.now, taken, policy: appointmentPolicyOf(s), timeZone: s.timeZone });
    if (refusal) return { answer: { ok: false, code: refusal }, code: null };
    const n = this.state.allAppointments().length + 1;
    const code = String(100_000 + n * 7919 % 900_000);
    this.state.putAppointment({
      id: `appointment-${String(n).padStart(8, '0')}` as AppointmentId,
      code,
      serviceId: serviceId as ServiceId,
      businessDate: businessDateOf(slotAt, s.timeZone),
      slotAt,
      state: 'booked',
      ticketId: null,
      bookedAt: this.now,
      checkedInAt: null,
    });
    return { answer: { ok: true }, code };
  }

  async checkIn(kiosk: number, rid: string, code: string, priority: PriorityCategory | null, walkInIfEarly: boolean): Promise<Reply> {
    this.ensureDay();
    const place = (t: Ticket): number => (t.state === 'waiting' ? peopleAhead(t, this.state.waitingOf(t.serviceId), this.state.settings.queue) : 0);
    const earlier = this.checkedIn.get(rid);
    if (earlier) {
      const t = this.state.anyTicket(earlier.ticketId)!;
      return { answer: { ok: true, ticket: ticketFacts(t), peopleAhead: place(t), outcome: earlier.outcome }, ticketId: t.id };
    }
    const deviceId = `kiosk-${kiosk + 1}`;
    const d = decide(this.state, { type: 'appointment.checkIn', requestId: rid, deviceId, code, priority, walkInIfEarly }, this.ctx(this.kiosk(kiosk)));
    if (!d.ok) return { answer: { ok: false, code: d.error.code }, ticketId: null };
    this.state.apply(d.changes);
    this.checkedIn.set(rid, { ticketId: d.result.ticket.id, outcome: d.result.outcome });
    const t = this.state.ticket(d.result.ticket.id)!;
    return { answer: { ok: true, ticket: ticketFacts(t), peopleAhead: place(t), outcome: d.result.outcome }, ticketId: t.id };
  }

  async rate(via: 'phone' | 'tablet', tabletCounterId: string | null, ticketId: string, level: number, reasons: string[], comment: string | null): Promise<Reply> {
    this.ensureDay();
    const actor: Actor = via === 'phone' ? { kind: 'phone' } : { kind: 'tablet', deviceId: `tablet-${tabletCounterId}`, counterId: tabletCounterId as CounterId };
    const d = decide(this.state, { type: 'ticket.rate', ticketId: ticketId as TicketId, level, reasons, comment }, this.ctx(actor));
    if (!d.ok) return { answer: { ok: false, code: d.error.code }, ticketId: null };
    this.state.apply(d.changes);
    return { answer: { ok: true, ticket: null }, ticketId: d.result.rating.ticketId };
  }

  async advance(ms: number): Promise<void> {
    this.now += ms;
    this.ensureDay();
  }

  async view(): Promise<SystemView> {
    return { now: this.now, policy: this.state.settings.queue, tickets: [...this.state.liveTickets()], counters: [...this.state.counters()] };
  }
}
