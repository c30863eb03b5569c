/**
 * Coalescing deltas: two consecutive deltas become one that a client applies exactly as if it had
 * applied both. The server uses it to send kiosks (which only show waiting counts) one delta per
 * short window instead of one per ticket.
 */
import type { Delta } from '../protocol/views.js';

function mergeBy<T>(a: T[] | undefined, b: T[] | undefined, key: (x: T) => string): T[] | undefined {
  if (!a) return b;
  if (!b) return a;
  const m = new Map(a.map((x) => [key(x), x]));
  for (const x of b) {
    m.delete(key(x));
    m.set(key(x), x);
  }
  return [...m.values()];
}

function union<T extends string>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return [...new Set([...a, ...b])];
}

/** `b` must follow `a` (b.prevSeq === a.seq). */
export function mergeDeltas(a: Delta, b: Delta): Delta {
  if (b.prevSeq !== a.seq) throw new Error(`delta ${b.prevSeq}→${b.seq} does not follow ${a.prevSeq}→${a.seq}`);
  const out: Delta = { prevSeq: a.prevSeq, seq: b.seq, serverTime: b.serverTime };
  const centre = b.centre ?? a.centre;
  if (centre) out.centre = centre;
  const settings = b.settings ?? a.settings;
  if (settings) out.settings = settings;
  if (a.dayChanged || b.dayChanged) out.dayChanged = true;
  // An entity removed in `b` is gone, whatever `a` upserted; one upserted in `b` is back.
  const removedServiceIds = union(a.removedServiceIds?.filter((id) => !b.services?.some((s) => s.id === id)), b.removedServiceIds);
  const services = mergeBy(a.services, b.services, (s) => s.id)?.filter((s) => !b.removedServiceIds?.includes(s.id));
  const removedCounterIds = union(a.removedCounterIds?.filter((id) => !b.counters?.some((c) => c.id === id)), b.removedCounterIds);
  const counters = mergeBy(a.counters, b.counters, (c) => c.id)?.filter((c) => !b.removedCounterIds?.includes(c.id));
  const stats = mergeBy(a.stats, b.stats, (s) => s.serviceId);
  const tickets = mergeBy(a.tickets, b.tickets, (t) => t.id);
  const calls = a.calls || b.calls ? [...(a.calls ?? []), ...(b.calls ?? [])] : undefined;
  if (services?.length) out.services = services;
  if (removedServiceIds?.length) out.removedServiceIds = removedServiceIds;
  if (counters?.length) out.counters = counters;
  if (removedCounterIds?.length) out.removedCounterIds = removedCounterIds;
  if (stats?.length) out.stats = stats;
  if (tickets?.length) out.tickets = tickets;
  if (calls?.length) out.calls = calls;
  return out;
}
