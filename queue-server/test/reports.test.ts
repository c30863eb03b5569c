/**
 * Reports against a real server on a seeded history (30 days × 50 tickets, fixed seed): every
 * figure is computed again here, independently, from the raw ticket and event rows, and the
 * exports are read back (CSV parsed, XLSX opened with exceljs).
 *
 * Tolerances: counts are exact; averages match to the report's rounding (0.1 min); the 90th
 * percentile comes from histograms, so it matches the exact (nearest-rank) value to within one
 * bucket plus rounding: 1.05 min for wait and service time, 0.22 min (10 s + rounding) for walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { AUDIT_EVENT_TYPES, type Ack, type IssuedTicket, type Report, type ReportRow } from '@layso/shared';
import { AdminRepo } from '../src/store/admin-repo.js';
import { AUDIT_WHERE_002 } from '../src/store/migrations/002-reports-audit.js';
import { openDb } from '../src/store/open-db.js';
import { AccountRepo } from '../src/store/account-repo.js';
import { Accounts } from '../src/auth/accounts.js';
import { seedDemo } from '../src/seed.js';
import { databaseFile } from '../src/server.js';
import { seedHistory } from '../src/reports/seed-history.js';
import { Reports } from '../src/reports/reports.js';
import { quantileAroundMeanMs, quantileMs, WAIT_BUCKET_MS } from '../src/reports/figures.js';
import { kiosk, login, must, rid, staff, startTestServer, tempDir, type TestServer } from './support/harness.js';
import { parseCsv } from '@layso/shared/testing';

const FROM = '2026-02-08';
const TO = '2026-03-09';
let ts: TestServer;
let manager: string;

interface RawTicket {
  id: string;
  business_date: string;
  display_number: string;
  service_id: string;
  counter_id: string | null;
  officer_id: string | null;
  state: string;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  transferred_from_id: string | null;
  transfer_at: number | null;
  expired_from: string | null;
}

beforeAll(async () => {
  const dataDir = tempDir();
  const db = openDb(databaseFile(dataDir));
  await seedDemo(db, new Accounts(new AccountRepo(db), { now: () => Date.now() }));
  const result = seedHistory(db, { days: 30, perDay: 50, seed: 7, endDate: TO, buildRollups: false });
  expect(result).toMatchObject({ from: FROM, to: TO, days: 30 });
  expect(result.tickets).toBeGreaterThan(1000);
  db.close();
  ts = await startTestServer({ dataDir });
  manager = await login(ts.url, 'quanly');
});
afterAll(async () => ts?.close());

async function get<T>(path: string, token = manager): Promise<{ status: number; body: Ack<T> }> {
  const res = await fetch(`${ts.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Ack<T> };
}

async function report(from: string, to: string, by: string): Promise<Report> {
  const r = await get<Report>(`/api/reports?from=${from}&to=${to}&by=${by}`);
  if (!r.body.ok) throw new Error(`${r.body.error.code}: ${r.body.error.message}`);
  return r.body.data;
}

function raw(from: string, to: string): RawTicket[] {
  return ts.server.db
    .prepare(
      `SELECT t.*, src.finished_at AS transfer_at,
        (SELECT json_extract(e.data_json, '$.from') FROM events e WHERE e.ticket_id = t.id AND e.type = 'ticket.expired') AS expired_from
       FROM tickets t LEFT JOIN tickets src ON src.id = t.transferred_from_id
       WHERE t.business_date BETWEEN ? AND ? ORDER BY t.issued_at, t.seq`,
    )
    .all(from, to) as RawTicket[];
}

const waitOf = (t: RawTicket): number | null =>
  t.called_at === null ? null : t.called_at - (t.transferred_from_id ? t.transfer_at! : t.issued_at);
const walkOf = (t: RawTicket): number | null => (t.called_at !== null && t.started_at !== null ? t.started_at - t.called_at : null);
const serviceOf = (t: RawTicket): number | null =>
  t.state === 'done' ? t.finished_at! - (t.started_at ?? t.called_at!) : null;
const isNoShow = (t: RawTicket): boolean => t.state === 'no_show' || (t.state === 'expired' && t.expired_from === 'no_show');

/** The exact nearest-rank 90th percentile, in minutes. */
function p90(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]! / 60_000;
}
const avg = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length / 60_000);
const present = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);

