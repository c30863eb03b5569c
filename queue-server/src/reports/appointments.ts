/**
 * Booked visits in reports (issue 14): per day and service, how many were booked and how they
 * ended (kept, late, early, missed, cancelled, still open), and the wait of appointment tickets
 * against their slot (call − slot start). Few rows beside the tickets: added up from the
 * appointments table by its day index, the kept ones joined to their ticket by id.
 */
import type { AppointmentReportRow } from '@layso/shared';
import type { Db } from '../store/open-db.js';

interface CountRow {
  business_date: string;
  service_id: string;
  state: string;
  n: number;
}

interface WaitRow {
  business_date: string;
  service_id: string;
  d: number;
}

const STATES = ['kept', 'late', 'early', 'missed', 'cancelled'] as const;

function stats(values: number[]): AppointmentReportRow['waitVsSlot'] {
  if (values.length === 0) return { count: 0, avgMin: null, p90Min: null };
  const sorted = [...values].sort((a, b) => a - b);
  const min = (ms: number): number => Math.round(ms / 6_000) / 10;
  const avg = values.reduce((a, b) => a + b, 0) / values.length;
  return { count: values.length, avgMin: min(avg), p90Min: min(sorted[Math.ceil(0.9 * sorted.length) - 1]!) };
}

/** Rows by (day, service) in date then service order, then one total per service (`date: null`). */
export function appointmentFigures(db: Db, from: string, to: string, labelOf: (serviceId: string) => string): AppointmentReportRow[] {
  const counts = db
    .prepare<[string, string], CountRow>(
      'SELECT business_date, service_id, state, COUNT(*) AS n FROM appointments WHERE business_date BETWEEN ? AND ? GROUP BY business_date, service_id, state',
    )
    .all(from, to);
  const waits = db
    .prepare<[string, string], WaitRow>(
      `SELECT a.business_date, a.service_id, t.called_at - a.slot_at AS d FROM appointments a JOIN tickets t ON t.id = a.ticket_id
       WHERE a.business_date BETWEEN ? AND ? AND a.state = 'kept' AND t.called_at IS NOT NULL`,
    )
    .all(from, to);
  const rows = new Map<string, { row: AppointmentReportRow; waits: number[] }>();
  const at = (date: string | null, serviceId: string): { row: AppointmentReportRow; waits: number[] } => {
    const k = `${date ?? ''}\u0000${serviceId}`;
    let r = rows.get(k);
    if (!r) {
      const row: AppointmentReportRow = { date, serviceId, label: labelOf(serviceId), booked: 0, kept: 0, late: 0, early: 0, missed: 0, cancelled: 0, open: 0, waitVsSlot: stats([]) };
      rows.set(k, (r = { row, waits: [] }));
    }
    return r;
  };
  for (const c of counts) {
    for (const r of [at(c.business_date, c.service_id), at(null, c.service_id)]) {
      r.row.booked += c.n;
      if ((STATES as readonly string[]).includes(c.state)) r.row[c.state as (typeof STATES)[number]] += c.n;
      else r.row.open += c.n;
    }
  }
  for (const w of waits) {
    at(w.business_date, w.service_id).waits.push(w.d);
    at(null, w.service_id).waits.push(w.d);
  }
  const out = [...rows.values()].map(({ row, waits: ws }) => ({ ...row, waitVsSlot: stats(ws) }));
  return out.sort((a, b) => Number(a.date === null) - Number(b.date === null) || (a.date ?? '').localeCompare(b.date ?? '') || a.label.localeCompare(b.label, 'vi'));
}
