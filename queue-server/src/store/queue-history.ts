/** What the rulebook looks up off the hot path, answered from SQLite. */
import type { BusinessDate, Numbering, QueueHistory, ServiceId, Ticket, TicketId } from '@layso/shared';
import type { TicketRepo } from './ticket-repo.js';
import type { AdminRepo } from './admin-repo.js';
import type { RatingRepo } from './rating-repo.js';

export function sqliteHistory(tickets: TicketRepo, admin: AdminRepo, ratings: RatingRepo, today: () => BusinessDate): QueueHistory {
  return {
    pastTicket: (id: TicketId): Ticket | undefined => tickets.byId(id) ?? undefined,
    numberGiven: (displayNumber) => tickets.numberTaken(today(), displayNumber),
    numberGivenIn: (numbering: Numbering, except: ServiceId) => {
      const r = admin.numberUsedElsewhere(numbering, today(), except);
      return r ? { displayNumber: r.displayNumber, serviceId: r.serviceId as ServiceId } : null;
    },
    idEverUsed: (kind, id) => admin.idTaken(kind === 'service' ? 'services' : 'counters', id),
    rated: (id) => ratings.rated(id),
  };
}
