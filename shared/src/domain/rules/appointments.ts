/**
 * Checking in a booked visit at the kiosk: on time it becomes an appointment ticket that ranks at
 * its slot time (see policy.ts for how it goes ahead of walk-ins); too early the citizen waits
 * for the window or takes a walk-in ticket (their choice); too late they get a walk-in ticket.
 */
import { LaysoError } from '../../protocol/errors.js';
import type { CheckInAction } from '../commands.js';
import { appointmentPolicyOf, type Appointment, type Ticket } from '../model.js';
import type { Draft } from '../queue-state.js';
import { record, type RuleContext } from './common.js';
import { issueTicket } from './issue.js';

/** How a check-in went: on time, after the window (walk-in), or early by choice (walk-in). */
export type CheckInOutcome = 'kept' | 'late' | 'early';

export interface CheckInResult {
  ticket: Ticket;
  outcome: CheckInOutcome;
  appointment: Appointment;
}

/** Where `now` stands against an appointment's check-in window. */
export function checkInWindow(
  a: Pick<Appointment, 'slotAt'>,
  policy: { earlyMin: number; lateMin: number },
  now: number,
): { opensAt: number; closesAt: number; position: 'early' | 'onTime' | 'late' } {
  const opensAt = a.slotAt - policy.earlyMin * 60_000;
  const closesAt = a.slotAt + policy.lateMin * 60_000;
  return { opensAt, closesAt, position: now < opensAt ? 'early' : now > closesAt ? 'late' : 'onTime' };
}

export function checkIn(
  d: Draft,
  ctx: RuleContext,
  cmd: CheckInAction & { requestId: string | null; deviceId: string },
): CheckInResult {
  const a = d.appointmentByCode(cmd.code);
  if (!a) throw new LaysoError('APPOINTMENT_NOT_FOUND', `no booking ${cmd.code}`);
  if (a.state === 'cancelled') throw new LaysoError('APPOINTMENT_CANCELLED', `booking ${cmd.code} was cancelled`);
  // A booking closed as missed at the end of its day may still come: late, a walk-in ticket.
  if (a.state !== 'booked' && a.state !== 'missed') throw new LaysoError('APPOINTMENT_USED', `booking ${cmd.code} was already checked in`);
  // A booking of an earlier day is late; of a later day, early.
  const position = a.businessDate < d.today ? 'late' : a.businessDate > d.today ? 'early' : checkInWindow(a, appointmentPolicyOf(d.settings), ctx.now).position;
  if (position === 'early' && !cmd.walkInIfEarly) {
    throw new LaysoError('APPOINTMENT_TOO_EARLY', `booking ${cmd.code} is at ${new Date(a.slotAt).toISOString()}`);
  }
  const outcome: CheckInOutcome = position === 'onTime' ? 'kept' : position;
  const issue = { serviceId: a.serviceId, priority: cmd.priority, requestId: cmd.requestId, deviceId: cmd.deviceId };
  const { ticket } = issueTicket(d, ctx, issue, outcome === 'kept' ? a.slotAt : null);
  const after: Appointment = { ...a, state: outcome, ticketId: ticket.id, checkedInAt: ctx.now };
  d.putAppointment(after);
  record(d, ctx, {
    type: 'appointment.checkedIn',
    ticketId: ticket.id,
    serviceId: a.serviceId,
    data: { appointmentId: a.id, outcome, slotAt: a.slotAt },
  });
  return { ticket, outcome, appointment: after };
}
