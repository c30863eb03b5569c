/** The public booking page's REST bodies and answers (`/api/book/…`). */
import { z } from 'zod';
import { AppointmentState, BusinessDate, EpochMs, ServiceId } from '../domain/model.js';

/** Book a slot. A name or phone number only when the centre asks for it (off by default). */
export const BookBody = z.object({
  serviceId: ServiceId,
  slotAt: EpochMs,
  name: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ]{8,15}$/).optional(),
});
export type BookBody = z.infer<typeof BookBody>;

export const SlotsQuery = z.object({ serviceId: ServiceId, date: BusinessDate });
export type SlotsQuery = z.infer<typeof SlotsQuery>;

/** What the booking page needs before its first question. */
export const BookingOptions = z.object({
  enabled: z.boolean(),
  centreNameVi: z.string(),
  centreNameEn: z.string(),
  services: z.array(z.object({ id: ServiceId, nameVi: z.string(), nameEn: z.string() })),
  dates: z.array(BusinessDate),
  askName: z.boolean(),
  askPhone: z.boolean(),
  slotMin: z.number().int(),
  /** The centre's time zone: the page shows slot times as the centre's clock reads them. */
  timeZone: z.string(),
  /** A check-in is on time from `earlyMin` before the slot to `lateMin` after its start. */
  earlyMin: z.number().int(),
  lateMin: z.number().int(),
});
export type BookingOptions = z.infer<typeof BookingOptions>;

/** A service's slots on a date that start after now, with the places left. */
export const SlotList = z.object({ slots: z.array(z.object({ at: EpochMs, left: z.number().int().nonnegative() })) });
export type SlotList = z.infer<typeof SlotList>;

/** A booking as the citizen sees it (never the name or phone number). */
export const BookingView = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: ServiceId,
  serviceNameVi: z.string(),
  serviceNameEn: z.string(),
  businessDate: BusinessDate,
  slotAt: EpochMs,
  state: AppointmentState,
  /** The window the kiosk checks it in: from `opensAt` to `closesAt`. */
  opensAt: EpochMs,
  closesAt: EpochMs,
  cancelPath: z.string(),
});
export type BookingView = z.infer<typeof BookingView>;
