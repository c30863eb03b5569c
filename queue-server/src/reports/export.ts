/**
 * Ticket exports: one row per queue entry over a range of days, with its arrival (issue) time, as
 * CSV (UTF-8 with a BOM, so Excel shows Vietnamese right) or XLSX (exceljs streaming writer).
 * Both stream a day at a time and never keep a statement open across an await, so the queue goes
 * on while a five-year export is written.
 */
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { PRIORITY_LABELS, ratingLevels, type AppointmentReportRow, type PriorityCategory, type RatingSummary, type RatingSummaryRow, type ReportDimension } from '@layso/shared';
import type { ExportTicket, ReportRepo } from '../store/report-repo.js';
import { offsetOfDate, outcomeOf, serviceMs, waitMs } from './day.js';

export type Lang = 'vi' | 'en';

export const EXPORT_COLUMNS: Record<Lang, readonly string[]> = {
  vi: ['Ngày', 'Số', 'Dịch vụ', 'Ưu tiên', 'Giờ lấy số', 'Giờ gọi', 'Giờ bắt đầu', 'Giờ kết thúc', 'Trạng thái', 'Quầy', 'Cán bộ', 'Chờ (phút)', 'Phục vụ (phút)', 'Đánh giá', 'Hài lòng', 'Lý do chưa hài lòng'],
  en: ['Business date', 'Number', 'Service', 'Priority', 'Arrival (issued)', 'Called', 'Started', 'Finished', 'State', 'Counter', 'Officer', 'Wait (min)', 'Service (min)', 'Rating', 'Satisfied', 'Reasons given'],
};

/** The levels in the ratings table's columns: the three levels of the public forms, then five stars. */
const SUMMARY_LEVELS = [...ratingLevels('three').map((l) => ({ scale: 'three' as const, ...l })), ...ratingLevels('five').map((l) => ({ scale: 'five' as const, ...l }))];

export const RATING_COLUMNS: Record<Lang, readonly string[]> = {
  vi: ['Theo', 'Nhóm', 'Lượt đánh giá', 'Hài lòng', 'Không hài lòng', 'Tỷ lệ hài lòng (%)', ...SUMMARY_LEVELS.map((l) => l.vi), 'Lý do chưa hài lòng'],
  en: ['By', 'Group', 'Ratings', 'Satisfied', 'Not satisfied', 'Share satisfied (%)', ...SUMMARY_LEVELS.map((l) => l.en), 'Reasons given'],
};

const DIMENSION_LABELS: Record<ReportDimension | 'all', { vi: string; en: string }> = {
  service: { vi: 'Dịch vụ', en: 'Service' },
  counter: { vi: 'Quầy', en: 'Counter' },
  officer: { vi: 'Cán bộ', en: 'Officer' },
  hour: { vi: 'Giờ', en: 'Hour' },
  all: { vi: 'Tổng cộng', en: 'Total' },
};

const reasonsText = (reasons: readonly { reason: string; count: number }[]): string => reasons.map((r) => `${r.reason} (${r.count})`).join('; ');

/** One line of the ratings table: a group's counts per level, share satisfied and reasons. */
export function ratingSummaryCells(by: ReportDimension | 'all', r: RatingSummaryRow, lang: Lang): (string | number | null)[] {
  const levelCount = (scale: 'three' | 'five', level: number): number => r.byLevel.find((l) => l.scale === scale && l.level === level)?.count ?? 0;
  return [
    DIMENSION_LABELS[by][lang],
    by === 'all' ? DIMENSION_LABELS.all[lang] : r.label,
    r.count,
    r.satisfied,
    r.low,
    r.shareSatisfied === null ? null : Math.round(r.shareSatisfied * 1000) / 10,
    ...SUMMARY_LEVELS.map((l) => levelCount(l.scale, l.level)),
    reasonsText(r.reasons),
  ];
}

/** The ratings table: the period's total, then each dimension's groups. */
export function ratingSummaryTable(summaries: readonly { by: ReportDimension; summary: RatingSummary }[], lang: Lang): (string | number | null)[][] {
  const first = summaries[0];
  const out: (string | number | null)[][] = first ? [ratingSummaryCells('all', first.summary.total, lang)] : [];
  for (const { by, summary } of summaries) for (const row of summary.rows) out.push(ratingSummaryCells(by, row, lang));
  return out;
}

