/**
 * Plain-data builders for tests in every workspace: one centre's settings, a service, a counter, a
 * ticket, a service's figures. Each builder gives a valid value with dull defaults; a test names
 * only what it is about (`ticketFixture({ state: 'called', counterId })`).
 * Imported as `@layso/shared/testing`, never by product code.
 */
import { DEFAULT_QUEUE_POLICY, DEFAULT_RATING_SETTINGS, NOT_YET_CALLED } from '../domain/model.js';
import type { CentreId, Counter, CounterId, ServiceId, Service, Settings, Ticket, TicketId } from '../domain/model.js';
import type { ServiceStats } from '../protocol/views.js';

export const FIXTURE_DATE = '2026-03-10';

export function settingsFixture(over: Partial<Settings> = {}): Settings {
  return {
    centreId: 'unit' as CentreId,
    centreNameVi: 'Trung tâm',
    centreNameEn: 'Centre',
    timeZone: 'Asia/Ho_Chi_Minh',
    dayStartsAt: '00:00',
    endOfDay: 'expire',
    queue: DEFAULT_QUEUE_POLICY,
    ticketHeader: '',
    ticketFooter: '',
    displayNotice: '',
    kioskRateLimitPerMin: 0,
    demo: false,
    rating: DEFAULT_RATING_SETTINGS,
    ...over,
  };
}

export function serviceFixture(id: string, over: Partial<Service> = {}): Service {
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
    ...over,
  };
}

export function counterFixture(number: number, serviceIds: readonly string[], over: Partial<Counter> = {}): Counter {
  return {
    id: `quay-${number}` as CounterId,
    number,
    name: `Quầy ${number}`,
    serviceIds: serviceIds as ServiceId[],
    state: 'closed',
    officerId: null,
    pauseReason: null,
    priorityStreak: 0,
    ...over,
  };
}

/** A waiting ticket no counter has touched; `number` also names its id and display number. */
export function ticketFixture(number: number, over: Partial<Ticket> = {}): Ticket {
  return {
    id: `ticket-${String(number).padStart(12, '0')}` as TicketId,
    serviceId: 'ho-tich' as ServiceId,
    businessDate: FIXTURE_DATE,
    number,
    displayNumber: String(number),
    priority: null,
    state: 'waiting',
    issuedAt: 0,
    queueKey: 0,
    queueTie: number,
    targetCounterId: null,
    ...NOT_YET_CALLED,
    transferredFromId: null,
    note: null,
    ...over,
  };
}

export function statsFixture(serviceId: string, over: Partial<ServiceStats> = {}): ServiceStats {
  return {
    serviceId: serviceId as ServiceId,
    waiting: 0,
    waitingPriority: 0,
    openCounters: 1,
    estimateMinutes: 0,
    oldestWaitingSince: null,
    issuing: true,
    ...over,
  };
}
