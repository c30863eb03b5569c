/**
 * Results pickup (issue 14): the dossiers whose result the one-stop software (or staff) reported
 * ready, by the dossier code printed on the citizen's receipt, and the results ticket a kiosk gave
 * for it. No personal data: a code, a service, times and a ticket id.
 */
export const sql = /* sql */ `
CREATE TABLE dossier_results (
  code TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  -- The service whose ticket the pickup gets; NULL: the centre's resultsServiceId setting.
  service_id TEXT,
  ready_at INTEGER NOT NULL,
  reported_by TEXT NOT NULL,
  picked_up_ticket_id TEXT,
  picked_up_at INTEGER
) WITHOUT ROWID;
`;
