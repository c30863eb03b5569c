/**
 * Reports (`#/reports`): a day or a range (quick picks in the centre's time zone), a grouping,
 * then charts first and the numbers beneath (UX.md), and the ticket export one click away.
 */
import { useEffect, useRef, useState } from 'react';
import { REPORT_DIMENSIONS, type AppointmentReportRow, type RatingSummary, type Report, type ReportDimension, type ReportRow } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { type Failure, useFailure } from '../hooks/useRemote.js';
import { type DateRange, QUICK_PICKS, daysIn, formatDate, pickOf, quickRange, rangeProblem, todayIn } from '../lib/date-range.js';
import { formatCount, formatMin, formatShare, groupLabel } from '../lib/report-view.js';
import { formatClock } from '../lib/format.js';
import type { ExportFormat } from '../lib/api.js';
import { ErrorNote } from './Form.js';
import { HourChart, WaitChart } from './ReportCharts.js';

export function Reports() {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const failure = useFailure();
  // The failure words follow the language; a new language needs no new report.
  const failureRef = useRef(failure);
  failureRef.current = failure;
  const state = view.state!;
  const tz = state.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const today = state.centre?.businessDate ?? todayIn(Date.now() + view.clockOffset, tz, state.settings?.dayStartsAt);
  const [range, setRange] = useState<DateRange>(() => quickRange('today', today));
  const [by, setBy] = useState<ReportDimension>('service');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [loading, setLoading] = useState(false);
  const [again, setAgain] = useState(0);
  const [exported, setExported] = useState<string | null>(null);
  const exporting = useAction();
  const [exportingFormat, setExportingFormat] = useState<ExportFormat | null>(null);
  const latest = useRef(0);
  const problem = rangeProblem(range);
  const active = pickOf(range, today);

  useEffect(() => {
    if (problem) return;
    const n = ++latest.current;
    setLoading(true);
    const q = new URLSearchParams({ from: range.from, to: range.to, by });
    void conn.api<Report>('GET', `/api/reports?${q.toString()}`).then((r) => {
      if (n !== latest.current) return;
      setLoading(false);
      if (r.ok) {
        setReport(r.data);
        setError(null);
      } else {
        setError(failureRef.current('report', r));
      }
    });
  }, [conn, range.from, range.to, by, problem, again]);

  async function download(format: ExportFormat): Promise<void> {
    setExported(null);
    setExportingFormat(format);
    const r = await exporting.run('export', () => conn.download(format, { from: range.from, to: range.to, lang }));
    setExportingFormat(null);
    if (r?.ok) setExported(r.data.filename);
  }

  const names = { services: state.services, counters: state.counters };
  const shown = report && report.from === range.from && report.to === range.to && report.by === by ? report : null;
  const thresholds = new Map(state.services.map((s) => [s.id as string, s.waitThresholdMin]));

  return (
    <div className="reports">
      <div className="page-head">
        <h1>{t('reportsTitle')}</h1>
        <div className="export-buttons">
          <span className="muted export-hint">{t('exportHint')}</span>
          {(['csv', 'xlsx', 'ratings-csv', 'appointments-csv'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="btn btn-secondary"
              disabled={problem !== null || exporting.pending}
              data-testid={`export-${f}`}
              onClick={() => void download(f)}
            >
              ⤓ {exportingFormat === f ? t('exporting') : t(f === 'csv' ? 'exportCsv' : f === 'xlsx' ? 'exportXlsx' : f === 'ratings-csv' ? 'exportRatingsCsv' : 'exportAppointmentsCsv')}
            </button>
          ))}
        </div>
      </div>

      <div className="report-controls card">
        <div className="control-group" role="group" aria-label={t('quickPicks')}>
          {QUICK_PICKS.map((p) => (
            <button
              key={p}
              type="button"
              className={`btn btn-toggle${active === p ? ' on' : ''}`}
              aria-pressed={active === p}
              data-pick={p}
              onClick={() => setRange(quickRange(p, today))}
            >
              {t(`pick_${p}`)}
            </button>
          ))}
        </div>
        <div className="control-group dates">
          <label>
            {t('fromDate')}
            <input type="date" className="text" value={range.from} max={today} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} data-testid="from-date" />
          </label>
          <label>
            {t('toDate')}
            <input type="date" className="text" value={range.to} max={today} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} data-testid="to-date" />
          </label>
        </div>
        <div className="control-group" role="group" aria-label={t('groupBy')}>
          <span className="control-label">{t('groupBy')}:</span>
          {REPORT_DIMENSIONS.map((d) => (
            <button key={d} type="button" className={`btn btn-toggle${by === d ? ' on' : ''}`} aria-pressed={by === d} data-by={d} onClick={() => setBy(d)}>
              {t(`by_${d}`)}
            </button>
          ))}
        </div>
      </div>

      {problem && (
        <p className="msg msg-error" role="alert">
          {t(`range_${problem}`)}
        </p>
      )}
      <ErrorNote failure={error} onRetry={() => setAgain((n) => n + 1)} />
      <ErrorNote failure={exporting.error} />
      {exported && (
        <p className="msg msg-ok" role="status" data-testid="exported">
          ✓ {t('exported', { file: exported })}
        </p>
      )}
      {!shown && !error && !problem && <p className="loading">{t('loadingReport')}</p>}

      {shown && (
        <div className={`report-body${loading ? ' stale' : ''}`} aria-busy={loading} data-testid="report" data-from={shown.from} data-to={shown.to} data-by={shown.by}>
          <p className="report-range">
            <strong>
              {shown.from === shown.to ? formatDate(shown.from, lang) : `${formatDate(shown.from, lang)} – ${formatDate(shown.to, lang)}`}
            </strong>
            <span className="muted report-source">
              {t('reportSource', { time: formatClock(shown.generatedAt, tz), days: daysIn(shown) })}
            </span>
            <button type="button" className="btn btn-quiet btn-inline" onClick={() => setAgain((n) => n + 1)}>
              ↻ {t('reportAgain')}
            </button>
          </p>
          <Kpis total={shown.total} />
          <div className="report-charts">
            <section className="card" aria-labelledby="chart-hour-title">
              <h2 id="chart-hour-title">{t('chartByHour')}</h2>
              {shown.total.issued + shown.total.transferredIn === 0 ? <p className="muted">{t('noDataRange')}</p> : <HourChart byHour={shown.series.byHour} />}
            </section>
            <section className="card" aria-labelledby="chart-wait-title">
              <h2 id="chart-wait-title">{t('chartWaitByService')}</h2>
              {shown.series.waitByService.length === 0 ? (
                <p className="muted">{t('noDataRange')}</p>
              ) : (
                <WaitChart
                  rows={shown.series.waitByService.map((w) => ({
                    key: w.serviceId,
                    label: groupLabel('service', { key: w.serviceId, label: w.label }, names, lang),
                    avgMin: w.avgMin,
                    p90Min: w.p90Min,
                    thresholdMin: thresholds.get(w.serviceId) ?? null,
                  }))}
                />
              )}
            </section>
          </div>
          <FiguresTable report={shown} names={names} />
          <div className="report-bottom">
            <PausesCard report={shown} names={names} />
            <section className="card" aria-labelledby="ratings-title">
              <h2 id="ratings-title">{t('ratingsTitle')}</h2>
              {shown.ratings === null || shown.ratings.total.count === 0 ? (
                <p className="muted" data-testid="ratings">
                  <strong>{t('noData')}</strong> — {t('ratingsNone')}
                </p>
              ) : (
                <RatingsTable ratings={shown.ratings} />
              )}
            </section>
          </div>
          <AppointmentsCard rows={shown.appointments ?? []} />
        </div>
      )}
    </div>
  );
}

