/**
 * Hash routes of the staff app: `#/admin/<section>` and `#/reports` next to the console and the
 * board.
 */
import type { Role } from '@layso/shared';

export type Route =
  | { page: 'home' }
  | { page: 'counters' }
  | { page: 'counter'; counterId: string }
  | { page: 'board' }
  /** Staff book an appointment on a citizen's behalf (a phone call). */
  | { page: 'book' }
  | { page: 'admin'; section: string | null }
  | { page: 'reports'; section: string | null }
  | { page: 'notFound'; path: string };

/** `#/counter/quay-1` → `{ page: 'counter', counterId: 'quay-1' }`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = path === '' ? [] : path.split('/').map((p) => safeDecode(p));
  const [head, second, ...rest] = parts;
  if (head === undefined) return { page: 'home' };
  if (head === 'counters' && second === undefined) return { page: 'counters' };
  if (head === 'counter' && second !== undefined && second !== '' && rest.length === 0) return { page: 'counter', counterId: second };
  if (head === 'board' && second === undefined) return { page: 'board' };
  if (head === 'book' && second === undefined) return { page: 'book' };
  if (head === 'admin' && rest.length === 0) return { page: 'admin', section: second ?? null };
  if (head === 'reports' && rest.length === 0) return { page: 'reports', section: second ?? null };
  return { page: 'notFound', path };
}

export function hrefOf(r: Route): string {
  switch (r.page) {
    case 'home':
      return '#/';
    case 'counters':
      return '#/counters';
    case 'counter':
      return `#/counter/${encodeURIComponent(r.counterId)}`;
    case 'board':
      return '#/board';
    case 'book':
      return '#/book';
    case 'admin':
      return r.section ? `#/admin/${encodeURIComponent(r.section)}` : '#/admin';
    case 'reports':
      return r.section ? `#/reports/${encodeURIComponent(r.section)}` : '#/reports';
    case 'notFound':
      return `#/${r.path}`;
  }
}

/** Where "home" leads: an officer to its counter (or the list), a manager to the board. */
export function homeRoute(role: Role, myCounterId: string | null): Route {
  if (role !== 'officer') return { page: 'board' };
  return myCounterId ? { page: 'counter', counterId: myCounterId } : { page: 'counters' };
}

/**
 * Whether a role may see a page (the server checks every command anyway). A manager reads
 * administration (the server lets managers read it) but changes nothing there.
 */
export function mayView(role: Role, r: Route): boolean {
  switch (r.page) {
    case 'board':
    case 'reports':
    case 'admin':
      return role === 'manager' || role === 'admin';
    default:
      return true;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
