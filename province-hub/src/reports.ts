/**
 * Province reports: the centres' own day figures added up by centre, service or month over a
 * date range, with averages and 90th percentiles read from the summed 1-minute histograms.
 */
import { type ProvinceReportQuery, type ProvinceReportRow, type ProvinceTargets, quantileAroundMeanMs } from '@layso/shared';
import type { Pool } from './db.js';

const BUCKET_MS = 60_000;
const BUCKETS = 181;

const minutes = (ms: number): number => Math.round(ms / 6_000) / 10;

/**
 * The 90th percentile in minutes, read as the centre's own reports read it (shared
 * `quantileAroundMeanMs`), from the sparse 1-minute histogram summed over the rows.
 */
export function p90Min(hist: Map<number, number> | undefined, n: number, sumMs: number): number | null {
  const h = new Uint32Array(BUCKETS);
  for (const [b, c] of hist ?? []) if (b >= 0 && b < BUCKETS) h[b] = c;
  const q = quantileAroundMeanMs(h, 0.9, BUCKET_MS, n, sumMs);
  return q === null ? null : minutes(q);
}

interface SumRow {
  key: string;
  label: string | null;
  issued: number;
  served: number;
  no_shows: number;
  cancelled: number;
  called: number;
  within_threshold: number;
  wait_n: number;
  wait_sum_ms: number;
  service_n: number;
  service_sum_ms: number;
  rated: number;
  satisfied: number;
}

export async function getTargets(pool: Pool): Promise<ProvinceTargets> {
  const r = await pool.query<{ wait_minutes: number; wait_share: number | null; satisfied_share: number | null }>(
    'SELECT wait_minutes, wait_share, satisfied_share FROM targets WHERE id = 1',
  );
  const t = r.rows[0];
  return { waitMinutes: t?.wait_minutes ?? 15, waitShare: t?.wait_share ?? null, satisfiedShare: t?.satisfied_share ?? null };
}

export async function setTargets(pool: Pool, t: ProvinceTargets): Promise<ProvinceTargets> {
  await pool.query(
    `INSERT INTO targets (id, wait_minutes, wait_share, satisfied_share) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET wait_minutes = $1, wait_share = $2, satisfied_share = $3, updated_at = now()`,
    [t.waitMinutes, t.waitShare, t.satisfiedShare],
  );
  return getTargets(pool);
}

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
/** Shares are stored as `real`: compare at the precision they are shown. */
const meets = (value: number | null, target: number | null): boolean | null =>
  value === null || target === null ? null : value + 1e-9 >= Math.round(target * 1000) / 1000;

/** Under `minutes`: the 1-minute buckets below it (bucket b holds waits of b to b+1 minutes). */
function underMinutes(hist: Map<number, number> | undefined, minutes: number): number {
  let n = 0;
  for (const [b, c] of hist ?? []) if (b < minutes) n += c;
  return n;
}

/**
 * Rank rows against the targets: most targets met first, then the higher share called within
 * the target minutes, then the higher share satisfied; rows without figures last.
 */
export function rankAgainstTargets(rows: ProvinceReportRow[]): ProvinceReportRow[] {
  const met = (r: ProvinceReportRow): number => (r.meetsWait ? 1 : 0) + (r.meetsSatisfied ? 1 : 0);
  const sorted = [...rows].sort(
    (a, b) => met(b) - met(a) || (b.waitUnderTarget ?? -1) - (a.waitUnderTarget ?? -1) || (b.shareSatisfied ?? -1) - (a.shareSatisfied ?? -1) || a.key.localeCompare(b.key),
  );
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}