function expectRowMatches(row: ReportRow, tickets: RawTicket[], what: string): void {
  expect(row.issued, `${what} issued`).toBe(tickets.filter((t) => !t.transferred_from_id).length);
  expect(row.transferredIn, `${what} transferredIn`).toBe(tickets.filter((t) => t.transferred_from_id).length);
  expect(row.called, `${what} called`).toBe(tickets.filter((t) => t.called_at !== null).length);
  expect(row.served, `${what} served`).toBe(tickets.filter((t) => t.state === 'done').length);
  expect(row.noShows, `${what} noShows`).toBe(tickets.filter(isNoShow).length);
  expect(row.transferred, `${what} transferred`).toBe(tickets.filter((t) => t.state === 'transferred').length);
  expect(row.cancelled, `${what} cancelled`).toBe(tickets.filter((t) => t.state === 'cancelled').length);
  expect(row.expired, `${what} expired`).toBe(tickets.filter((t) => t.state === 'expired' && !isNoShow(t)).length);
  const waits = present(tickets.map(waitOf));
  const walks = present(tickets.map(walkOf));
  const services = present(tickets.map(serviceOf));
  expect(row.wait.count).toBe(waits.length);
  expect(row.walk.count).toBe(walks.length);
  expect(row.service.count).toBe(services.length);
  const close = (got: number | null, want: number | null, tol: number, name: string): void => {
    if (want === null) return expect(got, `${what} ${name}`).toBeNull();
    expect(got, `${what} ${name}`).not.toBeNull();
    expect(Math.abs(got! - want), `${what} ${name}: ${got} vs ${want}`).toBeLessThanOrEqual(tol);
  };
  close(row.wait.avgMin, avg(waits), 0.051, 'avg wait');
  close(row.walk.avgMin, avg(walks), 0.051, 'avg walk');
  close(row.service.avgMin, avg(services), 0.051, 'avg service');
  close(row.wait.p90Min, p90(waits), 1.05, 'p90 wait');
  close(row.walk.p90Min, p90(walks), 0.22, 'p90 walk');
  close(row.service.p90Min, p90(services), 1.05, 'p90 service');
  // Every demo service's threshold is 30 minutes.
  const within = waits.filter((w) => w <= 30 * 60_000).length;
  close(row.withinThreshold, waits.length === 0 ? null : within / waits.length, 0.0005, 'within threshold');
}

function groupBy<K>(tickets: RawTicket[], key: (t: RawTicket) => K): Map<K, RawTicket[]> {
  const m = new Map<K, RawTicket[]>();
  for (const t of tickets) {
    const k = key(t);
    m.set(k, [...(m.get(k) ?? []), t]);
  }
  return m;
}

