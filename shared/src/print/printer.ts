/**
 * The one printer contract every transport implements (TCP 9100 on the server or the kiosk, USB
 * on the kiosk PC, files in development), and its stable error codes. It lives in shared so the
 * server and the kiosk's Electron main implement the same interface without importing each other.
 */
import type { PrinterStatus } from './escpos.js';

/** Why a ticket did not print; stable, so the kiosk and the manager's board can translate them. */
export const PRINTER_ERROR_CODES = [
  'PRINTER_OFFLINE',
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_TIMEOUT',
  'PRINTER_DISCONNECTED',
] as const;

/** One of the printer error codes. */
export type PrinterErrorCode = (typeof PRINTER_ERROR_CODES)[number];

/**
 * What is wrong with a printer, said as the end of "Máy in … hết giấy" (Vietnamese first): the
 * manager's board and the kiosk's report both use it.
 */
export const PRINTER_FAULT_WORDS: Record<PrinterErrorCode, { vi: string; en: string }> = {
  PRINTER_PAPER_OUT: { vi: 'hết giấy', en: 'out of paper' },
  PRINTER_COVER_OPEN: { vi: 'đang mở nắp', en: 'cover open' },
  PRINTER_OFFLINE: { vi: 'mất kết nối', en: 'not reachable' },
  PRINTER_DISCONNECTED: { vi: 'mất kết nối', en: 'not reachable' },
  PRINTER_TIMEOUT: { vi: 'không phản hồi', en: 'not answering' },
};

/** The fault words of a printer error code (`PAPER_OUT` from older kiosks too); "gặp sự cố" for any other. */
export function printerFaultWords(code: string | undefined): { vi: string; en: string } {
  const known = code === 'PAPER_OUT' ? 'PRINTER_PAPER_OUT' : code;
  return known !== undefined && (PRINTER_ERROR_CODES as readonly string[]).includes(known)
    ? PRINTER_FAULT_WORDS[known as PrinterErrorCode]
    : { vi: 'gặp sự cố', en: 'has a fault' };
}

/** A print or status query that failed, with a stable code. */
export class PrinterError extends Error {
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrinterError';
  }
}

/** Whether a value is a `PrinterError` (also across module copies, by name and code). */
export function isPrinterError(e: unknown): e is PrinterError {
  return (
    e instanceof PrinterError ||
    (e instanceof Error &&
      e.name === 'PrinterError' &&
      (PRINTER_ERROR_CODES as readonly unknown[]).includes((e as { code?: unknown }).code))
  );
}

/**
 * The error a status forbids printing with, or null when the printer can print. Cover open comes
 * first (an open cover also reads as offline and often as paper end), then paper out, then any
 * other offline cause. Paper near end still prints.
 */
export function printerErrorForStatus(status: PrinterStatus, where: string): PrinterError | null {
  if (status.coverOpen) return new PrinterError('PRINTER_COVER_OPEN', `${where}: cover open`);
  if (status.paperOut) return new PrinterError('PRINTER_PAPER_OUT', `${where}: paper out`);
  if (!status.online) return new PrinterError('PRINTER_OFFLINE', `${where}: offline`);
  return null;
}

/** A ticket printer behind some transport. */
export interface TicketPrinter {
  /**
   * Send one job (ESC/POS bytes from `encodeRaster`). Resolves once the printer took it; rejects
   * with a `PrinterError` when it could not print, and never hangs (every wait has a timeout).
   */
  print(bytes: Uint8Array): Promise<void>;
  /** Read the printer's status now; rejects with a `PrinterError` when it cannot be read. */
  status(): Promise<PrinterStatus>;
  /** Where the tickets go, for logs and the admin screen, e.g. "tcp://10.0.0.31:9100". */
  describe(): string;
}
