/**
 * There is no USB printer here, so the device is a fake: an object shaped like escpos-usb's
 * adapter over a usb 1.9 device, answering DLE EOT on its IN endpoint like a printer. Only the
 * USB layer is fake; the bytes, the status parsing and the error mapping are the real ones.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeEscPos, isPrinterError, readEscPosCommand } from '@layso/shared';
import { describe, expect, it } from 'vitest';
import { renderTicketBytes } from '@layso/node-shared';
import { UsbPrinter, type EscposUsbAdapter, type UsbEndpoint } from './usb-printer.js';
import { GOLDEN_TICKET as TICKET } from '../../../../shared/src/print/golden-ticket.test-support.js';

interface FakeState {
  paperOut: boolean;
  coverOpen: boolean;
  nearEnd: boolean;
  /** Fail the next job-sized transfer as if the cable were pulled (libusb NO_DEVICE). */
  unplugDuringJob: boolean;
  /** Never call back on job-sized transfers. */
  stallJob: boolean;
  /** No IN endpoint; answer the printer class GET_PORT_STATUS with this byte instead. */
  portStatus: number | null;
}

/** A printer on a fake USB bus: records what the OUT endpoint got, answers DLE EOT on IN. */
function fakePrinter(overrides: Partial<FakeState> = {}) {
  const state: FakeState = {
    paperOut: false,
    coverOpen: false,
    nearEnd: false,
    unplugDuringJob: false,
    stallJob: false,
    portStatus: null,
    ...overrides,
  };
  const written: Uint8Array[] = [];
  const replies: number[] = [];
  let opened = 0;
  let closed = 0;

  const reply = (n: number): number => {
    const offline = state.paperOut || state.coverOpen;
    if (n === 1) return 0x12 | (offline ? 0x08 : 0);
    if (n === 2) return 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperOut ? 0x20 : 0);
    return 0x12 | (state.nearEnd || state.paperOut ? 0x0c : 0) | (state.paperOut ? 0x60 : 0);
  };

  const out: UsbEndpoint = {
    direction: 'out',
    timeout: 0,
    transfer(data, callback) {
      const bytes = new Uint8Array(data as Buffer);
      const first = readEscPosCommand(bytes, 0);
      if (first?.command.kind === 'status' && first.length === bytes.length) {
        replies.push(reply(first.command.n));
        written.push(bytes);
        setImmediate(() => callback(null));
        return;
      }
      if (state.stallJob) return;
      if (state.unplugDuringJob) {
        setImmediate(() => callback(Object.assign(new Error('LIBUSB_TRANSFER_NO_DEVICE'), { errno: 5 })));
        return;
      }
      written.push(bytes);
      setImmediate(() => callback(null));
    },
  };
  const input: UsbEndpoint = {
    direction: 'in',
    timeout: 0,
    descriptor: { wMaxPacketSize: 64 },
    transfer(length, callback) {
      const byte = replies.shift();
      // A real IN transfer with nothing to read waits for its timeout.
      if (byte === undefined) {
        setTimeout(() => callback(Object.assign(new Error('LIBUSB_TRANSFER_TIMED_OUT'), { errno: 2 })), input.timeout);
      } else {
        setImmediate(() => callback(null, Buffer.from([byte])));
      }
      expect(length).toBe(64);
    },
  };
  const endpoints = state.portStatus === null ? [out, input] : [out];
  const adapter: EscposUsbAdapter = {
    device: {
      interfaces: [{ interfaceNumber: 0, altSetting: 0, endpoints }],
      controlTransfer(bmRequestType, bRequest, _wValue, wIndex, length, callback) {
        expect([bmRequestType, bRequest, wIndex, length]).toEqual([0xa1, 0x01, 0, 1]);
        setImmediate(() => callback(null, Buffer.from([state.portStatus ?? 0x18])));
      },
    },
    open(callback) {
      opened++;
      // escpos-usb's open: picks the first OUT endpoint, then calls back.
      adapter.endpoint = out;
      setImmediate(() => callback(null));
    },
    write(data, callback) {
      adapter.endpoint?.transfer(data, callback);
    },
    close(callback) {
      closed++;
      callback?.(null);
    },
  };
  return {
    state,
    adapter,
    out,
    /** What reached the printer, status queries taken out. */
    jobs: () => written.filter((w) => readEscPosCommand(w, 0)?.command.kind !== 'status'),
    queries: () => written.filter((w) => readEscPosCommand(w, 0)?.command.kind === 'status').length,
    counts: () => ({ opened, closed }),
  };
}


async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isPrinterError(e)) return e.code;
    throw e;
  }
  throw new Error('expected the printer to fail');
}

