import { createServer } from 'node:net';
import { createCanvas } from '@napi-rs/canvas';
import {
  decodeEscPos,
  inkRatio,
  isPrinterError,
  ticketRegions,
  type PrinterStatus,
  type TicketPrintData,
} from '@layso/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestPrinter, type TestPrinter } from '../../queue-server/test/support/test-printer.js';
import { registerTicketFont, renderTicketBytes } from './ticket-canvas.js';
import { TcpPrinter } from './tcp-printer.js';

const TICKET: TicketPrintData = {
  centreName: 'Trung tâm Phục vụ hành chính công phường Ba Đình',
  header: '',
  serviceNameVi: 'Cấp đổi giấy phép lái xe',
  serviceNameEn: "Driver's licence renewal",
  displayNumber: '2047',
  priorityLabelVi: null,
  issuedAt: Date.UTC(2026, 2, 10, 2, 15),
  timeZone: 'Asia/Ho_Chi_Minh',
  peopleAhead: 7,
  estimateMinutes: 21,
  trackingUrl: 'http://10.0.0.2:8080/t/Zx81kLmQp0aWnB7cD2eRtY',
  footer: 'Xin cảm ơn quý khách!',
};

/** A port on this machine with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Byte equality without vitest's element-by-element diffing (slow on 40 KB jobs). */
const same = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.from(a).equals(b);

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isPrinterError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected the printer to fail');
}

describe('TcpPrinter with a test printer on a real port', () => {
  let device: TestPrinter;
  let statuses: PrinterStatus[];
  let printer: TcpPrinter;
  const bytes = renderTicketBytes(TICKET, 80);

  beforeEach(async () => {
    device = await startTestPrinter({ port: 0 });
    statuses = [];
    printer = new TcpPrinter({
      host: '127.0.0.1',
      port: device.port,
      statusTimeoutMs: 500,
      onStatus: (s) => statuses.push(s),
    });
  });
  afterEach(async () => {
    await device.close();
  });

  it('prints a ticket the printer decodes back with the number in its place', async () => {
    await printer.print(bytes);
    expect(device.jobs).toHaveLength(1);
    expect(same(device.jobs[0], bytes)).toBe(true);
    const decoded = decodeEscPos(device.jobs[0]!);
    expect(decoded.statusQueries).toBe(0);
    expect(decoded.cuts).toBe(1);
    const regions = ticketRegions(TICKET, {
      paperWidth: 80,
      fontFamily: registerTicketFont(),
      createCanvas: (w, h) => createCanvas(w, h),
    });
    expect(inkRatio(decoded.images[0]!, regions.number)).toBeGreaterThan(0.3);
    expect(inkRatio(decoded.images[0]!, regions.qr)).toBeGreaterThan(0.3);
    // Status before and after the job.
    expect(device.statusQueries).toBe(6);
    expect(statuses).toHaveLength(2);
    expect(printer.describe()).toBe(`tcp://127.0.0.1:${device.port}`);
  });

  it('reads the status, and still prints when the paper is only near its end', async () => {
    expect(await printer.status()).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperOut: false });
    device.setPaperNearEnd(true);
    await printer.print(bytes);
    expect(device.jobs).toHaveLength(1);
    expect(statuses.at(-1)).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
  });

  it('refuses to print without paper, and sends nothing', async () => {
    device.setPaperOut(true);
    expect((await failure(printer.print(bytes))).code).toBe('PRINTER_PAPER_OUT');
    expect(await printer.status()).toMatchObject({ online: false, paperOut: true });
    expect(device.jobs).toHaveLength(0);
    device.setPaperOut(false);
    await printer.print(bytes);
    expect(device.jobs).toHaveLength(1);
  });

  it('refuses with the cover open, or when offline', async () => {
    device.setCoverOpen(true);
    expect((await failure(printer.print(bytes))).code).toBe('PRINTER_COVER_OPEN');
    device.setCoverOpen(false);
    device.setOffline(true);
    expect((await failure(printer.print(bytes))).code).toBe('PRINTER_OFFLINE');
    expect(device.jobs).toHaveLength(0);
  });

  it('reports a connection dropped in the middle of the job', async () => {
    device.disconnectMidJob(true);
    const started = Date.now();
    expect((await failure(printer.print(bytes))).code).toBe('PRINTER_DISCONNECTED');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(device.jobs).toHaveLength(0);
  });

  it('times out on a printer that never answers the status query', async () => {
    device.setSilent(true);
    const started = Date.now();
    expect((await failure(printer.print(bytes))).code).toBe('PRINTER_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(device.jobs).toHaveLength(0);
    // Without status queries, such a printer still gets its tickets.
    const blind = new TcpPrinter({ host: '127.0.0.1', port: device.port, queryStatus: false });
    await blind.print(bytes);
    await expect.poll(() => device.jobs.length).toBe(1);
  });

  it('sends concurrent jobs one after the other, never interleaved', async () => {
    const other = renderTicketBytes({ ...TICKET, displayNumber: '2048' }, 80);
    await Promise.all([printer.print(bytes), printer.print(other), printer.print(bytes)]);
    expect(device.jobs).toHaveLength(3);
    expect([bytes, other, bytes].every((job, i) => same(device.jobs[i], job))).toBe(true);
  });
});

describe('TcpPrinter without a printer', () => {
  it('fails fast with PRINTER_OFFLINE when nothing listens', async () => {
    const port = await closedPort();
    const printer = new TcpPrinter({ host: '127.0.0.1', port });
    const started = Date.now();
    expect((await failure(printer.print(Uint8Array.of(0x1b, 0x40)))).code).toBe('PRINTER_OFFLINE');
    expect((await failure(printer.status())).code).toBe('PRINTER_OFFLINE');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
