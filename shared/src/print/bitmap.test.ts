import { describe, expect, it } from 'vitest';
import { bitmapsEqual, createBitmap, fillBitmapRect, getDot, invertBitmapRect, setDot, type Rect } from './bitmap.js';
import type { Bitmap1 } from './types.js';

/** A small deterministic generator, so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The same operations dot by dot, clipped the same way. */
function referenceApply(bitmap: Bitmap1, rect: Rect, op: (ink: boolean) => boolean): void {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(bitmap.width, Math.floor(rect.x + rect.width));
  const y1 = Math.min(bitmap.height, Math.floor(rect.y + rect.height));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) setDot(bitmap, x, y, op(getDot(bitmap, x, y)));
}

describe('rectangle operations', () => {
  it.each([1, 7, 8, 9, 20, 384])('fill, clear and invert match a dot-by-dot reference, %i dots wide', (width) => {
    const rand = lcg(width);
    const fast = createBitmap(width, 13);
    const slow = createBitmap(width, 13);
    for (let n = 0; n < 300; n++) {
      const rect = {
        x: Math.floor(rand() * (width + 10)) - 5,
        y: Math.floor(rand() * 17) - 2,
        width: Math.floor(rand() * (width + 4)) + (rand() < 0.1 ? -2 : 0),
        height: Math.floor(rand() * 6),
      };
      const kind = Math.floor(rand() * 3);
      if (kind === 0) {
        fillBitmapRect(fast, rect);
        referenceApply(slow, rect, () => true);
      } else if (kind === 1) {
        fillBitmapRect(fast, rect, false);
        referenceApply(slow, rect, () => false);
      } else {
        invertBitmapRect(fast, rect);
        referenceApply(slow, rect, (ink) => !ink);
      }
      expect(bitmapsEqual(fast, slow)).toBe(true);
    }
    // Nothing is ever set in the padding bits past the width.
    const stride = Math.ceil(width / 8);
    const padMask = (0xff >> (width & 7 || 8)) & 0xff;
    for (let y = 0; y < fast.height; y++) expect((fast.data[y * stride + stride - 1] ?? 0) & padMask).toBe(0);
  });
});
