/**
 * Small operations on 1-bit bitmaps (the ESC/POS raster layout): make, read and set dots, fill
 * and invert rectangles, stack strips, and the measures the tests read (ink ratio, ASCII art).
 */
import type { Bitmap1 } from './types.js';

/** A rectangle in dots; x and y are the top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bytes per packed row of a bitmap `width` dots wide. */
export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

/** A blank (no ink) bitmap. */
export function createBitmap(width: number, height: number): Bitmap1 {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bad bitmap size ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

/** Whether the dot at (x, y) is ink; false outside the bitmap. */
export function getDot(bitmap: Bitmap1, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  const byte = bitmap.data[y * bytesPerRow(bitmap.width) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

/** Set or clear the dot at (x, y); ignored outside the bitmap. */
export function setDot(bitmap: Bitmap1, x: number, y: number, ink: boolean): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const i = y * bytesPerRow(bitmap.width) + (x >> 3);
  const mask = 0x80 >> (x & 7);
  const byte = bitmap.data[i] ?? 0;
  bitmap.data[i] = ink ? byte | mask : byte & ~mask;
}

/** Clip a rectangle to the bitmap; null when nothing of it is inside. */
function clip(bitmap: Bitmap1, rect: Rect): Rect | null {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(bitmap.width, Math.floor(rect.x + rect.width));
  const y1 = Math.min(bitmap.height, Math.floor(rect.y + rect.height));
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Apply `op` to each byte a clipped rectangle touches, row by row, with the mask of the rectangle's
 * dots in that byte (whole bytes in the middle, partial ones at the edges).
 */
function forEachRectByte(bitmap: Bitmap1, r: Rect, op: (data: Uint8Array, i: number, mask: number) => void): void {
  const stride = bytesPerRow(bitmap.width);
  const x1 = r.x + r.width - 1;
  const first = r.x >> 3;
  const last = x1 >> 3;
  const head = 0xff >> (r.x & 7);
  const tail = (0xff << (7 - (x1 & 7))) & 0xff;
  for (let y = r.y; y < r.y + r.height; y++) {
    const row = y * stride;
    if (first === last) {
      op(bitmap.data, row + first, head & tail);
      continue;
    }
    op(bitmap.data, row + first, head);
    for (let b = first + 1; b < last; b++) op(bitmap.data, row + b, 0xff);
    op(bitmap.data, row + last, tail);
  }
}

const setMask = (data: Uint8Array, i: number, mask: number): void => {
  data[i] = (data[i] ?? 0) | mask;
};
const clearMask = (data: Uint8Array, i: number, mask: number): void => {
  data[i] = (data[i] ?? 0) & ~mask;
};
const flipMask = (data: Uint8Array, i: number, mask: number): void => {
  data[i] = (data[i] ?? 0) ^ mask;
};

/** Set every dot of a rectangle to ink (or clear it); clipped to the bitmap. */
export function fillBitmapRect(bitmap: Bitmap1, rect: Rect, ink = true): void {
  const r = clip(bitmap, rect);
  if (r) forEachRectByte(bitmap, r, ink ? setMask : clearMask);
}

/** Swap ink and paper inside a rectangle (white-on-black text); clipped to the bitmap. */
export function invertBitmapRect(bitmap: Bitmap1, rect: Rect): void {
  const r = clip(bitmap, rect);
  if (r) forEachRectByte(bitmap, r, flipMask);
}

/** Dots of ink inside a rectangle (clipped to the bitmap). */
export function countInk(bitmap: Bitmap1, rect?: Rect): number {
  const r = clip(bitmap, rect ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height });
  if (!r) return 0;
  let n = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) if (getDot(bitmap, x, y)) n++;
  }
  return n;
}

/** Share of the rectangle's dots that are ink, 0…1 (0 for an empty or outside rectangle). */
export function inkRatio(bitmap: Bitmap1, rect?: Rect): number {
  const r = clip(bitmap, rect ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height });
  if (!r) return 0;
  return countInk(bitmap, r) / (r.width * r.height);
}

/** The smallest rectangle holding all the ink, or null for a blank bitmap. */
export function inkBounds(bitmap: Bitmap1): Rect | null {
  let x0 = bitmap.width;
  let y0 = bitmap.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (!getDot(bitmap, x, y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** The bitmap without its trailing rows that hold no ink (shares no memory with the input). */
export function trimBottom(bitmap: Bitmap1): Bitmap1 {
  const stride = bytesPerRow(bitmap.width);
  let height = bitmap.height;
  while (height > 0) {
    const row = bitmap.data.subarray((height - 1) * stride, height * stride);
    if (row.some((b) => b !== 0)) break;
    height--;
  }
  return { width: bitmap.width, height, data: bitmap.data.slice(0, height * stride) };
}

/** Rows `y` to `y + height` of a bitmap as a new bitmap. */
export function sliceRows(bitmap: Bitmap1, y: number, height: number): Bitmap1 {
  const stride = bytesPerRow(bitmap.width);
  return {
    width: bitmap.width,
    height,
    data: bitmap.data.slice(y * stride, (y + height) * stride),
  };
}

/** Bitmaps of one width stacked top to bottom (how consecutive raster strips print). */
export function stackBitmaps(parts: readonly Bitmap1[]): Bitmap1 {
  const first = parts[0];
  if (!first) return createBitmap(0, 0);
  const height = parts.reduce((h, p) => h + p.height, 0);
  const out = createBitmap(first.width, height);
  let offset = 0;
  for (const p of parts) {
    if (p.width !== first.width) throw new RangeError('cannot stack bitmaps of different widths');
    out.data.set(p.data, offset);
    offset += p.data.length;
  }
  return out;
}

/** Whether two bitmaps have the same size and the same dots. */
export function bitmapsEqual(a: Bitmap1, b: Bitmap1): boolean {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

/**
 * ASCII art of (part of) a bitmap, '#' for ink and '.' for paper, optionally shrunk by `scale`
 * (a cell is ink when any of its dots is) so a test failure shows what was printed.
 */
export function bitmapToAscii(bitmap: Bitmap1, rect?: Rect, scale = 1): string {
  const r = clip(bitmap, rect ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height });
  if (!r) return '';
  const lines: string[] = [];
  for (let y = r.y; y < r.y + r.height; y += scale) {
    let line = '';
    for (let x = r.x; x < r.x + r.width; x += scale) {
      const cell = { x, y, width: Math.min(scale, r.x + r.width - x), height: Math.min(scale, r.y + r.height - y) };
      line += countInk(bitmap, cell) > 0 ? '#' : '.';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
