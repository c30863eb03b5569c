/**
 * Check-in of a booked visit, and how an appointment ticket ranks: at its slot time, ahead of the
 * walk-ins of its class, at most N appointment calls in a row, priority categories first.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import {
  DEFAULT_APPOINTMENT_POLICY,
  DEFAULT_QUEUE_POLICY,
  type Appointment,
  type AppointmentId,
  type CounterId,
  type PriorityCategory,
  type QueuePolicy,
  type ServiceId,
  type Ticket,
  type TicketId,
  type UserId,
} from './model.js';
import { decide, type QueueCommand, type ResultOf } from './rulebook.js';
import { businessDateOf } from './numbering.js';
import { peopleAhead, projectOrder } from './policy.js';
import { MemoryQueue } from './model-run.test-support.js';
import { bookingRefusal, slotsOf } from './booking.js';
import { counterFixture, serviceFixture, settingsFixture } from '../testing/index.js';

/** 2026-03-10 08:00 in Hà Nội. */
const START = Date.UTC(2026, 2, 10, 1, 0, 0);
const MIN = 60_000;
const S = (id: string): ServiceId => id as ServiceId;
const C = (id: string): CounterId => id as CounterId;
const OFFICER: Actor = { kind: 'staff', userId: 'u-canbo1' as UserId, role: 'officer' };
const KIOSK: Actor = { kind: 'kiosk', deviceId: 'kiosk-1' };

class Centre {
  now = START;
  readonly state: MemoryQueue;
  private ids = 0;
  private codes = 0;

  constructor(queue: Partial<QueuePolicy> = {}) {
    const settings = settingsFixture({ queue: { ...DEFAULT_QUEUE_POLICY, ...queue }, appointments: { ...DEFAULT_APPOINTMENT_POLICY, earlyMin: 15, lateMin: 10 } });
    this.state = new MemoryQueue({
      settings,
      today: businessDateOf(START, settings.timeZone),
      services: [serviceFixture('ho-tich', { nameVi: 'Hộ tịch', nameEn: 'Civil status' })],
      counters: [counterFixture(1, ['ho-tich'])],
      nextTie: 1,
    });
  }

  do<Cmd extends QueueCommand>(actor: Actor, cmd: Cmd): ResultOf<Cmd> {
    const d = decide(this.state, cmd, { actor, now: this.now, newTicketId: () => `unit-ticket-${String(++this.ids).padStart(8, '0')}` as TicketId });
    if (!d.ok) throw new Error(`${cmd.type} refused: ${d.error.code}`);
    this.state.apply(d.changes);
    return d.result;
  }

  refused(actor: Actor, cmd: QueueCommand): string {
    const d = decide(this.state, cmd, { actor, now: this.now, newTicketId: () => 'unit-ticket-refused0' as TicketId });
    if (d.ok) throw new Error(`${cmd.type} was accepted`);
    return d.error.code;
  }

  /** A booking of the slot starting `slotMin` minutes after 08:00. */
  book(slotMin: number): string {
    const code = String(100_000 + ++this.codes);
    const a: Appointment = {
      id: `booking-${code}-0000000` as AppointmentId,
      code,
      serviceId: S('ho-tich'),
      businessDate: '2026-03-10',
      slotAt: START + slotMin * MIN,
      state: 'booked',
      ticketId: null,
      bookedAt: START - 86_400_000,
      checkedInAt: null,
    };
    this.state.putAppointment(a);
    return code;
  }

  checkIn(code: string, opts: { priority?: PriorityCategory | null; walkInIfEarly?: boolean } = {}) {
    this.now += 1000;
    return this.do(KIOSK, { type: 'appointment.checkIn', requestId: null, deviceId: 'kiosk-1', code, priority: opts.priority ?? null, walkInIfEarly: opts.walkInIfEarly ?? false });
  }

  issue(priority: PriorityCategory | null = null): Ticket {
    this.now += 1000;
    return this.do(KIOSK, { type: 'ticket.issue', requestId: null, deviceId: 'kiosk-1', serviceId: S('ho-tich'), priority }).ticket;
  }

  order(): string[] {
    const c = this.state.counter(C('quay-1'))!;
    const waiting = [...this.state.liveTickets()].filter((t) => t.state === 'waiting');
    return projectOrder({ ...c, state: 'open' }, waiting, this.now, this.state.settings.queue).map((t) => t.displayNumber);
  }

