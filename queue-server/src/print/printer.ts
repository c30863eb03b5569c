/**
 * The printer contract and its errors. They are defined once in shared (the kiosk's Electron main
 * implements the same interface for USB); this module is the server's door to them.
 */
export {
  PRINTER_ERROR_CODES,
  PrinterError,
  isPrinterError,
  printerErrorForStatus,
  type PrinterErrorCode,
  type PrinterStatus,
  type TicketPrinter,
} from '@layso/shared';
