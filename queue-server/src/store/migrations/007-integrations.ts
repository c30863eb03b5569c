/**
 * Integrations (issue 14): API keys (only their SHA-256 is stored), webhook endpoints, and the
 * webhook outbox. Events are fanned out from the append-only event log into `webhook_deliveries`
 * (one row per endpoint and event) behind a cursor, so an event committed just before a crash is
 * still delivered after it; a booking made by an integration remembers its request id, so a retry
 * answers the first booking.
 */
export const sql = /* sql */ `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  scopes_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  -- The signing secret is needed in clear to sign; it is never shown again after creation.
  secret TEXT NOT NULL,
  events_json TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  -- Events up to this seq were before the endpoint existed: not sent to it.
  from_seq INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
-- The last event seq fanned out to the endpoints (one row).
CREATE TABLE webhook_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
);
INSERT INTO webhook_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM events;
ALTER TABLE appointments ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX appointments_request ON appointments (booked_by, request_id) WHERE request_id IS NOT NULL;
`;
