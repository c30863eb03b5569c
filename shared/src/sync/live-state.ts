/**
 * The client side of "snapshot, then deltas with a sequence number". Pure: every app (kiosk,
 * display, staff) keeps its copy with these functions, and a client never trusts its own copy
 * over the server's: a gap in the sequence means "ask for a snapshot".
 */
import type { CentreInfo, CounterView, CallView, Delta, ServiceStats } from '../protocol/views.js';
import type { Service, Settings, Ticket } from '../domain/model.js';

/** What any client may hold; fields a role does not receive stay empty. */
export interface LiveState {
  seq: number;
  serverTime: number;
  centre: CentreInfo | null;
  services: Service[];
  stats: Record<string, ServiceStats>;
  counters: CounterView[];
  /** Newest first. */
  recentCalls: CallView[];
  tickets: Record<string, Ticket>;
  settings: Settings | null;
}

export const EMPTY_STATE: LiveState = {
  seq: 0,
  serverTime: 0,
  centre: null,
  services: [],
  stats: {},
  counters: [],
  recentCalls: [],
  tickets: {},
  settings: null,
};

const RECENT_CALLS = 30;
const LIVE_STATES = new Set(['waiting', 'called', 'serving', 'no_show']);

/** Anything shaped like one of the role snapshots. */
export interface AnySnapshot {
  seq: number;
  serverTime: number;
  centre: CentreInfo;
  services: Service[];
  stats: ServiceStats[];
  counters?: CounterView[];
  recentCalls?: CallView[];
  tickets?: Ticket[];
  settings?: Settings;
}

/** Replace everything with a snapshot. */
export function fromSnapshot(s: AnySnapshot): LiveState {
  return {
    seq: s.seq,
    serverTime: s.serverTime,
    centre: s.centre,
    services: s.services,
    stats: Object.fromEntries(s.stats.map((x) => [x.serviceId, x])),
    counters: s.counters ?? [],
    recentCalls: s.recentCalls ?? [],
    tickets: Object.fromEntries((s.tickets ?? []).map((t) => [t.id, t])),
    settings: s.settings ?? null,
  };
}

function upsert<T>(list: readonly T[], items: readonly T[] | undefined, key: (x: T) => string, removed?: readonly string[]): T[] {
  if (!items && !removed) return list as T[];
  const byKey = new Map(list.map((x) => [key(x), x]));
  for (const x of items ?? []) byKey.set(key(x), x);
  for (const k of removed ?? []) byKey.delete(k);
  return [...byKey.values()];
}

/**
 * Apply a delta. Returns `'resync'` when the delta does not follow the state's seq (something
 * was missed, or the server restarted with other history): the caller asks for a snapshot.
 * A delta already applied (seq ≤ state.seq) changes nothing.
 */
export function applyDelta(state: LiveState, d: Delta): LiveState | 'resync' {
  if (d.seq <= state.seq) return state;
  if (d.prevSeq !== state.seq || d.dayChanged) return 'resync';
  let tickets = state.tickets;
  if (d.tickets) {
    tickets = { ...tickets };
    for (const t of d.tickets) {
      if (LIVE_STATES.has(t.state)) tickets[t.id] = t;
      else delete tickets[t.id];
    }
  }
  let recentCalls = state.recentCalls;
  if (d.calls && d.calls.length > 0) {
    const seen = new Set(recentCalls.map((c) => c.callId));
    const fresh = d.calls.filter((c) => !seen.has(c.callId)).sort((a, b) => b.callId - a.callId);
    recentCalls = [...fresh, ...recentCalls].slice(0, RECENT_CALLS);
  }
  let stats = state.stats;
  if (d.stats) {
    stats = { ...stats };
    for (const s of d.stats) stats[s.serviceId] = s;
  }
  const services = upsert(state.services, d.services, (s) => s.id, d.removedServiceIds).sort(
    (a, b) => a.sortOrder - b.sortOrder,
  );
  const counters = upsert(state.counters, d.counters, (c) => c.id, d.removedCounterIds).sort(
    (a, b) => a.number - b.number,
  );
  return {
    seq: d.seq,
    serverTime: d.serverTime,
    centre: d.centre ?? state.centre,
    services,
    stats,
    counters,
    recentCalls,
    tickets,
    settings: d.settings ?? state.settings,
  };
}
