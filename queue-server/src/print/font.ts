/**
 * Registers the bundled ticket font with @napi-rs/canvas. The font ships inside an npm package
 * (see `TICKET_FONT_FILES` in shared), so printing never depends on the fonts of the machine: a
 * Windows kiosk PC or a bare Linux server without any font would otherwise draw nothing.
 */
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';
import { TICKET_FONT_FAMILY, TICKET_FONT_FILES } from '@layso/shared';

const require = createRequire(import.meta.url);
let registered = false;

/** Register the ticket font (once per process) and return its family name. */
export function registerTicketFont(): string {
  if (registered) return TICKET_FONT_FAMILY;
  for (const file of TICKET_FONT_FILES) {
    const path = require.resolve(file);
    if (!GlobalFonts.registerFromPath(path, TICKET_FONT_FAMILY)) {
      throw new Error(`cannot load the ticket font ${path}`);
    }
  }
  registered = true;
  return TICKET_FONT_FAMILY;
}
