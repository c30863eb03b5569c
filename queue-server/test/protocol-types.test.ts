/**
 * One protocol source, checked by the compiler: the socket handlers are registered through the
 * protocol's tables, so wiring an event to another event's schema or answering with the wrong ack
 * type does not compile. The `@ts-expect-error` lines below are the proof: were the types loose,
 * each directive would be unused and `npm run typecheck` (which compiles the tests) would fail.
 * At run time this checks that every table covers its namespace and parses what its event takes.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  CLIENT_EVENT_SCHEMAS,
  KIOSK_EVENTS,
  STAFF_EVENTS,
  type CounterResult,
  type KioskAcks,
  type StaffAcks,
  type StaffClientEvents,
} from '@layso/shared';
import { handlersFor } from '../src/handlers/wrap.js';

/** A socket that records what is registered on it and lets the test call a handler. */
function fakeListener(): { socket: object; handlers: Map<string, (payload: unknown, ack?: unknown) => unknown> } {
  const handlers = new Map<string, (payload: unknown, ack?: unknown) => unknown>();
  return { socket: { on: (event: string, fn: (payload: unknown, ack?: unknown) => unknown) => handlers.set(event, fn) }, handlers };
}

const counterResult = null as unknown as CounterResult;

describe('the protocol tables', () => {
  it('type every handler by its event', () => {
    const { socket } = fakeListener();
    const on = handlersFor<typeof STAFF_EVENTS, StaffAcks>(socket, STAFF_EVENTS, pino({ level: 'silent' }));
    on('counter:open', (c) => {
      const counterId: string = c.counterId;
      // @ts-expect-error a counter command has no `hold`: it was parsed with CounterCmd, not HoldTicketCmd
      void c.hold;
      void counterId;
      return counterResult;
    });
    // @ts-expect-error `ticket:hold` answers `{ ticket }`, not a counter's view
    on('ticket:hold', () => counterResult);
    // @ts-expect-error no such event in the staff table
    on('counter:explode', () => null);
    const kioskOn = handlersFor<typeof KIOSK_EVENTS, KioskAcks>(socket, KIOSK_EVENTS, pino({ level: 'silent' }));
    // @ts-expect-error the kiosk's printer report answers null
    kioskOn('kiosk:printerStatus', () => counterResult);
    expect(typeof on).toBe('function');
  });

  it('cover every event of every namespace, and a handler answers a bad payload VALIDATION without running', async () => {
    const staffEvents: (keyof StaffClientEvents)[] = Object.keys(STAFF_EVENTS) as (keyof StaffClientEvents)[];
    expect(staffEvents).toContain('ticket:transfer');
    expect(Object.keys(CLIENT_EVENT_SCHEMAS).sort()).toEqual(['display', 'kiosk', 'public', 'rating', 'staff']);
    const { socket, handlers } = fakeListener();
    const on = handlersFor<typeof STAFF_EVENTS, StaffAcks>(socket, STAFF_EVENTS, pino({ level: 'silent' }));
    let ran = 0;
    for (const event of staffEvents) {
      on(event, () => {
        ran++;
        return null as never;
      });
    }
    expect([...handlers.keys()].sort()).toEqual([...staffEvents].sort());
    const acks: unknown[] = [];
    await handlers.get('counter:callNext')!({ counterId: 7 }, (a: unknown) => acks.push(a));
    expect(acks).toEqual([{ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } }]);
    expect(ran).toBe(0);
  });
});
