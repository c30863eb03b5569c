/**
 * Ticket bytes on a Node host (the queue server, the kiosk's Electron main): the bundled ticket
 * font registered with @napi-rs/canvas, then shared's pure layout and ESC/POS encoding. The font
 * ships inside an npm package (see `TICKET_FONT_FILES` in shared), so printing never depends on
 * the fonts of the machine: a Windows kiosk PC or a bare Linux server would otherwise draw nothing.
 */
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import {
  TICKET_FONT_FAMILY,
  TICKET_FONT_FILES,
  encodeRaster,
  renderTicket,
  type Bitmap1,
  type EncodeOptions,
  type PaperWidth,
  type TicketPrintData,
} from '@layso/shared';

const require = createRequire(import.meta.url);
let registered = false;

/** Register the ticket font (once per process) and return its family name. */
export function registerTicketFont(): string {
  if (registered) return TICKET_FONT_FAMILY;
  for (const file of TICKET_FONT_FILES) {
    const path = require.resolve(file);
    if (!GlobalFonts.registerFromPath(path, TICKET_FONT_FAMILY)) {
      throw new Error(`cannot load the ticket font ${path}`);
    }
  }
  registered = true;
  return TICKET_FONT_FAMILY;
}

/** Render a ticket to a 1-bit bitmap with @napi-rs/canvas and the bundled font. */
export function renderTicketBitmap(data: TicketPrintData, paperWidth: PaperWidth): Bitmap1 {
  return renderTicket(data, {
    paperWidth,
    fontFamily: registerTicketFont(),
    createCanvas: (width, height) => createCanvas(width, height),
  });
}

/** The print job for a ticket: ESC @, the raster in strips, feed, cut. */
export function renderTicketBytes(data: TicketPrintData, paperWidth: PaperWidth, encode: EncodeOptions = {}): Uint8Array {
  return encodeRaster(renderTicketBitmap(data, paperWidth), { cut: true, feedLines: 4, ...encode });
}
