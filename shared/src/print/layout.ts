/**
 * Ticket layout: the ticket's data drawn with a passed-in canvas at the printer's width, then
 * thresholded to a 1-bit bitmap. Text goes through the canvas (with a bundled font, so Vietnamese
 * diacritics print on any printer); the QR code is set dot by dot straight into the bitmap, so it
 * is pixel-exact and needs no image decoding.
 *
 * Layout first measures and places everything (a plan of draw operations and the total height),
 * then draws on a canvas of exactly that height: one canvas read, no cropping guesswork.
 */
import { create as createQr } from 'qrcode';
import { createBitmap, fillBitmapRect, invertBitmapRect, trimBottom, type Rect } from './bitmap.js';
import { estimateWords, peopleAheadWords } from '../domain/labels.js';
import {
  PAPER_DOTS,
  type Bitmap1,
  type PaperWidth,
  type TicketCanvasContext,
  type TicketCanvasFactory,
  type TicketPrintData,
} from './types.js';

/** How to render a ticket. */
export interface RenderTicketOptions {
  paperWidth: PaperWidth;
  /** Makes the canvas to draw on; its fonts must include `fontFamily`. */
  createCanvas: TicketCanvasFactory;
  /** A registered font family with Vietnamese coverage in weights 400, 600, 700 and 800. */
  fontFamily: string;
}

interface FontSpec {
  size: number;
  weight: 400 | 600 | 700 | 800;
}

/** Sizes in dots (8 per mm). 58 mm text is not scaled down proportionally: it must stay legible. */
interface PaperProfile {
  width: number;
  /** Dots kept blank at each side (the printable width already excludes the paper's edge). */
  margin: number;
  header: FontSpec;
  centre: FontSpec;
  serviceVi: FontSpec;
  serviceEn: FontSpec;
  label: FontSpec;
  number: { maxSize: number; weight: 800 };
  priority: FontSpec;
  ahead: FontSpec;
  body: FontSpec;
  small: FontSpec;
  footer: FontSpec;
  /** Vertical gap between blocks. */
  gap: number;
  /** Largest QR code side in dots, and the largest module. */
  qrMaxSide: number;
  qrMaxModule: number;
  /** QR code to the right of the waiting information (80 mm) or centred beneath it (58 mm). */
  qrBeside: boolean;
}

const PROFILES: Readonly<Record<PaperWidth, PaperProfile>> = {
  80: {
    width: PAPER_DOTS[80],
    margin: 12,
    header: { size: 20, weight: 600 },
    centre: { size: 25, weight: 700 },
    serviceVi: { size: 30, weight: 700 },
    serviceEn: { size: 20, weight: 400 },
    label: { size: 19, weight: 600 },
    number: { maxSize: 164, weight: 800 },
    priority: { size: 24, weight: 700 },
    ahead: { size: 26, weight: 700 },
    body: { size: 21, weight: 600 },
    small: { size: 18, weight: 600 },
    footer: { size: 19, weight: 600 },
    gap: 8,
    qrMaxSide: 150,
    qrMaxModule: 5,
    qrBeside: true,
  },
  58: {
    width: PAPER_DOTS[58],
    margin: 8,
    header: { size: 17, weight: 600 },
    centre: { size: 20, weight: 700 },
    serviceVi: { size: 24, weight: 700 },
    serviceEn: { size: 17, weight: 400 },
    label: { size: 16, weight: 600 },
    number: { maxSize: 124, weight: 800 },
    priority: { size: 19, weight: 700 },
    ahead: { size: 21, weight: 700 },
    body: { size: 18, weight: 600 },
    small: { size: 16, weight: 600 },
    footer: { size: 16, weight: 600 },
    gap: 8,
    qrMaxSide: 140,
    qrMaxModule: 4,
    qrBeside: false,
  },
};

