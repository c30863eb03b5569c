/**
 * The hub's PostgreSQL: a pool, the schema's migrations, and the monthly partitions of the two
 * big tables (events by event time, day figures by business date), made on demand.
 */
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/** Dates (oid 1082) stay 'YYYY-MM-DD' strings; bigints (20) become numbers (seqs, ms sums). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 1082) return (v: string) => v;
    if (oid === 20) return (v: string) => Number(v);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, opts: { max?: number; onError?: (e: Error) => void } = {}): Pool {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types, connectionTimeoutMillis: 5_000 });
  const onError = opts.onError ?? (() => undefined);
  // A connection that dies (PostgreSQL restarted) must not take the node down with it.
  pool.on('error', onError);
  pool.on('connect', (c) => c.on('error', onError));
  return pool;
}

const MIGRATIONS: readonly string[] = [
  /* sql */ `
  CREATE TABLE centres (
    id text PRIMARY KEY,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    enrol_code_hash text UNIQUE,
    enrol_expires_at timestamptz,
    credential_hash text UNIQUE,
    revoked_at timestamptz,
    enrolled_at timestamptz,
    -- Every event up to head_seq is held; live_* and served_today fold the events up to it.
    head_seq bigint NOT NULL DEFAULT 0,
    business_date date,
    served_today integer NOT NULL DEFAULT 0,
    last_seen_at timestamptz,
    last_event_at timestamptz
  );

  CREATE TABLE users (
    username text PRIMARY KEY,
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('province_admin', 'province_viewer', 'centre_viewer')),
    centre_id text REFERENCES centres (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'centre_viewer') = (centre_id IS NOT NULL))
  );

  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
  );

  -- Each centre's event log, as it crossed (see shared/src/protocol/province.ts), by month.
  CREATE TABLE events (
    centre_id text NOT NULL,
    seq bigint NOT NULL,
    at timestamptz NOT NULL,
    business_date date NOT NULL,
    type text NOT NULL,
    ticket_id text,
    service_id text,
    counter_id text,
    data jsonb,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_id, seq, at)
  ) PARTITION BY RANGE (at);
  CREATE INDEX events_centre_seq ON events (centre_id, seq);

  -- Each centre's day figures as its own reports computed them, by month of the business day.
  CREATE TABLE day_figures (
    centre_id text NOT NULL,
    business_date date NOT NULL,
    dim text NOT NULL CHECK (dim IN ('all', 'service')),
    key text NOT NULL,
    issued integer NOT NULL,
    transferred_in integer NOT NULL,
    called integer NOT NULL,
    served integer NOT NULL,
    no_shows integer NOT NULL,
    transferred_out integer NOT NULL,
    cancelled integer NOT NULL,
    expired integer NOT NULL,
    within_threshold integer NOT NULL,
    wait_n integer NOT NULL,
    wait_sum_ms bigint NOT NULL,
    service_n integer NOT NULL,
    service_sum_ms bigint NOT NULL,
    wait_hist jsonb NOT NULL,
    service_hist jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_id, business_date, dim, key)
  ) PARTITION BY RANGE (business_date);
  -- A province report reads one dim over a date range, for every centre.
  CREATE INDEX day_figures_report ON day_figures (dim, business_date, centre_id);

  CREATE TABLE services (
    centre_id text NOT NULL REFERENCES centres (id),
    id text NOT NULL,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    PRIMARY KEY (centre_id, id)
  );

  -- The live state folded from the events up to head_seq: today's unfinished tickets, counters.
  CREATE TABLE live_tickets (
    centre_id text NOT NULL,
    ticket_id text NOT NULL,
    business_date date NOT NULL,
    service_id text,
    state text NOT NULL,
    since timestamptz NOT NULL,
    counter_id text,
    PRIMARY KEY (centre_id, ticket_id)
  );
  CREATE TABLE live_counters (
    centre_id text NOT NULL,
    counter_id text NOT NULL,
    number integer,
    name text,
    state text NOT NULL DEFAULT 'closed',
    ticket_number text,
    PRIMARY KEY (centre_id, counter_id)
  );

  -- Big messages between hub nodes (@socket.io/postgres-adapter).
  CREATE TABLE socket_io_attachments (
    id bigserial UNIQUE,
    created_at timestamptz DEFAULT now(),
    payload bytea
  );
  `,
  /* sql */ `
  -- The primary key (centre_id, seq, at) already serves look-ups by (centre_id, seq): the second
  -- index only cost space (about a fifth of an event's bytes, measured by the bench).
  DROP INDEX events_centre_seq;
  `,
  /* sql */ `
  -- The highest seq held (above the head when batches came out of order): while it is not above
  -- the head, an in-order batch needs no look-up of what is held.
  ALTER TABLE centres ADD COLUMN max_seq bigint NOT NULL DEFAULT 0;
  UPDATE centres c SET max_seq = COALESCE((SELECT max(seq) FROM events e WHERE e.centre_id = c.id), 0);
  `,
  /* sql */ `
  -- Citizens' ratings of the day's tickets, as the centre counts them (issue 13).
  ALTER TABLE day_figures ADD COLUMN rated integer NOT NULL DEFAULT 0, ADD COLUMN satisfied integer NOT NULL DEFAULT 0;
  `,
  /* sql */ `
  -- The province's targets (one row): called within wait_minutes for a wait_share of citizens,
  -- satisfied_share of ratings satisfied. Until an admin sets them: 15 minutes, no shares.
  CREATE TABLE targets (
    id integer PRIMARY KEY CHECK (id = 1),
    wait_minutes integer NOT NULL,
    wait_share real,
    satisfied_share real,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  INSERT INTO targets (id, wait_minutes) VALUES (1, 15);
  `,
];

