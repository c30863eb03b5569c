/** What the province board shows, read from the live tables. */
import type { BoardCentre, BoardDetail } from '@layso/shared';
import type { Pool } from './db.js';

interface Row {
  id: string;
  name_vi: string;
  name_en: string;
  enrolled_at: Date | null;
  revoked_at: Date | null;
  head_seq: number;
  business_date: string | null;
  served_today: number;
  last_seen_at: Date | null;
  waiting: number;
  oldest: Date | null;
  open_counters: number;
  rated: number;
  satisfied: number;
}

/** The board's row of every centre, or of one (its aggregates then read only its rows). */
function summary(one: boolean): string {
  const only = one ? 'AND centre_id = $1' : '';
  return `
  SELECT c.id, c.name_vi, c.name_en, c.enrolled_at, c.revoked_at, c.head_seq, c.business_date, c.served_today, c.last_seen_at,
    COALESCE(w.waiting, 0)::int AS waiting, w.oldest, COALESCE(k.open, 0)::int AS open_counters,
    COALESCE(r.rated, 0)::int AS rated, COALESCE(r.satisfied, 0)::int AS satisfied
  FROM centres c
  LEFT JOIN (SELECT centre_id, count(*) AS waiting, min(since) AS oldest FROM live_tickets WHERE state = 'waiting' ${only} GROUP BY centre_id) w
    ON w.centre_id = c.id
  LEFT JOIN (SELECT centre_id, count(*) AS open FROM live_counters WHERE state = 'open' ${only} GROUP BY centre_id) k
    ON k.centre_id = c.id
  LEFT JOIN day_figures r ON r.centre_id = c.id AND r.business_date = c.business_date AND r.dim = 'all' AND r.key = ''
  ${one ? 'WHERE c.id = $1' : 'ORDER BY c.name_vi, c.id'}`;
}
const SUMMARY_ALL = summary(false);
const SUMMARY_ONE = summary(true);

function toCentre(r: Row): BoardCentre {
  return {
    id: r.id,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    enrolled: r.enrolled_at !== null,
    revoked: r.revoked_at !== null,
    head: r.head_seq,
    businessDate: r.business_date,
    waiting: r.waiting,
    oldestWaitingSince: r.oldest?.getTime() ?? null,
    openCounters: r.open_counters,
    servedToday: r.served_today,
    ratedToday: r.rated,
    satisfiedToday: r.satisfied,
    lastSeenAt: r.last_seen_at?.getTime() ?? null,
  };
}

export async function boardCentres(pool: Pool, onlyCentre: string | null = null): Promise<BoardCentre[]> {
  const r = onlyCentre ? await pool.query<Row>(SUMMARY_ONE, [onlyCentre]) : await pool.query<Row>(SUMMARY_ALL);
  return r.rows.map(toCentre);
}

export async function boardDetail(pool: Pool, centreId: string): Promise<BoardDetail | null> {
  const [centre] = await boardCentres(pool, centreId);
  if (!centre) return null;
  const counters = await pool.query<{ counter_id: string; number: number | null; name: string | null; state: string; ticket_number: string | null }>(
    'SELECT counter_id, number, name, state, ticket_number FROM live_counters WHERE centre_id = $1 ORDER BY number NULLS LAST, counter_id',
    [centreId],
  );
  const services = await pool.query<{ id: string; name_vi: string | null; waiting: number; oldest: Date | null }>(
    `SELECT t.service_id AS id, s.name_vi, count(*)::int AS waiting, min(t.since) AS oldest
     FROM live_tickets t LEFT JOIN services s ON s.centre_id = t.centre_id AND s.id = t.service_id
     WHERE t.centre_id = $1 AND t.state = 'waiting' GROUP BY t.service_id, s.name_vi ORDER BY s.name_vi NULLS LAST`,
    [centreId],
  );
  return {
    centre,
    counters: counters.rows.map((k) => ({ id: k.counter_id, number: k.number, name: k.name, state: k.state, ticketNumber: k.ticket_number })),
    services: services.rows.map((s) => ({ id: s.id ?? '', nameVi: s.name_vi ?? s.id ?? '', waiting: s.waiting, oldestWaitingSince: s.oldest?.getTime() ?? null })),
  };
}
