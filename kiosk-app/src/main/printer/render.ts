/**
 * Ticket bytes on the kiosk PC: the bundled font registered with @napi-rs/canvas, then shared's
 * pure layout and encoding. The same few lines as queue-server/src/print/{font,render}.ts — the
 * kiosk cannot import the server, and shared must stay free of native modules; what matters (the
 * font files, the family, the layout) is defined once in shared.
 */
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import {
  TICKET_FONT_FAMILY,
  TICKET_FONT_FILES,
  encodeRaster,
  renderTicket,
  type PaperWidth,
  type TicketPrintData,
} from '@layso/shared';

const require = createRequire(import.meta.url);
let registered = false;

/** Register the bundled ticket font (once per process) and return its family name. */
export function registerTicketFont(): string {
  if (!registered) {
    for (const file of TICKET_FONT_FILES) {
      const path = require.resolve(file);
      if (!GlobalFonts.registerFromPath(path, TICKET_FONT_FAMILY)) throw new Error(`cannot load the ticket font ${path}`);
    }
    registered = true;
  }
  return TICKET_FONT_FAMILY;
}

/** The print job for a ticket: ESC @, the raster in strips, feed, cut. */
export function renderTicketBytes(data: TicketPrintData, paperWidth: PaperWidth): Uint8Array {
  const bitmap = renderTicket(data, {
    paperWidth,
    fontFamily: registerTicketFont(),
    createCanvas: (width, height) => createCanvas(width, height),
  });
  return encodeRaster(bitmap, { cut: true, feedLines: 4 });
}
