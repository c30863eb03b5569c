/** `/public`: a citizen's phone following one ticket. Read-only; shows nothing but the ticket. */
import { LaysoError, PUBLIC_EVENTS, type PublicAcks, type PublicClientEvents, type PublicServerEvents } from '@layso/shared';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { QueueEngine } from '../engine/engine.js';
import { handlersFor } from './wrap.js';
import { RateLimiter } from './devices.js';

/** Lookups and ratings one address may make a minute: a phone needs a few, a guesser many. */
const TRACKS_PER_MIN = 30;
const RATINGS_PER_MIN = 6;

export type PublicNamespace = Namespace<PublicClientEvents, PublicServerEvents, Record<string, never>, { tracked: string[] }>;

export function setupPublic(nsp: PublicNamespace, deps: { engine: QueueEngine; log: Logger; now: () => number; limiter?: RateLimiter }): void {
  const { engine, log, now } = deps;
  const limiter = deps.limiter ?? new RateLimiter();
  nsp.on('connection', (socket) => {
    socket.data.tracked = [];
    const address = socket.handshake.address;
    const on = handlersFor<typeof PUBLIC_EVENTS, PublicAcks>(socket, PUBLIC_EVENTS, log);
    on('ticket:rate', (p) => {
      if (!limiter.allow(`rate@${address}`, now(), RATINGS_PER_MIN)) {
        throw new LaysoError('RATE_LIMITED', 'too many ratings from this address; please wait a moment');
      }
      const { rating } = engine.rate(p, { kind: 'phone' });
      return { ticketId: rating.ticketId, level: rating.level, satisfied: rating.satisfied };
    });
    on('ticket:track', (p) => {
      if (!limiter.allow(`track@${address}`, now(), TRACKS_PER_MIN)) {
        throw new LaysoError('RATE_LIMITED', 'too many lookups from this address; please wait a moment');
      }
      const status = engine.publicStatus(p.ticketId);
      if (!status) throw new LaysoError('TICKET_NOT_FOUND', 'no such ticket');
      // One phone follows a handful of tickets at most.
      if (socket.data.tracked.length < 5) {
        socket.data.tracked.push(p.ticketId);
        void socket.join(`t:${p.ticketId}`);
      }
      return status;
    });
  });
}

/** Push fresh status to the phones following tickets of the services a change touched. */
export function pushPublic(nsp: PublicNamespace, engine: QueueEngine): void {
  for (const [room] of nsp.adapter.rooms) {
    if (!room.startsWith('t:')) continue;
    const status = engine.publicStatus(room.slice(2));
    if (status) nsp.to(room).emit('ticket:status', status);
  }
}
