import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { decodeEscPos, inkRatio, ticketRegions } from '@layso/shared';
import { describe, expect, it } from 'vitest';
import { registerTicketFont, renderTicketBytes } from './ticket-canvas.js';
import { GOLDEN_TICKET } from '../../shared/src/print/golden-ticket.test-support.js';

describe('registerTicketFont', () => {
  it('registers the bundled font once and returns its family', () => {
    const family = registerTicketFont();
    expect(registerTicketFont()).toBe(family);
    expect(GlobalFonts.has(family)).toBe(true);
    const weights = GlobalFonts.families.find((f) => f.family === family)?.styles.map((s) => s.weight);
    expect(weights).toEqual(expect.arrayContaining([400, 600, 700, 800]));
  });
});

describe('renderTicketBytes', () => {
  it.each([58, 80] as const)('gives the golden ticket of shared for %i mm paper', (paperWidth) => {
    const bytes = renderTicketBytes(GOLDEN_TICKET, paperWidth);
    const golden = readFileSync(
      new URL(`../../shared/src/print/__golden__/ticket-${paperWidth}mm.sha256`, import.meta.url),
      'utf8',
    ).trim();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(golden);
  });

  it('prints the number where the layout puts it', () => {
    const bytes = renderTicketBytes({ ...GOLDEN_TICKET, displayNumber: 'A007', priorityLabelVi: null }, 80);
    const [image] = decodeEscPos(bytes).images;
    const regions = ticketRegions(
      { ...GOLDEN_TICKET, displayNumber: 'A007', priorityLabelVi: null },
      { paperWidth: 80, fontFamily: registerTicketFont(), createCanvas: (w, h) => createCanvas(w, h) },
    );
    expect(inkRatio(image!, regions.number)).toBeGreaterThan(0.25);
  });
});