  callAll(): string[] {
    this.do(OFFICER, { type: 'counter.open', counterId: C('quay-1') });
    const out: string[] = [];
    for (;;) {
      const d = decide(this.state, { type: 'counter.doneAndCallNext', counterId: C('quay-1') }, { actor: OFFICER, now: this.now, newTicketId: () => 'unused-ticket-id-000' as TicketId });
      if (!d.ok || !d.result.ticket) return out;
      this.state.apply(d.changes);
      out.push(d.result.ticket.displayNumber);
    }
  }
}

describe('checking a booking in', () => {
  it('on time, it gives an appointment ticket placed at its slot, ahead of earlier walk-ins', () => {
    const c = new Centre();
    const walkIn = c.issue();
    const code = c.book(10); // 08:10; now 08:00 — inside 15 minutes early
    const r = c.checkIn(code);
    expect(r.outcome).toBe('kept');
    expect(r.ticket.slotAt).toBe(START + 10 * MIN);
    expect(r.ticket.queueKey).toBe(START + 10 * MIN);
    expect(r.appointment.state).toBe('kept');
    expect(r.appointment.ticketId).toBe(r.ticket.id);
    expect(c.order()).toEqual([r.ticket.displayNumber, walkIn.displayNumber]);
    expect(peopleAhead(r.ticket, c.state.waitingOf(S('ho-tich')), c.state.settings.queue)).toBe(0);
    expect(peopleAhead(walkIn, c.state.waitingOf(S('ho-tich')), c.state.settings.queue)).toBe(1);
    // The same booking can't give a second ticket.
    expect(c.refused(KIOSK, { type: 'appointment.checkIn', requestId: null, deviceId: 'kiosk-1', code, priority: null, walkInIfEarly: false })).toBe('APPOINTMENT_USED');
  });

  it('too early, it is refused unless the citizen takes a walk-in ticket now', () => {
    const c = new Centre();
    const code = c.book(30); // window opens 08:15
    expect(c.refused(KIOSK, { type: 'appointment.checkIn', requestId: null, deviceId: 'kiosk-1', code, priority: null, walkInIfEarly: false })).toBe('APPOINTMENT_TOO_EARLY');
    const r = c.checkIn(code, { walkInIfEarly: true });
    expect(r.outcome).toBe('early');
    expect(r.ticket.slotAt).toBeNull();
    expect(r.ticket.queueKey).toBe(c.now);
    expect(r.appointment.state).toBe('early');
  });

  it('exactly at the edges of the window it is on time; a minute past the end it is a walk-in', () => {
    const c = new Centre();
    const early = c.book(15);
    c.now = START - 1000; // checkIn adds a second: 08:00 sharp = 15 minutes before 08:15
    expect(c.checkIn(early).outcome).toBe('kept');
    const late = c.book(-10);
    c.now = START + 60_000 - 1000;
    const r = c.checkIn(late);
    expect(r.outcome).toBe('late');
    expect(r.ticket.slotAt).toBeNull();
    expect(r.appointment.state).toBe('late');
  });

  it('a booking closed as missed (an earlier day) still gives a walk-in ticket', () => {
    const c = new Centre();
    const code = c.book(-24 * 60);
    c.state.putAppointment({ ...c.state.appointmentByCode(code)!, businessDate: '2026-03-09', state: 'missed' });
    const r = c.checkIn(code);
    expect(r.outcome).toBe('late');
    expect(r.ticket.slotAt).toBeNull();
  });

  it('an unknown or cancelled booking is refused with its own code', () => {
    const c = new Centre();
    expect(c.refused(KIOSK, { type: 'appointment.checkIn', requestId: null, deviceId: 'kiosk-1', code: '999999', priority: null, walkInIfEarly: false })).toBe('APPOINTMENT_NOT_FOUND');
    const code = c.book(5);
    c.state.putAppointment({ ...c.state.appointmentByCode(code)!, state: 'cancelled' });
    expect(c.refused(KIOSK, { type: 'appointment.checkIn', requestId: null, deviceId: 'kiosk-1', code, priority: null, walkInIfEarly: false })).toBe('APPOINTMENT_CANCELLED');
  });
});