/** Booked visits by day and service, then each service's total (issue 14). */
function AppointmentsCard(props: { rows: readonly AppointmentReportRow[] }) {
  const { t, lang } = useWords();
  const min = (v: number | null): string => (v === null ? '—' : v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'));
  return (
    <section className="card" aria-labelledby="appointments-report-title">
      <h2 id="appointments-report-title">{t('apptReportTitle')}</h2>
      {props.rows.length === 0 ? (
        <p className="muted" data-testid="appointments-report">
          <strong>{t('noData')}</strong>
        </p>
      ) : (
        <table className="table figures" data-testid="appointments-report">
          <thead>
            <tr>
              <th scope="col">{t('apptDate')}</th>
              <th scope="col">{t('apptService')}</th>
              <th scope="col">{t('apptBooked')}</th>
              <th scope="col">{t('apptKept')}</th>
              <th scope="col">{t('apptLate')}</th>
              <th scope="col">{t('apptEarly')}</th>
              <th scope="col">{t('apptMissed')}</th>
              <th scope="col">{t('apptCancelled')}</th>
              <th scope="col">{t('apptOpen')}</th>
              <th scope="col">{t('apptWaitAvg')}</th>
              <th scope="col">{t('apptWaitP90')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={`${r.date ?? ''}-${r.serviceId}`} className={r.date === null ? 'total' : undefined}>
                <td>{r.date === null ? t('apptTotal') : formatDate(r.date, lang)}</td>
                <td>{r.label}</td>
                <td>{r.booked}</td>
                <td>{r.kept}</td>
                <td>{r.late}</td>
                <td>{r.early}</td>
                <td>{r.missed}</td>
                <td>{r.cancelled}</td>
                <td>{r.open}</td>
                <td>{min(r.waitVsSlot.avgMin)}</td>
                <td>{min(r.waitVsSlot.p90Min)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RatingsTable(props: { ratings: RatingSummary }) {
  const { t, lang } = useWords();
  const { rows, total, reasons } = props.ratings;
  return (
    <div data-testid="ratings">
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">{t('ratingsGroup')}</th>
            <th scope="col">{t('ratingsCount')}</th>
            <th scope="col">{t('ratingsShare')}</th>
            <th scope="col">{t('ratingsLow')}</th>
            <th scope="col">{t('ratingsReasons')}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows, total].map((r) => (
            <tr key={r.key || 'total'}>
              <th scope="row">{r.label}</th>
              <td>{formatCount(r.count, lang)}</td>
              <td>{formatShare(r.shareSatisfied, lang)}</td>
              <td>{formatCount(r.low, lang)}</td>
              <td>{r.reasons.map((x) => `${x.reason} (${formatCount(x.count, lang)})`).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {reasons.length > 0 && (
        <p>
          {t('ratingsReasons')}: {reasons.map((x) => `${x.reason} (${formatCount(x.count, lang)})`).join(' · ')}
        </p>
      )}
    </div>
  );
}

function Kpis(props: { total: ReportRow }) {
  const { t, lang } = useWords();
  const x = props.total;
  const min = (v: number | null): string => (v === null ? '—' : `${formatMin(v, lang)} ${t('minutesUnit')}`);
  const cards: { key: string; label: string; value: string }[] = [
    { key: 'issued', label: t('kpiIssued'), value: formatCount(x.issued, lang) },
    { key: 'served', label: t('kpiServed'), value: formatCount(x.served, lang) },
    { key: 'noShows', label: t('kpiNoShows'), value: formatCount(x.noShows, lang) },
    { key: 'transferred', label: t('kpiTransferred'), value: formatCount(x.transferred, lang) },
    { key: 'waitAvg', label: t('kpiWait'), value: min(x.wait.avgMin) },
    { key: 'waitP90', label: t('kpiWaitP90'), value: min(x.wait.p90Min) },
    { key: 'within', label: t('kpiWithin'), value: formatShare(x.withinThreshold, lang) },
    { key: 'serviceAvg', label: t('kpiServiceTime'), value: min(x.service.avgMin) },
  ];
  return (
    <ul className="kpis" data-testid="kpis">
      {cards.map((c) => (
        <li key={c.key} className="kpi" data-kpi={c.key}>
          <span className="kpi-value">{c.value}</span>
          <span className="kpi-label">{c.label}</span>
        </li>
      ))}
    </ul>
  );
}

type Names = Parameters<typeof groupLabel>[2];

function FiguresTable(props: { report: Report; names: Names }) {
  const { t, lang } = useWords();
  const { report } = props;
  const by = report.by;
  const hour = by === 'hour';
  const n = (v: number): string => formatCount(v, lang);
  const m = (v: number | null): string => formatMin(v, lang);
  const cells = (r: ReportRow) => (
    <>
      <td className="num" data-col="issued">{n(r.issued)}</td>
      <td className="num" data-col="transferredIn">{n(r.transferredIn)}</td>
      <td className="num" data-col="served">{n(r.served)}</td>
      {hour && <td className="num" data-col="servedInHour">{n(r.servedInHour)}</td>}
      <td className="num" data-col="noShows">{n(r.noShows)}</td>
      <td className="num" data-col="transferred">{n(r.transferred)}</td>
      <td className="num" data-col="cancelled">{n(r.cancelled)}</td>
      <td className="num" data-col="expired">{n(r.expired)}</td>
      <td className="num sep" data-col="waitAvg">{m(r.wait.avgMin)}</td>
      <td className="num" data-col="waitP90">{m(r.wait.p90Min)}</td>
      <td className="num" data-col="walkAvg">{m(r.walk.avgMin)}</td>
      <td className="num" data-col="walkP90">{m(r.walk.p90Min)}</td>
      <td className="num" data-col="serviceAvg">{m(r.service.avgMin)}</td>
      <td className="num" data-col="serviceP90">{m(r.service.p90Min)}</td>
      <td className="num" data-col="within">{formatShare(r.withinThreshold, lang)}</td>
    </>
  );
  const group = t(`colGroup_${by}`);
  return (
    <section className="card" aria-labelledby="figures-title">
      <h2 id="figures-title">{t('figuresTitle', { group: group.toLowerCase() })}</h2>
      {report.rows.length === 0 ? (
        <p className="muted">{t('noDataRange')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table figures" data-testid="figures">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {group}
                </th>
                <th scope="colgroup" colSpan={hour ? 8 : 7} className="group-head">
                  {t('colCounts')}
                </th>
                <th scope="colgroup" colSpan={7} className="group-head sep">
                  {t('colTimes')}
                </th>
              </tr>
              <tr>
                <th scope="col" className="num">{t('colIssued')}</th>
                <th scope="col" className="num">{t('colTransferredIn')}</th>
                <th scope="col" className="num">{t('colServed')}</th>
                {hour && <th scope="col" className="num">{t('colServedInHour')}</th>}
                <th scope="col" className="num">{t('colNoShows')}</th>
                <th scope="col" className="num">{t('colTransferred')}</th>
                <th scope="col" className="num">{t('colCancelled')}</th>
                <th scope="col" className="num">{t('colExpired')}</th>
                <th scope="col" className="num sep">{t('colWaitAvg')}</th>
                <th scope="col" className="num">{t('colWaitP90')}</th>
                <th scope="col" className="num">{t('colWalkAvg')}</th>
                <th scope="col" className="num">{t('colWalkP90')}</th>
                <th scope="col" className="num">{t('colServiceAvg')}</th>
                <th scope="col" className="num">{t('colServiceP90')}</th>
                <th scope="col" className="num">{t('colWithin')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">{groupLabel(by, r, props.names, lang)}</th>
                  {cells(r)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-key="total">
                <th scope="row">{t('total')}</th>
                {cells(report.total)}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className="field-hint">{t('tableHint')}</p>
    </section>
  );
}

const PAUSES_SHOWN = 8;

function PausesCard(props: { report: Report; names: Names }) {
  const { t, lang } = useWords();
  const [all, setAll] = useState(false);
  const pauses = all ? props.report.pauses : props.report.pauses.slice(0, PAUSES_SHOWN);
  const who = props.report.by === 'officer' ? 'officer' : 'counter';
  const reason = (r: string): string => r || t('noReason');
  return (
    <section className="card" aria-labelledby="pauses-title">
      <h2 id="pauses-title">{t('pausesTitle')}</h2>
      {props.report.pauses.length === 0 ? (
        <p className="muted">{t('noPauses')}</p>
      ) : (
        <div className="pauses">
          <table className="table" data-testid="pause-reasons">
            <caption>{t('pauseReasonsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colReason')}</th>
                <th scope="col" className="num">{t('colPauseCount')}</th>
                <th scope="col" className="num">{t('colPauseMinutes')}</th>
              </tr>
            </thead>
            <tbody>
              {props.report.pauseReasons.map((r) => (
                <tr key={r.reason}>
                  <th scope="row">{reason(r.reason)}</th>
                  <td className="num">{formatCount(r.count, lang)}</td>
                  <td className="num">{formatMin(r.totalMin, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="table" data-testid="pauses">
            <caption>{t(`colPauseWho_${who}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`colPauseWho_${who}`)}</th>
                <th scope="col">{t('colReason')}</th>
                <th scope="col" className="num">{t('colPauseCount')}</th>
                <th scope="col" className="num">{t('colPauseMinutes')}</th>
              </tr>
            </thead>
            <tbody>
              {pauses.map((p) => (
                <tr key={`${p.key}\u0000${p.reason}`}>
                  <th scope="row">{groupLabel(who, p, props.names, lang)}</th>
                  <td>{reason(p.reason)}</td>
                  <td className="num">{formatCount(p.count, lang)}</td>
                  <td className="num">{formatMin(p.totalMin, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.report.pauses.length > PAUSES_SHOWN && (
            <button type="button" className="btn btn-quiet btn-inline pauses-more" aria-expanded={all} onClick={() => setAll((x) => !x)}>
              {all ? t('showFewer') : t('showAll', { n: props.report.pauses.length })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
