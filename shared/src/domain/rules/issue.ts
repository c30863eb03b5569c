/** Taking a number: which number, and what a kiosk may take. */
import { LaysoError } from '../../protocol/errors.js';
import type { IssueAction } from '../commands.js';
import type { Service, Ticket } from '../model.js';
import type { Draft } from '../queue-state.js';
import { displayNumberOf, isPastRangeEnd, isWithinHours, nextNumber } from '../numbering.js';
import { record, type RuleContext } from './common.js';

/** Whether a service gives numbers now: enabled and inside its opening hours. */
export function isIssuing(d: Pick<Draft, 'settings'>, s: Service, now: number): boolean {
  return s.enabled && isWithinHours(now, d.settings.timeZone, s.hours);
}

/**
 * The service's next number. Past the end of its range it goes on (and the manager is warned),
 * but never into another service's range nor onto a number already given today: 1999 is
 * followed by 2000, then past 2001–2999 if another service owns them.
 */
export function nextFreeNumber(d: Draft, service: Service): number {
  let n = nextNumber(service.numbering, d.lastNumber(service.id));
  if (!isPastRangeEnd(service.numbering, n)) return n;
  const others = [...d.services()].filter((s) => s.id !== service.id);
  for (let guard = 0; guard < 10_000_000; guard++, n++) {
    const owned = others.some((o) => o.numbering.kind === 'range' && n >= o.numbering.from && n <= o.numbering.to);
    if (!owned && !d.history.numberGiven(displayNumberOf(service.numbering, n))) return n;
  }
  throw new LaysoError('CONFLICT', `${service.nameVi}: no free number left today`);
}

/** Take a number: the sequence advances in the same transaction that stores the ticket. */
export function issueTicket(
  d: Draft,
  ctx: RuleContext,
  cmd: IssueAction & { requestId: string | null; deviceId: string },
  /** An appointment ticket: the start of its slot, which is its queue place. */
  slotAt: number | null = null,
): { ticket: Ticket } {
  const service = d.service(cmd.serviceId);
  if (!service) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${cmd.serviceId}`);
  if (ctx.actor.kind === 'kiosk' && ctx.actor.area && !ctx.actor.area.includes(service.id)) {
    throw new LaysoError('SERVICE_NOT_IN_AREA', `${service.nameVi} is taken at another reception area, not at this kiosk`);
  }
  if (!isIssuing(d, service, ctx.now)) {
    throw new LaysoError('SERVICE_CLOSED', `${service.nameVi} is not issuing numbers now`);
  }
  if (cmd.priority !== null && !service.allowPriority) {
    throw new LaysoError('PRIORITY_NOT_ALLOWED', `${service.nameVi} takes no priority tickets`);
  }
  const n = nextFreeNumber(d, service);
  d.setLastNumber(service.id, n);
  const t: Ticket = {
    id: ctx.newTicketId(),
    serviceId: service.id,
    businessDate: d.today,
    number: n,
    displayNumber: displayNumberOf(service.numbering, n),
    priority: cmd.priority,
    state: 'waiting',
    issuedAt: ctx.now,
    queueKey: slotAt ?? ctx.now,
    queueTie: d.takeTie(),
    targetCounterId: null,
    counterId: null,
    onHold: false,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    callCount: 0,
    transferredFromId: null,
    note: null,
    slotAt,
  };
  d.putTicket(t, { created: true, requestId: cmd.requestId, deviceId: cmd.deviceId });
  record(d, ctx, {
    type: 'ticket.issued',
    ticketId: t.id,
    serviceId: t.serviceId,
    data: slotAt === null ? { number: t.displayNumber, priority: t.priority } : { number: t.displayNumber, priority: t.priority, slotAt },
  });
  if (isPastRangeEnd(service.numbering, n)) {
    record(d, ctx, { type: 'numbering.overflow', serviceId: service.id, data: { number: n } });
    d.warn({ kind: 'numbering_overflow', serviceId: service.id, message: `${service.nameVi}: số ${t.displayNumber} vượt dải số đã cấu hình` });
  }
  return { ticket: t };
}
