/**
 * Issue 11: the manager's alerts of the day kept on the server (with when each started, ended and
 * who acknowledged it), and a service's optional short name for kiosk buttons.
 */
export const sql = /* sql */ `
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  business_date TEXT NOT NULL,
  -- What the alert is about, e.g. 'printer:<deviceId>', 'long_wait:<serviceId>': one open at a time.
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL,
  service_id TEXT,
  device_id TEXT,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  acked_by TEXT,
  acked_at INTEGER
);
CREATE INDEX alerts_by_day ON alerts (business_date, started_at);
CREATE INDEX alerts_open ON alerts (key) WHERE ended_at IS NULL;

ALTER TABLE services ADD COLUMN kiosk_name_vi TEXT;
`;
