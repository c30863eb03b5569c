/** `/kiosk`: take a number. */
import {
  IssueTicketCmd,
  LaysoError,
  type IssuedTicket,
  type KioskClientEvents,
  type KioskServerEvents,
  type Ticket,
} from '@layso/shared';
import { z } from 'zod';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.js';
import type { IssueOutcome, QueueEngine } from '../engine/engine.js';
import { command, Empty } from './wrap.js';
import { kioskSnapshot } from './views.js';
import { deviceMiddleware, RateLimiter, type DeviceIdentity } from './devices.js';

export type KioskNamespace = Namespace<KioskClientEvents, KioskServerEvents, Record<string, never>, { device: DeviceIdentity }>;

/** Printing by the server, for browser kiosks whose device config names a network printer. */
export type ServerPrint = (ticket: Ticket, device: DeviceIdentity, language: 'vi' | 'en') => Promise<IssuedTicket['print']>;

export interface KioskDeps {
  engine: QueueEngine;
  accounts: Accounts;
  log: Logger;
  now: () => number;
  print?: ServerPrint;
  onPrinterStatus?: (device: DeviceIdentity, status: { ok: boolean; code?: string; message?: string }) => void;
}

const PrinterStatus = z.object({ ok: z.boolean(), code: z.string().max(64).optional(), message: z.string().max(300).optional() });

export function setupKiosk(nsp: KioskNamespace, deps: KioskDeps): void {
  const { engine, log, now } = deps;
  const limiter = new RateLimiter();
  const issues = new IssueQueue(engine);
  nsp.use(deviceMiddleware('kiosk', deps.accounts, engine));
  nsp.on('connection', (socket) => {
    const device = socket.data.device;
    // Per device: the demo centre's browsers are one device (a fresh loopback address such as
    // 127.0.0.3 must not get a fresh allowance).
    const limitKey = device.id;
    socket.emit('snapshot', kioskSnapshot(engine, now()));
    socket.on('sync:snapshot', command(Empty, () => kioskSnapshot(engine, now()), log));
    socket.on(
      'ticket:issue',
      command(IssueTicketCmd, async (cmd): Promise<IssuedTicket> => {
        // A retry of a tap that already has its ticket is answered, never rate-limited.
        const limit = engine.getSettings().kioskRateLimitPerMin;
        if (!limiter.allow(limitKey, now(), limit) && !engine.issuedFor(cmd.requestId)) {
          throw new LaysoError('RATE_LIMITED', 'too many tickets from this kiosk; please wait a moment');
        }
        const issued = await issues.issue(cmd, device.id);
        const print: IssuedTicket['print'] =
          cmd.print && deps.print && !issued.replayed
            ? await deps.print(issued.ticket, device, cmd.language)
            : { status: 'none' };
        return { ...issued, trackingPath: `/t/${issued.ticket.id}`, print };
      }, log),
    );
    socket.on('kiosk:printerStatus', command(PrinterStatus, (s) => {
      deps.onPrinterStatus?.(device, s);
      return null;
    }, log));
  });
}

/**
 * Group commit for kiosks: the requests that arrive in one turn of the event loop (those that
 * queued up while the last commit was being written) are issued in one transaction, and each is
 * answered once that transaction is on disk.
 */
class IssueQueue {
  private waiting: { cmd: IssueTicketCmd; deviceId: string; resolve: (o: IssueOutcome) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly engine: QueueEngine) {}

  issue(cmd: IssueTicketCmd, deviceId: string): Promise<IssueOutcome> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ cmd, deviceId, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const outcomes = this.engine.issueBatch(batch);
      batch.forEach((b, i) => {
        const o = outcomes[i];
        if (o instanceof LaysoError || o === undefined) b.reject(o ?? new Error('no outcome'));
        else b.resolve(o);
      });
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}
