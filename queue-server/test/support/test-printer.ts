/**
 * A thermal printer on a real TCP port, for tests: it reads the ESC/POS stream command by command
 * as a printer does, answers DLE EOT 1/2/3/4 at once from its simulated state (paper out, cover
 * open, offline), and records each job (the bytes from ESC @ to the cut, status queries taken
 * out). It can also drop the connection in the middle of a job, or stay silent to status queries.
 */
import { createServer, type Socket } from 'node:net';
import { EscPosDecodeError, readEscPosCommand } from '@layso/shared';

/** A running test printer. */
export interface TestPrinter {
  port: number;
  /** Jobs received whole, in order, without the status queries. */
  jobs: Uint8Array[];
  /** DLE EOT queries answered (or ignored, when silent). */
  statusQueries: number;
  /** Roll paper end: offline, paper end sensor, and the offline cause "paper end stop". */
  setPaperOut(on: boolean): void;
  setPaperNearEnd(on: boolean): void;
  /** Cover open: offline with cause "cover open". */
  setCoverOpen(on: boolean): void;
  /** Offline for another reason (an error). */
  setOffline(on: boolean): void;
  /** Drop (reset) the connection as soon as job data arrives; the job is lost. */
  disconnectMidJob(on: boolean): void;
  /** Never answer status queries, like a printer without real-time status on its network port. */
  setSilent(on: boolean): void;
  /**
   * A slow printer: after each job it is busy printing for `ms`, and answers the status queries
   * that follow only then (as a real printer answers DLE EOT once the job's lines are out).
   */
  setPrintTime(ms: number): void;
  close(): Promise<void>;
}

/** Start a test printer on 127.0.0.1; `port: 0` picks a free port. */
export async function startTestPrinter(options: { port?: number } = {}): Promise<TestPrinter> {
  const state = { paperOut: false, nearEnd: false, coverOpen: false, offline: false, dropMidJob: false, silent: false, printMs: 0 };
  const sockets = new Set<Socket>();
  const printer: Omit<TestPrinter, 'port'> = {
    jobs: [],
    statusQueries: 0,
    setPaperOut: (on) => void (state.paperOut = on),
    setPaperNearEnd: (on) => void (state.nearEnd = on),
    setCoverOpen: (on) => void (state.coverOpen = on),
    setOffline: (on) => void (state.offline = on),
    disconnectMidJob: (on) => void (state.dropMidJob = on),
    setSilent: (on) => void (state.silent = on),
    setPrintTime: (ms) => void (state.printMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  /** The reply byte to DLE EOT n, as an Epson printer sets its bits (fixed bits 1 and 4 on). */
  function statusByte(n: number): number {
    const offline = state.offline || state.coverOpen || state.paperOut;
    switch (n) {
      case 1:
        return 0x12 | (offline ? 0x08 : 0);
      case 2:
        return 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperOut ? 0x20 : 0) | (state.offline ? 0x40 : 0);
      case 4:
        return 0x12 | (state.nearEnd || state.paperOut ? 0x0c : 0) | (state.paperOut ? 0x60 : 0);
      default:
        return 0x12;
    }
  }

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let pending = new Uint8Array(0);
    let job: Uint8Array[] = [];
    let dropped = false;
    let busyUntil = 0;
    const finishJob = (): void => {
      if (job.length === 0) return;
      const size = job.reduce((n, part) => n + part.length, 0);
      const whole = new Uint8Array(size);
      let at = 0;
      for (const part of job) {
        whole.set(part, at);
        at += part.length;
      }
      printer.jobs.push(whole);
      job = [];
    };
    socket.on('data', (chunk: Buffer) => {
      if (dropped) return;
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      let offset = 0;
      while (offset < joined.length) {
        let read: ReturnType<typeof readEscPosCommand>;
        try {
          read = readEscPosCommand(joined, offset);
        } catch (e) {
          if (!(e instanceof EscPosDecodeError)) throw e;
          // A real printer would print garbage; keep it in the job so the test's decode fails.
          job.push(joined.slice(offset));
          offset = joined.length;
          break;
        }
        if (!read) break;
        const { command, length } = read;
        if (command.kind === 'status') {
          printer.statusQueries++;
          if (!state.silent) {
            const reply = Uint8Array.of(statusByte(command.n));
            const wait = busyUntil - Date.now();
            if (wait > 0) setTimeout(() => void (socket.destroyed || socket.write(reply)), wait);
            else socket.write(reply);
          }
        } else {
          if (state.dropMidJob) {
            dropped = true;
            job = [];
            socket.resetAndDestroy();
            return;
          }
          job.push(joined.slice(offset, offset + length));
          if (command.kind === 'cut') {
            finishJob();
            busyUntil = Date.now() + state.printMs;
          }
        }
        offset += length;
      }
      pending = joined.slice(offset);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (!dropped) finishJob();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('test printer has no port');
  return Object.assign(printer, { port: address.port });
}
