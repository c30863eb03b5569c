/** Who sends a command: the rulebook decides what each may do. */
import type { Role, UserId } from './model.js';

/** Officers act on their own counter; managers and admins on any; the system runs the day. */
export type Actor =
  | { kind: 'kiosk'; deviceId: string }
  | { kind: 'staff'; userId: UserId; role: Role }
  | { kind: 'system' };

/** How an actor is written in the event log (`kiosk:<device>`, `user:<id>`, `system`). */
export function actorKey(a: Actor): string {
  if (a.kind === 'kiosk') return `kiosk:${a.deviceId}`;
  if (a.kind === 'staff') return `user:${a.userId}`;
  return 'system';
}

/** Managers, admins and the system may act on any counter and any ticket. */
export function isManager(a: Actor): boolean {
  return a.kind === 'system' || (a.kind === 'staff' && a.role !== 'officer');
}
