/**
 * Booked visits (issue 14): the bookings, the slot of an appointment ticket, and a counter's
 * appointment calls in a row. A name or phone number is kept only when the centre asks for it,
 * and erased at `personal_erase_at` (Nghị định 13/2023).
 */
export const sql = /* sql */ `
ALTER TABLE tickets ADD COLUMN slot_at INTEGER;
ALTER TABLE counters ADD COLUMN appointment_streak INTEGER NOT NULL DEFAULT 0;
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  code TEXT NOT NULL,
  service_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  ticket_id TEXT,
  booked_at INTEGER NOT NULL,
  checked_in_at INTEGER,
  cancelled_at INTEGER,
  -- Who booked: 'public' (the booking page), a staff user id, or an integration's key id.
  booked_by TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  personal_erase_at INTEGER
);
-- One booking still to come per code: the kiosk finds it by the code alone.
CREATE UNIQUE INDEX appointments_open_code ON appointments (code) WHERE state = 'booked';
CREATE INDEX appointments_slot ON appointments (service_id, slot_at);
CREATE INDEX appointments_day ON appointments (business_date);
CREATE INDEX appointments_erase ON appointments (personal_erase_at) WHERE personal_erase_at IS NOT NULL;
`;
