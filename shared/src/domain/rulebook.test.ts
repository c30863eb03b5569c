/**
 * The rulebook itself, with no server: one test per rule fix of issue 9, each deciding commands
 * over an in-memory state and applying their changes.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { DEFAULT_QUEUE_POLICY, type Counter, type CounterId, type PriorityCategory, type QueuePolicy, type Service, type ServiceId, type Ticket, type TicketId, type UserId } from './model.js';
import { decide, type QueueCommand, type ResultOf } from './rulebook.js';
import { businessDateOf } from './numbering.js';
import { projectOrder } from './policy.js';
import { MemoryQueue } from './model-run.test-support.js';
import { counterFixture, serviceFixture, settingsFixture } from '../testing/index.js';

/** 2026-03-10 08:00 in Hà Nội. */
const START = Date.UTC(2026, 2, 10, 1, 0, 0);
const S = (id: string): ServiceId => id as ServiceId;
const C = (id: string): CounterId => id as CounterId;

const officer = (n: number): Actor => ({ kind: 'staff', userId: `u-canbo${n}` as UserId, role: 'officer' });
const MANAGER: Actor = { kind: 'staff', userId: 'u-quanly' as UserId, role: 'manager' };
const KIOSK: Actor = { kind: 'kiosk', deviceId: 'kiosk-1' };

const service = (id: string, numbering: Service['numbering'], sortOrder: number): Service =>
  serviceFixture(id, { nameVi: id, nameEn: id, numbering, hours: { open: '00:00', close: '24:00' }, sortOrder });

const counter = (n: number, serviceIds: string[]): Counter => counterFixture(n, serviceIds);

/** A small centre: Hộ tịch (1001…), Cư trú (H100…), Đất đai (2001…), four counters. */
class Centre {
  now = START;
  readonly state: MemoryQueue;
  private ids = 0;

  constructor(queue: Partial<QueuePolicy> = {}) {
    const settings = settingsFixture({ queue: { ...DEFAULT_QUEUE_POLICY, ...queue } });
    this.state = new MemoryQueue({
      settings,
      today: businessDateOf(START, settings.timeZone),
      services: [
        service('ho-tich', { kind: 'range', from: 1001, to: 1999 }, 1),
        service('cu-tru', { kind: 'prefix', prefix: 'H', digits: 3, start: 100 }, 2),
        service('dat-dai', { kind: 'range', from: 2001, to: 2999 }, 3),
      ],
      counters: [counter(1, ['ho-tich']), counter(2, ['ho-tich', 'cu-tru']), counter(3, ['dat-dai']), counter(4, ['cu-tru'])],
      nextTie: 1,
    });
  }

  private decideNow<Cmd extends QueueCommand>(actor: Actor, cmd: Cmd) {
    return decide(this.state, cmd, { actor, now: this.now, newTicketId: () => `unit-ticket-${String(++this.ids).padStart(8, '0')}` as TicketId });
  }

  /** Decide a command that must succeed, and apply it. */
  do<Cmd extends QueueCommand>(actor: Actor, cmd: Cmd): ResultOf<Cmd> {
    const d = this.decideNow(actor, cmd);
    if (!d.ok) throw new Error(`${cmd.type} refused: ${d.error.code} ${d.error.message}`);
    this.state.apply(d.changes);
    return d.result;
  }

  /** Decide a command that must be refused; nothing is applied. */
  refused(actor: Actor, cmd: QueueCommand): string {
    const d = this.decideNow(actor, cmd);
    if (d.ok) throw new Error(`${cmd.type} was accepted`);
    return d.error.code;
  }

  issue(serviceId: string, priority: PriorityCategory | null = null): Ticket {
    this.now += 1000;
    return this.do(KIOSK, { type: 'ticket.issue', requestId: null, deviceId: 'kiosk-1', serviceId: S(serviceId), priority }).ticket;
  }

  open(n: number, actor: Actor = officer(n)): void {
    this.do(actor, { type: 'counter.open', counterId: C(`quay-${n}`) });
  }