/** Run the migrations not yet run; nodes starting together take turns on an advisory lock. */
export async function migrate(pool: Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock(7115001)');
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const r = await c.query<{ version: number }>('SELECT version FROM schema_version');
    let current = r.rows[0]?.version ?? 0;
    if (r.rows.length === 0) await c.query('INSERT INTO schema_version VALUES (0)');
    if (current > MIGRATIONS.length) throw new Error(`hub schema ${current} is newer than this node (${MIGRATIONS.length}); upgrade the hub`);
    for (; current < MIGRATIONS.length; current++) {
      await c.query('BEGIN');
      try {
        await c.query(MIGRATIONS[current]!);
        await c.query('UPDATE schema_version SET version = $1', [current + 1]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await c.query('SELECT pg_advisory_unlock(7115001)').catch(() => undefined);
    c.release();
  }
}

/** 'YYYY-MM' of a date or epoch ms (UTC). */
export function monthOf(v: string | number): string {
  return typeof v === 'number' ? new Date(v).toISOString().slice(0, 7) : v.slice(0, 7);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const made = new Set<string>();

/**
 * Make the monthly partitions of `table` for these months if missing. Event partitions run on UTC
 * month bounds of the event time; day-figure partitions on calendar months of the business date.
 */
export async function ensurePartitions(pool: Pool, table: 'events' | 'day_figures', months: Iterable<string>): Promise<void> {
  for (const month of new Set(months)) {
    const name = `${table}_${month.replace('-', '_')}`;
    if (made.has(name)) continue;
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`bad month ${month}`);
    const from = `${month}-01`;
    const to = `${nextMonth(month)}-01`;
    const bounds = table === 'events' ? `('${from} 00:00:00+00') TO ('${to} 00:00:00+00')` : `('${from}') TO ('${to}')`;
    const c = await pool.connect();
    try {
      // Two nodes may meet here: one makes it, the other finds it made.
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(7115002)');
      await c.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${table} FOR VALUES FROM ${bounds}`);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
    made.add(name);
  }
}

/** Forget which partitions were seen (a test dropped the database). */
export function forgetPartitions(): void {
  made.clear();
}
