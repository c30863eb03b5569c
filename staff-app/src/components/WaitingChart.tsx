/**
 * Waiting per service as horizontal bars (names are long): normal and priority tickets as two
 * segments, and a service past its wait threshold marked with a warning sign and words, not
 * colour alone.
 */
import type { ServiceRow } from '../lib/queue-view.js';
import { useWords } from '../hooks/useLang.js';
import { chartScale, chartTicks, truncate } from '../lib/chart.js';

const ROW = 40;
const LABEL_W = 330;
const BAR_W = 420;
const WIDTH = LABEL_W + BAR_W + 170;

export function WaitingChart(props: { rows: ServiceRow[] }) {
  const { t, lang } = useWords();
  const max = chartScale(props.rows.map((r) => r.waiting));
  const height = props.rows.length * ROW + 34;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={t('waitingPerService')}
        data-testid="waiting-chart"
      >
        {chartTicks(max).map((v) => (
          <g key={v}>
            <line x1={LABEL_W + (v / max) * BAR_W} x2={LABEL_W + (v / max) * BAR_W} y1={4} y2={height - 26} className="chart-grid" />
            <text x={LABEL_W + (v / max) * BAR_W} y={height - 10} className="chart-axis" textAnchor="middle">
              {v}
            </text>
          </g>
        ))}
        {props.rows.map((r, i) => {
          const y = i * ROW + 8;
          const normal = r.waiting - r.waitingPriority;
          const wNormal = (normal / max) * BAR_W;
          const wPrio = (r.waitingPriority / max) * BAR_W;
          const name = lang === 'vi' ? r.service.nameVi : r.service.nameEn;
          return (
            <g key={r.service.id} data-service={r.service.id} className={r.overThreshold ? 'chart-row over' : 'chart-row'}>
              <title>{name}</title>
              <text x={LABEL_W - 10} y={y + 19} textAnchor="end" className="chart-label">
                {truncate(name, 38)}
              </text>
              <rect x={LABEL_W} y={y} width={wNormal} height={26} className={r.overThreshold ? 'bar bar-over' : 'bar'} />
              <rect x={LABEL_W + wNormal} y={y} width={wPrio} height={26} className="bar bar-priority" />
              <text x={LABEL_W + wNormal + wPrio + 8} y={y + 19} className="chart-value">
                {r.waiting}
                {r.overThreshold ? `  ⚠ ${t('overThreshold', { n: r.service.waitThresholdMin })}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch bar" /> {t('legendNormal')}
        </span>
        <span>
          <i className="swatch bar-priority" /> ★ {t('legendPriority')}
        </span>
        <span>
          <i className="swatch bar-over" /> ⚠ {t('legendOver')}
        </span>
      </figcaption>
    </figure>
  );
}