  callNext(n: number, actor: Actor = officer(n)): Ticket | null {
    return this.do(actor, { type: 'counter.callNext', counterId: C(`quay-${n}`) }).ticket;
  }

  /** Call a ticket and mark it a no-show. */
  noShowOf(n: number, expect: Ticket): Ticket {
    const called = this.callNext(n);
    if (called?.id !== expect.id) throw new Error(`called ${called?.displayNumber}, not ${expect.displayNumber}`);
    return this.do(officer(n), { type: 'ticket.noShow', counterId: C(`quay-${n}`) }).ticket!;
  }

  orderAt(n: number): string[] {
    const c = this.state.counter(C(`quay-${n}`))!;
    const waiting = [...this.state.liveTickets()].filter((t) => t.state === 'waiting');
    return projectOrder(c, waiting, this.now, this.state.settings.queue).map((t) => t.displayNumber);
  }
}

describe('no-show brought back K places down', () => {
  it('goes to the back when fewer than K tickets wait (not to the head)', () => {
    const c = new Centre({ noShowReturn: { kind: 'placesDown', places: 3 } });
    c.open(1);
    const first = c.issue('ho-tich');
    c.issue('ho-tich');
    c.issue('ho-tich');
    c.noShowOf(1, first);
    c.now += 60_000;
    c.do(officer(1), { type: 'ticket.requeue', ticketId: first.id });
    // Two wait (1002, 1003): three places down is past them both.
    expect(c.orderAt(1)).toEqual(['1002', '1003', '1001']);
  });

  it('lands after the K-th waiting ticket when more wait', () => {
    const c = new Centre({ noShowReturn: { kind: 'placesDown', places: 2 } });
    c.open(1);
    const first = c.issue('ho-tich');
    for (let i = 0; i < 4; i++) c.issue('ho-tich');
    c.noShowOf(1, first);
    c.do(officer(1), { type: 'ticket.requeue', ticketId: first.id });
    expect(c.orderAt(1)).toEqual(['1002', '1003', '1001', '1004', '1005']);
  });

  it('does not count held tickets as places', () => {
    const c = new Centre({ noShowReturn: { kind: 'placesDown', places: 1 } });
    c.open(1);
    const first = c.issue('ho-tich');
    const second = c.issue('ho-tich');
    c.issue('ho-tich');
    c.issue('ho-tich');
    c.noShowOf(1, first);
    c.do(officer(1), { type: 'ticket.hold', ticketId: second.id, hold: true });
    c.do(officer(1), { type: 'ticket.requeue', ticketId: first.id });
    // 1002 is held: one place down is after 1003, not after 1002.
    expect(c.orderAt(1)).toEqual(['1003', '1001', '1004']);
    c.do(officer(1), { type: 'ticket.hold', ticketId: second.id, hold: false });
    expect(c.orderAt(1)).toEqual(['1002', '1003', '1001', '1004']);
  });
});

describe('strict priority', () => {
  it('ranks priority categories by their weight, then issue order, all before normal tickets', () => {
    const c = new Centre({ priorityWeights: { elderly: 1, disabled: 3, pregnant_or_child: 2, veteran: 1 } });
    c.open(1);
    c.issue('ho-tich');
    c.issue('ho-tich', 'elderly');
    c.issue('ho-tich', 'pregnant_or_child');
    c.issue('ho-tich', 'disabled');
    c.issue('ho-tich', 'veteran');
    expect(c.orderAt(1)).toEqual(['1004', '1003', '1002', '1005', '1001']);
    expect([1, 2, 3, 4, 5].map(() => c.do(officer(1), { type: 'counter.doneAndCallNext', counterId: C('quay-1') }).ticket?.displayNumber)).toEqual([
      '1004',
      '1003',
      '1002',
      '1005',
      '1001',
    ]);
  });

  it('keeps issue order among categories of equal weight (the default)', () => {
    const c = new Centre();
    c.open(1);
    c.issue('ho-tich', 'veteran');
    c.issue('ho-tich', 'elderly');
    c.issue('ho-tich');
    expect(c.orderAt(1)).toEqual(['1001', '1002', '1003']);
  });
});

