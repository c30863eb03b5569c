/**
 * The kiosk PC's USB thermal printer, through escpos-usb, behind the same `TicketPrinter` contract
 * as the network and file printers.
 *
 * escpos-usb on this stack (checked on Node 20.20, escpos-usb 3.0.0-alpha.4, usb 1.9.2):
 * - `require('escpos-usb')` loads; it only requires `usb` when an adapter is made. With usb 1.9.2
 *   (pinned by the root package.json's overrides) `usb.on`, `findByIds` and `getDeviceList` exist
 *   and the N-API prebuild loads in Node and Electron alike, no rebuild. With usb 2.x/3.x the
 *   adapter's constructor dies with "usb.on is not a function": usb 2 moved the hot-plug emitter
 *   to `require('usb').usb`, and escpos-usb still calls `usb.on('detach')` on the module itself.
 * - On a machine without a USB printer (CI, this container: no /dev/bus/usb)
 *   `findPrinter()` returns [] and `new USB()` throws "Can not find printer": that is
 *   PRINTER_OFFLINE here, and what the unit tests cannot get past without a fake device.
 * - Its `open` ignores `setAltSetting` errors, may call back once per interface, and keeps only
 *   the OUT endpoint; its transfers have no timeout (libusb's 0 = wait forever); its `close`
 *   removes every 'detach' listener of the usb module. This wrapper calls back once, sets the
 *   endpoint timeouts and guards every wait with a timer of its own.
 * - It cannot read status. When the printer interface has a bulk IN endpoint (bidirectional
 *   printers, nearly all ESC/POS ones) this wrapper sends DLE EOT 1, 2, 4 on the OUT endpoint
 *   and reads each reply byte from the IN endpoint, found in `adapter.device.interfaces`. A
 *   unidirectional printer falls back to the USB printer class GET_PORT_STATUS request (paper
 *   empty, select, not error), which has no cover-open or near-end bit. With neither, status
 *   cannot be known and is reported as online; a failed write still fails the job.
 */
import { createRequire } from 'node:module';
import {
  PrinterError,
  STATUS_QUERIES,
  parsePrinterStatus,
  type PrinterStatus,
} from '@layso/shared';
import { JobPrinter } from '@layso/node-shared';

type Callback<T = void> = (error?: Error | null, result?: T) => void;

/** A bulk endpoint as usb 1.9 exposes it. */
export interface UsbEndpoint {
  direction: 'in' | 'out';
  /** libusb transfer timeout in ms; 0 waits forever. */
  timeout: number;
  descriptor?: { wMaxPacketSize?: number };
  transfer(dataOrLength: Buffer | number, callback: (error?: Error | null, data?: Buffer) => void): unknown;
}

/** The USB device as usb 1.9 exposes it, as far as status reading needs it. */
export interface UsbDevice {
  interfaces?: { interfaceNumber?: number; altSetting?: number; endpoints: UsbEndpoint[] }[];
  controlTransfer?(
    bmRequestType: number,
    bRequest: number,
    wValue: number,
    wIndex: number,
    length: number,
    callback: (error?: Error | null, data?: Buffer) => void,
  ): unknown;
}

/** The parts of an escpos-usb adapter (an instance of its `USB` class) this transport uses. */
export interface EscposUsbAdapter {
  device: UsbDevice | null;
  /** Set by `open`: the first OUT endpoint of the printer. */
  endpoint?: UsbEndpoint;
  open(callback: (error?: Error | null) => void): unknown;
  write(data: Buffer, callback: (error?: Error | null) => void): unknown;
  close(callback?: (error?: Error | null) => void): unknown;
}

/** Which printer and how long to wait for it. */
export interface UsbPrinterOptions {
  /** USB vendor and product id; without them, the first device of the printer class. */
  vendorId?: number;
  productId?: number;
  /** Makes the adapter (default: escpos-usb's `USB`); tests pass a fake device here. */
  createAdapter?: (vendorId?: number, productId?: number) => EscposUsbAdapter;
  /** Time for opening the device (default 3000 ms). */
  openTimeoutMs?: number;
  /** Time for each status reply (default 1000 ms). */
  statusTimeoutMs?: number;
  /** Time for the printer to take the job (default 15000 ms). */
  writeTimeoutMs?: number;
  /** Every status read, e.g. to report "paper near end" to the server. */
  onStatus?: (status: PrinterStatus) => void;
}

