/** Per-device configuration the admin sets for a paired kiosk or display. */
import { z } from 'zod';
import { CounterId } from '../domain/model.js';

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
  })
  .passthrough();
export type DeviceConfig = z.infer<typeof DeviceConfig>;