describe('transfer', () => {
  it('may name a service and a counter at once: the ticket joins that service, seen by that counter alone', () => {
    const c = new Centre();
    c.open(1);
    c.open(2);
    c.open(4);
    const t = c.issue('ho-tich');
    c.callNext(1);
    const moved = c.do(officer(1), {
      type: 'ticket.transfer',
      counterId: C('quay-1'),
      target: { kind: 'service', serviceId: S('cu-tru'), counterId: C('quay-4') },
      position: 'original',
    }).ticket;
    expect(moved).toMatchObject({ serviceId: 'cu-tru', targetCounterId: 'quay-4', displayNumber: '1001', issuedAt: t.issuedAt, state: 'waiting' });
    expect(c.orderAt(2)).toEqual([]);
    expect(c.orderAt(4)).toEqual(['1001']);
    expect(c.callNext(4)?.displayNumber).toBe('1001');
  });
});

describe('prefix numbering', () => {
  it('starts at its start (H100, H101 …) and starts again the next business day', () => {
    const c = new Centre();
    expect([c.issue('cu-tru'), c.issue('cu-tru')].map((t) => t.displayNumber)).toEqual(['H100', 'H101']);
    c.now = START + 24 * 3_600_000;
    c.do({ kind: 'system' }, { type: 'day.turn', date: businessDateOf(c.now, 'Asia/Ho_Chi_Minh') });
    expect([c.issue('cu-tru'), c.issue('cu-tru')].map((t) => t.displayNumber)).toEqual(['H100', 'H101']);
  });
});

describe('call by number', () => {
  it('refuses a held ticket with TICKET_ON_HOLD until it is released', () => {
    const c = new Centre();
    c.open(1);
    const t = c.issue('ho-tich');
    c.do(officer(1), { type: 'ticket.hold', ticketId: t.id, hold: true });
    expect(c.refused(officer(1), { type: 'counter.callNumber', counterId: C('quay-1'), displayNumber: '1001' })).toBe('TICKET_ON_HOLD');
    c.do(officer(1), { type: 'ticket.hold', ticketId: t.id, hold: false });
    expect(c.do(officer(1), { type: 'counter.callNumber', counterId: C('quay-1'), displayNumber: '1001' }).ticket?.state).toBe('called');
  });
});

describe('officer access to tickets by id', () => {
  it("lets an officer cancel, hold or annotate only tickets of its open counter's services", () => {
    const c = new Centre();
    c.open(1);
    c.open(3);
    const mine = c.issue('ho-tich');
    const other = c.issue('dat-dai');
    for (const cmd of [
      { type: 'ticket.cancel', ticketId: other.id },
      { type: 'ticket.hold', ticketId: other.id, hold: true },
      { type: 'ticket.note', ticketId: other.id, note: 'xem lại' },
    ] satisfies QueueCommand[]) {
      expect(c.refused(officer(1), cmd)).toBe('NOT_YOUR_COUNTER');
    }
    expect(c.do(officer(1), { type: 'ticket.note', ticketId: mine.id, note: 'thiếu giấy tờ' }).ticket.note).toBe('thiếu giấy tờ');
    expect(c.do(officer(1), { type: 'ticket.hold', ticketId: mine.id, hold: true }).ticket.onHold).toBe(true);
    expect(c.do(officer(1), { type: 'ticket.cancel', ticketId: mine.id }).ticket.state).toBe('cancelled');
    // Counter 3's officer serves Đất đai; the manager may act anywhere.
    expect(c.do(officer(3), { type: 'ticket.hold', ticketId: other.id, hold: true }).ticket.onHold).toBe(true);
    expect(c.do(MANAGER, { type: 'ticket.cancel', ticketId: other.id }).ticket.state).toBe('cancelled');
  });

  it('lets an officer with no counter open touch nothing', () => {
    const c = new Centre();
    const t = c.issue('ho-tich');
    for (const cmd of [
      { type: 'ticket.cancel', ticketId: t.id },
      { type: 'ticket.hold', ticketId: t.id, hold: true },
      { type: 'ticket.note', ticketId: t.id, note: 'x' },
    ] satisfies QueueCommand[]) {
      expect(c.refused(officer(1), cmd)).toBe('NOT_YOUR_COUNTER');
    }
    c.open(1);
    c.do(officer(1), { type: 'counter.close', counterId: C('quay-1') });
    expect(c.refused(officer(1), { type: 'ticket.cancel', ticketId: t.id })).toBe('NOT_YOUR_COUNTER');
    expect(c.state.ticket(t.id)?.state).toBe('waiting');
  });
});

