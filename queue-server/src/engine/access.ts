/**
 * Who is acting: a signed-in staff member or a paired device becomes the rulebook's `Actor`.
 * Which namespace may send what is fixed by the protocol's tables (a kiosk's socket has only
 * kiosk events); what each actor may do to which counter or ticket is the rulebook's
 * (rules/common.ts).
 */
import type { Actor, ServiceId, StaffUser } from '@layso/shared';

export function staffActor(user: StaffUser): Actor {
  return { kind: 'staff', userId: user.id, role: user.role };
}

/** A kiosk, limited to its reception area's services when it has one. */
export function kioskActor(deviceId: string, area: readonly ServiceId[] | null = null): Actor {
  return area === null ? { kind: 'kiosk', deviceId } : { kind: 'kiosk', deviceId, area };
}

export const SYSTEM: Actor = { kind: 'system' };
