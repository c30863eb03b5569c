/** PNG previews of what a job prints, for the file transport and for people reading test output. */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { decodeEscPos, getDot, type Bitmap1 } from '@layso/shared';

/** Paint a bitmap at row `top`: black ink on white paper, one pixel per dot. */
function paint(ctx: SKRSContext2D, bitmap: Bitmap1, top: number): void {
  if (bitmap.width === 0 || bitmap.height === 0) return;
  const image = ctx.createImageData(bitmap.width, bitmap.height);
  image.data.fill(255);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (!getDot(bitmap, x, y)) continue;
      const i = (y * bitmap.width + x) * 4;
      image.data[i] = image.data[i + 1] = image.data[i + 2] = 0;
    }
  }
  ctx.putImageData(image, 0, top);
}

/** Bitmaps one under the other, a grey bar between them (where the paper is cut), as a PNG. */
export function bitmapsToPng(bitmaps: readonly Bitmap1[]): Buffer {
  const gap = 8;
  const width = Math.max(1, ...bitmaps.map((b) => b.width));
  const height = Math.max(1, bitmaps.reduce((h, b) => h + b.height, 0) + gap * (bitmaps.length - 1));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#bbb';
  ctx.fillRect(0, 0, width, height);
  let top = 0;
  for (const bitmap of bitmaps) {
    paint(ctx, bitmap, top);
    top += bitmap.height + gap;
  }
  return canvas.toBuffer('image/png');
}

/** What an ESC/POS job prints, as a PNG. Throws `EscPosDecodeError` for bytes Layso does not send. */
export function jobToPng(bytes: Uint8Array): Buffer {
  return bitmapsToPng(decodeEscPos(bytes).images);
}
