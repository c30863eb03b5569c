/**
 * The real server pinned by the reference model, over real sockets: random command sequences
 * from three officers, a manager and two kiosks, with the clock moving, the day turning and
 * requests retried, under each priority policy and each no-show and cross-service rule. After
 * every step the server and the model (shared/src/domain/reference-model.test-support.ts) agree
 * on every answer, every live ticket, every counter and every open counter's full call order
 * (as the manager's snapshot shows them).
 *
 * Bounded for CI; `npm run test:model:long` (or LAYSO_MODEL_RUNS / LAYSO_MODEL_LENGTH) runs long.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_APPOINTMENT_POLICY, type BookingView, type CheckedIn } from '@layso/shared';
import type { Ack, CounterResult, IssuedTicket, PriorityCategory, RatingReceipt, Service, ServiceId, StaffSnapshot, Ticket } from '@layso/shared';
import type { Socket } from 'socket.io-client';
import { ReferenceQueue, type CounterCommandName, type TransferTargetSpec } from '../../shared/src/domain/reference-model.test-support.js';
import {
  arbCommands,
  arbPolicy,
  counterAnswer,
  MODEL_SLOT_MIN,
  modelKioskArea,
  ModelRunner,
  OFFICERS,
  ticketFacts,
  type Catalog,
  type Reply,
  type SystemUnderTest,
  type SystemView,
  type Who,
} from '../../shared/src/domain/model-run.test-support.js';
import { kiosk, MORNING, phone, rid, send, staff, startTestServer, tablet, TestClock, type KioskSocket, type StaffSocket, type TestServer } from './support/harness.js';

const LONG = process.env.LAYSO_MODEL_LONG === '1';
const RUNS = Number(process.env.LAYSO_MODEL_RUNS ?? (LONG ? 200 : 10));
const LENGTH = Number(process.env.LAYSO_MODEL_LENGTH ?? (LONG ? 60 : 30));

const COUNTER_EVENTS = {
  open: 'counter:open',
  pause: 'counter:pause',
  resume: 'counter:resume',
  close: 'counter:close',
  callNext: 'counter:callNext',
  doneAndCallNext: 'counter:doneAndCallNext',
  recall: 'ticket:recall',
  start: 'ticket:start',
  done: 'ticket:done',
  noShow: 'ticket:noShow',
} as const satisfies Record<CounterCommandName, string>;

function counterReply(a: Ack<CounterResult>): Reply {
  if (!a.ok) return { answer: { ok: false, code: a.error.code }, ticketId: null };
  return { answer: counterAnswer(a.data.counter, a.data.counter.inHand, a.data.ticket), ticketId: a.data.ticket?.id ?? null };
}

function ticketReply(a: Ack<{ ticket: Ticket }>): Reply {
  if (!a.ok) return { answer: { ok: false, code: a.error.code }, ticketId: null };
  return { answer: { ok: true, ticket: ticketFacts(a.data.ticket) }, ticketId: a.data.ticket.id };
}

/** The server, driven only through its sockets (and its clock). */
class SocketSystem implements SystemUnderTest {
  private signedInAt: number;

  constructor(
    private readonly ts: TestServer,
    private readonly kiosks: KioskSocket[],
    private readonly people: Record<Who, StaffSocket>,
    /** A phone on `/public`, and a (demo) rating tablet on `/rating` for each counter by id. */
    private readonly phone: Socket,
    private readonly tablets: Map<string, Socket>,
  ) {
    this.signedInAt = ts.clock.now();
  }

  /**
   * Send as a staff member. A jump of the clock past a session's end closes that person's socket
   * (the server's session watch); like a real officer the next morning, they sign in again.
   */
  private async as<T>(who: Who, event: string, payload: unknown): Promise<Ack<T>> {
    if (!this.people[who].connected) this.people[who] = await staff(this.ts.url, who);
    try {
      return await send<T>(this.people[who], event, payload);
    } catch (e) {
      if (!String(e).includes('disconnected')) throw e;
      this.people[who].close();
      this.people[who] = await staff(this.ts.url, who);
      return send<T>(this.people[who], event, payload);
    }
  }