describe('reports over a seeded history', () => {
  it('by service: every figure matches the raw rows (the rollup is built on first use)', async () => {
    const r = await report(FROM, TO, 'service');
    expect(r.source.rolledUpDays).toBeGreaterThan(20);
    expect(r.source.liveDays).toBe(0);
    const tickets = raw(FROM, TO);
    expectRowMatches(r.total, tickets, 'total');
    const bySvc = groupBy(tickets, (t) => t.service_id);
    expect(new Set(r.rows.map((x) => x.key))).toEqual(new Set(bySvc.keys()));
    for (const row of r.rows) expectRowMatches(row, bySvc.get(row.key)!, row.key);
    // Rows come in the centre's order: the demo's results pickup (sort order 0) first.
    expect(r.rows[0]!.label).toBe('Trả kết quả');
    // The seeded history has no ratings (they come from citizens): zero of each, no share.
    expect(r.ratings?.total).toMatchObject({ count: 0, shareSatisfied: null });
    // The rollup now serves the same report.
    const again = await report(FROM, TO, 'service');
    expect(again.source).toMatchObject({ builtDays: 0, liveDays: 0, rolledUpDays: r.source.rolledUpDays + r.source.builtDays });
    expect(again.rows).toEqual(r.rows);
  });

  it('whole months come from the month rollup and add up to the same figures', async () => {
    // February is over and rolled up: a range with it whole reads its month row.
    const feb = await report('2026-02-01', '2026-02-28', 'counter');
    const febTickets = raw('2026-02-01', '2026-02-28');
    expectRowMatches(feb.total, febTickets, 'February');
    const groups = groupBy(febTickets, (t) => t.counter_id ?? '');
    for (const row of feb.rows) expectRowMatches(row, groups.get(row.key)!, `February counter ${row.key}`);
    expect(ts.server.db.prepare("SELECT COUNT(*) AS n FROM report_months WHERE month = '2026-02'").get()).toEqual({ n: 1 });
    // January (no tickets) and February whole, March in days: the same as the days alone.
    for (const by of ['service', 'officer'] as const) {
      const wide = await report('2026-01-01', TO, by);
      const days = await report(FROM, TO, by);
      expect(wide.rows, by).toEqual(days.rows);
      expect(wide.total).toEqual(days.total);
      expect(wide.pauseReasons).toEqual(days.pauseReasons);
    }
  });

  it('by counter, officer and hour of day', async () => {
    const tickets = raw(FROM, TO);
    const byCounter = await report(FROM, TO, 'counter');
    const groups = groupBy(tickets, (t) => t.counter_id ?? '');
    for (const row of byCounter.rows) expectRowMatches(row, groups.get(row.key)!, `counter ${row.key}`);
    expect(byCounter.rows.map((x) => x.key)).toContain('');
    expect(byCounter.rows.at(-1)!.key).toBe(''); // never called comes last

    const byOfficer = await report(FROM, TO, 'officer');
    const officers = groupBy(tickets, (t) => t.officer_id ?? '');
    for (const row of byOfficer.rows) expectRowMatches(row, officers.get(row.key)!, `officer ${row.key}`);
    expect(byOfficer.rows.find((x) => x.key === 'u-canbo1')?.label).toBe('Nguyễn Thị Lan');

    const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' });
    const localHour = (ms: number): number => Number(hourOf.format(new Date(ms)));
    const byHour = await report(FROM, TO, 'hour');
    const hours = groupBy(tickets, (t) => String(localHour(t.issued_at)));
    // An hour may have tickets finished in it and none issued.
    for (const row of byHour.rows) expectRowMatches(row, hours.get(row.key) ?? [], `hour ${row.key}`);
    const served = groupBy(tickets.filter((t) => t.state === 'done'), (t) => localHour(t.finished_at!));
    for (const point of byHour.series.byHour) {
      expect(point.served, `served in hour ${point.hour}`).toBe(served.get(point.hour)?.length ?? 0);
      // Arrivals are tickets issued: a transfer's new queue entry is not one.
      expect(point.issued).toBe((hours.get(String(point.hour)) ?? []).filter((t) => !t.transferred_from_id).length);
    }
    expect(byHour.series.waitByService.map((x) => x.serviceId)).toEqual(byCounter.series.waitByService.map((x) => x.serviceId));
  });

  it('pauses and their reasons match the counter events', async () => {
    const r = await report(FROM, TO, 'counter');
    const events = ts.server.db
      .prepare(
        `SELECT business_date, counter_id, type, at, json_extract(data_json, '$.reason') AS reason FROM events
         WHERE business_date BETWEEN ? AND ? AND type IN ('counter.paused', 'counter.resumed', 'counter.closed', 'counter.opened')
         ORDER BY seq`,
      )
      .all(FROM, TO) as { business_date: string; counter_id: string; type: string; at: number; reason: string | null }[];
    const open = new Map<string, { at: number; reason: string }>();
    const want = new Map<string, { count: number; ms: number }>();
    for (const e of events) {
      const k = `${e.business_date}/${e.counter_id}`;
      if (e.type === 'counter.paused') open.set(k, { at: e.at, reason: e.reason! });
      else if (open.has(k)) {
        const p = open.get(k)!;
        open.delete(k);
        const w = want.get(p.reason) ?? { count: 0, ms: 0 };
        want.set(p.reason, { count: w.count + 1, ms: w.ms + e.at - p.at });
      }
    }
    expect(open.size).toBe(0);
    expect(want.get('Nghỉ trưa')!.count).toBeGreaterThan(20);
    expect(new Set(r.pauseReasons.map((x) => x.reason))).toEqual(new Set(want.keys()));
    for (const reason of r.pauseReasons) {
      expect(reason.count).toBe(want.get(reason.reason)!.count);
      expect(Math.abs(reason.totalMin - want.get(reason.reason)!.ms / 60_000)).toBeLessThanOrEqual(0.05);
    }
    expect(r.pauses.reduce((a, p) => a + p.count, 0)).toBe(r.pauseReasons.reduce((a, p) => a + p.count, 0));
  });

  it('adds today live on top of the rollup', async () => {
    const k = await kiosk(ts.url);
    const officer = await staff(ts.url, 'canbo1');
    for (let i = 0; i < 3; i++) await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null });
    await must(officer, 'counter:open', { requestId: rid(), counterId: 'quay-1' });
    await must(officer, 'counter:callNext', { requestId: rid(), counterId: 'quay-1' });
    ts.clock.advance(60_000);
    await must(officer, 'ticket:start', { requestId: rid(), counterId: 'quay-1' });
    ts.clock.advance(5 * 60_000);
    await must(officer, 'ticket:done', { requestId: rid(), counterId: 'quay-1' });
    const today = ts.server.engine.businessDate;
    const history = await report('2026-03-01', TO, 'service');
    const withToday = await report('2026-03-01', today, 'service');
    expect(withToday.source.liveDays).toBe(1);
    expect(withToday.total.issued).toBe(history.total.issued + 3);
    expect(withToday.total.served).toBe(history.total.served + 1);
    const todayOnly = await report(today, today, 'service');
    expect(todayOnly.rows).toHaveLength(1);
    expect(todayOnly.rows[0]).toMatchObject({ key: 'ho-tich', issued: 3, called: 1, served: 1, wait: { count: 1, avgMin: 0 }, walk: { avgMin: 1 }, service: { avgMin: 5 } });
    k.disconnect();
    officer.disconnect();
  });

  it('a missing rollup is built when a report asks; rebuildRollups makes the same figures again', async () => {
    const before = await report(FROM, TO, 'officer');
    const reports = new Reports({ db: ts.server.db, now: () => ts.clock.now(), today: () => ts.server.engine.businessDate, timeZone: () => 'Asia/Ho_Chi_Minh', log: pino({ level: 'silent' }) });
    reports.repo.deleteRange(FROM, TO);
    const lazy = await report(FROM, TO, 'officer');
    expect(lazy.source).toMatchObject({ builtDays: before.source.rolledUpDays, liveDays: 0 });
    expect(lazy.rows).toEqual(before.rows);
    expect(reports.rebuildRollups(FROM, TO)).toBe(before.source.rolledUpDays);
    const after = await report(FROM, TO, 'officer');
    expect({ ...after, generatedAt: 0 }).toEqual({ ...before, generatedAt: 0 });
  });

  it('answers from indexes: no report query scans the tickets or the events', () => {
    const reports = new Reports({ db: ts.server.db, now: () => 0, today: () => '2026-03-10', timeZone: () => 'Asia/Ho_Chi_Minh' });
    const plans = reports.repo.queryPlans();
    expect(Object.keys(plans).length).toBeGreaterThan(8);
    for (const [name, plan] of Object.entries(plans)) {
      expect(plan, name).not.toMatch(/SCAN (t|src|tickets|events|e|report_\w+)\b/);
    }
    expect(plans.unfinished).toMatch(/tickets_live/);
    expect(plans.ticketDays).toMatch(/sequences_day/);
    expect(plans.dayFigures).toMatch(/SEARCH report_day_figures USING PRIMARY KEY/);
    expect(plans.monthFigures).toMatch(/SEARCH report_month_figures USING PRIMARY KEY/);
    expect(new AdminRepo(ts.server.db).auditPlan()).toMatch(/events_audit/);
    // Every audit type is in the index, and no queue event is.
    const indexed = ts.server.db.prepare(`SELECT ? AS type WHERE ${AUDIT_WHERE_002}`);
    for (const type of AUDIT_EVENT_TYPES) expect(indexed.get(type), type).toBeDefined();
    for (const type of ['ticket.issued', 'ticket.called', 'counter.opened', 'counter.paused', 'counter.resumed', 'counter.closed', 'numbering.overflow']) {
      expect(indexed.get(type), type).toBeUndefined();
    }
  });

  it('the p90 of a histogram lies in the exact value’s bucket', () => {
    const h = new Uint32Array(181);
    const values = [0, 30_000, 61_000, 125_000, 125_500, 179_000, 240_000, 241_000, 299_000, 600_000];
    for (const v of values) h[Math.floor(v / WAIT_BUCKET_MS)]!++;
    const exact = [...values].sort((a, b) => a - b)[Math.ceil(0.9 * values.length) - 1]!;
    const est = quantileMs(h, 0.9, WAIT_BUCKET_MS)!;
    expect(Math.floor(est / WAIT_BUCKET_MS)).toBe(Math.floor(exact / WAIT_BUCKET_MS));
  });

  it('a p90 from one bucket spreads around the exact mean: one ticket’s p90 is its own time', () => {
    const one = new Uint32Array(181);
    one[0] = 1;
    expect(quantileAroundMeanMs(one, 0.9, WAIT_BUCKET_MS, 1, 52_000)).toBe(52_000);
    // Several values in one bucket: the estimate stays in the bucket, at or above the mean.
    const many = new Uint32Array(181);
    many[2] = 4;
    const values = [125_000, 130_000, 150_000, 170_000];
    const sum = values.reduce((a, b) => a + b, 0);
    const est = quantileAroundMeanMs(many, 0.9, WAIT_BUCKET_MS, 4, sum)!;
    expect(est).toBeGreaterThanOrEqual(sum / 4);
    expect(Math.floor(est / WAIT_BUCKET_MS)).toBe(2);
    // Values in several buckets: the plain histogram reading.
    const spread = new Uint32Array(181);
    spread[0] = 1;
    spread[5] = 1;
    expect(quantileAroundMeanMs(spread, 0.9, WAIT_BUCKET_MS, 2, 330_000)).toBe(quantileMs(spread, 0.9, WAIT_BUCKET_MS));
  });
});


