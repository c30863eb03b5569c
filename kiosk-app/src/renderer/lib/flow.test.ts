import { describe, expect, it } from 'vitest';
import type { ServiceId } from '@layso/shared';
import {
  CONFIRM_MS,
  CONFIRM_UNPRINTED_MS,
  DISMISS_GUARD_MS,
  IDLE_MS,
  PENDING_REUSE_MS,
  PROBLEM_MS,
  TAP_GUARD_MS,
  flowReducer,
  initialFlow,
  nextDeadline,
  type FlowEvent,
  type FlowState,
  type ServiceChoice,
} from './flow.js';
import { issued } from './fixtures.test-support.js';

const HT = 'ho-tich' as ServiceId;
const withPriority: ServiceChoice = { id: HT, allowPriority: true, issuing: true };
const plain: ServiceChoice = { id: 'vneid' as ServiceId, allowPriority: false, issuing: true };

function run(s: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(flowReducer, s);
}

/** Start at t=0 on home, long enough after it appeared for taps to count. */
const start = (): FlowState => initialFlow(-10_000);

describe('the citizen flow', () => {
  it('takes two taps for a service with priority: service, then "Không ưu tiên"', () => {
    let s = run(start(), { type: 'tapService', service: withPriority, requestId: 'r1', now: 0 });
    expect(s.screen).toMatchObject({ kind: 'priority', serviceId: HT });
    s = run(s, { type: 'choosePriority', priority: null, requestId: 'r2', now: 1000 });
    expect(s.screen).toMatchObject({ kind: 'issuing', serviceId: HT, priority: null, requestId: 'r2' });
  });

  it('takes one tap for a service without priority', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r1', now: 0 });
    expect(s.screen).toMatchObject({ kind: 'issuing', requestId: 'r1', priority: null });
  });

  it('ignores a closed service', () => {
    const s = run(start(), { type: 'tapService', service: { ...plain, issuing: false }, requestId: 'r1', now: 0 });
    expect(s.screen.kind).toBe('home');
  });

  it('ignores a tap that lands just after the screen changed', () => {
    let s = run(start(), { type: 'tapService', service: withPriority, requestId: 'r1', now: 0 });
    s = run(s, { type: 'choosePriority', priority: null, requestId: 'r2', now: TAP_GUARD_MS - 1 });
    expect(s.screen.kind).toBe('priority');
    s = run(s, { type: 'choosePriority', priority: 'elderly', requestId: 'r3', now: TAP_GUARD_MS });
    expect(s.screen).toMatchObject({ kind: 'issuing', priority: 'elderly', requestId: 'r3' });
  });

  it('starts one issue for a storm of taps, whatever arrives while issuing', () => {
    let s = run(start(), { type: 'tapService', service: withPriority, requestId: 'a', now: 0 });
    s = run(s, { type: 'choosePriority', priority: null, requestId: 'b', now: 1000 });
    const issuing = s.screen;
    for (let i = 0; i < 20; i++) {
      s = run(
        s,
        { type: 'choosePriority', priority: null, requestId: `x${i}`, now: 1001 + i },
        { type: 'tapService', service: withPriority, requestId: `y${i}`, now: 1001 + i },
        { type: 'back', now: 1001 + i },
      );
    }
    expect(s.screen).toBe(issuing);
  });

  it('shows only the ticket of the request it sent', () => {
    let s = run(start(), { type: 'tapService', service: plain, requestId: 'r1', now: 0 });
    s = run(s, { type: 'issued', requestId: 'other', issued: issued(), route: 'server', now: 10 });
    expect(s.screen.kind).toBe('issuing');
    s = run(s, { type: 'issued', requestId: 'r1', issued: issued(1023), route: 'server', now: 10 });
    expect(s.screen).toMatchObject({ kind: 'confirm', print: 'none' });
  });

  it('takes the print state from the route', () => {
    const go = (route: 'bridge' | 'server' | 'none', print = issued(1, null, { status: 'failed', errorCode: 'PRINTER_PAPER_OUT' })) =>
      run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: print, route, now: 5 })
        .screen;
    expect(go('bridge')).toMatchObject({ print: 'printing', printErrorCode: null });
    expect(go('server')).toMatchObject({ print: 'failed', printErrorCode: 'PRINTER_PAPER_OUT' });
    expect(go('server', issued(1, null, { status: 'printed' }))).toMatchObject({ print: 'printed' });
    expect(go('none')).toMatchObject({ print: 'none' });
  });

  it('waits for the server’s print outcome, which comes after the ticket, and never turns a printed ticket into “not printed”', () => {
    let s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: issued(9, null, { status: 'printing' }), route: 'server', now: 5 });
    expect(s.screen).toMatchObject({ kind: 'confirm', print: 'printing' });
    const id = s.screen.kind === 'confirm' ? s.screen.issued.ticket.id : '';
    s = run(s, { type: 'printed', ticketId: id, ok: true, now: 3_000 });
    expect(s.screen).toMatchObject({ print: 'printed' });
    // A late or repeated outcome for the same ticket changes nothing.
    expect(run(s, { type: 'printed', ticketId: id, ok: false, code: 'PRINTER_OFFLINE', now: 3_100 }).screen).toMatchObject({ print: 'printed' });
  });

  it('records the bridge print outcome for the ticket shown', () => {
    let s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: issued(7), route: 'bridge', now: 5 });
    const id = s.screen.kind === 'confirm' ? s.screen.issued.ticket.id : '';
    expect(run(s, { type: 'printed', ticketId: 'nope', ok: true, now: 6 }).screen).toMatchObject({ print: 'printing' });
    expect(run(s, { type: 'printed', ticketId: id, ok: true, now: 6 }).screen).toMatchObject({ print: 'printed' });
    s = run(s, { type: 'printed', ticketId: id, ok: false, code: 'PRINTER_PAPER_OUT', now: 6 });
    expect(s.screen).toMatchObject({ print: 'failed', printErrorCode: 'PRINTER_PAPER_OUT' });
    expect(s.screen.kind === 'confirm' && s.screen.issued.ticket.displayNumber).toBe('7');
  });

  it('goes home from the confirmation by itself, or at a touch once it has been seen', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: issued(1, null, { status: 'printed' }), route: 'server', now: 100 });
    expect(run(s, { type: 'dismiss', now: 100 + DISMISS_GUARD_MS - 1 }).screen.kind).toBe('confirm');
    expect(run(s, { type: 'dismiss', now: 100 + DISMISS_GUARD_MS }).screen.kind).toBe('home');
    expect(run(s, { type: 'tick', now: 100 + CONFIRM_MS - 1 }).screen.kind).toBe('confirm');
    expect(run(s, { type: 'tick', now: 100 + CONFIRM_MS }).screen.kind).toBe('home');
    expect(nextDeadline(s)).toBe(100 + CONFIRM_MS);
  });

  it('keeps an unprinted ticket on screen longer, to photograph its QR code', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: issued(1, null, { status: 'failed' }), route: 'server', now: 0 });
    expect(run(s, { type: 'tick', now: CONFIRM_MS }).screen.kind).toBe('confirm');
    expect(run(s, { type: 'tick', now: CONFIRM_UNPRINTED_MS }).screen.kind).toBe('home');
  });

  it('resets after 20 s without a touch on any screen but home, and back to Vietnamese', () => {
    let s = run(start(), { type: 'setLang', lang: 'en', now: 0 }, { type: 'tapService', service: withPriority, requestId: 'r', now: 500 });
    s = run(s, { type: 'touch', now: 5000 });
    expect(run(s, { type: 'tick', now: 5000 + IDLE_MS - 1 }).screen.kind).toBe('priority');
    const after = run(s, { type: 'tick', now: 5000 + IDLE_MS });
    expect(after.screen.kind).toBe('home');
    expect(after.lang).toBe('vi');
  });

  it('does not reset while a ticket is being issued', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 });
    expect(run(s, { type: 'tick', now: 10 * IDLE_MS }).screen.kind).toBe('issuing');
    expect(nextDeadline(s)).toBeNull();
  });

  it('goes back from the priority screen to where the service was chosen', () => {
    let s = run(start(), { type: 'openMore', now: 0 }, { type: 'page', page: 1, now: 1000 }, { type: 'tapService', service: withPriority, requestId: 'r', now: 2000 });
    s = run(s, { type: 'back', now: 3000 });
    expect(s.screen).toMatchObject({ kind: 'more', page: 1 });
    s = run(s, { type: 'back', now: 4000 });
    expect(s.screen.kind).toBe('home');
  });

  it('shows the kind message when rate limited, and goes home after a while', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issueFailed', requestId: 'r', problem: 'rateLimited', now: 10 });
    expect(s.screen).toMatchObject({ kind: 'problem', problem: 'rateLimited' });
    expect(s.pending).toBeNull();
    expect(run(s, { type: 'tick', now: 10 + PROBLEM_MS }).screen.kind).toBe('home');
  });

  it('retries an unanswered request with the same id when the citizen chooses the same again', () => {
    let s = run(start(), { type: 'tapService', service: withPriority, requestId: 'a', now: 0 }, { type: 'choosePriority', priority: 'elderly', requestId: 'first', now: 1000 });
    s = run(s, { type: 'issueFailed', requestId: 'first', problem: 'offline', now: 9000 }, { type: 'back', now: 10_000 });
    // Another choice gets a fresh id …
    const other = run(s, { type: 'tapService', service: withPriority, requestId: 'b', now: 11_000 }, { type: 'choosePriority', priority: null, requestId: 'second', now: 12_000 });
    expect(other.screen).toMatchObject({ kind: 'issuing', requestId: 'second' });
    // … the same choice reuses the unanswered id, so the server returns that ticket if it exists.
    const same = run(s, { type: 'tapService', service: withPriority, requestId: 'b', now: 11_000 }, { type: 'choosePriority', priority: 'elderly', requestId: 'third', now: 12_000 });
    expect(same.screen).toMatchObject({ kind: 'issuing', requestId: 'first' });
    // … but not for ever.
    const late = run(s, { type: 'tapService', service: withPriority, requestId: 'b', now: PENDING_REUSE_MS + 1000 }, { type: 'choosePriority', priority: 'elderly', requestId: 'fourth', now: PENDING_REUSE_MS + 2000 });
    expect(late.screen).toMatchObject({ kind: 'issuing', requestId: 'fourth' });
  });

  it('forgets the id once the server answered', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: issued(), route: 'none', now: 10 });
    expect(s.pending).toBeNull();
  });

  it('goes back to Vietnamese for the next citizen after a quiet while on home', () => {
    const s = run(start(), { type: 'setLang', lang: 'en', now: 0 });
    expect(nextDeadline(s)).toBe(IDLE_MS);
    expect(run(s, { type: 'tick', now: IDLE_MS - 1 }).lang).toBe('en');
    expect(run(s, { type: 'tick', now: IDLE_MS }).lang).toBe('vi');
  });

  it('a refused kiosk (revoked) drops whatever it showed: after pairing again it starts on home', () => {
    const s = run(start(), { type: 'setLang', lang: 'en', now: 0 }, { type: 'tapService', service: plain, requestId: 'r', now: 0 }, { type: 'issued', requestId: 'r', issued: issued(), route: 'none', now: 10 });
    expect(s.screen.kind).toBe('confirm');
    const r = run(s, { type: 'refused', now: 20 });
    expect(r).toMatchObject({ screen: { kind: 'home', since: 20 }, lang: 'vi', pending: null });
    expect(run(r, { type: 'refused', now: 30 })).toBe(r);
  });
});

