/**
 * The kiosk's reception area (a device setting): the services it offers. Given once in the
 * address (`/kiosk/?services=ho-tich,cu-tru`, as a display takes it) and remembered on the device,
 * so the kiosk keeps offering only its area's services after a restart; `?services=` with nothing
 * after it goes back to every service. null: every service.
 */
const KEY = 'layso.kiosk.services';

export function kioskArea(search: string, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): string[] | null {
  const q = new URLSearchParams(search);
  if (q.has('services')) {
    const ids = (q.get('services') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (ids.length === 0) {
      storage.removeItem(KEY);
      return null;
    }
    storage.setItem(KEY, JSON.stringify(ids));
    return ids;
  }
  try {
    const stored: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (Array.isArray(stored) && stored.length > 0 && stored.every((x) => typeof x === 'string')) return stored as string[];
  } catch {
    // A damaged entry: every service.
  }
  return null;
}