describe('the ticket the officer saw', () => {
  it('refuses with TICKET_CHANGED when the counter now holds another ticket, or none', () => {
    const c = new Centre();
    c.open(1);
    const a = c.issue('ho-tich');
    const b = c.issue('ho-tich');
    c.callNext(1);
    const doneA = c.do(officer(1), { type: 'counter.doneAndCallNext', counterId: C('quay-1'), ticketId: a.id });
    expect(doneA.ticket?.id).toBe(b.id);
    // The same key pressed again, from a console that still shows 1001: nothing happens to 1002.
    expect(c.refused(officer(1), { type: 'counter.doneAndCallNext', counterId: C('quay-1'), ticketId: a.id })).toBe('TICKET_CHANGED');
    expect(c.refused(officer(1), { type: 'ticket.noShow', counterId: C('quay-1'), ticketId: a.id })).toBe('TICKET_CHANGED');
    expect(c.state.ticket(b.id)?.state).toBe('called');
    c.do(officer(1), { type: 'ticket.done', counterId: C('quay-1'), ticketId: b.id });
    expect(c.refused(officer(1), { type: 'ticket.done', counterId: C('quay-1'), ticketId: b.id })).toBe('TICKET_CHANGED');
  });
});

describe('done and call next', () => {
  it('finishes the ticket in hand even when nobody waits, and answers with no ticket', () => {
    const c = new Centre();
    c.open(1);
    const t = c.issue('ho-tich');
    c.callNext(1);
    const r = c.do(officer(1), { type: 'counter.doneAndCallNext', counterId: C('quay-1') });
    expect(r.ticket).toBeNull();
    expect(c.state.anyTicket(t.id)?.state).toBe('done');
    expect(c.state.inHandOf(C('quay-1'))).toBeUndefined();
    // With nothing in hand and nobody waiting, it is QUEUE_EMPTY.
    expect(c.refused(officer(1), { type: 'counter.doneAndCallNext', counterId: C('quay-1') })).toBe('QUEUE_EMPTY');
  });
});

describe('found by the model', () => {
  it('never puts two no-shows brought back K places down at one place (a held one kept its place)', () => {
    const c = new Centre({ noShowReturn: { kind: 'placesDown', places: 1 } });
    c.open(1);
    const a = c.issue('ho-tich');
    c.issue('ho-tich');
    c.issue('ho-tich');
    c.issue('ho-tich');
    c.noShowOf(1, a);
    c.do(officer(1), { type: 'ticket.requeue', ticketId: a.id });
    // 1001 now stands after 1003; it steps aside (held), and 1003 is called and does not come.
    c.do(officer(1), { type: 'ticket.hold', ticketId: a.id, hold: true });
    c.do(officer(1), { type: 'counter.callNumber', counterId: C('quay-1'), displayNumber: '1003' });
    c.do(officer(1), { type: 'ticket.noShow', counterId: C('quay-1') });
    const third = [...c.state.liveTickets()].find((t) => t.displayNumber === '1003')!;
    c.do(officer(1), { type: 'ticket.requeue', ticketId: third.id });
    c.do(officer(1), { type: 'ticket.hold', ticketId: a.id, hold: false });
    // 1003 is one place down (held 1001 is not a place), so just after 1002 and before 1001;
    // before the fix both stood at one place, and their order was the order of storage.
    const places = [...c.state.liveTickets()].filter((t) => t.state === 'waiting').map((t) => `${t.queueKey}/${t.queueTie}`);
    expect(new Set(places).size).toBe(places.length);
    expect(c.orderAt(1)).toEqual(['1002', '1003', '1001', '1004']);
  });
});
