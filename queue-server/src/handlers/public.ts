/** `/public`: a citizen's phone following one ticket. Read-only; shows nothing but the ticket. */
import { LaysoError, PUBLIC_EVENTS, type PublicAcks, type PublicClientEvents, type PublicServerEvents } from '@layso/shared';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { QueueEngine } from '../engine/engine.js';
import { handlersFor } from './wrap.js';

export type PublicNamespace = Namespace<PublicClientEvents, PublicServerEvents, Record<string, never>, { tracked: string[] }>;

export function setupPublic(nsp: PublicNamespace, deps: { engine: QueueEngine; log: Logger }): void {
  const { engine, log } = deps;
  nsp.on('connection', (socket) => {
    socket.data.tracked = [];
    const on = handlersFor<typeof PUBLIC_EVENTS, PublicAcks>(socket, PUBLIC_EVENTS, log);
    on('ticket:track', (p) => {
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
