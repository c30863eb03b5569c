/** Per-device configuration the admin sets for a paired kiosk or display. */
import { z } from 'zod';
import { CounterId, ServiceId } from '../domain/model.js';

/** Where the server prints a browser kiosk's tickets: nowhere, or a network printer on TCP 9100. */
export const DevicePrinterConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(9100),
    paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
  }),
]);
export type DevicePrinterConfig = z.infer<typeof DevicePrinterConfig>;

/** A paired device's configuration (stored with the device). Unknown keys are kept for later. */
export const DeviceConfig = z
  .object({
    printer: DevicePrinterConfig.default({ kind: 'none' }),
    /** A rating tablet's counter: the tablet rates the tickets that counter serves. */
    counterId: CounterId.nullable().optional(),
    /**
     * A kiosk's reception area: the services it offers, and the only ones it may issue (a centre
     * with a reception on each floor). Absent, null or empty: every service.
     */
    serviceIds: z.array(ServiceId).max(100).nullable().optional(),
  })
  .passthrough();
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/** The services a kiosk's configuration limits it to; null when it offers every service. */
export function kioskAreaOf(config: unknown): readonly ServiceId[] | null {
  const parsed = DeviceConfig.safeParse(config);
  const ids = parsed.success ? parsed.data.serviceIds : null;
  return ids && ids.length > 0 ? ids : null;
}
