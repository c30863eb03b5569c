import { describe, expect, it } from 'vitest';
import {
  bitmapToAscii,
  bitmapsEqual,
  countInk,
  createBitmap,
  fillBitmapRect,
  getDot,
  inkRatio,
  invertBitmapRect,
  setDot,
  stackBitmaps,
  trimBottom,
} from './bitmap.js';
import { decodeEscPos, EscPosDecodeError, readEscPosCommand } from './decode.js';
import {
  DLE_EOT_PAPER,
  DLE_EOT_PRINTER,
  encodeRaster,
  isStatusByte,
  parsePrinterStatus,
} from './escpos.js';
import { printerErrorForStatus } from './printer.js';

/** A bitmap with a diagonal, a filled block and a one-dot border: easy to get wrong by a bit. */
function pattern(width: number, height: number) {
  const b = createBitmap(width, height);
  for (let y = 0; y < height; y++) setDot(b, (y * 3) % width, y, true);
  fillBitmapRect(b, { x: 5, y: 7, width: 9, height: 300 });
  for (let x = 0; x < width; x++) {
    setDot(b, x, 0, true);
    setDot(b, x, height - 1, true);
  }
  return b;
}

describe('bitmap', () => {
  it('packs dots MSB first, left dot in bit 7', () => {
    const b = createBitmap(16, 1);
    setDot(b, 0, 0, true);
    setDot(b, 9, 0, true);
    expect([...b.data]).toEqual([0x80, 0x40]);
    expect(getDot(b, 9, 0)).toBe(true);
    setDot(b, 9, 0, false);
    expect(getDot(b, 9, 0)).toBe(false);
  });

  it('pads rows to whole bytes', () => {
    const b = createBitmap(10, 2);
    expect(b.data.length).toBe(4);
    setDot(b, 9, 1, true);
    expect([...b.data]).toEqual([0, 0, 0, 0x40]);
  });

  it('inverts, counts and trims', () => {
    const b = createBitmap(8, 6);
    invertBitmapRect(b, { x: 0, y: 0, width: 4, height: 2 });
    expect(countInk(b)).toBe(8);
    expect(inkRatio(b, { x: 0, y: 0, width: 4, height: 2 })).toBe(1);
    expect(trimBottom(b).height).toBe(2);
    expect(bitmapToAscii(trimBottom(b))).toBe('####....\n####....');
    expect(trimBottom(createBitmap(8, 3)).height).toBe(0);
  });

  it('stacks strips back into one image', () => {
    const a = pattern(24, 5);
    const b = pattern(24, 3);
    const s = stackBitmaps([a, b]);
    expect(s.height).toBe(8);
    expect(getDot(s, 0, 5)).toBe(true);
    expect(() => stackBitmaps([a, pattern(16, 2)])).toThrow(RangeError);
  });
});

describe('encodeRaster', () => {
  it('emits ESC @, GS v 0 strips, ESC d and GS V in that order', () => {
    const b = pattern(16, 3);
    const bytes = encodeRaster(b, { cut: true, feedLines: 5 });
    expect([...bytes.subarray(0, 10)]).toEqual([0x1b, 0x40, 0x1d, 0x76, 0x30, 0, 2, 0, 3, 0]);
    expect([...bytes.subarray(10, 16)]).toEqual([...b.data]);
    expect([...bytes.subarray(16)]).toEqual([0x1b, 0x64, 5, 0x1d, 0x56, 0x01]);
  });

  it('splits tall images into strips of at most 255 rows that decode back exactly', () => {
    const b = pattern(576, 600);
    const bytes = encodeRaster(b, { cut: true, feedLines: 4 });
    const decoded = decodeEscPos(bytes);
    expect(decoded.initialised).toBe(true);
    expect(decoded.strips.map((s) => s.height)).toEqual([255, 255, 90]);
    expect(decoded.images).toHaveLength(1);
    expect(bitmapsEqual(decoded.images[0]!, b)).toBe(true);
    expect(decoded.feeds).toBe(4);
    expect(decoded.cuts).toBe(1);
    // 2 (init) + 3 × 8 (strip headers) + 72 × 600 (data) + 3 (feed) + 3 (cut)
    expect(bytes.length).toBe(2 + 24 + 72 * 600 + 6);
  });

  it('honours smaller strips, a full cut, no feed and no cut', () => {
    const b = pattern(8, 10);
    const full = decodeEscPos(encodeRaster(b, { stripRows: 4, fullCut: true, feedLines: 0 }));
    expect(full.strips.map((s) => s.height)).toEqual([4, 4, 2]);
    expect(full.commands.at(-1)).toEqual({ kind: 'cut', full: true });
    expect(full.feeds).toBe(0);
    const none = decodeEscPos(encodeRaster(b, { cut: false }));
    expect(none.cuts).toBe(0);
  });

  it('rejects bad options and inconsistent bitmaps', () => {
    const b = pattern(8, 2);
    expect(() => encodeRaster(b, { stripRows: 256 })).toThrow(RangeError);
    expect(() => encodeRaster(b, { feedLines: -1 })).toThrow(RangeError);
    expect(() => encodeRaster({ width: 8, height: 3, data: new Uint8Array(2) })).toThrow(RangeError);
  });
});

