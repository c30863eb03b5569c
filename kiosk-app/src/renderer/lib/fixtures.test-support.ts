/** Plain data for the unit tests of the kiosk's pure modules. */
import type { IssuedTicket, PriorityCategory, Service, ServiceId, ServiceStats, TicketId } from '@layso/shared';

export function service(id: string, patch: Partial<Service> = {}): Service {
  return {
    id: id as ServiceId,
    nameVi: `Dịch vụ ${id}`,
    nameEn: `Service ${id}`,
    numbering: { kind: 'range', from: 1001, to: 1999 },
    hours: { open: '07:30', close: '17:00' },
    enabled: true,
    allowPriority: true,
    avgServiceSec: 300,
    waitThresholdMin: 30,
    sortOrder: 1,
    ...patch,
  };
}

export function stats(id: string, patch: Partial<ServiceStats> = {}): ServiceStats {
  return {
    serviceId: id as ServiceId,
    waiting: 0,
    waitingPriority: 0,
    openCounters: 1,
    estimateMinutes: 0,
    oldestWaitingSince: null,
    issuing: true,
    ...patch,
  };
}

export function issued(number = 1023, priority: PriorityCategory | null = null, print: IssuedTicket['print'] = { status: 'none' }): IssuedTicket {
  const id = `ticket-${number}-abcdefghijkl` as TicketId;
  return {
    ticket: {
      id,
      serviceId: 'ho-tich' as ServiceId,
      businessDate: '2026-03-10',
      number,
      displayNumber: String(number),
      priority,
      state: 'waiting',
      issuedAt: 1_000,
      queueKey: 1_000,
      queueTie: 1,
      targetCounterId: null,
      counterId: null,
      onHold: false,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      callCount: 0,
      transferredFromId: null,
      note: null,
    },
    peopleAhead: 4,
    estimateMinutes: 12,
    trackingPath: `/t/${id}`,
    replayed: false,
    print,
  };
}
