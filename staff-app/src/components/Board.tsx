/**
 * The manager's live board: the chart first, then every counter and every service in numbers,
 * the alerts, today's citizens' ratings (pushed with each rating), and the kiosks and displays
 * (read every few seconds: the server pushes no device changes). Everything else follows the server's deltas; the waits are measured in server time.
 */
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useNow } from '@layso/ui-react';
import { formatClock, formatDuration, formatMinutes } from '../lib/format.js';
import { inHandSince, serviceRows } from '../lib/queue-view.js';
import { CounterStateChip } from './CounterState.js';
import { WaitingChart } from './WaitingChart.js';
import { DeviceTable } from './DeviceTable.js';
import { DEVICE_POLL_MS } from './AdminDevices.js';
import { ErrorNote } from './Form.js';
import { useRemote } from '../hooks/useRemote.js';
import { useAlertsToday } from '../hooks/useAlertsToday.js';
import { ratingLevels, type BoardRatings, type DeviceView } from '@layso/shared';
import { formatShare } from '../lib/report-view.js';
import { UpcomingAppointments } from './UpcomingAppointments.js';

export function Board() {
  const { t, lang } = useWords();
  const { view } = useStaff();
  const now = useNow(1000);
  const state = view.state!;
  const serverNow = now + view.clockOffset;
  const tz = state.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const rows = serviceRows(state.services, state.stats, serverNow);
  const name = (s: { nameVi: string; nameEn: string }): string => (lang === 'vi' ? s.nameVi : s.nameEn);
  const serviceName = (id: string): string => {
    const s = state.services.find((x) => x.id === id);
    return s ? name(s) : id;
  };
  const { alerts, acknowledge } = useAlertsToday();
  const totalWaiting = rows.reduce((n, r) => n + r.waiting, 0);
  const over = rows.filter((r) => r.overThreshold);

  return (
    <div className="board">
      <div className="board-head">
        <h1>{t('boardTitle')}</h1>
        <span className="board-total" data-testid="total-waiting">
          {t('waitingNow')}: <strong>{totalWaiting}</strong>
        </span>
        {over.length > 0 && (
          <span className="badge badge-over" role="status">
            ⚠ {t('servicesOverThreshold', { n: over.length })}
          </span>
        )}
        <span className="board-clock">{formatClock(serverNow, tz, true)}</span>
      </div>

      <div className="board-top">
        <section className="card" aria-labelledby="chart-title">
          <h2 id="chart-title">{t('waitingPerService')}</h2>
          <WaitingChart rows={rows} />
        </section>
        <section className="card alerts" aria-labelledby="alerts-title">
          <h2 id="alerts-title">{t('alertsTitle')}</h2>
          {alerts.length === 0 ? (
            <p className="muted">{t('noAlerts')}</p>
          ) : (
            <ul className="alert-list" data-testid="alert-list">
              {alerts.map((a) => (
                <li key={a.id} className={`alert alert-${a.level}${a.endedAt != null ? ' alert-ended' : ''}`} data-alert-id={a.id} data-kind={a.kind}>
                  <span className="alert-time">
                    {formatClock(a.startedAt ?? a.at, tz)}
                    {a.endedAt != null && `–${formatClock(a.endedAt, tz)}`}
                  </span>
                  <span className="alert-kind">
                    {a.level === 'error' ? '✕' : a.level === 'warning' ? '⚠' : 'ℹ'} {t(`alert_${a.kind}` as const)}
                  </span>
                  <span className="alert-text">
                    {a.message}
                    {a.endedAt != null && <span className="muted"> · {t('alertEnded')}</span>}
                  </span>
                  {a.ackedBy ? (
                    <span className="alert-ack muted">{t('alertAckedBy', { name: a.ackedBy })}</span>
                  ) : (
                    <button type="button" className="btn btn-small alert-ack" onClick={() => void acknowledge(a.id!)}>
                      {t('alertAck')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2 className="devices-title">{t('devicesTitle')}</h2>
          <BoardDevices />
        </section>
      </div>

      <BoardRatingsCard tz={tz} counterNumber={(id) => state.counters.find((c) => c.id === id)?.number ?? null} serviceName={serviceName} />

      <UpcomingAppointments limit={20} />

      <section className="card" aria-labelledby="counters-board-title">
        <h2 id="counters-board-title">{t('countersTitle')}</h2>
        <ul className="board-counters">
          {state.counters.map((c) => {
            const since = c.inHand ? inHandSince(c.inHand) : null;
            return (
              <li key={c.id} className={`board-counter state-${c.state}`} data-counter={c.id}>
                <div className="board-counter-head">
                  <a className="board-counter-link" href={`#/counter/${encodeURIComponent(c.id)}`}>
                    {t('counter')} {c.number}
                  </a>
                  <CounterStateChip counter={c} />
                </div>
                <div className="board-counter-officer">{c.state !== 'closed' && c.officerName ? c.officerName : t('noOfficer')}</div>
                {c.inHand ? (
                  <div className="board-counter-ticket">
                    <span className="board-ticket-number">{c.inHand.displayNumber}</span>
                    <span className="board-ticket-state">
                      {c.inHand.state === 'serving' ? t('ticketServing') : t('calledShort')}{' '}
                      <strong className="board-ticket-time">{since !== null ? formatDuration(serverNow - since) : ''}</strong>
                    </span>
                  </div>
                ) : (
                  <div className="board-counter-ticket muted">{c.state === 'open' ? t('idle') : '—'}</div>
                )}
                <div className="board-counter-services muted">{c.serviceIds.map(serviceName).join(' · ')}</div>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card" aria-labelledby="services-board-title">
        <h2 id="services-board-title">{t('servicesTitle')}</h2>
        <table className="table" data-testid="services-table">
          <thead>
            <tr>
              <th scope="col">{t('colService')}</th>
              <th scope="col" className="num">
                {t('colWaiting')}
              </th>
              <th scope="col" className="num">
                {t('colLongest')}
              </th>
              <th scope="col" className="num">
                {t('colEstimate')}
              </th>
              <th scope="col" className="num">
                {t('colOpenCounters')}
              </th>
              <th scope="col" className="num">
                {t('colThreshold')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.service.id} data-service={r.service.id} className={r.overThreshold ? 'over' : ''}>
                <th scope="row">
                  {name(r.service)}
                  {r.stats && !r.stats.issuing && <span className="badge">{t('issuingPaused')}</span>}
                </th>
                <td className="num" data-testid={`board-waiting-${r.service.id}`}>
                  {r.waiting}
                  {r.waitingPriority > 0 && <span className="muted"> (★ {r.waitingPriority})</span>}
                </td>
                <td className="num">
                  {r.longestWaitMs === null ? '—' : `${r.overThreshold ? '⚠ ' : ''}${formatMinutes(r.longestWaitMs, lang)}`}
                </td>
                <td className="num">
                  {r.stats?.estimateMinutes == null ? '—' : t('minutesShort', { n: r.stats.estimateMinutes })}
                </td>
                <td className="num">{r.stats?.openCounters ?? 0}</td>
                <td className="num">{t('minutesShort', { n: r.service.waitThresholdMin })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function BoardDevices() {
  const devices = useRemote<DeviceView[]>('/api/board/devices', { pollMs: DEVICE_POLL_MS });
  return (
    <div className="board-devices">
      <ErrorNote failure={devices.error} />
      {devices.data && <DeviceTable devices={devices.data.filter((d) => d.revokedAt === null)} compact />}
    </div>
  );
}

/** Today's share of satisfied citizens and the latest low scores with their reasons, live. */
function BoardRatingsCard(props: { tz: string; counterNumber: (id: string) => number | null; serviceName: (id: string) => string }) {
  const { t, lang } = useWords();
  const { view } = useStaff();
  const loaded = useRemote<BoardRatings>('/api/board/ratings');
  // The push is newer than the load once it is of the same day or later.
  const pushed = view.ratingsToday;
  const r = pushed && (!loaded.data || pushed.businessDate >= loaded.data.businessDate) ? pushed : loaded.data;
  return (
    <section className="card board-ratings" aria-labelledby="ratings-board-title" data-testid="board-ratings">
      <h2 id="ratings-board-title">{t('ratingsToday')}</h2>
      <ErrorNote failure={loaded.error} />
      {r && (
        <>
          <p className="board-ratings-share">
            <strong data-testid="board-ratings-share">{r.shareSatisfied === null ? '—' : formatShare(r.shareSatisfied, lang)}</strong>{' '}
            <span>{t('ratingsShareOf', { n: r.count })}</span>
          </p>
          {r.latestLow.length === 0 ? (
            <p className="muted">{t('noLowScores')}</p>
          ) : (
            <>
              <h3 className="board-ratings-low-title">{t('latestLowScores')}</h3>
              <ul className="board-ratings-low" data-testid="board-low-scores">
                {r.latestLow.map((x) => {
                  const level = ratingLevels(x.scale).find((l) => l.level === x.level);
                  const n = props.counterNumber(x.counterId);
                  return (
                    <li key={`${x.at}-${x.displayNumber}`}>
                      <span className="muted">{formatClock(x.at, props.tz)}</span> · {t('counter')} {n ?? '—'} · {x.displayNumber} · {props.serviceName(x.serviceId)} ·{' '}
                      <strong>{level ? level[lang] : x.level}</strong>
                      {x.reasons.length > 0 && <span>: {x.reasons.join(', ')}</span>}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
