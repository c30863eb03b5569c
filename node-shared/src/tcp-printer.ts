/**
 * A network thermal printer on raw TCP port 9100 (the "JetDirect" port nearly every Ethernet or
 * Wi-Fi ESC/POS printer opens). One connection per job: ask the status (DLE EOT 1, 2, 4), refuse
 * the job when the printer cannot print it, send it, ask the status again (a paper end or a
 * dropped connection during the job shows there), close. Every wait has a timeout: a kiosk must
 * never hang on a printer.
 */
import { connect as netConnect } from 'node:net';
import {
  PrinterError,
  STATUS_QUERIES,
  parsePrinterStatus,
  type PrinterStatus,
} from '@layso/shared';
import { JobPrinter } from './job-printer.js';

/** The slice of a TCP socket the printer protocol uses (`net.Socket` is one). */
export interface PrinterSocket {
  readonly destroyed: boolean;
  setNoDelay(noDelay: boolean): unknown;
  write(bytes: Uint8Array, cb: (err?: Error | null) => void): unknown;
  end(): unknown;
  destroy(): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  once(event: 'connect' | 'close', listener: () => void): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
  off(event: 'error', listener: (err: Error) => void): unknown;
}

/** Opens a TCP connection (`net.connect` in Node). */
export type PrinterConnector = (address: { host: string; port: number }) => PrinterSocket;

/** Where the printer is and how long to wait for it. */
export interface TcpPrinterOptions {
  /** Opens the TCP connection; default `net.connect` (a test may wrap it to cut the line). */
  connect?: PrinterConnector;
  host: string;
  /** Default 9100. */
  port?: number;
  /** Time to open the connection (default 3000 ms); past it the printer counts as offline. */
  connectTimeoutMs?: number;
  /** Time for the three status replies (default 2000 ms). */
  statusTimeoutMs?: number;
  /** Time for the job to be taken by the network stack (default 15000 ms). */
  writeTimeoutMs?: number;
  /**
   * Ask DLE EOT before and after each job (default true). Turn off only for a printer that does
   * not answer on its network port; then paper out and cover open go unnoticed.
   */
  queryStatus?: boolean;
  /** Every status read, e.g. to put "paper near end" on the manager's board. */
  onStatus?: (status: PrinterStatus) => void;
}

/** Connection errors that mean nothing answers at that address. */
const NOT_REACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** One open connection to the printer, with the bytes it sent us buffered for `read`. */
class PrinterConnection {
  private received: number[] = [];
  private closed: PrinterError | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly socket: PrinterSocket,
    private readonly where: string,
  ) {
    socket.on('data', (chunk: Uint8Array) => {
      for (const b of chunk) this.received.push(b);
      this.wake?.();
    });
    const drop = (cause?: unknown): void => {
      this.closed ??= new PrinterError('PRINTER_DISCONNECTED', `${where}: connection lost`, { cause });
      this.wake?.();
    };
    socket.on('error', drop);
    socket.on('end', () => drop());
    socket.on('close', () => drop());
  }

  static open(connect: PrinterConnector, host: string, port: number, timeoutMs: number, where: string): Promise<PrinterConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterError('PRINTER_OFFLINE', `${where}: no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      const onError = (e: unknown): void => {
        clearTimeout(timer);
        socket.destroy();
        const code = errorCode(e);
        const reason = code && NOT_REACHABLE.has(code) ? 'not reachable' : 'connection failed';
        reject(new PrinterError('PRINTER_OFFLINE', `${where}: ${reason} (${code ?? String(e)})`, { cause: e }));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new PrinterConnection(socket, where));
      });
    });
  }

  /** Wait until `ready()` holds, the connection drops, or the timeout passes. */
  private waitFor(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = null;
        reject(new PrinterError('PRINTER_TIMEOUT', `${this.where}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (): void => {
        if (ready()) {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        } else if (this.closed) {
          clearTimeout(timer);
          this.wake = null;
          reject(this.closed);
        }
      };
      this.wake = check;
      check();
    });
  }

  /** Send bytes; resolves once the network stack took them all. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(this.closed);
    let done = false;
    let failed: unknown = null;
    this.socket.write(bytes, (e) => {
      done = true;
      failed = e ?? null;
      this.wake?.();
    });
    return this.waitFor(() => done, timeoutMs, 'room to send the job').then(() => {
      if (failed) {
        throw new PrinterError('PRINTER_DISCONNECTED', `${this.where}: connection lost while sending`, { cause: failed });
      }
    });
  }

  /** The next `n` bytes the printer sends. */
  async read(n: number, timeoutMs: number): Promise<number[]> {
    await this.waitFor(() => this.received.length >= n, timeoutMs, 'status reply');
    return this.received.splice(0, n);
  }

  /** Ask DLE EOT 1, 2 and 4 and read the three replies. */
  async status(timeoutMs: number): Promise<PrinterStatus> {
    // Bytes that came before the question (a late reply from an earlier one) are not its answer.
    this.received = [];
    await this.write(Uint8Array.from(STATUS_QUERIES.flat()), timeoutMs);
    const [printer = 0, offlineCause = 0, paper = 0] = await this.read(STATUS_QUERIES.length, timeoutMs);
    return parsePrinterStatus(printer, paper, offlineCause);
  }

  /** Close politely (FIN after the queued bytes), and for good if the printer does not answer. */
  close(): void {
    if (this.socket.destroyed) return;
    this.socket.end();
    // Unref'd: a closing printer never keeps a process alive.
    const timer = setTimeout(() => this.socket.destroy(), 2000).unref();
    this.socket.once('close', () => clearTimeout(timer));
  }
}

/** A printer on raw TCP port 9100. */
export class TcpPrinter extends JobPrinter<PrinterConnection> {
  private readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly queryStatus: boolean;

  constructor(private readonly options: TcpPrinterOptions) {
    super();
    this.port = options.port ?? 9100;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 2000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 15000;
    this.queryStatus = options.queryStatus ?? true;
  }

  describe(): string {
    return `tcp://${this.options.host}:${this.port}`;
  }

  protected open(): Promise<PrinterConnection> {
    return PrinterConnection.open(this.options.connect ?? ((address) => netConnect(address)), this.options.host, this.port, this.connectTimeoutMs, this.describe());
  }

  protected close(conn: PrinterConnection): void {
    conn.close();
  }

  protected send(conn: PrinterConnection, bytes: Uint8Array): Promise<void> {
    return conn.write(bytes, this.writeTimeoutMs);
  }

  protected async readStatus(conn: PrinterConnection, aroundJob: boolean): Promise<PrinterStatus | null> {
    return aroundJob && !this.queryStatus ? null : conn.status(this.statusTimeoutMs);
  }

  protected onStatus(status: PrinterStatus): void {
    this.options.onStatus?.(status);
  }
}
