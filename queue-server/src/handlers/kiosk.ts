/** `/kiosk`: take a number. */
import {
  HandshakeAuth,
  KIOSK_EVENTS,
  kioskAreaOf,
  LaysoError,
  appointmentPolicyOf,
  checkInWindow,
  type IssuedTicket,
  type KioskAcks,
  type KioskClientEvents,
  type KioskServerEvents,
  type PrinterStatusReport,
  type Ticket,
} from '@layso/shared';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.js';
import type { QueueEngine } from '../engine/engine.js';
import type { KioskArea } from '../engine/engine.js';
import { handlersFor } from './wrap.js';
import { kioskSnapshot } from './views.js';
import { deviceMiddleware, RateLimiter, type DeviceIdentity } from './devices.js';

/** `reconfigure`: the admin changed this device's configuration (its reception area). */
export type KioskNamespace = Namespace<KioskClientEvents, KioskServerEvents, Record<string, never>, { device: DeviceIdentity; reconfigure?: () => void }>;

/** Printing by the server, for browser kiosks whose device config names a network printer. */
export type ServerPrint = (ticket: Ticket, device: DeviceIdentity, language: 'vi' | 'en') => Promise<IssuedTicket['print']>;

export interface KioskDeps {
  engine: QueueEngine;
  accounts: Accounts;
  log: Logger;
  now: () => number;
  print?: ServerPrint;
  onPrinterStatus?: (device: DeviceIdentity, status: PrinterStatusReport) => void;
}

/** Print outcomes kept for retries of the same tap (a kiosk that lost the answer asks again). */
const PRINTS_KEPT = 500;

