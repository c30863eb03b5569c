/**
 * Who is acting: a signed-in staff member or a paired device becomes the rulebook's `Actor`.
 * Which namespace may send what is fixed by the protocol's tables (a kiosk's socket has only
 * kiosk events); what each actor may do to which counter or ticket is the rulebook's
 * (rules/common.ts).
 */
import type { Actor, StaffUser } from '@layso/shared';

export function staffActor(user: StaffUser): Actor {
  return { kind: 'staff', userId: user.id, role: user.role };
}

export function kioskActor(deviceId: string): Actor {
  return { kind: 'kiosk', deviceId };
}

export const SYSTEM: Actor = { kind: 'system' };