export async function provinceReport(pool: Pool, q: ProvinceReportQuery): Promise<ProvinceReportRow[]> {
  const targets = await getTargets(pool);
  const dim = q.by === 'service' ? 'service' : 'all';
  const keyExpr = q.by === 'centre' ? 'f.centre_id' : q.by === 'month' ? "to_char(f.business_date, 'YYYY-MM')" : 'f.key';
  const labelExpr = q.by === 'centre' ? 'max(c.name_vi)' : q.by === 'month' ? 'NULL' : 'max(s.name_vi)';
  const where = `f.dim = $1 AND f.business_date BETWEEN $2 AND $3 AND ($4::text IS NULL OR f.centre_id = $4)`;
  const params = [dim, q.from, q.to, q.centreId ?? null];
  const sums = await pool.query<SumRow>(
    `SELECT ${keyExpr} AS key, ${labelExpr} AS label,
       sum(f.issued)::bigint AS issued, sum(f.served)::bigint AS served, sum(f.no_shows)::bigint AS no_shows,
       sum(f.cancelled)::bigint AS cancelled, sum(f.called)::bigint AS called, sum(f.within_threshold)::bigint AS within_threshold,
       sum(f.wait_n)::bigint AS wait_n, sum(f.wait_sum_ms)::bigint AS wait_sum_ms,
       sum(f.service_n)::bigint AS service_n, sum(f.service_sum_ms)::bigint AS service_sum_ms,
       sum(f.rated)::bigint AS rated, sum(f.satisfied)::bigint AS satisfied
     FROM day_figures f
     LEFT JOIN centres c ON c.id = f.centre_id
     LEFT JOIN services s ON s.centre_id = f.centre_id AND s.id = f.key
     WHERE ${where} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const hists = await pool.query<{ key: string; kind: 'w' | 's'; bucket: number; n: number }>(
    `SELECT ${keyExpr} AS key, h.kind, h.bucket::int AS bucket, sum(h.n)::bigint AS n
     FROM day_figures f,
       LATERAL (SELECT 'w' AS kind, key AS bucket, value::bigint AS n FROM jsonb_each_text(f.wait_hist)
                UNION ALL SELECT 's', key, value::bigint FROM jsonb_each_text(f.service_hist)) h
     WHERE ${where} GROUP BY 1, 2, 3`,
    params,
  );
  const histOf = new Map<string, Map<number, number>>();
  for (const h of hists.rows) {
    const k = `${h.kind}\u0000${h.key}`;
    let m = histOf.get(k);
    if (!m) histOf.set(k, (m = new Map()));
    m.set(h.bucket, h.n);
  }
  const rows: ProvinceReportRow[] = sums.rows.map((r) => {
    const waitUnderTarget = share(underMinutes(histOf.get(`w\u0000${r.key}`), targets.waitMinutes), r.wait_n);
    const shareSatisfied = share(r.satisfied, r.rated);
    return {
    key: r.key,
    label: r.label ?? r.key,
    issued: r.issued,
    served: r.served,
    noShows: r.no_shows,
    cancelled: r.cancelled,
    avgWaitMin: r.wait_n > 0 ? minutes(r.wait_sum_ms / r.wait_n) : null,
    p90WaitMin: p90Min(histOf.get(`w\u0000${r.key}`), r.wait_n, r.wait_sum_ms),
    avgServiceMin: r.service_n > 0 ? minutes(r.service_sum_ms / r.service_n) : null,
    p90ServiceMin: p90Min(histOf.get(`s\u0000${r.key}`), r.service_n, r.service_sum_ms),
    withinThreshold: r.wait_n > 0 ? Math.round((r.within_threshold / r.wait_n) * 1000) / 1000 : null,
    rated: r.rated,
    satisfied: r.satisfied,
    shareSatisfied,
    waitUnderTarget,
    meetsWait: meets(waitUnderTarget, targets.waitShare),
    meetsSatisfied: meets(shareSatisfied, targets.satisfiedShare),
    rank: null,
    };
  });
  return q.by === 'centre' ? rankAgainstTargets(rows) : rows;
}

const CSV_HEAD = {
  vi: ['Mã', 'Tên', 'Số đã cấp', 'Đã phục vụ', 'Vắng mặt', 'Đã huỷ', 'Chờ TB (phút)', 'Chờ P90 (phút)', 'Phục vụ TB (phút)', 'Phục vụ P90 (phút)', 'Tỉ lệ đúng hạn', 'Số lượt đánh giá', 'Hài lòng', 'Tỉ lệ hài lòng', 'Tỉ lệ chờ dưới mục tiêu', 'Đạt mục tiêu chờ', 'Đạt mục tiêu hài lòng', 'Hạng'],
  en: ['Key', 'Name', 'Issued', 'Served', 'No-shows', 'Cancelled', 'Avg wait (min)', 'P90 wait (min)', 'Avg service (min)', 'P90 service (min)', 'Within target', 'Ratings', 'Satisfied', 'Share satisfied', 'Waited under target', 'Meets wait target', 'Meets satisfaction target', 'Rank'],
};

function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // Quote what needs it, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const yesNo = (v: boolean | null, lang: 'vi' | 'en'): string | null => (v === null ? null : v ? (lang === 'vi' ? 'Đạt' : 'Yes') : lang === 'vi' ? 'Không đạt' : 'No');

export function reportCsv(rows: ProvinceReportRow[], lang: 'vi' | 'en'): string {
  const lines = [CSV_HEAD[lang].join(',')];
  for (const r of rows) {
    lines.push(
      [r.key, r.label, r.issued, r.served, r.noShows, r.cancelled, r.avgWaitMin, r.p90WaitMin, r.avgServiceMin, r.p90ServiceMin, r.withinThreshold, r.rated, r.satisfied, r.shareSatisfied, r.waitUnderTarget, yesNo(r.meetsWait, lang), yesNo(r.meetsSatisfied, lang), r.rank]
        .map(cell)
        .join(','),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
