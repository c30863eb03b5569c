/**
 * Ticket printing, pure: layout to a 1-bit bitmap (canvas passed in), ESC/POS encoding, status
 * parsing, a decoder for tests and test printers, and the `TicketPrinter` contract. The network printer's
 * sockets and the canvas live in `@layso/node-shared`.
 */
export {
  PAPER_DOTS,
  type Bitmap1,
  type PaperWidth,
  type TicketCanvas,
  type TicketCanvasContext,
  type TicketCanvasFactory,
  type TicketPrintData,
  type TicketTextAlign,
  type TicketTextBaseline,
  type TicketTextMetrics,
} from './types.js';
export {
  bitmapsEqual,
  bitmapToAscii,
  bytesPerRow,
  countInk,
  createBitmap,
  fillBitmapRect,
  getDot,
  inkBounds,
  inkRatio,
  invertBitmapRect,
  setDot,
  sliceRows,
  stackBitmaps,
  trimBottom,
  type Rect,
} from './bitmap.js';
export { TICKET_FONT_FAMILY, TICKET_FONT_FILES } from './font.js';
export { DEFAULT_TICKET_FOOTER, ticketPrintData, type TicketPrintSource } from './print-data.js';
export {
  formatTicketTime,
  renderTicket,
  ticketRegions,
  type RenderTicketOptions,
  type TicketRegions,
} from './layout.js';
export {
  DLE_EOT_OFFLINE_CAUSE,
  DLE_EOT_PAPER,
  DLE_EOT_PRINTER,
  ESC_FEED,
  ESC_INIT,
  GS_CUT_FULL,
  GS_CUT_PARTIAL,
  GS_RASTER,
  MAX_STRIP_ROWS,
  STATUS_QUERIES,
  encodeRaster,
  isStatusByte,
  parsePrinterStatus,
  type EncodeOptions,
  type PrinterStatus,
} from './escpos.js';
export {
  EscPosDecodeError,
  decodeEscPos,
  readEscPosCommand,
  type DecodedEscPos,
  type EscPosCommand,
} from './decode.js';
export {
  PRINTER_ERROR_CODES,
  PRINTER_FAULT_WORDS,
  printerFaultWords,
  PrinterError,
  isPrinterError,
  printerErrorForStatus,
  type PrinterErrorCode,
  type TicketPrinter,
} from './printer.js';
