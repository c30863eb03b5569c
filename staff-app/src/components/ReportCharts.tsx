/**
 * The report's two charts, plain SVG: arrivals by hour (bars) against tickets served by hour
 * (a line with round markers: shape, not only colour, tells them apart), and the wait by service
 * (a bar for the average, a diamond for the 90th percentile, a dashed tick at the threshold).
 */
import type { Report } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { hourSpan, niceScale, polyline, scaleTo, truncate } from '../lib/chart.js';
import { formatMin } from '../lib/report-view.js';

const H_W = 620;
const H_H = 250;
const H_LEFT = 40;
const H_BOTTOM = 26;
const H_TOP = 14;

export function HourChart(props: { byHour: Report['series']['byHour'] }) {
  const { t } = useWords();
  const hours = hourSpan(props.byHour);
  const at = new Map(props.byHour.map((p) => [p.hour, p]));
  const points = hours.map((h) => ({ hour: h, issued: at.get(h)?.issued ?? 0, served: at.get(h)?.served ?? 0 }));
  const { max, ticks } = niceScale(points.flatMap((p) => [p.issued, p.served]), 5, { integer: true });
  const plotW = H_W - H_LEFT - 8;
  const plotH = H_H - H_TOP - H_BOTTOM;
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.min(34, slot * 0.62);
  const x = (i: number): number => H_LEFT + slot * i + slot / 2;
  const y = (v: number): number => H_TOP + plotH - scaleTo(v, max, plotH);
  const line = points.map((p, i) => ({ x: x(i), y: y(p.served) }));
  return (
    <figure className="chart report-chart">
      <svg viewBox={`0 0 ${H_W} ${H_H}`} width="100%" role="img" aria-label={t('chartByHour')} data-testid="hour-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={H_LEFT} x2={H_W - 8} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={H_LEFT - 6} y={y(v) + 4} textAnchor="end" className="chart-axis">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <g key={p.hour} data-hour={p.hour}>
            <title>{`${String(p.hour).padStart(2, '0')}:00–${String(p.hour + 1).padStart(2, '0')}:00 · ${t('legendArrivals')}: ${p.issued} · ${t('legendServed')}: ${p.served}`}</title>
            <rect x={x(i) - barW / 2} y={y(p.issued)} width={barW} height={H_TOP + plotH - y(p.issued)} className="bar" />
            <text x={x(i)} y={H_H - 8} textAnchor="middle" className="chart-axis">
              {p.hour}h
            </text>
          </g>
        ))}
        <polyline points={polyline(line)} className="served-line" fill="none" />
        {line.map((pt, i) => (
          <circle key={i} cx={pt.x} cy={pt.y} r={4.5} className="served-dot" />
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch bar" /> {t('legendArrivals')}
        </span>
        <span>
          <i className="swatch-line" /> {t('legendServed')}
        </span>
      </figcaption>
    </figure>
  );
}

const W_W = 620;
const W_LABEL = 236;
const W_ROW = 30;
const W_VALUE = 118;

export function WaitChart(props: {
  rows: { key: string; label: string; avgMin: number | null; p90Min: number | null; thresholdMin: number | null }[];
}) {
  const { t, lang } = useWords();
  const waits = props.rows.flatMap((r) => [r.avgMin ?? 0, r.p90Min ?? 0]);
  // A threshold joins the axis when it is near the waits; a far one would squash every bar.
  const near = props.rows.flatMap((r) => (r.thresholdMin !== null && r.thresholdMin <= 2 * Math.max(5, ...waits) ? [r.thresholdMin] : []));
  const { max, ticks } = niceScale([...waits, ...near], 5);
  const barLen = W_W - W_LABEL - W_VALUE;
  const height = props.rows.length * W_ROW + 30;
  const x = (v: number): number => W_LABEL + scaleTo(v, max, barLen);
  return (
    <figure className="chart report-chart">
      <svg viewBox={`0 0 ${W_W} ${height}`} width="100%" role="img" aria-label={t('chartWaitByService')} data-testid="wait-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={4} y2={height - 24} className="chart-grid" />
            <text x={x(v)} y={height - 8} textAnchor="middle" className="chart-axis">
              {formatTick(v, lang)}
            </text>
          </g>
        ))}
        {props.rows.map((r, i) => {
          const top = i * W_ROW + 6;
          const mid = top + 10;
          const over = r.thresholdMin !== null && r.p90Min !== null && r.p90Min > r.thresholdMin;
          return (
            <g key={r.key} data-service={r.key} className={over ? 'chart-row over' : 'chart-row'}>
              <title>{`${r.label} · ${t('legendAvg')}: ${formatMin(r.avgMin, lang)} · P90: ${formatMin(r.p90Min, lang)}${r.thresholdMin !== null ? ` · ${t('legendThreshold')}: ${r.thresholdMin}` : ''}`}</title>
              <text x={W_LABEL - 8} y={mid + 5} textAnchor="end" className="chart-label">
                {truncate(r.label, 30)}
              </text>
              {r.avgMin !== null && <rect x={W_LABEL} y={top} width={x(r.avgMin) - W_LABEL} height={20} className="bar" />}
              {r.p90Min !== null && (
                <path d={`M ${x(r.p90Min)} ${mid - 8} l 7 8 l -7 8 l -7 -8 z`} className="p90-mark" />
              )}
              {r.thresholdMin !== null && r.thresholdMin <= max && (
                <line x1={x(r.thresholdMin)} x2={x(r.thresholdMin)} y1={top - 3} y2={top + 23} className="threshold-mark" />
              )}
              <text x={W_W - W_VALUE + 10} y={mid + 5} className="chart-value">
                {formatMin(r.avgMin, lang)} · {formatMin(r.p90Min, lang)}
                {over ? ' ⚠' : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch bar" /> {t('legendAvg')}
        </span>
        <span>
          <i className="swatch-diamond" /> {t('legendP90')}
        </span>
        <span>
          <i className="swatch-threshold" /> {t('legendThreshold')}
        </span>
      </figcaption>
    </figure>
  );
}

function formatTick(v: number, lang: 'vi' | 'en'): string {
  return Number.isInteger(v) ? String(v) : formatMin(v, lang);
}
