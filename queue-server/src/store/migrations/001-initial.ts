/** The first schema. Times are epoch ms; business dates are the centre's local `YYYY-MM-DD`. */
export const sql = /* sql */ `
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  numbering_json TEXT NOT NULL,
  open_time TEXT NOT NULL,
  close_time TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  allow_priority INTEGER NOT NULL,
  avg_service_sec REAL NOT NULL,
  wait_threshold_min INTEGER NOT NULL,
  sort_order INTEGER NOT NULL,
  deleted_at INTEGER
);

CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  service_ids_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('closed', 'open', 'paused')),
  officer_id TEXT,
  pause_reason TEXT,
  priority_streak INTEGER NOT NULL DEFAULT 0,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX counters_number ON counters (number) WHERE deleted_at IS NULL;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'manager', 'admin')),
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  config_json TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_seen_at INTEGER
);

CREATE TABLE pairing_codes (
  code_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display')),
  name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;

-- The number sequence of each (service, business date). Advanced in the same transaction that
-- stores the ticket, so a number handed out is durable before it is printed.
CREATE TABLE sequences (
  service_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (service_id, business_date)
) WITHOUT ROWID;

CREATE TABLE tickets (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  centre_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  number INTEGER NOT NULL,
  display_number TEXT NOT NULL,
  priority TEXT,
  state TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  queue_key REAL NOT NULL,
  queue_tie REAL NOT NULL,
  target_counter_id TEXT,
  counter_id TEXT,
  on_hold INTEGER NOT NULL DEFAULT 0,
  called_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  call_count INTEGER NOT NULL DEFAULT 0,
  transferred_from_id TEXT,
  note TEXT,
  request_id TEXT UNIQUE,
  device_id TEXT,
  officer_id TEXT
);
-- A number is never given twice in one business day: the database itself refuses it.
CREATE UNIQUE INDEX tickets_number_once ON tickets (business_date, display_number)
  WHERE transferred_from_id IS NULL;
CREATE INDEX tickets_live ON tickets (state, business_date)
  WHERE state IN ('waiting', 'called', 'serving', 'no_show');
CREATE INDEX tickets_day ON tickets (business_date, service_id);
CREATE INDEX tickets_successor ON tickets (transferred_from_id) WHERE transferred_from_id IS NOT NULL;

-- Every state change, append-only. Its seq orders the deltas clients receive.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  centre_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  type TEXT NOT NULL,
  ticket_id TEXT,
  service_id TEXT,
  counter_id TEXT,
  actor TEXT,
  data_json TEXT
);
CREATE INDEX events_day ON events (business_date, type);
CREATE INDEX events_ticket ON events (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Officer commands already carried out, so a retry returns the first result.
CREATE TABLE requests (
  request_id TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  result_json TEXT NOT NULL,
  at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX requests_at ON requests (at);
`;
