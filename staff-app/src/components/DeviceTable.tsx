/**
 * Kiosks and displays with their live connection (since when), address, printer and last fault.
 * Used by administration (with actions) and by the manager's board (read only).
 */
import type { ReactNode } from 'react';
import type { DeviceView } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { formatClock } from '../lib/format.js';
import { formatDate, todayIn } from '../lib/date-range.js';

export function DeviceTable(props: { devices: readonly DeviceView[]; actions?: ((d: DeviceView) => ReactNode) | undefined; compact?: boolean }) {
  const { t, lang } = useWords();
  const { view } = useStaff();
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const today = view.state?.centre?.businessDate ?? null;
  // A rating tablet's counter (a device setting): its number, or "not chosen".
  const tabletCounter = (d: DeviceView): string => {
    const c = view.state?.counters.find((x) => x.id === d.config.counterId);
    return c ? `${t('counterN', { n: String(c.number) })}` : t('tabletNoCounter');
  };
  /** A time today as HH:MM, another day with its date. */
  const when = (at: number): string => {
    const day = todayIn(at, tz);
    return day === today ? formatClock(at, tz) : `${formatClock(at, tz)} ${formatDate(day, lang)}`;
  };
  if (props.devices.length === 0) return <p className="muted">{t('noDevices')}</p>;
  const sorted = [...props.devices].sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'vi'),
  );
  return (
    <table className={`table admin-table device-table${props.compact ? ' compact' : ''}`} data-testid="devices-table">
      <thead>
        <tr>
          <th scope="col">{t('colDevice')}</th>
          <th scope="col">{t('colKind')}</th>
          <th scope="col">{t('colConnection')}</th>
          {!props.compact && <th scope="col">{t('colAddress')}</th>}
          {!props.compact && <th scope="col">{t('colPrinterOrCounter')}</th>}
          <th scope="col">{t('colLastError')}</th>
          {props.actions && <th scope="col">{t('actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {sorted.map((d) => {
          const printer = d.config.printer as { kind?: string; host?: string; port?: number; paperWidth?: number } | undefined;
          return (
            <tr key={d.id} data-device={d.id} className={d.revokedAt !== null ? 'row-off' : ''}>
              <th scope="row">
                <span className="name-main">{d.name}</span>
                {!d.paired && <span className="name-sub muted">{t(props.compact ? 'unpairedShort' : 'unpairedDemo')}</span>}
              </th>
              <td>{t(`kind_${d.kind}`)}</td>
              <td>
                {d.revokedAt !== null ? (
                  <span className="chip chip-closed">{t('revoked', { time: when(d.revokedAt) })}</span>
                ) : d.connected ? (
                  <span className="conn-state on">
                    ● {t('connectedSince', { time: d.connectedSince !== null ? when(d.connectedSince) : '—' })}
                  </span>
                ) : (
                  <span className="conn-state off">
                    ○ {t('notConnected')}
                    <span className="muted"> · {d.lastSeenAt !== null ? t('lastSeen', { time: when(d.lastSeenAt) }) : t('neverSeen')}</span>
                  </span>
                )}
              </td>
              {!props.compact && <td className="mono">{d.address ?? '—'}</td>}
              {!props.compact && (
                <td className="mono">
                  {d.kind === 'rating'
                    ? tabletCounter(d)
                    : d.kind !== 'kiosk'
                    ? '—'
                    : printer?.kind === 'tcp'
                      ? `${printer.host}:${printer.port ?? 9100} · ${printer.paperWidth ?? 80} mm`
                      : t('printerNoneShort')}
                </td>
              )}
              <td>
                {d.lastError ? (
                  <span className="fault">
                    ⚠ {d.lastError.message ?? d.lastError.code ?? ''} <span className="muted">({when(d.lastError.at)})</span>
                  </span>
                ) : (
                  <span className="muted">{t('noFault')}</span>
                )}
              </td>
              {props.actions && <td className="row-actions">{props.actions(d)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
