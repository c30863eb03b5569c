/**
 * Printing by the server, for browser kiosks (an Android tablet, a PC without the Electron
 * shell) whose device configuration names a network printer. The ticket is committed before this
 * runs; a failed print is reported, never a lost ticket.
 */
import {
  DeviceConfig,
  isPrinterError,
  ticketPrintData as printData,
  type IssuedTicket,
  type PaperWidth,
  type Ticket,
  type TicketPrintData,
  type TicketPrinter,
} from '@layso/shared';
import type { Logger } from 'pino';
import type { QueueEngine } from '../engine/engine.js';
import type { DeviceIdentity } from '../handlers/devices.js';
import type { ServerPrint } from '../handlers/kiosk.js';
import { TcpPrinter } from '@layso/node-shared';

export interface PrinterChoice {
  printer: TicketPrinter;
  paperWidth: PaperWidth;
}

// One printer object per address: a TcpPrinter runs its jobs one at a time, so two kiosks that
// share a printer queue their tickets instead of interleaving them.
const tcpPrinters = new Map<string, TcpPrinter>();

/** The printer of a paired kiosk, from its device configuration; null when it has none. */
export function printerFromConfig(config: Record<string, unknown>): PrinterChoice | null {
  const parsed = DeviceConfig.safeParse(config);
  if (!parsed.success || parsed.data.printer.kind === 'none') return null;
  const p = parsed.data.printer;
  const key = `${p.host}:${p.port}`;
  let printer = tcpPrinters.get(key);
  if (!printer) {
    printer = new TcpPrinter({ host: p.host, port: p.port });
    tcpPrinters.set(key, printer);
  }
  return { printer, paperWidth: p.paperWidth };
}

/** What goes on the ticket, in the citizen's words (shared's one mapping). */
export function ticketPrintData(engine: QueueEngine, ticket: Ticket, place: { peopleAhead: number; estimateMinutes: number | null }, trackingUrl: string): TicketPrintData {
  const settings = engine.getSettings();
  return printData({
    ticket,
    service: engine.getService(ticket.serviceId),
    centre: { nameVi: settings.centreNameVi, timeZone: settings.timeZone, ticketHeader: settings.ticketHeader, ticketFooter: settings.ticketFooter },
    peopleAhead: place.peopleAhead,
    estimateMinutes: place.estimateMinutes,
    trackingUrl,
  });
}

export interface ServerPrintDeps {
  engine: QueueEngine;
  log: Logger;
  /** The printer for a device: its configuration, or the demo printer for demo kiosks. */
  printerFor: (device: DeviceIdentity) => PrinterChoice | null;
  /** The base URL phones reach the server at (the LAN address), for the QR code. */
  publicBaseUrl: () => string;
  /** Every print outcome, so the manager's board shows a kiosk whose printer fails. */
  onResult: (device: DeviceIdentity, result: { ok: boolean; code?: string; message?: string }) => void;
}

export function makeServerPrint(deps: ServerPrintDeps): ServerPrint {
  return async (ticket, device, _language): Promise<IssuedTicket['print']> => {
    const choice = deps.printerFor(device);
    if (!choice) return { status: 'none' };
    const place = deps.engine.publicStatus(ticket.id);
    const data = ticketPrintData(
      deps.engine,
      ticket,
      { peopleAhead: place?.peopleAhead ?? 0, estimateMinutes: place?.estimateMinutes ?? null },
      `${deps.publicBaseUrl()}/t/${ticket.id}`,
    );
    try {
      // The canvas and the font are loaded with the first ticket printed, not at start-up.
      const { renderTicketBytes } = await import('@layso/node-shared');
      await choice.printer.print(renderTicketBytes(data, choice.paperWidth));
      deps.onResult(device, { ok: true });
      return { status: 'printed' };
    } catch (e) {
      const code = isPrinterError(e) ? e.code : 'PRINTER_OFFLINE';
      const message = e instanceof Error ? e.message : String(e);
      deps.log.warn({ device: device.id, code, printer: choice.printer.describe() }, 'ticket not printed');
      deps.onResult(device, { ok: false, code, message });
      return { status: 'failed', errorCode: code };
    }
  };
}
