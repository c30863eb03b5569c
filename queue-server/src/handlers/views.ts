/** Snapshots and deltas for each role, built from the engine. */
import {
  DEFAULT_ELDERLY_AGE,
  appointmentPolicyOf,
  type CentreInfo,
  type Delta,
  type DisplaySnapshot,
  type KioskSnapshot,
  type StaffSnapshot,
  type StaffUser,
} from '@layso/shared';
import type { Change, KioskArea, QueueEngine } from '../engine/engine.js';

export function centreInfo(engine: QueueEngine): CentreInfo {
  const s = engine.getSettings();
  return {
    centreId: s.centreId,
    nameVi: s.centreNameVi,
    nameEn: s.centreNameEn,
    timeZone: s.timeZone,
    businessDate: engine.businessDate,
    notice: s.displayNotice,
    ticketHeader: s.ticketHeader,
    ticketFooter: s.ticketFooter,
    demo: s.demo,
    resultsServiceId: s.resultsServiceId ?? null,
    elderlyAge: s.elderlyAge ?? DEFAULT_ELDERLY_AGE,
    appointments: appointmentPolicyOf(s).enabled,
  };
}

export function kioskSnapshot(engine: QueueEngine, now: number, area: KioskArea = null): KioskSnapshot {
  return {
    seq: engine.lastSeq,
    serverTime: now,
    centre: centreInfo(engine),
    services: engine.listServices(),
    stats: engine.allStats(),
    rateLimitPerMin: engine.getSettings().kioskRateLimitPerMin,
    area: area === null ? null : [...area],
  };
}

export function displaySnapshot(engine: QueueEngine, now: number): DisplaySnapshot {
  return {
    seq: engine.lastSeq,
    serverTime: now,
    centre: centreInfo(engine),
    services: engine.listServices(),
    stats: engine.allStats(),
    counters: engine.counterViews(),
    recentCalls: engine.calls(),
  };
}

export function staffSnapshot(engine: QueueEngine, me: StaffUser, now: number): StaffSnapshot {
  return {
    ...displaySnapshot(engine, now),
    me,
    settings: engine.getSettings(),
    tickets: engine.liveTickets(),
  };
}

export interface RoleDeltas {
  kiosk: Delta;
  display: Delta;
  staff: Delta;
}

/** One change, as each role may see it. Every role gets every seq, so gaps are detectable. */
export function deltasOf(engine: QueueEngine, change: Change, now: number): RoleDeltas {
  const base: Delta = { prevSeq: change.prevSeq, seq: change.seq, serverTime: now };
  if (change.dayChanged) base.dayChanged = true;
  if (change.settingsChanged || change.dayChanged) base.centre = centreInfo(engine);
  if (change.serviceIds.length > 0) {
    base.stats = change.serviceIds.map((id) => engine.stats(id));
  }
  // Service configuration changes rarely (admin edits, learned averages): send only those.
  const services = engine.listServices().filter((s) => change.savedServiceIds.includes(s.id));
  if (services.length > 0) base.services = services;
  if (change.removedServiceIds.length > 0) base.removedServiceIds = change.removedServiceIds;
  const kiosk = base;
  const display: Delta = { ...base };
  // A ticket in hand that changed state (started, done) changes its counter's view too.
  const counterIds = new Set(change.counterIds);
  for (const t of change.tickets) if (t.counterId !== null) counterIds.add(t.counterId);
  if (counterIds.size > 0) {
    display.counters = [...counterIds]
      .map((id) => engine.getCounter(id))
      .filter((c) => c !== undefined)
      .map((c) => engine.counterView(c));
  }
  if (change.removedCounterIds.length > 0) display.removedCounterIds = change.removedCounterIds;
  if (change.calls.length > 0) display.calls = change.calls;
  const staff: Delta = { ...display };
  if (change.tickets.length > 0) staff.tickets = change.tickets;
  if (change.settingsChanged) staff.settings = engine.getSettings();
  return { kiosk, display, staff };
}
