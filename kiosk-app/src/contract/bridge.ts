/**
 * The one contract between the kiosk's web UI and its Electron shell: the IPC channel names, the
 * zod schemas of every argument (main parses them: whatever a page sends is untrusted), and the
 * bridge the preload exposes as `window.layso`. The renderer imports only its types.
 */
import { z } from 'zod';
import type { TicketPrintData } from '@layso/shared';

/** IPC channels, one per bridge method. */
export const KIOSK_CHANNELS = {
  print: 'layso-kiosk:print',
  getSettings: 'layso-kiosk:get-settings',
  verifyPin: 'layso-kiosk:verify-pin',
  saveSettings: 'layso-kiosk:save-settings',
  changePin: 'layso-kiosk:change-pin',
  testPrint: 'layso-kiosk:test-print',
  getDeviceToken: 'layso-kiosk:get-device-token',
  setDeviceToken: 'layso-kiosk:set-device-token',
} as const;
export type KioskChannel = keyof typeof KIOSK_CHANNELS;

/** What one ticket prints; the same data the server prints with for browser kiosks. */
export const TicketPrintDataSchema = z.object({
  centreName: z.string().max(200),
  header: z.string().max(200),
  serviceNameVi: z.string().max(200),
  serviceNameEn: z.string().max(200),
  displayNumber: z.string().min(1).max(16),
  priorityLabelVi: z.string().max(200).nullable(),
  issuedAt: z.number().int().nonnegative(),
  timeZone: z.string().min(1).max(64),
  peopleAhead: z.number().int().nonnegative(),
  estimateMinutes: z.number().int().nonnegative().nullable(),
  trackingUrl: z.string().max(500),
  footer: z.string().max(300),
}) satisfies z.ZodType<TicketPrintData>;

/** A host name or IPv4 address, as typed on the settings keypad. */
const Host = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/);

/** Where this kiosk prints. */
export const PrinterSetting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('network'), host: Host, port: z.number().int().min(1).max(65535) }),
  /** The first ESC/POS printer on USB, or the one with these ids. */
  z.object({
    kind: z.literal('usb'),
    vendorId: z.number().int().min(0).max(0xffff).optional(),
    productId: z.number().int().min(0).max(0xffff).optional(),
  }),
]);
export type PrinterSetting = z.infer<typeof PrinterSetting>;

export const PaperWidthSetting = z.union([z.literal(58), z.literal(80)]);

/** The shell's settings an admin may change on the kiosk (the PIN is kept apart, hashed). */
export const ShellSettings = z.object({
  /** The queue server, e.g. `http://192.168.1.10:8080`; the kiosk loads `/kiosk/` from it. */
  serverUrl: z
    .string()
    .max(300)
    .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/),
  printer: PrinterSetting,
  paperWidth: PaperWidthSetting,
});
export type ShellSettings = z.infer<typeof ShellSettings>;

/** The token a pairing gave this kiosk (null: not paired, or revoked). */
export const DeviceToken = z.string().min(1).max(200).nullable();

/** 4 to 8 digits. */
export const Pin = z.string().regex(/^\d{4,8}$/);

/** How a print went; the same three outcomes as the server's `IssuedTicket['print']`. */
export type PrintResult =
  | { status: 'printed' }
  | { status: 'none' }
  | { status: 'failed'; code: string; message: string };

export type BridgeAnswer = { ok: true } | { ok: false; reason: 'pin' | 'invalid' };

/** The arguments of each channel, parsed in main before a handler sees them. */
export const CHANNEL_ARGS = {
  print: z.tuple([TicketPrintDataSchema]),
  getSettings: z.tuple([]),
  verifyPin: z.tuple([z.string().max(16)]),
  saveSettings: z.tuple([z.string().max(16), ShellSettings]),
  changePin: z.tuple([z.string().max(16), Pin]),
  testPrint: z.tuple([z.string().max(16)]),
  getDeviceToken: z.tuple([]),
  setDeviceToken: z.tuple([DeviceToken]),
} satisfies Record<KioskChannel, z.ZodType<unknown[]>>;

/** What each channel answers. */
export interface ChannelResults {
  print: PrintResult;
  getSettings: ShellSettings;
  verifyPin: boolean;
  saveSettings: BridgeAnswer;
  changePin: BridgeAnswer;
  testPrint: PrintResult;
  getDeviceToken: string | null;
  setDeviceToken: { ok: true };
}

/** `window.layso`: the only door from the page to the kiosk PC. */
export interface KioskBridge {
  readonly shell: 'electron';
  /** Print a ticket on the kiosk's own printer (USB or network). Never rejects for a printer fault. */
  print(data: TicketPrintData): Promise<PrintResult>;
  getSettings(): Promise<ShellSettings>;
  verifyPin(pin: string): Promise<boolean>;
  /** Save settings (the PIN is checked again in main); a new server address reloads the kiosk. */
  saveSettings(pin: string, settings: ShellSettings): Promise<BridgeAnswer>;
  changePin(oldPin: string, newPin: string): Promise<BridgeAnswer>;
  testPrint(pin: string): Promise<PrintResult>;
  /**
   * The device token kept in the shell's config (it survives a cleared browser profile). It
   * belongs to the configured server: a new server address drops it. No PIN: a token is only
   * good for a code an admin issued, and the page drops it when the server refuses it.
   */
  getDeviceToken(): Promise<string | null>;
  setDeviceToken(token: string | null): Promise<{ ok: true }>;
}
