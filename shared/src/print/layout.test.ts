/**
 * The real thing: the ticket drawn with @napi-rs/canvas and the bundled Be Vietnam Pro font,
 * encoded, decoded back, and compared with a golden hash. The golden's PNG preview sits beside
 * the hash for a person to look at; regenerate both with
 *   UPDATE_GOLDEN=1 npx vitest run shared/src/print/layout.test.ts
 * after a deliberate change to the layout, the font or @napi-rs/canvas (Skia's rasteriser is part
 * of the bytes), and look at the PNG before committing it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { bitmapsEqual, countInk, createBitmap, inkBounds, inkRatio, sliceRows } from './bitmap.js';
import { decodeEscPos } from './decode.js';
import { encodeRaster, MAX_STRIP_ROWS } from './escpos.js';
import { TICKET_FONT_FAMILY, TICKET_FONT_FILES } from './font.js';
import { formatTicketTime, renderTicket, ticketRegions, type RenderTicketOptions } from './layout.js';
import type { Bitmap1, PaperWidth } from './types.js';
import { GOLDEN_TICKET as TICKET } from './golden-ticket.test-support.js';

const require = createRequire(import.meta.url);
const jsQR = require('jsqr') as typeof import('jsqr').default;

// What node-shared/src/ticket-canvas.ts does (shared cannot import the server). A family name of
// its own keeps system fonts out of the golden bytes.
const FAMILY = `${TICKET_FONT_FAMILY} (test)`;
for (const file of TICKET_FONT_FILES) {
  if (!GlobalFonts.registerFromPath(require.resolve(file), FAMILY)) throw new Error(`cannot register ${file}`);
}

const options = (paperWidth: PaperWidth): RenderTicketOptions => ({
  paperWidth,
  createCanvas: (width, height) => createCanvas(width, height),
  fontFamily: FAMILY,
});


const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));
const updateGolden = process.env.UPDATE_GOLDEN === '1';

function toPng(bitmap: Bitmap1): Buffer {
  const margin = 16;
  const canvas = createCanvas(bitmap.width + 2 * margin, bitmap.height + 2 * margin);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#d9d4c7';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const image = ctx.createImageData(bitmap.width, bitmap.height);
  const stride = Math.ceil(bitmap.width / 8);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const ink = ((bitmap.data[y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const i = (y * bitmap.width + x) * 4;
      image.data.fill(ink ? 0 : 255, i, i + 3);
      image.data[i + 3] = 255;
    }
  }
  ctx.putImageData(image, margin, margin);
  return canvas.toBuffer('image/png');
}

/** RGBA of a bitmap region on white paper, for the QR reader. */
function toRgba(bitmap: Bitmap1, pad: number): { data: Uint8ClampedArray; width: number; height: number } {
  const width = bitmap.width + 2 * pad;
  const height = bitmap.height + 2 * pad;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const stride = Math.ceil(bitmap.width / 8);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (((bitmap.data[y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
      const i = ((y + pad) * width + x + pad) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, width, height };
}

function crop(bitmap: Bitmap1, rect: { x: number; y: number; width: number; height: number }): Bitmap1 {
  const rows = sliceRows(bitmap, rect.y, rect.height);
  const out = createBitmap(rect.width, rect.height);
  const inStride = Math.ceil(rows.width / 8);
  const outStride = Math.ceil(rect.width / 8);
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      const sx = rect.x + x;
      if ((rows.data[y * inStride + (sx >> 3)] ?? 0) & (0x80 >> (sx & 7))) {
        out.data[y * outStride + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
  }
  return out;
}

describe.each([80, 58] as const)('a %i mm ticket', (paperWidth) => {
  const bitmap = renderTicket(TICKET, options(paperWidth));
  const bytes = encodeRaster(bitmap, { cut: true, feedLines: 4 });
  const decoded = decodeEscPos(bytes);
  const regions = ticketRegions(TICKET, options(paperWidth));
  const dots = paperWidth === 80 ? 576 : 384;

  it('matches the golden bytes', () => {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const hashFile = `${goldenDir}ticket-${paperWidth}mm.sha256`;
    const pngFile = `${goldenDir}ticket-${paperWidth}mm.png`;
    if (updateGolden) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(hashFile, `${hash}\n`);
      writeFileSync(pngFile, toPng(decoded.images[0]!));
    }
    let golden: string;
    try {
      golden = readFileSync(hashFile, 'utf8').trim();
    } catch {
      throw new Error(`no golden at ${hashFile}: run with UPDATE_GOLDEN=1 and look at the PNG`);
    }
    if (hash !== golden) {
      // Leave the differing picture where a person can compare it with the golden PNG.
      const out = fileURLToPath(new URL('../../../test-output/', import.meta.url));
      mkdirSync(out, { recursive: true });
      writeFileSync(`${out}ticket-${paperWidth}mm.actual.png`, toPng(decoded.images[0]!));
    }
    expect(hash).toBe(golden);
  });

  it('decodes back to exactly the rendered bitmap, as one ESC/POS job', () => {
    expect(decoded.initialised).toBe(true);
    expect(decoded.images).toHaveLength(1);
    expect(bitmapsEqual(decoded.images[0]!, bitmap)).toBe(true);
    expect(decoded.cuts).toBe(1);
    expect(decoded.feeds).toBe(4);
    expect(decoded.commands[0]).toEqual({ kind: 'init' });
    expect(decoded.commands.at(-1)).toEqual({ kind: 'cut', full: false });
  });

  it('sends strips of at most 255 rows, the paper width wide', () => {
    expect(decoded.strips.length).toBe(Math.ceil(bitmap.height / MAX_STRIP_ROWS));
    for (const strip of decoded.strips) {
      expect(strip.height).toBeLessThanOrEqual(MAX_STRIP_ROWS);
      expect(strip.width).toBe(dots);
    }
  });

  it('has ink in the number and the QR code, and none in the side margins', () => {
    const image = decoded.images[0]!;
    expect(image.width).toBe(dots);
    expect(inkRatio(image, regions.number)).toBeGreaterThan(0.3);
    const qrInk = inkRatio(image, regions.qr);
    expect(qrInk).toBeGreaterThan(0.3);
    expect(qrInk).toBeLessThan(0.7);
    const bounds = inkBounds(image)!;
    expect(bounds.x).toBeGreaterThanOrEqual(8);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(dots - 8);
    expect(countInk(image, { x: 0, y: 0, width: 8, height: image.height })).toBe(0);
    // The number is the largest thing: wider than half the paper.
    expect(regions.number.width).toBeGreaterThan(dots / 2);
    // Trailing blank rows are trimmed: the last row carries ink.
    expect(countInk(image, { x: 0, y: image.height - 1, width: dots, height: 1 })).toBeGreaterThan(0);
  });

  it('prints a QR code a phone reads back as the tracking link', () => {
    const pad = 24;
    const { data, width, height } = toRgba(crop(decoded.images[0]!, regions.qr), pad);
    expect(jsQR(data, width, height)?.data).toBe(TICKET.trackingUrl);
  });
});

describe('an 80 mm ticket', () => {
  it('stays under 48 KB and about 600 rows', () => {
    const bitmap = renderTicket(TICKET, options(80));
    const bytes = encodeRaster(bitmap, { cut: true, feedLines: 4 });
    expect(bytes.length).toBeLessThanOrEqual(48 * 1024);
    expect(bitmap.height).toBeLessThanOrEqual(620);
  });

  it('stays under 48 KB with the longest texts the settings allow, cut short with "…"', () => {
    const long = 'Trung tâm Phục vụ hành chính công tỉnh Kiên Giang chi nhánh huyện Hòn Đất xã Tân Hiệp ';
    const bitmap = renderTicket(
      {
        ...TICKET,
        header: long.repeat(2),
        centreName: long.repeat(3),
        serviceNameVi: long.repeat(2),
        serviceNameEn: long,
        priorityLabelVi: 'ƯU TIÊN – Phụ nữ mang thai hoặc có con nhỏ dưới 36 tháng tuổi',
        displayNumber: 'AB10234',
        estimateMinutes: 125,
        peopleAhead: 1234,
        footer: long.repeat(4),
      },
      options(80),
    );
    expect(encodeRaster(bitmap).length).toBeLessThanOrEqual(48 * 1024);
  });

  it('leaves out what is empty: no header, footer, English name, priority or estimate', () => {
    const full = renderTicket(TICKET, options(80));
    const bare = renderTicket(
      { ...TICKET, header: '', footer: ' ', serviceNameEn: '', priorityLabelVi: null, estimateMinutes: null, peopleAhead: 0 },
      options(80),
    );
    expect(bare.height).toBeLessThan(full.height - 80);
    const regions = ticketRegions({ ...TICKET, header: '', priorityLabelVi: null }, options(80));
    expect(inkRatio(bare, regions.number)).toBeGreaterThan(0.3);
  });

  it('shrinks a long number to the paper width', () => {
    const data = { ...TICKET, displayNumber: 'AB-102345' };
    const bitmap = renderTicket(data, options(80));
    const { number } = ticketRegions(data, options(80));
    expect(number.x).toBeGreaterThanOrEqual(12);
    expect(number.x + number.width).toBeLessThanOrEqual(576 - 12);
    expect(inkRatio(bitmap, number)).toBeGreaterThan(0.2);
  });

  it('draws the same dots every time', () => {
    const a = renderTicket(TICKET, options(80));
    const b = renderTicket({ ...TICKET }, options(80));
    expect(bitmapsEqual(a, b)).toBe(true);
  });

  it('reports the time and size of render + encode (no assertion: a figure for the record)', () => {
    const opts = options(80);
    const first = performance.now();
    let bytes = encodeRaster(renderTicket(TICKET, opts));
    const cold = performance.now() - first;
    const runs = 30;
    const start = performance.now();
    for (let i = 0; i < runs; i++) bytes = encodeRaster(renderTicket({ ...TICKET, peopleAhead: i }, opts));
    const warm = (performance.now() - start) / runs;
    console.log(
      `80 mm ticket: ${bytes.length} bytes; render + encode ${warm.toFixed(1)} ms warm ` +
        `(mean of ${runs}), ${cold.toFixed(1)} ms first`,
    );
  });
});

describe('a canvas without the font', () => {
  it('fails loudly instead of printing a blank ticket', () => {
    // What a canvas with no usable font does: measures every text as 0 wide and draws nothing.
    const blank: RenderTicketOptions['createCanvas'] = (width, height) => ({
      getContext: () => ({
        fillStyle: '#000',
        font: '',
        textAlign: 'left',
        textBaseline: 'alphabetic',
        fillRect: () => undefined,
        fillText: () => undefined,
        measureText: () => ({ width: 0, actualBoundingBoxAscent: 0, actualBoundingBoxDescent: 0 }),
        getImageData: () => ({ data: new Uint8ClampedArray(width * height * 4), width, height }),
      }),
    });
    expect(() => renderTicket(TICKET, { paperWidth: 80, createCanvas: blank, fontFamily: 'Nowhere' })).toThrow(
      /draws nothing/,
    );
  });
});

describe('formatTicketTime', () => {
  it('prints dd/MM/yyyy HH:mm in the centre time zone', () => {
    expect(formatTicketTime(TICKET.issuedAt, 'Asia/Ho_Chi_Minh')).toBe('21/11/2026 08:05');
    // 23:30 UTC is already the next day in Việt Nam (UTC+7).
    expect(formatTicketTime(Date.UTC(2026, 11, 31, 17, 30), 'Asia/Ho_Chi_Minh')).toBe('01/01/2027 00:30');
    expect(formatTicketTime(Date.UTC(2026, 0, 5, 17, 0), 'UTC')).toBe('05/01/2026 17:00');
  });
});
