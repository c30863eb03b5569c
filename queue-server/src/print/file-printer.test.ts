import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { EscPosDecodeError, createBitmap, encodeRaster, fillBitmapRect } from '@layso/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { FilePrinter } from './file-printer.js';

describe('FilePrinter', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'layso-print-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the job and a PNG of what it prints', async () => {
    const dir = join(tempDir(), 'tickets');
    const bitmap = createBitmap(384, 300);
    fillBitmapRect(bitmap, { x: 10, y: 10, width: 100, height: 280 });
    const bytes = encodeRaster(bitmap);
    const printer = new FilePrinter({ dir, name: (n) => `job-${n}` });
    await printer.print(bytes);
    expect(new Uint8Array(readFileSync(join(dir, 'job-1.bin')))).toEqual(bytes);
    const png = await loadImage(readFileSync(join(dir, 'job-1.png')));
    expect([png.width, png.height]).toEqual([384, 300]);
    expect(await printer.status()).toMatchObject({ online: true, paperOut: false });
    expect(printer.describe()).toBe(`file://${dir}`);
  });

  it('names jobs by time and sequence by default', async () => {
    const dir = tempDir();
    const printer = new FilePrinter({ dir, now: () => Date.UTC(2026, 2, 10, 2, 0) });
    await printer.print(encodeRaster(createBitmap(8, 1)));
    expect(existsSync(join(dir, 'ticket-2026-03-10T02-00-00-000Z-1.bin'))).toBe(true);
  });

  it('rejects bytes a printer would not understand, writing nothing', async () => {
    const dir = tempDir();
    const printer = new FilePrinter({ dir, name: () => 'bad' });
    await expect(printer.print(Uint8Array.of(0x1b, 0x40, 0x41))).rejects.toBeInstanceOf(EscPosDecodeError);
    expect(existsSync(join(dir, 'bad.bin'))).toBe(false);
  });
});