/** USB printer class request GET_PORT_STATUS (class, interface, device-to-host). */
const GET_PORT_STATUS = { bmRequestType: 0xa1, bRequest: 0x01 } as const;
const PORT_PAPER_EMPTY = 0x20;
const PORT_SELECTED = 0x10;
const PORT_NOT_ERROR = 0x08;

/** libusb transfer status / error numbers that mean "timed out" and "device gone". */
const LIBUSB_TRANSFER_TIMED_OUT = 2;
const LIBUSB_ERROR_TIMEOUT = -7;
const LIBUSB_TRANSFER_NO_DEVICE = 5;
const LIBUSB_ERROR_NO_DEVICE = -4;

const require = createRequire(import.meta.url);

/** escpos-usb's adapter, loaded on first use so a kiosk without USB printing never loads libusb. */
function escposUsbAdapter(vendorId?: number, productId?: number): EscposUsbAdapter {
  const USB = require('escpos-usb') as new (vid?: number, pid?: number) => EscposUsbAdapter;
  return new USB(vendorId, productId);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function libusbCode(e: unknown): number | undefined {
  const errno = (e as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' ? errno : undefined;
}

/** A USB transfer error as the printer error it means. */
function transferError(e: unknown, where: string, what: string): PrinterError {
  const errno = libusbCode(e);
  const message = messageOf(e);
  if (errno === LIBUSB_TRANSFER_TIMED_OUT || errno === LIBUSB_ERROR_TIMEOUT || /TIMED_OUT|TIMEOUT/.test(message)) {
    return new PrinterError('PRINTER_TIMEOUT', `${where}: ${what} timed out`, { cause: e });
  }
  if (errno === LIBUSB_TRANSFER_NO_DEVICE || errno === LIBUSB_ERROR_NO_DEVICE || /NO_DEVICE/.test(message)) {
    return new PrinterError('PRINTER_DISCONNECTED', `${where}: printer unplugged during ${what}`, { cause: e });
  }
  return new PrinterError('PRINTER_DISCONNECTED', `${where}: ${what} failed (${message})`, { cause: e });
}

/**
 * Run a callback-style USB call with a timer of our own: libusb's own timeout is set too, but a
 * callback that never comes (a wedged driver) must not hang the kiosk.
 */
function withTimeout<T>(
  start: (done: Callback<T>) => void,
  timeoutMs: number,
  onTimeout: () => PrinterError,
  onError: (e: unknown) => PrinterError,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(onTimeout());
    }, timeoutMs);
    const done: Callback<T> = (error, result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(onError(error));
      else resolve(result as T);
    };
    try {
      start(done);
    } catch (e) {
      done(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** A thermal printer on the kiosk PC's USB port. */
export class UsbPrinter extends JobPrinter<EscposUsbAdapter> {
  private readonly openTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly writeTimeoutMs: number;

  constructor(private readonly options: UsbPrinterOptions = {}) {
    super();
    this.openTimeoutMs = options.openTimeoutMs ?? 3000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 15000;
  }

  describe(): string {
    const { vendorId, productId } = this.options;
    const hex = (n: number): string => n.toString(16).padStart(4, '0');
    return vendorId === undefined
      ? 'usb://first-printer'
      : `usb://${hex(vendorId)}:${productId === undefined ? '*' : hex(productId)}`;
  }

  /** Find and open the device; the adapter is closed again after each job. */
  protected async open(): Promise<EscposUsbAdapter> {
    let adapter: EscposUsbAdapter;
    try {
      adapter = (this.options.createAdapter ?? escposUsbAdapter)(this.options.vendorId, this.options.productId);
    } catch (e) {
      // "Can not find printer": not plugged in, switched off, or no permission to list it.
      throw new PrinterError('PRINTER_OFFLINE', `${this.describe()}: ${messageOf(e)}`, { cause: e });
    }
    await withTimeout<void>(
      (done) => adapter.open((error) => done(error)),
      this.openTimeoutMs,
      () => new PrinterError('PRINTER_TIMEOUT', `${this.describe()}: opening the device timed out`),
      // LIBUSB_ERROR_ACCESS (udev rules / another program), LIBUSB_ERROR_BUSY, no OUT endpoint.
      (e) => new PrinterError('PRINTER_OFFLINE', `${this.describe()}: cannot open (${messageOf(e)})`, { cause: e }),
    );
    if (!adapter.endpoint) {
      throw new PrinterError('PRINTER_OFFLINE', `${this.describe()}: the device has no OUT endpoint`);
    }
    adapter.endpoint.timeout = this.writeTimeoutMs;
    return adapter;
  }

  protected close(adapter: EscposUsbAdapter): void {
    try {
      adapter.close();
    } catch {
      // Closing a device that was unplugged throws; there is nothing left to release.
    }
  }

  private write(adapter: EscposUsbAdapter, bytes: Uint8Array, timeoutMs: number, what: string): Promise<void> {
    return withTimeout<void>(
      (done) => adapter.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) => done(error)),
      timeoutMs + 500,
      () => new PrinterError('PRINTER_TIMEOUT', `${this.describe()}: ${what} timed out`),
      (e) => transferError(e, this.describe(), what),
    );
  }

  private inEndpoint(adapter: EscposUsbAdapter): UsbEndpoint | undefined {
    for (const iface of adapter.device?.interfaces ?? []) {
      if (!iface.endpoints.includes(adapter.endpoint as UsbEndpoint)) continue;
      return iface.endpoints.find((ep) => ep.direction === 'in');
    }
    return undefined;
  }

  /** DLE EOT 1, 2, 4 over the bulk endpoints, or GET_PORT_STATUS, or nothing known. */
  protected async readStatus(adapter: EscposUsbAdapter): Promise<PrinterStatus> {
    const where = this.describe();
    const input = this.inEndpoint(adapter);
    let status: PrinterStatus;
    if (input) {
      input.timeout = this.statusTimeoutMs;
      // A whole packet is asked for: asking fewer bytes than the device sends is an overflow.
      const packet = input.descriptor?.wMaxPacketSize ?? 64;
      const replies: number[] = [];
      for (const query of STATUS_QUERIES) {
        await this.write(adapter, Uint8Array.from(query), this.statusTimeoutMs, 'status query');
        const reply = await withTimeout<Buffer>(
          (done) => input.transfer(packet, (error, data) => done(error, data)),
          this.statusTimeoutMs + 500,
          () => new PrinterError('PRINTER_TIMEOUT', `${where}: no status reply`),
          (e) => transferError(e, where, 'status reply'),
        );
        const byte = reply?.[0];
        if (byte === undefined) throw new PrinterError('PRINTER_TIMEOUT', `${where}: empty status reply`);
        replies.push(byte);
      }
      const [printer = 0, offlineCause = 0, paper = 0] = replies;
      status = parsePrinterStatus(printer, paper, offlineCause);
    } else if (adapter.device?.controlTransfer) {
      const device = adapter.device;
      const iface = adapter.device.interfaces?.find((i) => i.endpoints.includes(adapter.endpoint as UsbEndpoint));
      const wIndex = ((iface?.interfaceNumber ?? 0) << 8) | (iface?.altSetting ?? 0);
      const reply = await withTimeout<Buffer>(
        (done) =>
          device.controlTransfer?.(GET_PORT_STATUS.bmRequestType, GET_PORT_STATUS.bRequest, 0, wIndex, 1, done),
        this.statusTimeoutMs,
        () => new PrinterError('PRINTER_TIMEOUT', `${where}: no port status`),
        (e) => transferError(e, where, 'port status'),
      );
      const port = reply?.[0] ?? PORT_SELECTED | PORT_NOT_ERROR;
      status = {
        online: (port & PORT_SELECTED) !== 0 && (port & PORT_NOT_ERROR) !== 0,
        coverOpen: false,
        paperNearEnd: false,
        paperOut: (port & PORT_PAPER_EMPTY) !== 0,
      };
    } else {
      status = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false };
    }
    return status;
  }

  protected send(adapter: EscposUsbAdapter, bytes: Uint8Array): Promise<void> {
    return this.write(adapter, bytes, this.writeTimeoutMs, 'sending the job');
  }

  protected onStatus(status: PrinterStatus): void {
    this.options.onStatus?.(status);
  }
}
