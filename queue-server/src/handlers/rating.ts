/**
 * `/rating`: a counter's rating tablet facing the citizen (a paired device whose counter is a
 * device setting). It shows the number its counter serves; when the officer finishes a ticket it
 * gets that ticket to rate, and rates only the tickets of its own counter.
 */
import {
  type Counter,
  type CounterId,
  DeviceConfig,
  HandshakeAuth,
  LaysoError,
  RATING_EVENTS,
  type RatingAcks,
  type RatingClientEvents,
  type RatingServerEvents,
  type RatingTabletState,
  type Ticket,
  isInHand,
  servedAtCounter,
} from '@layso/shared';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.js';
import type { Change, QueueEngine } from '../engine/engine.js';
import { handlersFor } from './wrap.js';
import { deviceMiddleware, RateLimiter, type DeviceIdentity } from './devices.js';

export type RatingNamespace = Namespace<RatingClientEvents, RatingServerEvents, Record<string, never>, { device: DeviceIdentity }>;

/** How long after "done" the tablet offers the rating (the tablet shows it about 30 s). */
export const PROMPT_MS = 45_000;
/** Ratings one tablet may give a minute: a counter finishes a citizen every minute or two. */
const RATINGS_PER_MIN = 6;

interface Finished {
  ticketId: Ticket['id'];
  displayNumber: string;
  finishedAt: number;
}

export interface RatingDeps {
  engine: QueueEngine;
  accounts: Accounts;
  log: Logger;
  now: () => number;
}

/** The tablets' side of the queue: set up the namespace; returns what to call on every change. */
export function setupRating(nsp: RatingNamespace, deps: RatingDeps): (change: Change) => void {
  const { engine, accounts, log, now } = deps;
  const limiter = new RateLimiter();
  // The ticket each counter finished last, to rate; dropped once rated.
  const finished = new Map<CounterId, Finished>();
  // The counter each connected tablet was last told about (by socket id).
  const shownCounter = new Map<string, CounterId | null>();

  const counterOf = (device: DeviceIdentity): Counter | null => {
    const config = DeviceConfig.safeParse(device.demo ? device.config : accounts.deviceConfig(device.id));
    const id = config.success ? (config.data.counterId ?? null) : null;
    return id ? (engine.getCounter(id) ?? null) : null;
  };

  const stateOf = (device: DeviceIdentity): RatingTabletState => {
    const settings = engine.getSettings();
    const counter = counterOf(device);
    const inHand = counter ? engine.counterView(counter).inHand : null;
    const last = counter ? finished.get(counter.id) : undefined;
    const fresh = last && now() - last.finishedAt < PROMPT_MS ? last : null;
    return {
      centreNameVi: settings.centreNameVi,
      centreNameEn: settings.centreNameEn,
      counter: counter ? { id: counter.id, number: counter.number, name: counter.name } : null,
      serving: inHand && isInHand(inHand.state) ? { displayNumber: inHand.displayNumber, state: inHand.state } : null,
      prompt: fresh,
      rating: settings.rating,
    };
  };

  nsp.use(deviceMiddleware('rating', accounts, engine));
  nsp.on('connection', (socket) => {
    const device = socket.data.device;
    // Demo tablets (a browser on the server's machine) name their counter in the handshake.
    if (device.demo) {
      const auth = HandshakeAuth.safeParse(socket.handshake.auth);
      const n = auth.success ? auth.data.counterNumber : undefined;
      const c = engine.listCounters().find((x) => x.number === n);
      device.config = { counterId: c?.id ?? null };
    }
    const limitKey = device.demo ? `${device.id}@${socket.handshake.address}` : device.id;
    const on = handlersFor<typeof RATING_EVENTS, RatingAcks>(socket, RATING_EVENTS, log);
    shownCounter.set(socket.id, counterOf(device)?.id ?? null);
    socket.on('disconnect', () => shownCounter.delete(socket.id));
    socket.emit('state', stateOf(device));
    on('sync:snapshot', () => stateOf(device));
    on('ticket:rate', (p) => {
      if (!limiter.allow(limitKey, now(), RATINGS_PER_MIN)) {
        throw new LaysoError('RATE_LIMITED', 'too many ratings from this tablet; please wait a moment');
      }
      const counter = counterOf(device);
      const { rating } = engine.rate(p, { kind: 'tablet', deviceId: device.id, counterId: counter?.id ?? null });
      return { ticketId: rating.ticketId, level: rating.level, satisfied: rating.satisfied };
    });
  });

  return (change) => {
    const touched = new Set<CounterId>(change.counterIds);
    for (const t of change.tickets) {
      if (!t.counterId) continue;
      touched.add(t.counterId);
      if (servedAtCounter(t) && t.finishedAt !== null) {
        finished.set(t.counterId, { ticketId: t.id, displayNumber: t.displayNumber, finishedAt: t.finishedAt });
      }
    }
    for (const r of change.ratings) {
      touched.add(r.counterId);
      if (finished.get(r.counterId)?.ticketId === r.ticketId) finished.delete(r.counterId);
    }
    for (const socket of nsp.sockets.values()) {
      const device = socket.data.device;
      const counter = counterOf(device);
      // An admin who gives the tablet its counter (an otherwise empty change) sees it at once.
      const moved = shownCounter.get(socket.id) !== (counter?.id ?? null);
      if (change.settingsChanged || moved || (counter && touched.has(counter.id))) {
        shownCounter.set(socket.id, counter?.id ?? null);
        socket.emit('state', stateOf(device));
      }
    }
  };
}
