/** Who sends a command: the rulebook decides what each may do. */
import type { CounterId, Role, ServiceId, UserId } from './model.js';

/** Officers act on their own counter; managers and admins on any; the system runs the day. */
export type Actor =
  /** `area`: the services a kiosk of one reception area offers; absent or null: every service. */
  | { kind: 'kiosk'; deviceId: string; area?: readonly ServiceId[] | null }
  | { kind: 'staff'; userId: UserId; role: Role }
  | { kind: 'system' }
  /** A citizen's phone holding a ticket's unguessable id (the QR link): it may only rate. */
  | { kind: 'phone' }
  /** A rating tablet facing the citizen at one counter (a paired device). */
  | { kind: 'tablet'; deviceId: string; counterId: CounterId | null };

/** How an actor is written in the event log (`kiosk:<device>`, `user:<id>`, `system`). */
export function actorKey(a: Actor): string {
  if (a.kind === 'kiosk') return `kiosk:${a.deviceId}`;
  if (a.kind === 'staff') return `user:${a.userId}`;
  if (a.kind === 'tablet') return `tablet:${a.deviceId}`;
  if (a.kind === 'phone') return 'phone';
  return 'system';
}

/** Managers, admins and the system may act on any counter and any ticket. */
export function isManager(a: Actor): boolean {
  return a.kind === 'system' || (a.kind === 'staff' && a.role !== 'officer');
}