export function setupKiosk(nsp: KioskNamespace, deps: KioskDeps): void {
  const { engine, log, now } = deps;
  const limiter = new RateLimiter();
  const prints = new Map<string, IssuedTicket['print']>();
  const keep = (ticketId: string, p: IssuedTicket['print']): void => {
    prints.delete(ticketId);
    prints.set(ticketId, p);
    if (prints.size > PRINTS_KEPT) prints.delete(prints.keys().next().value!);
  };
  /**
   * The answer never waits for the printer: the ticket is answered once it is on disk, printing
   * follows, and its outcome is sent to the device as `ticket:printed` (to every connection of
   * that device, so a kiosk that reconnected meanwhile hears it too).
   */
  const printAfterAnswer = (ticket: Ticket, device: DeviceIdentity, language: 'vi' | 'en', print: ServerPrint): void => {
    keep(ticket.id, { status: 'printing' });
    void print(ticket, device, language)
      .catch((e: unknown): IssuedTicket['print'] => {
        log.error({ err: e, device: device.id }, 'server print threw');
        return { status: 'failed', errorCode: 'PRINTER_OFFLINE' };
      })
      .then((outcome) => {
        const status = outcome.status === 'printing' ? 'failed' : outcome.status;
        const ended = { status, ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}) };
        keep(ticket.id, ended);
        nsp.to(`device:${device.id}`).emit('ticket:printed', { ticketId: ticket.id, ...ended });
      });
  };
  nsp.use(deviceMiddleware('kiosk', deps.accounts, engine));
  nsp.on('connection', (socket) => {
    const device = socket.data.device;
    // Per device: the demo centre's browsers are one device (a fresh loopback address such as
    // 127.0.0.3 must not get a fresh allowance).
    const limitKey = device.id;
    const on = handlersFor<typeof KIOSK_EVENTS, KioskAcks>(socket, KIOSK_EVENTS, log);
    void socket.join(`device:${device.id}`);
    let area = areaOf(socket.handshake.auth, device);
    socket.data.reconfigure = () => {
      area = areaOf(socket.handshake.auth, device);
      socket.emit('snapshot', kioskSnapshot(engine, now(), area));
    };
    socket.emit('snapshot', kioskSnapshot(engine, now(), area));
    on('sync:snapshot', () => kioskSnapshot(engine, now(), area));
    const allow = (requestId: string): void => {
      // A retry of a tap that already has its ticket is answered, never rate-limited.
      const limit = engine.getSettings().kioskRateLimitPerMin;
      if (!limiter.allow(limitKey, now(), limit) && !engine.issuedFor(requestId)) {
        throw new LaysoError('RATE_LIMITED', 'too many tickets from this kiosk; please wait a moment');
      }
    };
    /** Print a fresh ticket after answering; a retry never prints again but says how the first went. */
    const printOf = (ticket: Ticket, replayed: boolean, cmd: { print: boolean; language: 'vi' | 'en' }): IssuedTicket['print'] => {
      if (cmd.print && deps.print && !replayed) printAfterAnswer(ticket, device, cmd.language, deps.print);
      return prints.get(ticket.id) ?? { status: 'none' };
    };
    on('ticket:issue', async (cmd) => {
      allow(cmd.requestId);
      const issued = await engine.issueQueued(cmd, device.id, area);
      return { ...issued, trackingPath: `/t/${issued.ticket.id}`, print: printOf(issued.ticket, issued.replayed, cmd) };
    });
    on('appointment:checkIn', async (cmd) => {
      allow(cmd.requestId);
      const r = engine.checkIn(cmd, device.id, area);
      return {
        ticket: r.ticket,
        peopleAhead: r.peopleAhead,
        estimateMinutes: r.estimateMinutes,
        replayed: r.replayed,
        trackingPath: `/t/${r.ticket.id}`,
        print: printOf(r.ticket, r.replayed, cmd),
        outcome: r.outcome,
        slotAt: r.appointment.slotAt,
      };
    });
    on('appointment:find', (cmd) => {
      const a = engine.appointments.byCode(cmd.code);
      if (!a || a.state !== 'booked') throw new LaysoError('APPOINTMENT_NOT_FOUND', 'no booking to come has this code');
      const w = checkInWindow(a, appointmentPolicyOf(engine.getSettings()), a.slotAt);
      return { serviceId: a.serviceId, businessDate: a.businessDate, slotAt: a.slotAt, opensAt: w.opensAt, closesAt: w.closesAt };
    });
    on('results:checkIn', async (cmd) => {
      allow(cmd.requestId);
      const found = engine.results.lookup(cmd.code);
      const serviceId = found?.serviceId ?? engine.getSettings().resultsServiceId ?? null;
      if (!serviceId) throw new LaysoError('SERVICE_NOT_FOUND', 'this centre has no results service');
      const service = engine.live.service(serviceId);
      const priority = service?.allowPriority ? cmd.priority : null;
      // Results are picked up at any kiosk: no reception area limits the results service.
      const issued = await engine.issueQueued({ requestId: cmd.requestId, serviceId, priority, print: cmd.print, language: cmd.language }, device.id);
      if (found && !issued.replayed) engine.results.markPickedUp(cmd.code, issued.ticket.id, now());
      return {
        ...issued,
        trackingPath: `/t/${issued.ticket.id}`,
        print: printOf(issued.ticket, issued.replayed, cmd),
        ready: found !== null,
        readyAt: found?.readyAt ?? null,
      };
    });
    on('kiosk:printerStatus', (s) => {
      deps.onPrinterStatus?.(device, s);
      return null;
    });
  });
}

/**
 * A kiosk's reception area: a paired kiosk's is its device configuration (set by the admin); a
 * demo kiosk on the server's own machine names it in its handshake (its address's `?services=`).
 */
function areaOf(auth: unknown, device: DeviceIdentity): KioskArea {
  if (!device.demo) return kioskAreaOf(device.config);
  const parsed = HandshakeAuth.safeParse(auth);
  const ids = parsed.success ? parsed.data.services : undefined;
  return kioskAreaOf({ serviceIds: ids ?? null });
}
