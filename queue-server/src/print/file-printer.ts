/**
 * The development printer: each job becomes `<dir>/<name>.bin` (the exact bytes a printer would
 * get, e.g. `cat ticket.bin > /dev/usb/lp0`) and `<name>.png` (what they print), so a developer
 * or a test sees the ticket without a printer.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrinterError, type PrinterStatus, type TicketPrinter } from '@layso/shared';

/** Where the files go and what they are called. */
export interface FilePrinterOptions {
  dir: string;
  /** File name (without extension) of the n-th job; default `ticket-<time>-<n>`. */
  name?: (sequence: number) => string;
  /** Clock for the default names (default `Date.now`). */
  now?: () => number;
}

/** A printer that writes each job and its preview to a directory. */
export class FilePrinter implements TicketPrinter {
  private sequence = 0;

  constructor(private readonly options: FilePrinterOptions) {}

  describe(): string {
    return `file://${this.options.dir}`;
  }

  /** The file name (no extension) of the next job. */
  private nextName(): string {
    const n = ++this.sequence;
    if (this.options.name) return this.options.name(n);
    const stamp = new Date((this.options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
    return `ticket-${stamp}-${n}`;
  }

  async print(bytes: Uint8Array): Promise<void> {
    const base = join(this.options.dir, this.nextName());
    // Decode first: bytes a printer would choke on must fail here too, before anything is written.
    // The canvas module is loaded with the first job, not at start-up.
    const { jobToPng } = await import('./png.js');
    const png = jobToPng(bytes);
    try {
      await mkdir(this.options.dir, { recursive: true });
      await writeFile(`${base}.bin`, bytes);
      await writeFile(`${base}.png`, png);
    } catch (e) {
      throw new PrinterError('PRINTER_OFFLINE', `${this.describe()}: cannot write ${base}`, { cause: e });
    }
  }

  async status(): Promise<PrinterStatus> {
    return { online: true, coverOpen: false, paperNearEnd: false, paperOut: false };
  }
}