const STATE_LABELS: Record<string, { vi: string; en: string }> = {
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  called: { vi: 'Đã gọi', en: 'Called' },
  serving: { vi: 'Đang phục vụ', en: 'Serving' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  no_show: { vi: 'Vắng mặt', en: 'No-show' },
  transferred: { vi: 'Đã chuyển', en: 'Transferred' },
  cancelled: { vi: 'Đã huỷ', en: 'Cancelled' },
  expired: { vi: 'Hết hạn cuối ngày', en: 'Expired at closing' },
};

/** One export row, typed: times are local wall-clock instants encoded as UTC (what Excel shows). */
export interface ExportRow {
  date: string;
  number: string;
  service: string;
  priority: string;
  issued: Date;
  called: Date | null;
  started: Date | null;
  finished: Date | null;
  state: string;
  counter: string;
  officer: string;
  waitMin: number | null;
  serviceMin: number | null;
  /** The level's words ("Không hài lòng", "4 sao — Hài lòng"); empty when not rated. */
  rating: string;
  /** Có / Không (Yes / No); empty when not rated. */
  satisfied: string;
  reasons: string;
}

export interface ExportNames {
  services: Map<string, { nameVi: string; nameEn: string }>;
  counters: Map<string, { name: string }>;
  users: Map<string, string>;
}

export function exportNames(repo: ReportRepo): ExportNames {
  const n = repo.names();
  return {
    services: new Map(n.services.map((s) => [s.id, s])),
    counters: new Map(n.counters.map((c) => [c.id, c])),
    users: new Map(n.users.map((u) => [u.id, u.displayName])),
  };
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);

export function exportRow(t: ExportTicket, offsetMs: number, names: ExportNames, lang: Lang): ExportRow {
  const local = (ms: number | null): Date | null => (ms === null ? null : new Date(ms + offsetMs));
  const service = names.services.get(t.serviceId);
  const priority = t.priority as PriorityCategory | null;
  return {
    date: t.businessDate,
    number: t.displayNumber,
    service: service ? (lang === 'vi' ? service.nameVi : service.nameEn) : t.serviceId,
    priority: priority ? (PRIORITY_LABELS[priority]?.[lang] ?? priority) : '',
    issued: local(t.issuedAt)!,
    called: local(t.calledAt),
    started: local(t.startedAt),
    finished: local(t.finishedAt),
    state: STATE_LABELS[outcomeOf(t)]?.[lang] ?? t.state,
    counter: t.counterId ? (names.counters.get(t.counterId)?.name ?? t.counterId) : '',
    officer: t.officerId ? (names.users.get(t.officerId) ?? t.officerId) : '',
    waitMin: minutes(waitMs(t)),
    serviceMin: minutes(serviceMs(t)),
    rating: t.rating ? (ratingLevels(t.rating.scale).find((l) => l.level === t.rating?.level)?.[lang] ?? String(t.rating.level)) : '',
    satisfied: t.rating ? (t.rating.satisfied ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Không' : 'No') : '',
    reasons: t.rating ? t.rating.reasons.join('; ') : '',
  };
}

/** `YYYY-MM-DD HH:MM:SS` of a local instant encoded as UTC. */
function stamp(d: Date | null): string {
  return d === null ? '' : d.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading apostrophe: a service named `=HYPERLINK(…)` stays text.
 * Numbers are numbers and are left alone.
 */
export function neutralised(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : neutralised(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(r: ExportRow): string {
  return [r.date, r.number, r.service, r.priority, stamp(r.issued), stamp(r.called), stamp(r.started), stamp(r.finished), r.state, r.counter, r.officer, r.waitMin, r.serviceMin, r.rating, r.satisfied, r.reasons]
    .map(csvField)
    .join(',');
}

/** The rows of each day with tickets, a day at a time. */
async function* days(repo: ReportRepo, from: string, to: string, timeZone: string, lang: Lang): AsyncGenerator<ExportRow[]> {
  const names = exportNames(repo);
  for (const date of repo.ticketDays(from, to)) {
    const offset = offsetOfDate(date, timeZone);
    yield repo.dayTickets(date).map((t) => exportRow(t, offset, names, lang));
    // Let the queue's commands in between days.
    await new Promise((r) => setImmediate(r));
  }
}

export const APPOINTMENT_COLUMNS: Record<Lang, readonly string[]> = {
  vi: ['Ngày', 'Dịch vụ', 'Đã đặt', 'Đến đúng hẹn', 'Đến muộn', 'Đến sớm (lấy số thường)', 'Lỡ hẹn', 'Đã huỷ', 'Chưa đến', 'Số vé theo hẹn được gọi', 'Chờ so với giờ hẹn, TB (phút)', 'Chờ so với giờ hẹn, P90 (phút)'],
  en: ['Business date', 'Service', 'Booked', 'Kept', 'Late', 'Early (walk-in)', 'Missed', 'Cancelled', 'Still to come', 'Appointment tickets called', 'Wait vs slot, avg (min)', 'Wait vs slot, p90 (min)'],
};

/** The appointments table: each day and service, then each service's period total. */
export function appointmentTable(rows: readonly AppointmentReportRow[], lang: Lang): (string | number | null)[][] {
  return rows.map((r) => [
    r.date ?? DIMENSION_LABELS.all[lang],
    r.label,
    r.booked,
    r.kept,
    r.late,
    r.early,
    r.missed,
    r.cancelled,
    r.open,
    r.waitVsSlot.count,
    r.waitVsSlot.avgMin,
    r.waitVsSlot.p90Min,
  ]);
}

/** The appointments table as CSV. */
export function csvAppointmentsExport(rows: readonly AppointmentReportRow[], lang: Lang): string {
  const lines = [APPOINTMENT_COLUMNS[lang], ...appointmentTable(rows, lang)].map((cells) => cells.map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The ratings table as CSV (one table per file, as RFC 4180 has it). */
export function csvRatingsExport(summaries: readonly { by: ReportDimension; summary: RatingSummary }[], lang: Lang): string {
  const lines = [RATING_COLUMNS[lang], ...ratingSummaryTable(summaries, lang)].map((cells) => cells.map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** CSV, UTF-8 with a byte-order mark, CRLF line ends (RFC 4180). */
export function csvExport(repo: ReportRepo, from: string, to: string, timeZone: string, lang: Lang): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield '\uFEFF' + EXPORT_COLUMNS[lang].map(csvField).join(',') + '\r\n';
    for await (const rows of days(repo, from, to, timeZone, lang)) {
      if (rows.length > 0) yield rows.map(csvLine).join('\r\n') + '\r\n';
    }
  }
  return Readable.from(lines());
}

/** A sheet holds at most 1,048,576 rows: a long export goes on in a new sheet. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, memory stays flat.
 * exceljs is loaded on the first export, not at start-up (it is the heaviest module the server
 * has, and most days nobody exports).
 */
export async function xlsxExport(
  repo: ReportRepo,
  from: string,
  to: string,
  timeZone: string,
  lang: Lang,
  ratings: readonly { by: ReportDimension; summary: RatingSummary }[] = [],
  appointments: readonly AppointmentReportRow[] = [],
): Promise<Readable> {
  const { default: Excel } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const time = 'yyyy-mm-dd hh:mm:ss';
  const newSheet = (n: number): ExcelJS.Worksheet => {
    const sheet = workbook.addWorksheet(n === 1 ? 'Tickets' : `Tickets ${n}`, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = EXPORT_COLUMNS[lang];
    sheet.columns = [
      { header: header[0], key: 'date', width: 12 },
      { header: header[1], key: 'number', width: 8 },
      { header: header[2], key: 'service', width: 36 },
      { header: header[3], key: 'priority', width: 18 },
      { header: header[4], key: 'issued', width: 20, style: { numFmt: time } },
      { header: header[5], key: 'called', width: 20, style: { numFmt: time } },
      { header: header[6], key: 'started', width: 20, style: { numFmt: time } },
      { header: header[7], key: 'finished', width: 20, style: { numFmt: time } },
      { header: header[8], key: 'state', width: 16 },
      { header: header[9], key: 'counter', width: 12 },
      { header: header[10], key: 'officer', width: 24 },
      { header: header[11], key: 'waitMin', width: 10 },
      { header: header[12], key: 'serviceMin', width: 12 },
      { header: header[13], key: 'rating', width: 22 },
      { header: header[14], key: 'satisfied', width: 10 },
      { header: header[15], key: 'reasons', width: 36 },
    ];
    return sheet;
  };
  void (async () => {
    let sheetNo = 1;
    let sheet = newSheet(sheetNo);
    let inSheet = 0;
    for await (const rows of days(repo, from, to, timeZone, lang)) {
      if (out.destroyed) return; // the client went away
      for (const r of rows) {
        if (inSheet === XLSX_ROWS_PER_SHEET) {
          sheet.commit();
          sheet = newSheet(++sheetNo);
          inSheet = 0;
        }
        sheet.addRow(r).commit();
        inSheet++;
      }
      // A slow reader: wait for it instead of buffering the whole file.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    // The ratings summed by service, counter, officer and hour, as the report shows them.
    const rated = workbook.addWorksheet(lang === 'vi' ? 'Đánh giá' : 'Ratings', { views: [{ state: 'frozen', ySplit: 1 }] });
    rated.columns = RATING_COLUMNS[lang].map((h, i) => ({ header: h, key: `c${i}`, width: i === 1 ? 30 : i === RATING_COLUMNS[lang].length - 1 ? 48 : 14 }));
    for (const cells of ratingSummaryTable(ratings, lang)) rated.addRow(cells).commit();
    rated.commit();
    // Booked visits by day and service (issue 14).
    const booked = workbook.addWorksheet(lang === 'vi' ? 'Lịch hẹn' : 'Appointments', { views: [{ state: 'frozen', ySplit: 1 }] });
    booked.columns = APPOINTMENT_COLUMNS[lang].map((h, i) => ({ header: h, key: `a${i}`, width: i === 1 ? 36 : 14 }));
    for (const cells of appointmentTable(appointments, lang)) booked.addRow(cells).commit();
    booked.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