describe('decodeEscPos', () => {
  it('rejects a command it does not know', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x1b, 0x40, 0x1b, 0x74, 0x10))).toThrow(EscPosDecodeError);
    expect(() => decodeEscPos(Uint8Array.of(0x41))).toThrow(/unknown command/);
  });

  it('rejects data that ends inside a command', () => {
    const bytes = encodeRaster(pattern(16, 4));
    expect(() => decodeEscPos(bytes.subarray(0, 12))).toThrow(/ends inside/);
  });

  it('reads a stream piece by piece: null until a command is complete', () => {
    const bytes = encodeRaster(pattern(16, 4));
    expect(readEscPosCommand(bytes.subarray(0, 1), 0)).toBeNull();
    expect(readEscPosCommand(bytes, 0)).toEqual({ command: { kind: 'init' }, length: 2 });
    expect(readEscPosCommand(bytes.subarray(0, 12), 2)).toBeNull();
    expect(readEscPosCommand(bytes, 2)?.length).toBe(8 + 2 * 4);
  });

  it('counts DLE EOT status queries', () => {
    const d = decodeEscPos(Uint8Array.of(...DLE_EOT_PRINTER, ...DLE_EOT_PAPER));
    expect(d.statusQueries).toBe(2);
    expect(d.initialised).toBe(false);
  });
});

describe('parsePrinterStatus', () => {
  // Epson replies: every status byte has bits 1 and 4 set (0x12) when nothing is wrong.
  it('reads a printer that is ready', () => {
    expect(parsePrinterStatus(0x12, 0x12, 0x12)).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
    });
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x41)).toBe(false);
  });

  it('reads offline (n=1 bit 3), cover open (n=2 bit 2), near end (n=4 bits 2–3), end (bits 5–6)', () => {
    expect(parsePrinterStatus(0x1a, 0x12).online).toBe(false);
    expect(parsePrinterStatus(0x1a, 0x12, 0x16).coverOpen).toBe(true);
    expect(parsePrinterStatus(0x12, 0x1e).paperNearEnd).toBe(true);
    expect(parsePrinterStatus(0x12, 0x1e).paperOut).toBe(false);
    expect(parsePrinterStatus(0x1a, 0x7e).paperOut).toBe(true);
    // A paper-end stop reported only by the offline cause still counts as paper out.
    expect(parsePrinterStatus(0x1a, 0x12, 0x32).paperOut).toBe(true);
  });

  it('maps a status to the error that forbids printing', () => {
    const ok = parsePrinterStatus(0x12, 0x1e, 0x12);
    expect(printerErrorForStatus(ok, 'test')).toBeNull();
    expect(printerErrorForStatus(parsePrinterStatus(0x1a, 0x7e, 0x32), 'p')?.code).toBe('PRINTER_PAPER_OUT');
    expect(printerErrorForStatus(parsePrinterStatus(0x1a, 0x12, 0x16), 'p')?.code).toBe('PRINTER_COVER_OPEN');
    expect(printerErrorForStatus(parsePrinterStatus(0x1a, 0x12, 0x12), 'p')?.code).toBe('PRINTER_OFFLINE');
  });
});
