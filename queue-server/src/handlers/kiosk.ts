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
import type { QueueEngine } from '../engine/engine.js';
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
  nsp.use(deviceMiddleware('kiosk', deps.accounts, engine));
  nsp.on('connection', (socket) => {
    const device = socket.data.device;
    // Demo kiosks share one id; limit them per address instead.
    const limitKey = device.demo ? `${device.id}@${socket.handshake.address}` : device.id;
    socket.emit('snapshot', kioskSnapshot(engine, now()));
    socket.on('sync:snapshot', command(Empty, () => kioskSnapshot(engine, now()), log));
    socket.on(
      'ticket:issue',
      command(IssueTicketCmd, async (cmd): Promise<IssuedTicket> => {
        // A retry of a tap that already has its ticket is answered, never rate-limited.
        const limit = engine.getSettings().kioskRateLimitPerMin;
        if (!engine.issuedFor(cmd.requestId) && !limiter.allow(limitKey, now(), limit)) {
          throw new LaysoError('RATE_LIMITED', 'too many tickets from this kiosk; please wait a moment');
        }
        const issued = engine.issue(cmd, device.id);
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
