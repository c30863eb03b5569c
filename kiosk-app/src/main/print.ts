/**
 * Printing a ticket from the kiosk PC: the print data (parsed by IPC) is rendered to ESC/POS
 * bytes and sent to the configured printer, one job at a time. A printer fault becomes a
 * `failed` result with its stable code; the page shows the ticket anyway and alerts the staff.
 */
import { isPrinterError, type PaperWidth, type TicketPrintData, type TicketPrinter } from '@layso/shared';
import type { PrinterSetting, PrintResult, ShellSettings } from '../contract/bridge.js';

export interface PrintDeps {
  settings: () => ShellSettings;
  /** The printer for a setting; null for `none`. */
  openPrinter: (setting: PrinterSetting) => TicketPrinter | null;
  /** Ticket → ESC/POS bytes for the paper (the shared layout on @napi-rs/canvas). */
  render: (data: TicketPrintData, paperWidth: PaperWidth) => Uint8Array;
  log?: (message: string, error?: unknown) => void;
}

export type PrintTicket = (data: TicketPrintData) => Promise<PrintResult>;

export function createPrintTicket(deps: PrintDeps): PrintTicket {
  let queue: Promise<unknown> = Promise.resolve();
  const printOne = async (data: TicketPrintData): Promise<PrintResult> => {
    const s = deps.settings();
    try {
      const printer = deps.openPrinter(s.printer);
      if (!printer) return { status: 'none' };
      await printer.print(deps.render(data, s.paperWidth));
      return { status: 'printed' };
    } catch (e) {
      deps.log?.('ticket print failed', e);
      if (isPrinterError(e)) return { status: 'failed', code: e.code, message: e.message };
      return { status: 'failed', code: 'PRINTER_OFFLINE', message: e instanceof Error ? e.message : String(e) };
    }
  };
  return (data) => {
    const job = queue.then(() => printOne(data));
    queue = job.catch(() => undefined);
    return job;
  };
}

/** The ticket a test print shows. */
export function testTicket(now: number, serverUrl: string): TicketPrintData {
  return {
    centreName: 'IN THỬ – TEST PRINT',
    header: '',
    serviceNameVi: 'Kiểm tra máy in',
    serviceNameEn: 'Printer check',
    displayNumber: '0000',
    priorityLabelVi: null,
    issuedAt: now,
    timeZone: 'Asia/Ho_Chi_Minh',
    peopleAhead: 0,
    estimateMinutes: 0,
    trackingUrl: new URL('/', serverUrl).toString(),
    footer: 'Tiếng Việt: ắ ằ ẳ ẵ ặ ơ ư đ – Máy in hoạt động tốt.',
  };
}
