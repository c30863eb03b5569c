/**
 * A decoder for exactly the ESC/POS commands Layso sends (ESC @, GS v 0, ESC d, GS V, DLE EOT),
 * so tests and the test printer can turn bytes back into what a printer would print. Anything else
 * is an error: a byte we did not mean to send must fail a test, not be skipped.
 */
import { stackBitmaps } from './bitmap.js';
import type { Bitmap1 } from './types.js';

/** One decoded command. */
export type EscPosCommand =
  | { kind: 'init' }
  | { kind: 'raster'; mode: number; bitmap: Bitmap1 }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; full: boolean }
  | { kind: 'status'; n: number };

/** Bytes that are not (a prefix of) a command Layso sends. */
export class EscPosDecodeError extends Error {
  constructor(
    message: string,
    /** Byte offset of the offending command. */
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'EscPosDecodeError';
  }
}

const hex = (b: number | undefined): string =>
  b === undefined ? 'end of data' : `0x${b.toString(16).padStart(2, '0')}`;

/**
 * The command starting at `offset`: the command and its length in bytes, or null when the bytes
 * end before the command does (a stream reader waits for more). Throws `EscPosDecodeError` for
 * anything that is not one of the commands Layso sends.
 */
export function readEscPosCommand(
  bytes: Uint8Array,
  offset: number,
): { command: EscPosCommand; length: number } | null {
  const at = (i: number): number | undefined => bytes[offset + i];
  const b0 = at(0);
  if (b0 === undefined) return null;
  if (b0 !== 0x1b && b0 !== 0x1d && b0 !== 0x10) {
    throw new EscPosDecodeError(`unknown command ${hex(b0)}`, offset);
  }
  const b1 = at(1);
  if (b1 === undefined) return null;
  if (b0 === 0x1b && b1 === 0x40) return { command: { kind: 'init' }, length: 2 };
  if (b0 === 0x1b && b1 === 0x64) {
    const n = at(2);
    return n === undefined ? null : { command: { kind: 'feed', lines: n }, length: 3 };
  }
  if (b0 === 0x10 && b1 === 0x04) {
    const n = at(2);
    if (n === undefined) return null;
    if (n < 1 || n > 4) throw new EscPosDecodeError(`DLE EOT with n = ${n}`, offset);
    return { command: { kind: 'status', n }, length: 3 };
  }
  if (b0 === 0x1d && b1 === 0x56) {
    const m = at(2);
    if (m === undefined) return null;
    if (m === 0x00 || m === 0x30) return { command: { kind: 'cut', full: true }, length: 3 };
    if (m === 0x01 || m === 0x31) return { command: { kind: 'cut', full: false }, length: 3 };
    throw new EscPosDecodeError(`GS V with m = ${hex(m)}`, offset);
  }
  if (b0 === 0x1d && b1 === 0x76) {
    if (bytes.length - offset < 8) return null;
    if (at(2) !== 0x30) throw new EscPosDecodeError(`GS v with ${hex(at(2))}`, offset);
    const mode = at(3) ?? 0;
    if (mode > 3 && (mode < 0x30 || mode > 0x33)) {
      throw new EscPosDecodeError(`GS v 0 with m = ${hex(mode)}`, offset);
    }
    const stride = (at(4) ?? 0) | ((at(5) ?? 0) << 8);
    const rows = (at(6) ?? 0) | ((at(7) ?? 0) << 8);
    const length = 8 + stride * rows;
    if (bytes.length - offset < length) return null;
    const data = bytes.slice(offset + 8, offset + length);
    return { command: { kind: 'raster', mode, bitmap: { width: stride * 8, height: rows, data } }, length };
  }
  throw new EscPosDecodeError(`unknown command ${hex(b0)} ${hex(b1)}`, offset);
}

/** What a byte stream of Layso's commands prints. */
export interface DecodedEscPos {
  /** Whether the stream starts with ESC @. */
  initialised: boolean;
  /** Each GS v 0 strip as sent. */
  strips: Bitmap1[];
  /** The printed images: consecutive strips of one width joined, as the paper shows them. */
  images: Bitmap1[];
  /** Lines fed by ESC d, summed. */
  feeds: number;
  /** Cuts (GS V). */
  cuts: number;
  /** DLE EOT queries met in the stream. */
  statusQueries: number;
  /** Every command in order. */
  commands: EscPosCommand[];
}

/**
 * Decode a whole job. Throws `EscPosDecodeError` on an unknown command or on bytes that end in
 * the middle of one.
 */
export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const out: DecodedEscPos = {
    initialised: false,
    strips: [],
    images: [],
    feeds: 0,
    cuts: 0,
    statusQueries: 0,
    commands: [],
  };
  let run: Bitmap1[] = [];
  const endImage = (): void => {
    if (run.length > 0) out.images.push(stackBitmaps(run));
    run = [];
  };
  let offset = 0;
  while (offset < bytes.length) {
    const read = readEscPosCommand(bytes, offset);
    if (!read) throw new EscPosDecodeError('data ends inside a command', offset);
    const { command } = read;
    out.commands.push(command);
    if (command.kind === 'init') {
      if (offset === 0) out.initialised = true;
      endImage();
    } else if (command.kind === 'raster') {
      const previous = run[run.length - 1];
      if (previous && previous.width !== command.bitmap.width) endImage();
      run.push(command.bitmap);
      out.strips.push(command.bitmap);
    } else if (command.kind === 'feed') {
      endImage();
      out.feeds += command.lines;
    } else if (command.kind === 'cut') {
      endImage();
      out.cuts++;
    } else {
      out.statusQueries++;
    }
    offset += read.length;
  }
  endImage();
  return out;
}