  async rate(via: 'phone' | 'tablet', tabletCounterId: string | null, ticketId: string, level: number, reasons: string[], comment: string | null): Promise<Reply> {
    const socket = via === 'phone' ? this.phone : this.tablets.get(tabletCounterId ?? '');
    if (!socket) throw new Error(`no tablet at ${tabletCounterId}`);
    const a = await send<RatingReceipt>(socket, 'ticket:rate', { ticketId, level, reasons, comment });
    if (!a.ok) return { answer: { ok: false, code: a.error.code }, ticketId: null };
    return { answer: { ok: true, ticket: null }, ticketId: a.data.ticketId };
  }

  async issue(k: number, requestId: string, serviceId: string, priority: PriorityCategory | null): Promise<Reply> {
    const a = await send<IssuedTicket>(this.kiosks[k]!, 'ticket:issue', { requestId, serviceId, priority });
    if (!a.ok) return { answer: { ok: false, code: a.error.code }, ticketId: null };
    return { answer: { ok: true, ticket: ticketFacts(a.data.ticket), peopleAhead: a.data.peopleAhead }, ticketId: a.data.ticket.id };
  }

  async counter(who: Who, requestId: string, name: CounterCommandName, counterId: string, seen?: string): Promise<Reply> {
    const payload = { requestId, counterId, ...(seen === undefined ? {} : { ticketId: seen }), ...(name === 'pause' ? { reason: 'nghỉ giữa giờ' } : {}) };
    return counterReply(await this.as<CounterResult>(who, COUNTER_EVENTS[name], payload));
  }

  async callNumber(who: Who, requestId: string, counterId: string, displayNumber: string, serviceId?: string, seen?: string): Promise<Reply> {
    const payload = { requestId, counterId, displayNumber, ...(serviceId === undefined ? {} : { serviceId }), ...(seen === undefined ? {} : { ticketId: seen }) };
    return counterReply(await this.as<CounterResult>(who, 'counter:callNumber', payload));
  }

  async transfer(
    who: Who,
    requestId: string,
    counterId: string,
    target: TransferTargetSpec,
    position: 'front' | 'back' | 'original',
    priority: PriorityCategory | null | undefined,
    ticketId?: string,
  ): Promise<Reply> {
    const payload = { requestId, counterId, target, position, ...(priority === undefined ? {} : { priority }), ...(ticketId === undefined ? {} : { ticketId }) };
    return ticketReply(await this.as<{ ticket: Ticket }>(who, 'ticket:transfer', payload));
  }

  async ticket(who: Who, requestId: string, kind: 'requeue' | 'cancel' | 'hold' | 'release' | 'note', ticketId: string, text = ''): Promise<Reply> {
    if (kind === 'hold' || kind === 'release') return ticketReply(await this.as(who, 'ticket:hold', { requestId, ticketId, hold: kind === 'hold' }));
    if (kind === 'note') return ticketReply(await this.as(who, 'ticket:note', { requestId, ticketId, note: text }));
    return ticketReply(await this.as(who, `ticket:${kind}`, { requestId, ticketId }));
  }

