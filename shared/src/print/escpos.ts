/**
 * ESC/POS encoding of a 1-bit ticket image and the real-time status queries (Epson ESC/POS
 * command reference: ESC @, GS v 0, ESC d, GS V, DLE EOT). Only these commands are emitted, so any
 * printer that speaks basic ESC/POS prints the ticket whatever code pages it has.
 */
import { bytesPerRow } from './bitmap.js';
import type { Bitmap1 } from './types.js';

/** ESC @ — initialise the printer (clears the buffer, resets modes and line spacing). */
export const ESC_INIT: readonly number[] = [0x1b, 0x40];
/** GS v 0 prefix; followed by m, xL, xH, yL, yH and the raster data. */
export const GS_RASTER: readonly number[] = [0x1d, 0x76, 0x30];
/** ESC d n — print the buffer and feed n lines. */
export const ESC_FEED: readonly number[] = [0x1b, 0x64];
/** GS V 1 — partial cut (one point left uncut so the ticket does not fall). */
export const GS_CUT_PARTIAL: readonly number[] = [0x1d, 0x56, 0x01];
/** GS V 0 — full cut. */
export const GS_CUT_FULL: readonly number[] = [0x1d, 0x56, 0x00];
/** DLE EOT 1 — real-time printer status (online/offline). */
export const DLE_EOT_PRINTER: readonly number[] = [0x10, 0x04, 1];
/** DLE EOT 2 — real-time offline cause (cover open, paper-end stop, error). */
export const DLE_EOT_OFFLINE_CAUSE: readonly number[] = [0x10, 0x04, 2];
/** DLE EOT 4 — real-time roll paper sensor status (near end, end). */
export const DLE_EOT_PAPER: readonly number[] = [0x10, 0x04, 4];

/** The most rows one GS v 0 strip carries; cheap printers mishandle taller images. */
export const MAX_STRIP_ROWS = 255;

/** How to finish a raster job. */
export interface EncodeOptions {
  /** Cut after the feed (default true). */
  cut?: boolean;
  /** Full instead of partial cut (default false: partial). */
  fullCut?: boolean;
  /** Lines fed after the image so its end passes the cutter (default 4, 0–255). */
  feedLines?: number;
  /** Rows per GS v 0 strip, 1–255 (default 255). */
  stripRows?: number;
}

/**
 * ESC @, the bitmap as GS v 0 (m = 0, normal density) strips of at most 255 rows, ESC d feed,
 * and GS V cut. The bitmap must be packed as `Bitmap1` describes (its bytes go out as they are).
 */
export function encodeRaster(bitmap: Bitmap1, options: EncodeOptions = {}): Uint8Array {
  const cut = options.cut ?? true;
  const feedLines = options.feedLines ?? 4;
  const stripRows = options.stripRows ?? MAX_STRIP_ROWS;
  if (!Number.isInteger(feedLines) || feedLines < 0 || feedLines > 255) {
    throw new RangeError(`feedLines must be 0–255, got ${feedLines}`);
  }
  if (!Number.isInteger(stripRows) || stripRows < 1 || stripRows > MAX_STRIP_ROWS) {
    throw new RangeError(`stripRows must be 1–${MAX_STRIP_ROWS}, got ${stripRows}`);
  }
  const stride = bytesPerRow(bitmap.width);
  if (stride > 0xffff || bitmap.data.length !== stride * bitmap.height) {
    throw new RangeError('bitmap data does not match its size');
  }
  const strips = Math.ceil(bitmap.height / stripRows);
  const size =
    ESC_INIT.length +
    strips * (GS_RASTER.length + 5) +
    bitmap.data.length +
    (feedLines > 0 ? ESC_FEED.length + 1 : 0) +
    (cut ? GS_CUT_PARTIAL.length : 0);
  const out = new Uint8Array(size);
  let at = 0;
  const put = (bytes: readonly number[]): void => {
    out.set(bytes, at);
    at += bytes.length;
  };
  put(ESC_INIT);
  for (let s = 0; s < strips; s++) {
    const y = s * stripRows;
    const rows = Math.min(stripRows, bitmap.height - y);
    put(GS_RASTER);
    put([0, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8]);
    out.set(bitmap.data.subarray(y * stride, (y + rows) * stride), at);
    at += rows * stride;
  }
  if (feedLines > 0) put([...ESC_FEED, feedLines]);
  if (cut) put(options.fullCut ? GS_CUT_FULL : GS_CUT_PARTIAL);
  return out;
}

/** What the printer said about itself. */
export interface PrinterStatus {
  /** False when the printer reports offline (cover open, paper end stop, error, feeding). */
  online: boolean;
  /** The cover is open (from DLE EOT 2; false when that byte was not read). */
  coverOpen: boolean;
  /** The roll is nearly used up: print, but tell the staff. */
  paperNearEnd: boolean;
  /** No paper: nothing will print. */
  paperOut: boolean;
}

/**
 * Whether a byte looks like a DLE EOT reply: Epson fixes bit 0 = 0, bit 1 = 1, bit 4 = 1 and
 * bit 7 = 0 in every status byte, which tells it apart from stray data. Some clones deviate, so
 * the transports do not reject a reply for this alone.
 */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/**
 * Read the DLE EOT replies. `printer` is the reply to DLE EOT 1 (bit 3 = offline), `paper` to
 * DLE EOT 4 (bits 2–3 = roll paper near end, bits 5–6 = roll paper end; printers set both bits of
 * a pair, so either counts), `offlineCause` to DLE EOT 2 (bit 2 = cover open, bit 5 = stopped at
 * paper end).
 */
export function parsePrinterStatus(
  printer: number,
  paper: number,
  offlineCause?: number,
): PrinterStatus {
  const cause = offlineCause ?? 0;
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (cause & 0x04) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    paperOut: (paper & 0x60) !== 0 || (cause & 0x20) !== 0,
  };
}

/** The three status queries in the order the transports send them: 1, 2, then 4. */
export const STATUS_QUERIES: readonly (readonly number[])[] = [
  DLE_EOT_PRINTER,
  DLE_EOT_OFFLINE_CAUSE,
  DLE_EOT_PAPER,
];
