import { describe, expect, it } from 'vitest';
import { PrinterError, type TicketPrinter } from '@layso/shared';
import type { PrinterSetting, ShellSettings } from '../contract/bridge.js';
import { createPrintTicket, testTicket } from './print.js';

const data = testTicket(0, 'http://10.0.0.2:8080');

function recordingPrinter(fail?: Error): TicketPrinter & { jobs: Uint8Array[] } {
  const jobs: Uint8Array[] = [];
  return {
    jobs,
    async print(bytes) {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw fail;
      jobs.push(bytes);
    },
    async status() {
      return { online: true, paperOut: false, paperNearEnd: false, coverOpen: false } as never;
    },
    describe: () => 'test',
  };
}

function settings(printer: PrinterSetting): ShellSettings {
  return { serverUrl: 'http://10.0.0.2:8080', printer, paperWidth: 58 };
}

describe('printing from the kiosk shell', () => {
  it('renders for the configured paper and sends the bytes', async () => {
    const p = recordingPrinter();
    const widths: number[] = [];
    const print = createPrintTicket({
      settings: () => settings({ kind: 'usb' }),
      openPrinter: () => p,
      render: (d, w) => {
        widths.push(w);
        return new TextEncoder().encode(d.displayNumber);
      },
    });
    await expect(print(data)).resolves.toEqual({ status: 'printed' });
    expect(widths).toEqual([58]);
    expect(new TextDecoder().decode(p.jobs[0])).toBe('0000');
  });

  it('prints nothing without a printer', async () => {
    const print = createPrintTicket({ settings: () => settings({ kind: 'none' }), openPrinter: () => null, render: () => new Uint8Array() });
    await expect(print(data)).resolves.toEqual({ status: 'none' });
  });

  it('turns a printer fault into a failed result with its code', async () => {
    const p = recordingPrinter(new PrinterError('PRINTER_PAPER_OUT', 'paper out'));
    const print = createPrintTicket({ settings: () => settings({ kind: 'usb' }), openPrinter: () => p, render: () => new Uint8Array([1]) });
    await expect(print(data)).resolves.toEqual({ status: 'failed', code: 'PRINTER_PAPER_OUT', message: 'paper out' });
    const broken = createPrintTicket({
      settings: () => settings({ kind: 'usb' }),
      openPrinter: () => {
        throw new Error('no device');
      },
      render: () => new Uint8Array([1]),
    });
    await expect(broken(data)).resolves.toMatchObject({ status: 'failed', code: 'PRINTER_OFFLINE' });
  });

  it('prints one job at a time, in order', async () => {
    const order: string[] = [];
    const print = createPrintTicket({
      settings: () => settings({ kind: 'usb' }),
      openPrinter: () => ({
        async print(bytes) {
          const n = new TextDecoder().decode(bytes);
          order.push(`start ${n}`);
          await new Promise((r) => setTimeout(r, n === '1' ? 20 : 1));
          order.push(`end ${n}`);
        },
        status: async () => ({}) as never,
        describe: () => 'x',
      }),
      render: (d) => new TextEncoder().encode(d.displayNumber),
    });
    await Promise.all([print({ ...data, displayNumber: '1' }), print({ ...data, displayNumber: '2' })]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });
});
