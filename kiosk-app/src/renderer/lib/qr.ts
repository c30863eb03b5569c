/**
 * A QR code as one SVG path: the `qrcode` package encodes, this draws one unit square per dark
 * module, so the code stays crisp at any size and needs no canvas.
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  size: number;
  /** Row-major, 1 = dark. */
  dark: (x: number, y: number) => boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}

/** The `d` of a path drawing every dark module, in module units (offset by the quiet zone). */
export function qrPath(m: QrMatrix, quiet = 4): string {
  const parts: string[] = [];
  for (let y = 0; y < m.size; y++) {
    let x = 0;
    while (x < m.size) {
      if (!m.dark(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < m.size && m.dark(x + run, y)) run++;
      parts.push(`M${x + quiet} ${y + quiet}h${run}v1h-${run}z`);
      x += run;
    }
  }
  return parts.join('');
}