describe('exports', () => {
  const from = '2026-03-02';
  const to = '2026-03-09';

  it('CSV (UTF-8 with BOM) and XLSX hold the same rows, one per ticket, with the arrival time', async () => {
    const tickets = raw(from, to);
    const csvRes = await fetch(`${ts.url}/api/reports/export.csv?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csvRes.headers.get('content-disposition')).toMatch(/layso-2026-03-02_2026-03-09\.csv/);
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(csv[0]).toEqual(['Ngày', 'Số', 'Dịch vụ', 'Ưu tiên', 'Giờ lấy số', 'Giờ gọi', 'Giờ bắt đầu', 'Giờ kết thúc', 'Trạng thái', 'Quầy', 'Cán bộ', 'Chờ (phút)', 'Phục vụ (phút)', 'Đánh giá', 'Hài lòng', 'Lý do chưa hài lòng']);
    const body = csv.slice(1);
    expect(body).toHaveLength(tickets.length);
    const local = (ms: number | null): string => (ms === null ? '' : new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
    const services = new Map((ts.server.db.prepare('SELECT id, name_vi FROM services').all() as { id: string; name_vi: string }[]).map((s) => [s.id, s.name_vi]));
    tickets.forEach((t, i) => {
      const row = body[i]!;
      expect(row[0]).toBe(t.business_date);
      expect(row[1]).toBe(t.display_number);
      expect(row[2]).toBe(services.get(t.service_id));
      expect(row[4]).toBe(local(t.issued_at));
      expect(row[5]).toBe(local(t.called_at));
      expect(row[7]).toBe(local(t.finished_at));
      const w = waitOf(t);
      expect(row[11]).toBe(w === null ? '' : String(Math.round(w / 6_000) / 10));
      const s = serviceOf(t);
      expect(row[12]).toBe(s === null ? '' : String(Math.round(s / 6_000) / 10));
    });
    expect(body.filter((r) => r[8] === 'Vắng mặt')).toHaveLength(tickets.filter(isNoShow).length);

    const xlsxRes = await fetch(`${ts.url}/api/reports/export.xlsx?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(xlsxRes.status).toBe(200);
    expect(xlsxRes.headers.get('content-type')).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Tickets')!;
    expect(sheet.rowCount).toBe(tickets.length + 1);
    const cell = (v: ExcelJS.CellValue): string => {
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ');
      return String(v);
    };
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cell)).toEqual(csv[0]);
    for (let i = 0; i < body.length; i++) {
      const values = (sheet.getRow(i + 2).values as ExcelJS.CellValue[]).slice(1);
      const got = Array.from({ length: 16 }, (_, k) => cell(values[k]));
      expect(got, `row ${i + 2}`).toEqual(body[i]);
    }

    const en = await fetch(`${ts.url}/api/reports/export.csv?from=${from}&to=${to}&lang=en`, { headers: { authorization: `Bearer ${manager}` } });
    const enText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await en.arrayBuffer());
    expect(enText.split('\r\n')[0]).toBe('\uFEFFBusiness date,Number,Service,Priority,Arrival (issued),Called,Started,Finished,State,Counter,Officer,Wait (min),Service (min),Rating,Satisfied,Reasons given');
  });

  it('officers get FORBIDDEN; a bad range is VALIDATION', async () => {
    const officer = await login(ts.url, 'canbo2');
    for (const path of [`/api/reports?from=${from}&to=${to}`, `/api/reports/export.csv?from=${from}&to=${to}`, `/api/reports/export.xlsx?from=${from}&to=${to}`]) {
      const r = await get(path, officer);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const anon = await fetch(`${ts.url}${path}`);
      expect(anon.status).toBe(401);
    }
    const admin = await login(ts.url, 'admin');
    expect((await get(`/api/reports?from=${from}&to=${to}&by=hour`, admin)).body.ok).toBe(true);
    for (const q of [`from=${to}&to=${from}`, 'from=2026-02-30&to=2026-03-01', `from=${from}&to=${to}&by=week`, 'from=2020-01-01&to=2026-03-01']) {
      const r = await get(`/api/reports?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});

