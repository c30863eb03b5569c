/**
 * The centre's catalog: settings, services and counters. Numbers must never be given twice in a
 * day, so the numbering rules live here: no shared prefix, no overlapping ranges, no numbering
 * change once a service has given numbers today, and ids are never reused.
 */
import { LaysoError } from '../../protocol/errors.js';
import type { Counter, CounterId, Service, ServiceId, Settings } from '../model.js';
import type { Draft } from '../queue-state.js';
import { numberingConflict } from '../numbering.js';
import { record, type RuleContext } from './common.js';

/** Replace the settings; the centre id never changes (every row and event carries it). */
export function updateSettings(d: Draft, ctx: RuleContext, next: Settings): Settings {
  const before = d.settings;
  if (next.centreId !== before.centreId) {
    throw new LaysoError('CONFLICT', 'centreId cannot change: every ticket and event of the centre carries it');
  }
  d.putSettings(next);
  record(d, ctx, { type: 'settings.updated', data: { ...next, before } });
  return next;
}

/**
 * Add a service (`create`) or change one. Two services may not share a prefix or overlapping
 * ranges; a service that gave numbers today keeps its numbering until the day closes; numbers a
 * new numbering would give must not be ones another service gave today.
 */
export function saveService(d: Draft, ctx: RuleContext, s: Service, create: boolean): Service {
  const before = d.service(s.id) ?? null;
  if (create && (before || d.history.idEverUsed('service', s.id))) {
    throw new LaysoError('CONFLICT', `the service id ${s.id} is or was in use: ids are never reused`);
  }
  if (!create && !before) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${s.id}`);
  if (s.numbering.kind === 'range' && s.numbering.from > s.numbering.to) {
    throw new LaysoError('VALIDATION', `the range ${s.numbering.from}–${s.numbering.to} ends before it starts`);
  }
  for (const other of d.services()) {
    if (other.id !== s.id && numberingConflict(other.numbering, s.numbering)) {
      throw new LaysoError('CONFLICT', `the numbering overlaps that of ${other.nameVi} (${other.id})`);
    }
  }
  if (!before || JSON.stringify(before.numbering) !== JSON.stringify(s.numbering)) {
    if (before && d.lastNumber(s.id) !== null) {
      throw new LaysoError(
        'CONFLICT',
        `${before.nameVi} has already given numbers today: change its numbering after the day closes, so no number is given twice`,
      );
    }
    const used = d.history.numberGivenIn(s.numbering, s.id);
    if (used) {
      throw new LaysoError(
        'CONFLICT',
        `number ${used.displayNumber} was already given today by service ${used.serviceId}: choose other numbers, or make the change after the day closes`,
      );
    }
  }
  d.putService(s);
  record(d, ctx, { type: 'service.saved', serviceId: s.id, data: { ...s, before } });
  return s;
}

/**
 * Remove a service. Refused while tickets of it are live (they would be stranded); counters stop
 * serving it in the same transaction.
 */
export function deleteService(d: Draft, ctx: RuleContext, id: ServiceId): void {
  const service = d.service(id);
  if (!service) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${id}`);
  let live = 0;
  for (const t of d.liveTickets()) if (t.serviceId === id) live++;
  if (live > 0) {
    throw new LaysoError(
      'CONFLICT',
      `${service.nameVi} still has ${live} live ticket(s) today (waiting, called, serving or no-show): disable it, let the queue finish, then delete it`,
    );
  }
  for (const c of [...d.counters()]) {
    if (!c.serviceIds.includes(id)) continue;
    const next = { ...c, serviceIds: c.serviceIds.filter((x) => x !== id) };
    d.putCounter(next);
    record(d, ctx, { type: 'counter.saved', counterId: c.id, data: { ...counterConfig(next), before: counterConfig(c) } });
  }
  d.removeService(id);
  record(d, ctx, { type: 'service.deleted', serviceId: id, data: { nameVi: service.nameVi, before: service } });
}

function counterConfig(c: Counter): Pick<Counter, 'number' | 'name' | 'serviceIds'> {
  return { number: c.number, name: c.name, serviceIds: c.serviceIds };
}

/**
 * Add (`create`) or change a counter's configuration: number (unique), name, services in order.
 * Its live state (open, officer, pause) is never changed here.
 */
export function saveCounter(d: Draft, ctx: RuleContext, c: Counter, create: boolean): Counter {
  const current = d.counter(c.id);
  if (create && (current || d.history.idEverUsed('counter', c.id))) {
    throw new LaysoError('CONFLICT', `the counter id ${c.id} is or was in use: ids are never reused`);
  }
  if (!create && !current) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${c.id}`);
  for (const other of d.counters()) {
    if (other.id !== c.id && other.number === c.number) {
      throw new LaysoError('CONFLICT', `counter number ${c.number} is already ${other.name} (${other.id})`);
    }
  }
  for (const id of c.serviceIds) {
    if (!d.service(id)) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${id}`);
  }
  if (new Set(c.serviceIds).size !== c.serviceIds.length) {
    throw new LaysoError('VALIDATION', 'a service is listed twice');
  }
  const next: Counter = current
    ? { ...c, state: current.state, officerId: current.officerId, pauseReason: current.pauseReason, priorityStreak: current.priorityStreak }
    : { ...c, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0 };
  d.putCounter(next);
  record(d, ctx, { type: 'counter.saved', counterId: c.id, data: { ...counterConfig(next), before: current ? counterConfig(current) : null } });
  return next;
}

/**
 * Remove a counter. Refused while it is open or paused or holds a ticket (`COUNTER_BUSY`), and
 * while a ticket waits transferred to it alone (`CONFLICT`).
 */
export function deleteCounter(d: Draft, ctx: RuleContext, id: CounterId): void {
  const counter = d.counter(id);
  if (!counter) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${id}`);
  const inHand = d.inHandOf(id);
  if (counter.state !== 'closed' || inHand) {
    throw new LaysoError('COUNTER_BUSY', `counter ${counter.number} is ${counter.state}${inHand ? ' with a ticket in hand' : ''}: close it first`);
  }
  const targeted = [...d.targetedAt(id)].length;
  if (targeted > 0) {
    throw new LaysoError('CONFLICT', `${targeted} ticket(s) wait transferred to counter ${counter.number} only`);
  }
  d.removeCounter(id);
  record(d, ctx, { type: 'counter.deleted', counterId: id, data: { number: counter.number, name: counter.name, before: counterConfig(counter) } });
}