describe('appointment tickets in the call order', () => {
  it('at most N appointment calls in a row while a walk-in waits (N = 2)', () => {
    const c = new Centre({ appointmentMaxInRow: 2 });
    const w1 = c.issue();
    const w2 = c.issue();
    const a = [c.book(5), c.book(10), c.book(15)].map((code) => c.checkIn(code).ticket.displayNumber);
    const expected = [a[0], a[1], w1.displayNumber, a[2], w2.displayNumber];
    expect(c.order()).toEqual(expected);
    expect(c.callAll()).toEqual(expected);
  });

  it('N = 1 alternates appointments and walk-ins', () => {
    const c = new Centre({ appointmentMaxInRow: 1 });
    const w = [c.issue(), c.issue()].map((t) => t.displayNumber);
    const a = [c.book(5), c.book(10)].map((code) => c.checkIn(code).ticket.displayNumber);
    expect(c.callAll()).toEqual([a[0], w[0], a[1], w[1]]);
  });

  it('priority categories come first (the law); a booked priority citizen ranks with its category at its slot time', () => {
    const c = new Centre({ appointmentMaxInRow: 1 });
    const walkIn = c.issue().displayNumber;
    const booked = c.checkIn(c.book(5)).ticket.displayNumber;
    const elderlyBooked = c.checkIn(c.book(10), { priority: 'elderly' }).ticket.displayNumber;
    const elderly = c.issue('elderly').displayNumber;
    // The elderly walk-in came after 08:00 but before the 08:10 slot: by place it is first.
    expect(c.callAll()).toEqual([elderly, elderlyBooked, booked, walkIn]);
  });

  it('priority calls neither use up nor reset the appointment streak', () => {
    const c = new Centre({ appointmentMaxInRow: 1 });
    const walkIn = c.issue().displayNumber;
    const a1 = c.checkIn(c.book(5)).ticket.displayNumber;
    c.do(OFFICER, { type: 'counter.open', counterId: C('quay-1') });
    expect(c.do(OFFICER, { type: 'counter.callNext', counterId: C('quay-1') }).ticket?.displayNumber).toBe(a1);
    const p = c.issue('disabled').displayNumber;
    const a2 = c.checkIn(c.book(10)).ticket.displayNumber;
    expect(c.do(OFFICER, { type: 'counter.doneAndCallNext', counterId: C('quay-1') }).ticket?.displayNumber).toBe(p);
    // The streak is still 1: the walk-in goes before the second appointment.
    expect(c.order()).toEqual([walkIn, a2]);
  });

  it('a no-show brought back returns as a walk-in at its check-in time', () => {
    const c = new Centre();
    const a = c.checkIn(c.book(10)).ticket;
    c.do(OFFICER, { type: 'counter.open', counterId: C('quay-1') });
    c.do(OFFICER, { type: 'counter.callNext', counterId: C('quay-1') });
    c.do(OFFICER, { type: 'ticket.noShow', counterId: C('quay-1') });
    const back = c.do(OFFICER, { type: 'ticket.requeue', ticketId: a.id }).ticket;
    expect(back.slotAt).toBeNull();
    expect(back.queueKey).toBe(a.issuedAt);
  });
});

describe('booking slots', () => {
  const service = { hours: { open: '07:30', close: '11:30' } };
  const policy = { ...DEFAULT_APPOINTMENT_POLICY, slotMin: 30, capacityPerSlot: 2 };
  it('cut the opening hours into whole slots, in the centre time zone', () => {
    const slots = slotsOf(service, '2026-03-10', policy, 'Asia/Ho_Chi_Minh');
    expect(slots.length).toBe(8);
    expect(new Date(slots[0]!).toISOString()).toBe('2026-03-10T00:30:00.000Z');
    expect(new Date(slots[7]!).toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  it('refuse a full, past, misaligned or out-of-window slot', () => {
    const s = {
      id: S('ho-tich'),
      nameVi: 'Hộ tịch',
      nameEn: 'Civil status',
      numbering: { kind: 'range' as const, from: 1001, to: 1999 },
      hours: service.hours,
      enabled: true,
      allowPriority: true,
      avgServiceSec: 300,
      waitThresholdMin: 30,
      sortOrder: 1,
    };
    const at = Date.parse('2026-03-10T02:00:00Z');
    const base = { service: s, now: START, taken: 0, policy, timeZone: 'Asia/Ho_Chi_Minh' };
    expect(bookingRefusal({ ...base, slotAt: at })).toBeNull();
    expect(bookingRefusal({ ...base, slotAt: at, taken: 2 })).toBe('SLOT_FULL');
    expect(bookingRefusal({ ...base, slotAt: at + 5 * MIN })).toBe('SLOT_FULL');
    expect(bookingRefusal({ ...base, slotAt: Date.parse('2026-03-10T00:30:00Z') })).toBe('SLOT_FULL');
    expect(bookingRefusal({ ...base, slotAt: at + 14 * 86_400_000 })).toBe('SLOT_FULL');
    expect(bookingRefusal({ ...base, slotAt: at + 13 * 86_400_000 })).toBeNull();
    expect(bookingRefusal({ ...base, slotAt: at, policy: { ...policy, enabled: false } })).toBe('FORBIDDEN');
  });
});
