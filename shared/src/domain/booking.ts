/**
 * Booking a visit: which slots a service offers (its opening hours cut into slots of the
 * centre's length), and whether a slot can still be booked. Pure: the server counts the places
 * taken in the same transaction that stores the booking, so a slot is never overbooked.
 */
import type { ErrorCode } from '../protocol/errors.js';
import type { AppointmentPolicy, BusinessDate, Service } from './model.js';
import { businessDateOf, localParts } from './numbering.js';

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The instant a local wall-clock minute of a date starts, in a time zone. */
export function localToEpoch(date: BusinessDate, minuteOfDay: number, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y!, mo! - 1, d!, 0, minuteOfDay);
  let at = guess;
  // Two rounds settle a zone that changes its offset on that day.
  for (let i = 0; i < 2; i++) {
    const p = localParts(at, timeZone);
    const [py, pmo, pd] = p.date.split('-').map(Number);
    const shown = Date.UTC(py!, pmo! - 1, pd!, p.hour, p.minute);
    at += guess - shown;
  }
  return at;
}

/** The slot starts a service offers on a date: its opening hours cut into whole slots. */
export function slotsOf(service: Pick<Service, 'hours'>, date: BusinessDate, policy: Pick<AppointmentPolicy, 'slotMin'>, timeZone: string): number[] {
  const open = minutesOf(service.hours.open);
  const close = minutesOf(service.hours.close);
  const out: number[] = [];
  for (let m = open; m + policy.slotMin <= close; m += policy.slotMin) out.push(localToEpoch(date, m, timeZone));
  return out;
}

/** The dates a citizen may book on: today and the following days of the booking window. */
export function bookingDates(now: number, policy: Pick<AppointmentPolicy, 'bookingDays'>, timeZone: string): BusinessDate[] {
  const out: BusinessDate[] = [];
  for (let i = 0; i < policy.bookingDays; i++) out.push(businessDateOf(now + i * 86_400_000, timeZone));
  return [...new Set(out)];
}

/**
 * Why a slot cannot be booked now, or null when it can: the service exists and is enabled, the
 * centre takes bookings, the slot is one of the service's slots inside the booking window and
 * starts after now, and a place is left.
 */
export function bookingRefusal(a: {
  service: Service | undefined;
  slotAt: number;
  now: number;
  taken: number;
  policy: AppointmentPolicy;
  timeZone: string;
}): ErrorCode | null {
  if (!a.service || !a.service.enabled) return 'SERVICE_NOT_FOUND';
  if (!a.policy.enabled) return 'FORBIDDEN';
  if (a.slotAt <= a.now) return 'SLOT_FULL';
  const date = businessDateOf(a.slotAt, a.timeZone);
  if (!bookingDates(a.now, a.policy, a.timeZone).includes(date)) return 'SLOT_FULL';
  if (!slotsOf(a.service, date, a.policy, a.timeZone).includes(a.slotAt)) return 'SLOT_FULL';
  return a.taken >= a.policy.capacityPerSlot ? 'SLOT_FULL' : null;
}
