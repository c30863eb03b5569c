// Area filters: a display over the civil-status corner shows and announces only its services
// or its counters (`?services=ho-tich,cu-tru`, `?counters=1,2,3`). Pure.

import type { CallView, CounterView, Service } from '@layso/shared';

export interface AreaFilter {
  services: ReadonlySet<string> | null;
  counters: ReadonlySet<number> | null;
}

export const WHOLE_CENTRE: AreaFilter = { services: null, counters: null };

/** A call belongs to the area when both its service and its counter do. */
export function callInArea(f: AreaFilter, call: Pick<CallView, 'serviceId' | 'counterNumber'>): boolean {
  return (f.services === null || f.services.has(call.serviceId)) && (f.counters === null || f.counters.has(call.counterNumber));
}

/** A counter belongs to the area when it is listed, or serves one of the area's services. */
export function counterInArea(f: AreaFilter, counter: Pick<CounterView, 'number' | 'serviceIds'>): boolean {
  if (f.counters !== null && !f.counters.has(counter.number)) return false;
  if (f.services !== null && !counter.serviceIds.some((id) => f.services!.has(id))) return false;
  return true;
}

/** A service belongs to the area when it is listed, or one of the area's counters serves it. */
export function serviceInArea(
  f: AreaFilter,
  service: Pick<Service, 'id'>,
  counters: readonly Pick<CounterView, 'number' | 'serviceIds'>[],
): boolean {
  if (f.services !== null && !f.services.has(service.id)) return false;
  if (f.counters !== null) {
    return counters.some((c) => f.counters!.has(c.number) && c.serviceIds.includes(service.id));
  }
  return true;
}