  async book(serviceId: string, slotAt: number): Promise<{ answer: { ok: true } | { ok: false; code: string }; code: string | null }> {
    const res = await fetch(`${this.ts.url}/api/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId, slotAt }) });
    const a = (await res.json()) as Ack<BookingView>;
    return a.ok ? { answer: { ok: true }, code: a.data.code } : { answer: { ok: false, code: a.error.code }, code: null };
  }

  async checkIn(k: number, requestId: string, code: string, priority: PriorityCategory | null, walkInIfEarly: boolean): Promise<Reply> {
    const a = await send<CheckedIn>(this.kiosks[k]!, 'appointment:checkIn', { requestId, code, priority, walkInIfEarly });
    if (!a.ok) return { answer: { ok: false, code: a.error.code }, ticketId: null };
    return { answer: { ok: true, ticket: ticketFacts(a.data.ticket), peopleAhead: a.data.peopleAhead, outcome: a.data.outcome }, ticketId: a.data.ticket.id };
  }

  async advance(ms: number): Promise<void> {
    this.ts.clock.advance(ms);
    // What the server's 15-second timer does when the clock has passed midnight.
    this.ts.server.engine.ensureDay();
    // Sessions last 12 hours and their sockets are closed after: staff sign in again each morning.
    if (this.ts.clock.now() - this.signedInAt > 6 * 3_600_000) {
      for (const who of [...OFFICERS, 'quanly'] as const) {
        this.people[who].close();
        this.people[who] = await staff(this.ts.url, who);
      }
      this.signedInAt = this.ts.clock.now();
    }
  }

  close(): void {
    for (const s of [...this.kiosks, ...Object.values(this.people), this.phone, ...this.tablets.values()]) s.close();
  }

  async view(): Promise<SystemView> {
    const a = await this.as<StaffSnapshot>('quanly', 'sync:snapshot', {});
    if (!a.ok) throw new Error(`snapshot: ${a.error.code}`);
    return { now: this.ts.clock.now(), policy: a.data.settings.queue, tickets: a.data.tickets, counters: a.data.counters };
  }
}

/** Check in from 15 minutes before the slot to 10 after; three places per slot. */
const BOOKING = { earlyMin: 15, lateMin: 10, slotMin: MODEL_SLOT_MIN, capacityPerSlot: 3 };

describe('the server against the reference model, over sockets', () => {
  it(`agrees on every answer and every queue order (${RUNS} runs × ${LENGTH} commands)`, async () => {
    let catalog: Catalog | null = null;
    await fc.assert(
      fc.asyncProperty(arbPolicy, arbCommands(6, 6, LENGTH, true), async (policy, commands) => {
        const ts = await startTestServer({ clock: new TestClock(MORNING) });
        let system: SocketSystem | null = null;
        try {
          ts.setSettings({ queue: policy.queue, endOfDay: policy.endOfDay, kioskRateLimitPerMin: 0, rating: policy.rating, appointments: { ...DEFAULT_APPOINTMENT_POLICY, ...BOOKING } });
          // The demo catalog, with one prefix service numbered from H100 and one without priority.
          const engine = ts.server.engine;
          const svc = (id: string): Service => engine.getService(id as ServiceId)!;
          engine.putService({ ...svc('cu-tru'), numbering: { kind: 'prefix', prefix: 'H', digits: 3, start: 100 } }, { kind: 'system' });
          engine.putService({ ...svc('lao-dong'), allowPriority: false }, { kind: 'system' });
          // Every service open all day, as the model's are (bookings tile the hours into slots).
          for (const s of engine.listServices()) engine.putService({ ...s, hours: { open: '00:00', close: '24:00' } }, { kind: 'system' });
          catalog ??= {
            services: engine.listServices().map((s) => ({ id: s.id, numbering: s.numbering, allowPriority: s.allowPriority })),
            counters: engine.listCounters().map((c) => ({ id: c.id, serviceIds: [...c.serviceIds] })),
          };
          // Each kiosk of its reception area, as a demo kiosk names it (its address's ?services=).
          const kioskOf = (k: number): Promise<KioskSocket> => {
            const area = modelKioskArea(catalog!, k);
            return kiosk(ts.url, area === null ? {} : { services: area });
          };
          const kiosks = [await kioskOf(0), await kioskOf(1)];
          const people = {} as Record<Who, StaffSocket>;
          for (const who of [...OFFICERS, 'quanly'] as const) people[who] = await staff(ts.url, who);
          const phoneSocket = await phone(ts.url);
          const tablets = new Map<string, Socket>();
          for (const c of engine.listCounters()) tablets.set(c.id, await tablet(ts.url, { counterNumber: c.number }));
          system = new SocketSystem(ts, kiosks, people, phoneSocket, tablets);
          const model = new ReferenceQueue({
            ...catalog,
            policy: policy.queue,
            endOfDay: policy.endOfDay,
            rating: policy.rating,
            utcOffsetMin: 420,
            now: ts.clock.now(),
            nextTie: engine.live.nextTie,
            appointments: BOOKING,
          });
          const runner = new ModelRunner(model, system, catalog, () => rid());
          for (const [i, cmd] of commands.entries()) await runner.step(cmd, i);
        } finally {
          system?.close();
          await ts.close();
        }
      }),
      // Each shrinking step starts a server: report the first failure as it is.
      { numRuns: RUNS, endOnFailure: true },
    );
  }, Math.max(240_000, RUNS * LENGTH * 200));
});
