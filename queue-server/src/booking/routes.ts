/**
 * The public booking routes (`/api/book/…`): the slots of a service on a day, book one, see it,
 * cancel it. A booking counts the places taken and stores itself in one SQLite transaction, so a
 * slot is never overbooked however many book at once. A name or phone number is accepted only
 * when the centre asks for it, kept until `retentionDays` after the slot, and never logged.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import {
  type Appointment,
  type AppointmentId,
  BookBody,
  type BookingOptions,
  type BookingView,
  LaysoError,
  SlotsQuery,
  type SlotList,
  appointmentPolicyOf,
  bookingDates,
  bookingRefusal,
  businessDateOf,
  checkInWindow,
  slotsOf,
} from '@layso/shared';
import type { Db } from '../store/open-db.js';
import type { QueueEngine } from '../engine/engine.js';
import { jsonRoute } from '../admin/http.js';

export interface BookingDeps {
  engine: QueueEngine;
  db: Db;
  log: Logger;
  now: () => number;
}

/** Who booked, as written in `booked_by` and the event log: the page, a staff user, an integration. */
export type BookedBy = 'public' | `user:${string}` | `apikey:${string}`;

/** How a booker shows in a webhook: the kind, and an integration's key id. */
export function bookedVia(bookedBy: string): { bookedVia: 'public' | 'staff' | 'integration'; apiKeyId?: string } {
  if (bookedBy.startsWith('apikey:')) return { bookedVia: 'integration', apiKeyId: bookedBy.slice(7) };
  if (bookedBy.startsWith('user:')) return { bookedVia: 'staff' };
  return { bookedVia: 'public' };
}

/**
 * Book a slot for a citizen; `bookedBy` says who (the page, an officer, an integration). The
 * places are counted and the booking stored, with its `appointment.booked` event (no personal
 * data), in one transaction. With a `requestId` (integrations), a retry answers the first booking.
 */
export function book(deps: BookingDeps, body: BookBody & { requestId?: string | undefined }, bookedBy: BookedBy): Appointment {
  const { engine, now } = deps;
  const settings = engine.getSettings();
  const policy = appointmentPolicyOf(settings);
  const repo = engine.appointments;
  if (body.requestId !== undefined) {
    const earlier = repo.byRequest(bookedBy, body.requestId);
    if (earlier) {
      if (earlier.serviceId !== body.serviceId || earlier.slotAt !== body.slotAt) {
        throw new LaysoError('REQUEST_ID_REUSED', 'this request id already booked another slot');
      }
      return earlier;
    }
  }
  if ((body.name !== undefined && !policy.askName) || (body.phone !== undefined && !policy.askPhone)) {
    throw new LaysoError('VALIDATION', 'this centre does not ask for a name or phone number');
  }
  const at = now();
  return engine.sideChange(bookedBy, () => {
    const refusal = bookingRefusal({
      service: engine.live.service(body.serviceId),
      slotAt: body.slotAt,
      now: at,
      taken: repo.taken(body.serviceId, body.slotAt),
      policy,
      timeZone: settings.timeZone,
    });
    if (refusal === 'SERVICE_NOT_FOUND') throw new LaysoError(refusal, `no service ${body.serviceId}`);
    if (refusal === 'FORBIDDEN') throw new LaysoError(refusal, 'this centre takes no bookings');
    if (refusal) throw new LaysoError(refusal, 'this slot cannot be booked');
    let code = '';
    for (let i = 0; i < 50 && (code === '' || repo.codeInUse(code)); i++) code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (repo.codeInUse(code)) throw new LaysoError('CONFLICT', 'no free code; try again');
    const a: Appointment = {
      id: randomBytes(16).toString('base64url') as AppointmentId,
      code,
      serviceId: body.serviceId,
      businessDate: businessDateOf(body.slotAt, settings.timeZone),
      slotAt: body.slotAt,
      state: 'booked',
      ticketId: null,
      bookedAt: at,
      checkedInAt: null,
    };
    const personal = body.name !== undefined || body.phone !== undefined;
    repo.insert({
      appointment: a,
      centreId: settings.centreId,
      bookedBy,
      name: body.name ?? null,
      phone: body.phone ?? null,
      personalEraseAt: personal ? body.slotAt + policy.retentionDays * 86_400_000 : null,
      requestId: body.requestId ?? null,
    });
    return a;
  }, (a) => [{ type: 'appointment.booked', serviceId: a.serviceId, data: { appointmentId: a.id, slotAt: a.slotAt, businessDate: a.businessDate, ...bookedVia(bookedBy) } }]);
}

