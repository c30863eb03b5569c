/**
 * The data a printed ticket shows, the paper it goes on, the 1-bit image it becomes, and the small
 * slice of the Canvas 2D API the layout draws with. The canvas is passed in (shared does no I/O and
 * loads no native module): the server and the kiosk give it @napi-rs/canvas with a bundled font.
 */

/** Everything printed on one ticket, already in the words and numbers the citizen reads. */
export interface TicketPrintData {
  /** e.g. "Trung tâm Phục vụ hành chính công xã Tân Hiệp". */
  centreName: string;
  /** Settings text above the centre name (e.g. the people's committee); empty for none. */
  header: string;
  serviceNameVi: string;
  /** Printed smaller beneath the Vietnamese name; empty for none. */
  serviceNameEn: string;
  /** The number as called, e.g. "1023" or "A001". */
  displayNumber: string;
  /** e.g. "ƯU TIÊN – Người cao tuổi"; null for a ticket without priority. */
  priorityLabelVi: string | null;
  /** When the ticket was issued, epoch milliseconds. */
  issuedAt: number;
  /** The centre's IANA time zone, e.g. "Asia/Ho_Chi_Minh"; the date and time print in it. */
  timeZone: string;
  /** Tickets that will be called before this one. */
  peopleAhead: number;
  /** Estimated wait in minutes; null when no counter serves the service now. */
  estimateMinutes: number | null;
  /** The public tracking link the QR code holds. */
  trackingUrl: string;
  /** Settings text at the bottom of the ticket; empty for none. */
  footer: string;
}

/** Thermal paper roll width in millimetres. */
export type PaperWidth = 58 | 80;

/** Printable dots across the roll at 203 dpi (8 dots/mm): 48 mm on 58 mm paper, 72 mm on 80 mm. */
export const PAPER_DOTS: Readonly<Record<PaperWidth, number>> = { 58: 384, 80: 576 };

/**
 * A 1-bit image: rows top to bottom, each packed MSB-first into `ceil(width / 8)` bytes (the left
 * dot is bit 7 of the first byte), 1 = ink. This is exactly the ESC/POS raster layout.
 */
export interface Bitmap1 {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Horizontal text alignment, as in the Canvas 2D API. */
export type TicketTextAlign = 'left' | 'right' | 'center' | 'start' | 'end';

/** Text baseline, as in the Canvas 2D API. */
export type TicketTextBaseline =
  | 'top'
  | 'hanging'
  | 'middle'
  | 'alphabetic'
  | 'ideographic'
  | 'bottom';

/** The text measurements the layout reads. */
export interface TicketTextMetrics {
  readonly width: number;
  readonly actualBoundingBoxAscent: number;
  readonly actualBoundingBoxDescent: number;
}

/**
 * The subset of `CanvasRenderingContext2D` the ticket layout uses. A browser context and an
 * @napi-rs/canvas `SKRSContext2D` both satisfy it.
 */
export interface TicketCanvasContext {
  /** Only CSS colour strings are assigned; `unknown` so richer canvas types still fit. */
  fillStyle: unknown;
  /** CSS font shorthand, e.g. `700 24px "Layso Ticket"`. */
  font: string;
  textAlign: TicketTextAlign;
  textBaseline: TicketTextBaseline;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): TicketTextMetrics;
  getImageData(
    sx: number,
    sy: number,
    sw: number,
    sh: number,
  ): { readonly data: ArrayLike<number>; readonly width: number; readonly height: number };
}

/** A canvas the layout can draw on. */
export interface TicketCanvas {
  getContext(contextId: '2d'): TicketCanvasContext;
}

/**
 * Makes a blank, fully transparent canvas of the given size in pixels (= printer dots). Its fonts
 * must already include `fontFamily` — a canvas without the font silently draws nothing or falls
 * back to whatever the system has, so the callers register a bundled font first.
 */
export type TicketCanvasFactory = (width: number, height: number) => TicketCanvas;