/** Words printed on every ticket (UX.md's vocabulary). */
const WORDS = {
  numberLabel: 'SỐ THỨ TỰ',
  ahead: (n: number): string => peopleAheadWords(n).vi,
  estimate: (minutes: number): string => `Thời gian chờ dự kiến: ${estimateWords(minutes).vi}`,
  issuedAt: (when: string): string => `Giờ lấy số: ${when}`,
  scan: 'Quét mã QR để theo dõi lượt gọi',
} as const;

/** A composite grey below this (over white paper, 0–255) prints as ink. */
const INK_THRESHOLD = 128;
/** QR quiet zone in modules above, below and beside text (the paper's own edge adds more). */
const QR_QUIET_MODULES = 3;

type Align = 'left' | 'center';

type DrawOp =
  | { kind: 'text'; text: string; font: FontSpec; x: number; baseline: number; align: Align }
  | { kind: 'rule'; y: number; dashed: boolean }
  | { kind: 'invert'; rect: Rect }
  | { kind: 'qr'; x: number; y: number; module: number; size: number; modules: Uint8Array };

interface Plan {
  height: number;
  ops: DrawOp[];
}

/**
 * The date and time a ticket prints, `dd/MM/yyyy HH:mm` in the centre's time zone. Throws a
 * RangeError for an unknown time zone.
 */
/** One formatter per time zone: building an `Intl.DateTimeFormat` costs more than using it. */
const ticketTimeFormats = new Map<string, Intl.DateTimeFormat>();

function ticketTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = ticketTimeFormats.get(timeZone);
  if (!format) {
    // Throws (and caches nothing) for an unknown time zone.
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    ticketTimeFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The date and time a ticket prints, `dd/MM/yyyy HH:mm` in the centre's time zone. Throws a
 * RangeError for an unknown time zone.
 */
export function formatTicketTime(epochMs: number, timeZone: string): string {
  const parts = ticketTimeFormat(timeZone).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

function cssFont(font: FontSpec, family: string): string {
  return `${font.weight} ${font.size}px "${family}"`;
}

/** Input text as printed: NFC (precomposed Vietnamese), one line, no stray spaces. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** What the layout reads of a measured text (a copy: a canvas may reuse its metrics object). */
interface Measured {
  width: number;
  ascent: number;
  descent: number;
}

/**
 * Measures text on one canvas context. The context's font is set only when it changes (setting it
 * makes the canvas parse the font again), and each (font, text) is measured once per ticket: the
 * same canvas and font give the same metrics, so the cache changes no dot.
 */
class Measurer {
  private font = '';
  private readonly cache = new Map<string, Measured>();

  constructor(
    private readonly ctx: TicketCanvasContext,
    readonly family: string,
  ) {}

  private measure(text: string, font: FontSpec): Measured {
    const css = cssFont(font, this.family);
    const key = `${css}\n${text}`;
    let measured = this.cache.get(key);
    if (!measured) {
      if (css !== this.font) {
        this.ctx.font = css;
        this.font = css;
      }
      const metrics = this.ctx.measureText(text);
      measured = {
        width: metrics.width,
        ascent: metrics.actualBoundingBoxAscent,
        descent: metrics.actualBoundingBoxDescent,
      };
      this.cache.set(key, measured);
    }
    return measured;
  }

  width(text: string, font: FontSpec): number {
    return this.measure(text, font).width;
  }

  /**
   * Ascent and descent of a line: its own ink, but never less than a plain line's, so lines of a
   * block keep an even rhythm and only stacked diacritics (Ể, Ỗ) push their line down.
   */
  box(text: string, font: FontSpec): { ascent: number; descent: number } {
    const own = this.measure(text, font);
    const plain = this.measure('Hhgy', font);
    return {
      ascent: Math.ceil(Math.max(own.ascent, plain.ascent)),
      descent: Math.ceil(Math.max(own.descent, plain.descent)),
    };
  }

  /**
   * Word wrap to `maxWidth`, at most `maxLines` lines; a word wider than a line is broken between
   * letters, and text that does not fit ends with "…". `balanced` evens out the lines (centred
   * text: "Trung tâm Phục vụ hành chính công / xã Tân Hiệp", not a lone last word).
   */
  wrap(text: string, font: FontSpec, maxWidth: number, maxLines: number, balanced = false): string[] {
    const fits = (s: string): boolean => this.width(s, font) <= maxWidth;
    // Break over-long words first, so every piece fits a line on its own.
    const words: string[] = [];
    for (const word of clean(text).split(' ')) {
      if (word === '') continue;
      let rest = word;
      while (!fits(rest)) {
        const chars = Array.from(rest);
        let n = chars.length - 1;
        while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
        words.push(chars.slice(0, n).join(''));
        rest = chars.slice(n).join('');
      }
      words.push(rest);
    }
    // Word widths are measured once; a line is its words plus spaces (kerning across a space is
    // nil), so trying many widths while balancing costs no further measuring.
    const widths = words.map((w) => this.width(w, font));
    const space = this.width(' ', font);
    const greedy = (limit: number): string[] => {
      const lines: string[] = [];
      let line: string[] = [];
      let lineWidth = 0;
      words.forEach((word, i) => {
        const w = widths[i] ?? 0;
        const next = line.length === 0 ? w : lineWidth + space + w;
        if (line.length > 0 && next > limit) {
          lines.push(line.join(' '));
          line = [word];
          lineWidth = w;
        } else {
          line.push(word);
          lineWidth = next;
        }
      });
      if (line.length > 0) lines.push(line.join(' '));
      return lines;
    };
    let lines = greedy(maxWidth);
    if (balanced && lines.length > 1 && lines.length <= maxLines) {
      const count = lines.length;
      let lo = maxWidth / count;
      let hi = maxWidth;
      while (hi - lo > 1) {
        const mid = (lo + hi) / 2;
        if (greedy(mid).length <= count) hi = mid;
        else lo = mid;
      }
      lines = greedy(hi);
    }
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    let last = `${kept[maxLines - 1] ?? ''}…`;
    while (!fits(last) && last.length > 1) last = `${Array.from(last).slice(0, -2).join('')}…`;
    kept[maxLines - 1] = last;
    return kept;
  }
}

/** Places blocks top to bottom and collects the draw operations. */
class Planner {
  readonly ops: DrawOp[] = [];
  y: number;

  constructor(
    private readonly m: Measurer,
    private readonly p: PaperProfile,
    top: number,
  ) {
    this.y = top;
  }

  get contentWidth(): number {
    return this.p.width - 2 * this.p.margin;
  }

  /** Wrapped lines, centred (or left-aligned at `x`), advancing the cursor. */
  lines(
    text: string,
    font: FontSpec,
    opts: { maxLines: number; align?: Align; x?: number; maxWidth?: number; leading?: number },
  ): void {
    if (clean(text) === '') return;
    const align = opts.align ?? 'center';
    const maxWidth = opts.maxWidth ?? this.contentWidth;
    const x = opts.x ?? (align === 'center' ? this.p.width / 2 : this.p.margin);
    const leading = opts.leading ?? Math.round(font.size * 0.22);
    const wrapped = this.m.wrap(text, font, maxWidth, opts.maxLines, align === 'center');
    wrapped.forEach((line, i) => {
      const box = this.m.box(line, font);
      if (i > 0) this.y += leading;
      this.y += box.ascent;
      this.ops.push({ kind: 'text', text: line, font, x, baseline: this.y, align });
      this.y += box.descent;
    });
  }

  space(dots: number): void {
    this.y += dots;
  }

  rule(dashed: boolean): void {
    this.ops.push({ kind: 'rule', y: this.y, dashed });
    this.y += 2;
  }
}

function planTicket(data: TicketPrintData, m: Measurer, p: PaperProfile): Plan {
  const plan = new Planner(m, p, 2);
  const gap = p.gap;

  if (clean(data.header) !== '') {
    plan.lines(data.header, p.header, { maxLines: 2 });
    plan.space(Math.round(gap * 0.6));
  }
  plan.lines(data.centreName, p.centre, { maxLines: 2 });
  plan.space(gap);
  plan.rule(true);
  plan.space(gap);

  plan.lines(data.serviceNameVi, p.serviceVi, { maxLines: 2 });
  if (clean(data.serviceNameEn) !== '') {
    plan.space(Math.round(gap * 0.4));
    plan.lines(data.serviceNameEn, p.serviceEn, { maxLines: 1 });
  }
  plan.space(gap);
  plan.lines(WORDS.numberLabel, p.label, { maxLines: 1 });
  plan.space(Math.round(gap * 0.75));

  // The number: as large as fits the width, up to the profile's size; placed by its own ink.
  const number = clean(data.displayNumber);
  const probe = { size: 100, weight: p.number.weight } as const;
  const widthAt100 = m.width(number, probe);
  if (!(widthAt100 > 0)) {
    // A canvas without the font measures (and draws) nothing: fail loudly, not a blank ticket.
    throw new Error(`ticket font "${m.family}" draws nothing; register the bundled font first`);
  }
  const size = Math.min(p.number.maxSize, Math.floor((100 * plan.contentWidth * 0.94) / widthAt100));
  const numberFont: FontSpec = { size, weight: p.number.weight };
  const numberBox = m.box(number, numberFont);
  // Digits have no descender: the plain-line descent would leave a blank band under them.
  plan.y += numberBox.ascent;
  plan.ops.push({ kind: 'text', text: number, font: numberFont, x: p.width / 2, baseline: plan.y, align: 'center' });
  plan.space(gap);

  if (data.priorityLabelVi !== null && clean(data.priorityLabelVi) !== '') {
    const pad = Math.round(p.priority.size * 0.3);
    const top = plan.y;
    plan.space(pad);
    plan.lines(data.priorityLabelVi, p.priority, { maxLines: 2 });
    plan.space(pad);
    plan.ops.push({
      kind: 'invert',
      rect: { x: p.margin, y: top, width: plan.contentWidth, height: plan.y - top },
    });
  }
  plan.space(gap);
  plan.rule(true);

  // Waiting information and the QR code.
  const qr = createQr(data.trackingUrl, { errorCorrectionLevel: 'M' });
  const qrSize = qr.modules.size;
  const module = Math.max(2, Math.min(p.qrMaxModule, Math.floor(p.qrMaxSide / qrSize)));
  const qrSide = qrSize * module;
  const quiet = QR_QUIET_MODULES * module;
  const modules = qr.modules.data;
  const info: { text: string; font: FontSpec; maxLines: number }[] = [
    { text: WORDS.ahead(data.peopleAhead), font: p.ahead, maxLines: 1 },
    ...(data.estimateMinutes === null
      ? []
      : [{ text: WORDS.estimate(data.estimateMinutes), font: p.body, maxLines: 2 }]),
    { text: WORDS.issuedAt(formatTicketTime(data.issuedAt, data.timeZone)), font: p.body, maxLines: 1 },
  ];

  if (p.qrBeside) {
    const columnWidth = plan.contentWidth - qrSide - quiet;
    // Lay the column out on a scratch planner to learn its height, then centre it on the code.
    const column = new Planner(m, p, 0);
    info.forEach((item, i) => {
      if (i > 0) column.space(Math.round(gap * 0.6));
      column.lines(item.text, item.font, { maxLines: item.maxLines, align: 'left', maxWidth: columnWidth });
    });
    column.space(Math.round(gap * 0.6));
    column.lines(WORDS.scan, p.small, { maxLines: 2, align: 'left', maxWidth: columnWidth });
    const blockTop = plan.y + quiet;
    const blockHeight = Math.max(column.y, qrSide);
    const columnTop = blockTop + Math.round((blockHeight - column.y) / 2);
    for (const op of column.ops) {
      if (op.kind === 'text') plan.ops.push({ ...op, baseline: op.baseline + columnTop });
    }
    plan.ops.push({
      kind: 'qr',
      x: p.width - p.margin - qrSide,
      y: blockTop + Math.round((blockHeight - qrSide) / 2),
      module,
      size: qrSize,
      modules,
    });
    plan.y = blockTop + blockHeight + quiet;
  } else {
    plan.space(gap);
    info.forEach((item, i) => {
      if (i > 0) plan.space(Math.round(gap * 0.6));
      plan.lines(item.text, item.font, { maxLines: item.maxLines });
    });
    plan.space(quiet);
    plan.ops.push({ kind: 'qr', x: Math.round((p.width - qrSide) / 2), y: plan.y, module, size: qrSize, modules });
    plan.y += qrSide + Math.round(quiet / 2);
    plan.lines(WORDS.scan, p.small, { maxLines: 2 });
    plan.space(gap);
  }

  if (clean(data.footer) !== '') {
    plan.rule(true);
    plan.space(gap);
    plan.lines(data.footer, p.footer, { maxLines: 2 });
  }
  plan.space(4);
  return { height: Math.ceil(plan.y), ops: plan.ops };
}

/** Draw the canvas part of the plan (text, rules). */
function draw(ctx: TicketCanvasContext, plan: Plan, p: PaperProfile, family: string): void {
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  let font = '';
  for (const op of plan.ops) {
    if (op.kind === 'text') {
      const css = cssFont(op.font, family);
      if (css !== font) {
        ctx.font = css;
        font = css;
      }
      ctx.textAlign = op.align;
      ctx.fillText(op.text, op.x, op.baseline);
    } else if (op.kind === 'rule') {
      const dash = op.dashed ? 8 : p.width;
      for (let x = p.margin; x < p.width - p.margin; x += dash * 2) {
        ctx.fillRect(x, op.y, Math.min(dash, p.width - p.margin - x), 2);
      }
    }
  }
}

/** Smallest a·(255 − lum) that prints: grey = 255 − a·(255 − lum)/255 < 128, in exact integers. */
const INK_MIN_COVERAGE = (255 - INK_THRESHOLD) * 255;

/** Whether a pixel (RGBA bytes at `i`), composited over white paper, is darker than the threshold. */
function isInk(data: ArrayLike<number>, i: number): boolean {
  const a = data[i + 3] ?? 0;
  if (a === 0) return false;
  const lum = ((data[i] ?? 0) * 77 + (data[i + 1] ?? 0) * 150 + (data[i + 2] ?? 0) * 29) >> 8;
  return a * (255 - lum) > INK_MIN_COVERAGE;
}

/** Ink where the canvas, composited over white paper, is darker than the threshold. */
function threshold(ctx: TicketCanvasContext, width: number, height: number): Bitmap1 {
  const bitmap = createBitmap(width, height);
  if (height === 0 || width === 0) return bitmap;
  const { data } = ctx.getImageData(0, 0, width, height);
  const out = bitmap.data;
  const stride = out.length / height;
  // Eight pixels (one output byte) at a time through a 32-bit view: nearly all of a ticket is
  // blank canvas, eight zero words skipped at once; a transparent (0) or opaque white (all ones,
  // in either byte order) pixel among ink is skipped without a look at its channels.
  const pixels =
    (data instanceof Uint8ClampedArray || data instanceof Uint8Array) && data.byteOffset % 4 === 0
      ? new Uint32Array(data.buffer, data.byteOffset, width * height)
      : null;
  const wholeBytes = pixels ? width >> 3 : 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const rowOut = y * stride;
    if (pixels) {
      for (let b = 0; b < wholeBytes; b++) {
        const k = row + (b << 3);
        const any =
          (pixels[k] ?? 0) | (pixels[k + 1] ?? 0) | (pixels[k + 2] ?? 0) | (pixels[k + 3] ?? 0) |
          (pixels[k + 4] ?? 0) | (pixels[k + 5] ?? 0) | (pixels[k + 6] ?? 0) | (pixels[k + 7] ?? 0);
        if (any === 0) continue;
        let byte = 0;
        for (let q = 0; q < 8; q++) {
          const px = pixels[k + q] ?? 0;
          if (px !== 0 && px !== 0xffffffff && isInk(data, (k + q) * 4)) byte |= 0x80 >> q;
        }
        if (byte !== 0) out[rowOut + b] = byte;
      }
    }
    // What the view did not cover: a partial last byte, or every pixel of a plain array.
    for (let x = wholeBytes << 3; x < width; x++) {
      if (isInk(data, (row + x) * 4)) {
        const j = rowOut + (x >> 3);
        out[j] = (out[j] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return bitmap;
}

/**
 * Render a ticket to a 1-bit bitmap as wide as the paper's printable width (384 dots on 58 mm,
 * 576 on 80 mm), trailing blank rows trimmed. Pure given the canvas: the same data, canvas
 * implementation and font give the same dots.
 */
export function renderTicket(data: TicketPrintData, options: RenderTicketOptions): Bitmap1 {
  const p = PROFILES[options.paperWidth];
  const measureCtx = options.createCanvas(p.width, 1).getContext('2d');
  const plan = planTicket(data, new Measurer(measureCtx, options.fontFamily), p);

  const ctx = options.createCanvas(p.width, plan.height).getContext('2d');
  draw(ctx, plan, p, options.fontFamily);
  const bitmap = threshold(ctx, p.width, plan.height);

  for (const op of plan.ops) {
    if (op.kind === 'invert') invertBitmapRect(bitmap, op.rect);
    if (op.kind === 'qr') {
      for (let r = 0; r < op.size; r++) {
        for (let c = 0; c < op.size; c++) {
          if (!op.modules[r * op.size + c]) continue;
          const { x, y, module } = op;
          fillBitmapRect(bitmap, { x: x + c * module, y: y + r * module, width: module, height: module });
        }
      }
    }
  }
  return trimBottom(bitmap);
}

/** Where the big number and the QR code are drawn, so tests can look for ink there. */
export interface TicketRegions {
  number: Rect;
  qr: Rect;
}

/**
 * The rectangles of the number and the QR code for this ticket (same measurements as
 * `renderTicket`, nothing drawn on the final canvas).
 */
export function ticketRegions(data: TicketPrintData, options: RenderTicketOptions): TicketRegions {
  const p = PROFILES[options.paperWidth];
  const m = new Measurer(options.createCanvas(p.width, 1).getContext('2d'), options.fontFamily);
  const plan = planTicket(data, m, p);
  const numberText = clean(data.displayNumber);
  const numberOp = plan.ops.find(
    (op): op is Extract<DrawOp, { kind: 'text' }> =>
      op.kind === 'text' && op.font.weight === 800 && op.text === numberText,
  );
  const qrOp = plan.ops.find((op): op is Extract<DrawOp, { kind: 'qr' }> => op.kind === 'qr');
  if (!numberOp || !qrOp) throw new Error('ticket plan has no number or QR code');
  const numberWidth = m.width(numberText, numberOp.font);
  const numberBox = m.box(numberText, numberOp.font);
  return {
    number: {
      x: Math.floor(numberOp.x - numberWidth / 2),
      y: numberOp.baseline - numberBox.ascent,
      width: Math.ceil(numberWidth),
      height: numberBox.ascent,
    },
    qr: { x: qrOp.x, y: qrOp.y, width: qrOp.size * qrOp.module, height: qrOp.size * qrOp.module },
  };
}
