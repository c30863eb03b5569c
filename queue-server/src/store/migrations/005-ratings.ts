/**
 * Citizens' ratings (issue 13): one row per served ticket entry (the primary key refuses a second),
 * with the officer who served it copied from the ticket so reports by officer stay right after
 * counters change hands. `comment` is free text that may hold personal data: it never leaves the
 * centre (not in events, not in logs). Rating tablets become a third kind of paired device.
 */
export const sql = /* sql */ `
CREATE TABLE ratings (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
  centre_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  service_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  officer_id TEXT,
  at INTEGER NOT NULL,
  scale TEXT NOT NULL CHECK (scale IN ('three', 'five')),
  level INTEGER NOT NULL,
  satisfied INTEGER NOT NULL,
  low INTEGER NOT NULL,
  reasons_json TEXT NOT NULL,
  comment TEXT,
  source TEXT NOT NULL CHECK (source IN ('phone', 'tablet'))
) WITHOUT ROWID;
CREATE INDEX ratings_by_date ON ratings (business_date, at);

CREATE TABLE devices_new (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  config_json TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_seen_at INTEGER
);
INSERT INTO devices_new SELECT id, kind, name, token_hash, config_json, created_at, revoked_at, last_seen_at FROM devices;
DROP TABLE devices;
ALTER TABLE devices_new RENAME TO devices;

CREATE TABLE pairing_codes_new (
  code_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;
INSERT INTO pairing_codes_new SELECT code_hash, kind, name, created_by, expires_at, used_at FROM pairing_codes;
DROP TABLE pairing_codes;
ALTER TABLE pairing_codes_new RENAME TO pairing_codes;
`;
