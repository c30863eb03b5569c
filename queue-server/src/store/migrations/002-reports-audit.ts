/**
 * Reports and the audit log. The rollup tables are derived data: they are rebuilt from the tickets
 * and the event log (`rebuildRollups`), which stay the source of truth.
 */

/**
 * Which events the audit index holds: administrative changes (settings.*, service.*, user.*,
 * device.*, counter.saved, counter.deleted), plus day.started, which the audit query leaves out.
 * A pattern, not a list of types: SQLite tests it on every event written, and a 14-string IN list
 * costs several microseconds an insert, which a bulk load of history feels.
 * A query must repeat it word for word for SQLite to use the index.
 */
export const AUDIT_WHERE_002 = `(type GLOB '[dsu]*' OR type GLOB 'counter.[ds]*')`;

export const sql = /* sql */ `
-- Finished business days, and whole months of them, whose figures are rolled up below.
CREATE TABLE report_days (
  business_date TEXT PRIMARY KEY,
  built_at INTEGER NOT NULL,
  tickets INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE report_months (
  month TEXT PRIMARY KEY,
  built_at INTEGER NOT NULL,
  days INTEGER NOT NULL
) WITHOUT ROWID;

-- A finished day cut five ways (dim = all, service, counter, officer, hour; key '' = none or
-- the whole day), and the same per month (the sum of its days), so a year report reads about a
-- dozen rows per key. 'tickets' is for people reading the table; 'figures' holds the counts, sums
-- and histograms (see reports/figures.ts) from which the 90th percentile is read without touching
-- the tickets.
CREATE TABLE report_day_figures (
  dim TEXT NOT NULL CHECK (dim IN ('all', 'service', 'counter', 'officer', 'hour')),
  business_date TEXT NOT NULL,
  key TEXT NOT NULL,
  tickets INTEGER NOT NULL,
  figures BLOB NOT NULL,
  PRIMARY KEY (dim, business_date, key)
) WITHOUT ROWID;
CREATE TABLE report_month_figures (
  dim TEXT NOT NULL CHECK (dim IN ('all', 'service', 'counter', 'officer', 'hour')),
  month TEXT NOT NULL,
  key TEXT NOT NULL,
  tickets INTEGER NOT NULL,
  figures BLOB NOT NULL,
  PRIMARY KEY (dim, month, key)
) WITHOUT ROWID;

-- Counter pauses by counter and by officer (dim), and reason.
CREATE TABLE report_day_pauses (
  dim TEXT NOT NULL CHECK (dim IN ('counter', 'officer')),
  business_date TEXT NOT NULL,
  key TEXT NOT NULL,
  reason TEXT NOT NULL,
  pauses INTEGER NOT NULL,
  paused_ms INTEGER NOT NULL,
  PRIMARY KEY (dim, business_date, key, reason)
) WITHOUT ROWID;
CREATE TABLE report_month_pauses (
  dim TEXT NOT NULL CHECK (dim IN ('counter', 'officer')),
  month TEXT NOT NULL,
  key TEXT NOT NULL,
  reason TEXT NOT NULL,
  pauses INTEGER NOT NULL,
  paused_ms INTEGER NOT NULL,
  PRIMARY KEY (dim, month, key, reason)
) WITHOUT ROWID;

-- Which days have tickets, without scanning the tickets.
CREATE INDEX sequences_day ON sequences (business_date);

-- The audit log: administrative changes among millions of queue events.
CREATE INDEX events_audit ON events (seq) WHERE ${AUDIT_WHERE_002};
`;
