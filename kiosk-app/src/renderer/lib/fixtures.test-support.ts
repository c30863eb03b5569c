/** Plain data for the unit tests of the kiosk's pure modules (on the shared builders). */
import type { IssuedTicket, PriorityCategory, Service, ServiceStats } from '@layso/shared';
import { serviceFixture, statsFixture, ticketFixture } from '@layso/shared/testing';

export const service = (id: string, patch: Partial<Service> = {}): Service => serviceFixture(id, patch);

export const stats = (id: string, patch: Partial<ServiceStats> = {}): ServiceStats => statsFixture(id, patch);

export function issued(number = 1023, priority: PriorityCategory | null = null, print: IssuedTicket['print'] = { status: 'none' }): IssuedTicket {
  const ticket = ticketFixture(number, { priority, issuedAt: 1_000, queueKey: 1_000, queueTie: 1 });
  return {
    ticket,
    peopleAhead: 4,
    estimateMinutes: 12,
    trackingPath: `/t/${ticket.id}`,
    replayed: false,
    print,
  };
}
