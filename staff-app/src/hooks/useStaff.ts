import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StaffConnection, StaffView } from '../lib/staff-client.js';

export const StaffContext = createContext<StaffConnection | null>(null);

/** The connection and its current view (live state, status, alerts, pending actions). */
export function useStaff(): { conn: StaffConnection; view: StaffView } {
  const conn = useContext(StaffContext);
  if (!conn) throw new Error('useStaff outside a StaffContext');
  const view = useSyncExternalStore(conn.subscribe, conn.getView);
  return { conn, view };
}
