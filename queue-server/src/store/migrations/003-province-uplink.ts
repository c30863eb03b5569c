/**
 * The province uplink's state (issue 15): where the hub is, the credential the hub gave at
 * enrolment, the hub's pinned public key, and the highest seq the hub holds (every event up to it).
 */
export const sql = /* sql */ `
CREATE TABLE province_uplink (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  province_centre_id TEXT NOT NULL,
  credential TEXT NOT NULL,
  pin TEXT,
  acked_seq INTEGER NOT NULL DEFAULT 0,
  -- Business dates whose figures the hub has not had since they last changed (JSON array).
  dirty_dates TEXT NOT NULL DEFAULT '[]',
  enrolled_at INTEGER NOT NULL
);
`;
