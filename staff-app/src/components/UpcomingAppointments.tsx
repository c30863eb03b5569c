/**
 * Today's bookings still to come (up to the end of their check-in window), by slot: on the
 * officer's console (its counter's services), the manager's board and the booking page. Read
 * again every 30 s; bookings change outside the queue's deltas.
 */
import { useEffect } from 'react';
import type { UpcomingList } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useRemote } from '../hooks/useRemote.js';
import { formatClock } from '../lib/format.js';
import { ErrorNote } from './Form.js';

export const UPCOMING_POLL_MS = 30_000;

export function UpcomingAppointments(props: { serviceIds?: readonly string[]; refreshKey?: number; limit?: number; compact?: boolean }) {
  const { t, lang } = useWords();
  const { view } = useStaff();
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const list = useRemote<UpcomingList>('/api/staff/appointments/upcoming', { pollMs: UPCOMING_POLL_MS });
  const { reload } = list;
  useEffect(() => {
    if (props.refreshKey) void reload();
  }, [props.refreshKey, reload]);
  const services = view.state?.services ?? [];
  const nameOf = (id: string): string => {
    const s = services.find((x) => x.id === id);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : id;
  };
  const rows = (list.data?.appointments ?? []).filter((a) => !props.serviceIds || props.serviceIds.includes(a.serviceId)).slice(0, props.limit ?? 50);
  return (
    <section className={props.compact ? 'side-card upcoming' : 'card upcoming'} aria-labelledby="upcoming-title" data-testid="upcoming">
      <h2 id="upcoming-title">{t('upcomingTitle')}</h2>
      <ErrorNote failure={list.error} onRetry={() => void reload()} />
      {list.data && rows.length === 0 && <p className="muted">{t('noUpcoming')}</p>}
      {rows.length > 0 && (
        <table className="table admin-table compact">
          <thead>
            <tr>
              <th scope="col">{t('colSlot')}</th>
              <th scope="col">{t('fieldService')}</th>
              <th scope="col">{t('colCode')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td className="strong">{formatClock(a.slotAt, tz)}</td>
                <td>{nameOf(a.serviceId)}</td>
                <td>
                  <code>{a.code}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
