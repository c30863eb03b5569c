/** Plain-data builders for the staff app's unit tests. */
import {
  type CounterId,
  type CounterView,
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
import { serviceFixture, settingsFixture, statsFixture, ticketFixture } from '@layso/shared/testing';

export const T0 = Date.UTC(2026, 2, 10, 2, 0, 0);

export const service = (id: string, over: Partial<Service> = {}): Service => serviceFixture(id, { hours: { open: '00:00', close: '24:00' }, ...over });

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
  return ticketFixture(n, { id: `ticket-${String(n).padStart(12, '0')}-${serviceId}` as TicketId, serviceId: serviceId as ServiceId, issuedAt: T0 + n, queueKey: T0 + n, queueTie: tie, ...over });
}

export const stats = (serviceId: string, over: Partial<ServiceStats> = {}): ServiceStats => statsFixture(serviceId, over);

export const settings: Settings = settingsFixture({ centreId: 'demo' as CentreId, centreNameVi: 'Trung tâm thử', centreNameEn: 'Test centre', kioskRateLimitPerMin: 20, demo: true });

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
