/**
 * Bookings. A name or phone number (only when the centre asks for them) is stored with the date
 * it must be erased, and never read back into anything that is logged or sent to the hub.
 */
import { Appointment, type AppointmentId, type BusinessDate, type ServiceId } from '@layso/shared';
import type { Db } from './open-db.js';

interface AppointmentRow {
  id: string;
  code: string;
  service_id: string;
  business_date: string;
  slot_at: number;
  state: string;
  ticket_id: string | null;
  booked_at: number;
  checked_in_at: number | null;
}

const COLUMNS = 'id, code, service_id, business_date, slot_at, state, ticket_id, booked_at, checked_in_at';

function fromRow(r: AppointmentRow): Appointment {
  return Appointment.parse({
    id: r.id,
    code: r.code,
    serviceId: r.service_id,
    businessDate: r.business_date,
    slotAt: r.slot_at,
    state: r.state,
    ticketId: r.ticket_id,
    bookedAt: r.booked_at,
    checkedInAt: r.checked_in_at,
  });
}

export interface AppointmentInsert {
  appointment: Appointment;
  centreId: string;
  bookedBy: string;
  name: string | null;
  phone: string | null;
  personalEraseAt: number | null;
  /** An integration's request id: a retry with it answers this booking. */
  requestId?: string | null;
}

export class AppointmentRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare(`
        INSERT INTO appointments (id, centre_id, code, service_id, business_date, slot_at, state,
          ticket_id, booked_at, checked_in_at, booked_by, name, phone, personal_erase_at, request_id)
        VALUES (@id, @centreId, @code, @serviceId, @businessDate, @slotAt, @state, @ticketId,
          @bookedAt, @checkedInAt, @bookedBy, @name, @phone, @personalEraseAt, @requestId)`),
      byRequest: db.prepare<[string, string], AppointmentRow>(`SELECT ${COLUMNS} FROM appointments WHERE booked_by = ? AND request_id = ?`),
      bookedBy: db.prepare<[string], { booked_by: string }>('SELECT booked_by FROM appointments WHERE id = ?'),
      upcoming: db.prepare<[string, number], AppointmentRow>(
        `SELECT ${COLUMNS} FROM appointments WHERE business_date = ? AND state = 'booked' AND slot_at >= ? ORDER BY slot_at, booked_at`,
      ),
      update: db.prepare(`
        UPDATE appointments SET state = @state, ticket_id = @ticketId, checked_in_at = @checkedInAt
        WHERE id = @id`),
      cancel: db.prepare<[number, string]>("UPDATE appointments SET state = 'cancelled', cancelled_at = ? WHERE id = ?"),
      byId: db.prepare<[string], AppointmentRow>(`SELECT ${COLUMNS} FROM appointments WHERE id = ?`),
      byCode: db.prepare<[string], AppointmentRow>(
        `SELECT ${COLUMNS} FROM appointments WHERE code = ? ORDER BY state = 'booked' DESC, booked_at DESC LIMIT 1`,
      ),
      codeOpen: db.prepare<[string], { one: number }>("SELECT 1 AS one FROM appointments WHERE code = ? AND state = 'booked'"),
      taken: db.prepare<[string, number], { n: number }>(
        "SELECT COUNT(*) AS n FROM appointments WHERE service_id = ? AND slot_at = ? AND state <> 'cancelled'",
      ),
      takenBetween: db.prepare<[string, number, number], { slot_at: number; n: number }>(
        `SELECT slot_at, COUNT(*) AS n FROM appointments
         WHERE service_id = ? AND slot_at >= ? AND slot_at < ? AND state <> 'cancelled' GROUP BY slot_at`,
      ),
      missed: db.prepare<[string], AppointmentRow>(`UPDATE appointments SET state = 'missed' WHERE state = 'booked' AND business_date < ? RETURNING ${COLUMNS}`),
      erase: db.prepare<[number]>(
        'UPDATE appointments SET name = NULL, phone = NULL, personal_erase_at = NULL WHERE personal_erase_at IS NOT NULL AND personal_erase_at <= ?',
      ),
      personal: db.prepare<[string], { name: string | null; phone: string | null }>('SELECT name, phone FROM appointments WHERE id = ?'),
    };
  }

  insert(a: AppointmentInsert): void {
    this.stmts.insert.run({ ...a.appointment, centreId: a.centreId, bookedBy: a.bookedBy, name: a.name, phone: a.phone, personalEraseAt: a.personalEraseAt, requestId: a.requestId ?? null });
  }

  /** The booking an integration made with this request id, if any. */
  byRequest(bookedBy: string, requestId: string): Appointment | null {
    const r = this.stmts.byRequest.get(bookedBy, requestId);
    return r ? fromRow(r) : null;
  }

  /** Who booked: 'public', a staff user id (`user:<id>`), or an integration (`apikey:<id>`). */
  bookedBy(id: string): string | null {
    return this.stmts.bookedBy.get(id)?.booked_by ?? null;
  }

  /** A day's bookings still to come (not yet checked in), from `from` on, by slot. */
  upcoming(date: BusinessDate, from: number): Appointment[] {
    return this.stmts.upcoming.all(date, from).map(fromRow);
  }

  /** A check-in's change (state, ticket, time). */
  update(a: Appointment): void {
    this.stmts.update.run({ id: a.id, state: a.state, ticketId: a.ticketId, checkedInAt: a.checkedInAt });
  }

  cancel(id: AppointmentId, at: number): void {
    this.stmts.cancel.run(at, id);
  }

  byId(id: string): Appointment | null {
    const r = this.stmts.byId.get(id);
    return r ? fromRow(r) : null;
  }

  /** The booking still to come with this code, else the latest one that had it. */
  byCode(code: string): Appointment | null {
    const r = this.stmts.byCode.get(code);
    return r ? fromRow(r) : null;
  }

  /** Whether a booking still to come holds this code. */
  codeInUse(code: string): boolean {
    return this.stmts.codeOpen.get(code) !== undefined;
  }

  /** Places taken in one slot (cancelled bookings free theirs). */
  taken(serviceId: ServiceId, slotAt: number): number {
    return this.stmts.taken.get(serviceId, slotAt)?.n ?? 0;
  }

  /** Places taken per slot start, for the slots of a service between two instants. */
  takenBetween(serviceId: ServiceId, from: number, to: number): Map<number, number> {
    return new Map(this.stmts.takenBetween.all(serviceId, from, to).map((r) => [r.slot_at, r.n]));
  }

  /** Bookings of days before `today` that nobody checked in become missed; returns them. */
  markMissed(today: BusinessDate): Appointment[] {
    return this.stmts.missed.all(today).map(fromRow);
  }

  /** Erase every name and phone number whose retention ended; returns how many bookings. */
  erasePersonal(now: number): number {
    return this.stmts.erase.run(now).changes;
  }

  /** The personal data of one booking (for the staff who call the citizen, and for tests). */
  personal(id: string): { name: string | null; phone: string | null } | null {
    return this.stmts.personal.get(id) ?? null;
  }
}
