/** Plain-data builders for the staff app's unit tests. */
import {
  type CounterId,
  type CounterView,
  DEFAULT_QUEUE_POLICY,
  DEFAULT_RATING_SETTINGS,
  type Delta,
  type Service,
  type ServiceId,
  type ServiceStats,
  type Settings,
  type StaffSnapshot,
  type Ticket,
  type TicketId,
  type UserId,
  type CentreId,
} from '@layso/shared';

export const T0 = Date.UTC(2026, 2, 10, 2, 0, 0);

export function service(id: string, over: Partial<Service> = {}): Service {
  return {
    id: id as ServiceId,
    nameVi: `Dịch vụ ${id}`,
    nameEn: `Service ${id}`,
    numbering: { kind: 'range', from: 1001, to: 1999 },
    hours: { open: '00:00', close: '24:00' },
    enabled: true,
    allowPriority: true,
    avgServiceSec: 300,
    waitThresholdMin: 30,
    sortOrder: 1,
    ...over,
  };
}

export function counter(id: string, serviceIds: string[], over: Partial<CounterView> = {}): CounterView {
  return {
    id: id as CounterId,
    number: Number(id.replace(/\D/g, '')) || 1,
    name: `Quầy ${id}`,
    serviceIds: serviceIds as ServiceId[],
    state: 'open',
    officerId: 'u-canbo1' as UserId,
    pauseReason: null,
    priorityStreak: 0,
    officerName: 'Nguyễn Thị Lan',
    inHand: null,
    ...over,
  };
}

let tie = 0;
export function ticket(n: number, serviceId: string, over: Partial<Ticket> = {}): Ticket {
  tie++;
  return {
    id: `ticket-${String(n).padStart(12, '0')}-${serviceId}` as TicketId,
    serviceId: serviceId as ServiceId,
    businessDate: '2026-03-10',
    number: n,
    displayNumber: String(n),
    priority: null,
    state: 'waiting',
    issuedAt: T0 + n,
    queueKey: T0 + n,
    queueTie: tie,
    targetCounterId: null,
    counterId: null,
    onHold: false,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    callCount: 0,
    transferredFromId: null,
    note: null,
    ...over,
  };
}

export function stats(serviceId: string, over: Partial<ServiceStats> = {}): ServiceStats {
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

export const settings: Settings = {
  centreId: 'demo' as CentreId,
  centreNameVi: 'Trung tâm thử',
  centreNameEn: 'Test centre',
  timeZone: 'Asia/Ho_Chi_Minh',
  dayStartsAt: '00:00',
  endOfDay: 'expire',
  queue: DEFAULT_QUEUE_POLICY,
  ticketHeader: '',
  ticketFooter: '',
  displayNotice: '',
  kioskRateLimitPerMin: 20,
  demo: true,
  rating: DEFAULT_RATING_SETTINGS,
};

export function snapshot(seq: number, over: Partial<StaffSnapshot> = {}): StaffSnapshot {
  return {
    seq,
    serverTime: T0,
    centre: {
      centreId: 'demo' as CentreId,
      nameVi: 'Trung tâm thử',
      nameEn: 'Test centre',
      timeZone: 'Asia/Ho_Chi_Minh',
      businessDate: '2026-03-10',
      notice: '',
      ticketHeader: '',
      ticketFooter: '',
      demo: true,
    },
    services: [service('a')],
    stats: [stats('a')],
    counters: [counter('q1', ['a'])],
    recentCalls: [],
    me: { id: 'u-canbo1' as UserId, username: 'canbo1', displayName: 'Nguyễn Thị Lan', role: 'officer' },
    settings,
    tickets: [],
    ...over,
  };
}

export function delta(prevSeq: number, seq: number, over: Partial<Delta> = {}): Delta {
  return { prevSeq, seq, serverTime: T0 + seq * 1000, ...over };
}
