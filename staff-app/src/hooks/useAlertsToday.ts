import { useCallback, useMemo } from 'react';
import type { Alert } from '@layso/shared';
import { useStaff } from './useStaff.js';
import { useRemote } from './useRemote.js';

/**
 * Today's alerts as the server keeps them (`GET /api/alerts`), so a reload loses none, kept
 * current by the `alert` pushes (the same alert, by id, with its end or acknowledgement).
 * Newest first; open ones (not ended) before ended ones.
 */
export function useAlertsToday(): { alerts: Alert[]; acknowledge: (id: number) => Promise<void> } {
  const { conn, view } = useStaff();
  const remote = useRemote<{ alerts: Alert[] }>('/api/alerts');
  const alerts = useMemo(() => {
    const byId = new Map<number, Alert>();
    for (const a of remote.data?.alerts ?? []) if (a.id !== undefined) byId.set(a.id, a);
    // Pushes are newest first: the oldest applied first, so the newest state of each wins.
    for (const a of [...view.alerts].reverse()) if (a.id !== undefined) byId.set(a.id, a);
    return [...byId.values()].sort(
      (a, b) => Number(a.endedAt != null) - Number(b.endedAt != null) || (b.startedAt ?? b.at) - (a.startedAt ?? a.at),
    );
  }, [remote.data, view.alerts]);
  const acknowledge = useCallback(
    async (id: number): Promise<void> => {
      const r = await conn.api<Alert>('POST', `/api/alerts/${id}/ack`);
      if (r.ok) remote.setData((d) => ({ alerts: (d?.alerts ?? []).map((a) => (a.id === id ? r.data : a)) }));
    },
    [conn, remote],
  );
  return { alerts, acknowledge };
}
