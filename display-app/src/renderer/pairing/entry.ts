// Pairing a display: the code entry and the pair request are the kiosk's too (shared's reducer,
// live-client's PairingSession); this module adds the keyboard and TV-remote keys and the pad's
// focus moves.
import type { CodeAction } from '@layso/shared';

/**
 * A key from a keyboard or a TV remote (remotes send digits and Backspace as keys too). Enter
 * on a focused pad key is that key's click, so the caller asks only when no pad key has focus.
 */
export function keyAction(key: string): CodeAction | null {
  if (/^\d$/.test(key)) return { type: 'digit', digit: key };
  switch (key) {
    case 'Backspace':
    case 'Delete':
      return { type: 'erase' };
    case 'Escape':
    case 'Clear':
      return { type: 'clear' };
    case 'Enter':
      return { type: 'submit' };
    default:
      return null;
  }
}

/** The pad, row by row: three columns, four rows. */
export const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'erase', '0', 'pair'] as const;
export type PadKey = (typeof PAD_KEYS)[number];
const COLUMNS = 3;
const ROWS = PAD_KEYS.length / COLUMNS;
/** Where a remote's first arrow press lands: the middle of the pad. */
const START = PAD_KEYS.indexOf('5');

/** The pad key a remote's arrow moves focus to (index into PAD_KEYS), or null for another key. */
export function padFocusAfter(current: number | null, key: string): number | null {
  const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const d = step[key];
  if (!d) return null;
  if (current === null || current < 0 || current >= PAD_KEYS.length) return START;
  const row = Math.min(ROWS - 1, Math.max(0, Math.floor(current / COLUMNS) + d[0]));
  const col = Math.min(COLUMNS - 1, Math.max(0, (current % COLUMNS) + d[1]));
  return row * COLUMNS + col;
}
