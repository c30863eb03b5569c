/** A ticket's print data to the ESC/POS bytes of one print job: font, canvas and the pure layout. */
import { createCanvas } from '@napi-rs/canvas';
import {
  encodeRaster,
  renderTicket,
  type Bitmap1,
  type EncodeOptions,
  type PaperWidth,
  type TicketPrintData,
} from '@layso/shared';
import { registerTicketFont } from './font.js';

/** Render a ticket to a 1-bit bitmap with @napi-rs/canvas and the bundled font. */
export function renderTicketBitmap(data: TicketPrintData, paperWidth: PaperWidth): Bitmap1 {
  const fontFamily = registerTicketFont();
  return renderTicket(data, {
    paperWidth,
    fontFamily,
    createCanvas: (width, height) => createCanvas(width, height),
  });
}

/** The print job for a ticket: ESC @, the raster in strips, feed, cut. */
export function renderTicketBytes(
  data: TicketPrintData,
  paperWidth: PaperWidth,
  encode: EncodeOptions = {},
): Uint8Array {
  return encodeRaster(renderTicketBitmap(data, paperWidth), { cut: true, feedLines: 4, ...encode });
}