describe('UsbPrinter', () => {
  const bytes = renderTicketBytes(TICKET, 80);

  it('renders the golden ticket of shared on the kiosk too', () => {
    const goldenFile = new URL('../../../../shared/src/print/__golden__/ticket-80mm.sha256', import.meta.url);
    const golden = readFileSync(goldenFile, 'utf8');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(golden.trim());
  });

  it('asks DLE EOT 1, 2, 4 before and after, and sends the job as it is', async () => {
    const fake = fakePrinter({ nearEnd: true });
    const statuses: unknown[] = [];
    const printer = new UsbPrinter({ createAdapter: () => fake.adapter, onStatus: (s) => statuses.push(s) });
    await printer.print(bytes);
    expect(fake.queries()).toBe(6);
    expect(fake.jobs()).toHaveLength(1);
    expect(Buffer.from(fake.jobs()[0]!).equals(bytes)).toBe(true);
    expect(decodeEscPos(fake.jobs()[0]!).images[0]?.width).toBe(576);
    expect(statuses.at(-1)).toEqual({ online: true, coverOpen: false, paperNearEnd: true, paperOut: false });
    expect(fake.out.timeout).toBe(15000);
    expect(fake.counts()).toEqual({ opened: 1, closed: 1 });
  });

  it('refuses without paper or with the cover open, sending no job', async () => {
    const fake = fakePrinter({ paperOut: true });
    const printer = new UsbPrinter({ createAdapter: () => fake.adapter });
    expect(await failure(printer.print(bytes))).toBe('PRINTER_PAPER_OUT');
    fake.state.paperOut = false;
    fake.state.coverOpen = true;
    expect(await failure(printer.print(bytes))).toBe('PRINTER_COVER_OPEN');
    expect(fake.jobs()).toHaveLength(0);
    expect(await printer.status()).toMatchObject({ online: false, coverOpen: true });
    expect(fake.counts().opened).toBe(fake.counts().closed);
  });

  it('reports a printer unplugged during the job', async () => {
    const fake = fakePrinter({ unplugDuringJob: true });
    const printer = new UsbPrinter({ createAdapter: () => fake.adapter });
    expect(await failure(printer.print(bytes))).toBe('PRINTER_DISCONNECTED');
  });

  it('never hangs on a stalled transfer or a silent IN endpoint', async () => {
    const stalled = fakePrinter({ stallJob: true });
    const started = Date.now();
    const printer = new UsbPrinter({ createAdapter: () => stalled.adapter, writeTimeoutMs: 100 });
    expect(await failure(printer.print(bytes))).toBe('PRINTER_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);

    const silent = fakePrinter();
    silent.adapter.write = (_data, callback) => setImmediate(() => callback(null)); // queries vanish
    const quiet = new UsbPrinter({ createAdapter: () => silent.adapter, statusTimeoutMs: 100 });
    expect(await failure(quiet.status())).toBe('PRINTER_TIMEOUT');
  });

  it('falls back to GET_PORT_STATUS on a printer without an IN endpoint', async () => {
    const fake = fakePrinter({ portStatus: 0x38 }); // selected, no error, paper empty
    const printer = new UsbPrinter({ createAdapter: () => fake.adapter });
    expect(await printer.status()).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperOut: true });
    expect(await failure(printer.print(bytes))).toBe('PRINTER_PAPER_OUT');
    fake.state.portStatus = 0x18;
    await printer.print(bytes);
    expect(fake.jobs()).toHaveLength(1);
  });

  it('is offline when no printer is found or the device cannot be opened', async () => {
    const none = new UsbPrinter({
      vendorId: 0x0416,
      productId: 0x5011,
      createAdapter: () => {
        throw new Error('Can not find printer');
      },
    });
    expect(await failure(none.print(bytes))).toBe('PRINTER_OFFLINE');
    expect(none.describe()).toBe('usb://0416:5011');
    const fake = fakePrinter();
    fake.adapter.open = (callback) => setImmediate(() => callback(new Error('LIBUSB_ERROR_ACCESS')));
    expect(await failure(new UsbPrinter({ createAdapter: () => fake.adapter }).status())).toBe('PRINTER_OFFLINE');
  });
});

describe('escpos-usb on this machine (no fake)', () => {
  it('loads with usb 1.9.2 and finds no printer here: PRINTER_OFFLINE, not a crash', async () => {
    const require = createRequire(import.meta.url);
    const USB = require('escpos-usb') as { findPrinter(): unknown[] };
    expect(typeof USB.findPrinter).toBe('function');
    expect((require('usb/package.json') as { version: string }).version).toBe('1.9.2');
    const devices = USB.findPrinter();
    // A developer's PC may have a printer plugged in; then only the status is read.
    const result = await new UsbPrinter().status().then(
      () => 'read',
      (e: unknown) => (isPrinterError(e) ? e.code : e),
    );
    expect(devices.length === 0 ? result === 'PRINTER_OFFLINE' : true).toBe(true);
  });
});
