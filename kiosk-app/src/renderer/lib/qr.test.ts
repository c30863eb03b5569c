import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { qrMatrix, qrPath } from './qr.js';

// jsqr is CommonJS with a default-export declaration; require gives the function itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

describe('QR code', () => {
  it('draws a code a phone reads back as the tracking link', () => {
    const url = 'http://192.168.1.10:8080/t/GmZ8D0J2BMd-46JZ4gzY8w';
    const m = qrMatrix(url);
    const scale = 4;
    const size = (m.size + 8) * scale;
    const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
    // Paint from the path itself, so what is tested is what the SVG draws.
    for (const [, x, y, w] of qrPath(m).matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < Number(w) * scale; dx++) {
          const i = ((Number(y) * scale + dy) * size + Number(x) * scale + dx) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
        }
    }
    expect(jsQR(rgba, size, size)?.data).toBe(url);
  });
});