/**
 * Cancel a booking by its unguessable id (the cancel link, an integration, staff); cancelling a
 * cancelled one answers it again, a booking already used can't be.
 */
export function cancelBooking(deps: Pick<BookingDeps, 'engine' | 'now'>, id: string, by: BookedBy): Appointment {
  const { engine } = deps;
  const a = id.length >= 16 && id.length <= 64 ? engine.appointments.byId(id) : null;
  if (!a) throw new LaysoError('APPOINTMENT_NOT_FOUND', 'no such booking');
  if (a.state === 'cancelled') return a;
  if (a.state !== 'booked') throw new LaysoError('APPOINTMENT_USED', 'this booking was already used');
  engine.sideChange(by, () => engine.appointments.cancel(a.id, deps.now()), () => [
    { type: 'appointment.cancelled', serviceId: a.serviceId, data: { appointmentId: a.id, slotAt: a.slotAt, businessDate: a.businessDate } },
  ]);
  return { ...a, state: 'cancelled' };
}

export function bookingView(engine: QueueEngine, a: Appointment): BookingView {
  const s = engine.live.service(a.serviceId);
  const w = checkInWindow(a, appointmentPolicyOf(engine.getSettings()), a.slotAt);
  return {
    id: a.id,
    code: a.code,
    serviceId: a.serviceId,
    serviceNameVi: s?.nameVi ?? a.serviceId,
    serviceNameEn: s?.nameEn ?? a.serviceId,
    businessDate: a.businessDate,
    slotAt: a.slotAt,
    state: a.state,
    opensAt: w.opensAt,
    closesAt: w.closesAt,
    cancelPath: `/book/?huy=${encodeURIComponent(a.id)}`,
  };
}

/** A service's slots on a date that start after now, with the places left. */
export function slotList(deps: Pick<BookingDeps, 'engine' | 'now'>, q: SlotsQuery): SlotList {
  const { engine, now } = deps;
  const settings = engine.getSettings();
  const policy = appointmentPolicyOf(settings);
  const service = engine.live.service(q.serviceId);
  if (!service || !service.enabled) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${q.serviceId}`);
  if (!policy.enabled || !bookingDates(now(), policy, settings.timeZone).includes(q.date)) return { slots: [] };
  const starts = slotsOf(service, q.date, policy, settings.timeZone);
  if (starts.length === 0) return { slots: [] };
  const taken = engine.appointments.takenBetween(service.id, starts[0]!, starts[starts.length - 1]! + 1);
  const at = now();
  return {
    slots: starts.filter((s) => s > at).map((s) => ({ at: s, left: Math.max(0, policy.capacityPerSlot - (taken.get(s) ?? 0)) })),
  };
}

export function registerBookingRoutes(http: FastifyInstance, deps: BookingDeps): void {
  const { engine, log, now } = deps;

  http.get('/api/book/options', jsonRoute(log, (): BookingOptions => {
    const settings = engine.getSettings();
    const policy = appointmentPolicyOf(settings);
    return {
      enabled: policy.enabled,
      centreNameVi: settings.centreNameVi,
      centreNameEn: settings.centreNameEn,
      // Results pickup is not booked: a dossier code at the kiosk gives its ticket.
      services: engine.listServices().filter((s) => s.enabled && s.id !== settings.resultsServiceId).map((s) => ({ id: s.id, nameVi: s.nameVi, nameEn: s.nameEn })),
      dates: bookingDates(now(), policy, settings.timeZone),
      askName: policy.askName,
      askPhone: policy.askPhone,
      slotMin: policy.slotMin,
      timeZone: settings.timeZone,
      earlyMin: policy.earlyMin,
      lateMin: policy.lateMin,
    };
  }));

  http.get('/api/book/slots', jsonRoute(log, (req): SlotList => slotList(deps, SlotsQuery.parse(req.query))));

  http.post('/api/book', jsonRoute(log, (req): BookingView => bookingView(engine, book(deps, BookBody.parse(req.body), 'public'))));

  http.get('/api/book/:id', jsonRoute(log, (req): BookingView => {
    const { id } = req.params as { id: string };
    const a = id.length >= 16 && id.length <= 64 ? engine.appointments.byId(id) : null;
    if (!a) throw new LaysoError('APPOINTMENT_NOT_FOUND', 'no such booking');
    return bookingView(engine, a);
  }));

  /** Cancel by the unguessable id of the cancel link; a booking already used can't be. */
  http.post('/api/book/:id/cancel', jsonRoute(log, (req): BookingView => {
    const { id } = req.params as { id: string };
    return bookingView(engine, cancelBooking(deps, id, 'public'));
  }));
}