describe('check-in', () => {
  const booking = { kind: 'booking' as const, code: '482913' };

  it('a scan on home goes straight to checking in; on time it ends on the ticket with its note', () => {
    let s = run(start(), { type: 'code', target: booking, requestId: 'c1', now: 0 });
    expect(s.screen).toMatchObject({ kind: 'checkingIn', target: booking, walkInIfEarly: false, requestId: 'c1' });
    s = run(s, { type: 'checkedIn', requestId: 'c1', issued: issued(1001), note: { kind: 'kept', slotAt: 5 }, route: 'none', now: 100 });
    expect(s.screen).toMatchObject({ kind: 'confirm', note: { kind: 'kept' }, print: 'none' });
  });

  it('too early: waiting goes home and forgets the visit; "walk-in now" checks in again with walkInIfEarly', () => {
    const early = run(start(), { type: 'code', target: booking, requestId: 'c1', now: 0 }, { type: 'tooEarly', requestId: 'c1', now: 10 });
    expect(early.screen).toMatchObject({ kind: 'early', code: '482913', window: null });
    expect(run(early, { type: 'back', now: 1000 }).screen.kind).toBe('home');
    const walkIn = run(early, { type: 'walkInNow', requestId: 'c2', now: 1000 });
    expect(walkIn.screen).toMatchObject({ kind: 'checkingIn', walkInIfEarly: true, requestId: 'c2', target: booking });
  });

  it('a scan while a ticket is being issued or checked in is ignored', () => {
    const s = run(start(), { type: 'tapService', service: plain, requestId: 'r1', now: 0 });
    expect(run(s, { type: 'code', target: booking, requestId: 'c1', now: 10 }).screen).toMatchObject({ kind: 'issuing', requestId: 'r1' });
    const c = run(start(), { type: 'code', target: booking, requestId: 'c1', now: 0 });
    expect(run(c, { type: 'code', target: booking, requestId: 'c2', now: 10 }).screen).toMatchObject({ requestId: 'c1' });
  });

  it("a card's category lasts the visit and is forgotten when the kiosk goes home for the next citizen", () => {
    let s = run(start(), { type: 'card', category: 'elderly', now: 0 });
    expect(s.card).toEqual({ category: 'elderly', at: 0 });
    s = run(s, { type: 'tapService', service: plain, requestId: 'r1', now: 1000 }, { type: 'issued', requestId: 'r1', issued: issued(1001), route: 'none', now: 1100 });
    expect(s.card?.category).toBe('elderly');
    s = run(s, { type: 'tick', now: 1100 + CONFIRM_UNPRINTED_MS });
    expect(s.screen.kind).toBe('home');
    expect(s.card).toBeNull();
  });

  it('an unusable code says so at once, and a dismissed problem goes home', () => {
    const s = run(start(), { type: 'openCheckIn', now: 0 }, { type: 'badCode', now: 1000 });
    expect(s.screen).toMatchObject({ kind: 'problem', problem: 'unknownCode' });
  });
});
