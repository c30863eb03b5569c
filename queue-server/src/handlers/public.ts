/** `/public`: a citizen's phone following one ticket. Read-only; shows nothing but the ticket. */
import { LaysoError, TicketId, type PublicClientEvents, type PublicServerEvents } from '@layso/shared';
import { z } from 'zod';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { QueueEngine } from '../engine/engine.js';
import { command } from './wrap.js';

export type PublicNamespace = Namespace<PublicClientEvents, PublicServerEvents, Record<string, never>, { tracked: string[] }>;

const Track = z.object({ ticketId: TicketId });

export function setupPublic(nsp: PublicNamespace, deps: { engine: QueueEngine; log: Logger }): void {
  const { engine, log } = deps;
  nsp.on('connection', (socket) => {
    socket.data.tracked = [];
    socket.on('ticket:track', command(Track, (p) => {
      const status = engine.publicStatus(p.ticketId);
      if (!status) throw new LaysoError('TICKET_NOT_FOUND', 'no such ticket');
      // One phone follows a handful of tickets at most.
      if (socket.data.tracked.length < 5) {
        socket.data.tracked.push(p.ticketId);
        void socket.join(`t:${p.ticketId}`);
      }
      return status;
    }, log));
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
