/**
 * Dossier results ready for pickup (issue 14), by the dossier code on the citizen's receipt.
 * The one-stop software (REST, with an API key) or staff report a result ready with `markReady`;
 * the kiosk looks a scanned code up with `lookup` and, once it gave a ticket in the results
 * service, records it with `markPickedUp`. Codes are stored as `DossierCode` normalises them
 * (trimmed, upper case), so a receipt's barcode and a code typed on the pad find the same row.
 */
import { DossierCode, DossierResult, type ServiceId, type TicketId } from '@layso/shared';
import type { Db } from './open-db.js';

interface ResultRow {
  code: string;
  service_id: string | null;
  ready_at: number;
  reported_by: string;
  picked_up_ticket_id: string | null;
  picked_up_at: number | null;
}

const COLUMNS = 'code, service_id, ready_at, reported_by, picked_up_ticket_id, picked_up_at';

function fromRow(r: ResultRow): DossierResult {
  return DossierResult.parse({
    code: r.code,
    serviceId: r.service_id,
    readyAt: r.ready_at,
    reportedBy: r.reported_by,
    pickedUpTicketId: r.picked_up_ticket_id,
    pickedUpAt: r.picked_up_at,
  });
}

export interface MarkReady {
  /** The service whose ticket the pickup gets; absent or null: the centre's results service. */
  serviceId?: ServiceId | null;
  /** When the result became ready. */
  at: number;
  /** Who reported it: an integration's key id or a staff user id. */
  by: string;
}

export class ResultsRepo {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly centreId: () => string,
  ) {
    this.stmts = {
      // Reported again (a corrected service, a new date): the latest report wins; a pickup stays.
      upsert: db.prepare(`
        INSERT INTO dossier_results (code, centre_id, service_id, ready_at, reported_by)
        VALUES (@code, @centreId, @serviceId, @at, @by)
        ON CONFLICT (code) DO UPDATE SET service_id = excluded.service_id, ready_at = excluded.ready_at,
          reported_by = excluded.reported_by`),
      byCode: db.prepare<[string], ResultRow>(`SELECT ${COLUMNS} FROM dossier_results WHERE code = ?`),
      pickedUp: db.prepare<[string, number, string]>('UPDATE dossier_results SET picked_up_ticket_id = ?, picked_up_at = ? WHERE code = ?'),
      remove: db.prepare<[string]>('DELETE FROM dossier_results WHERE code = ?'),
    };
  }

  /** Report a dossier's result ready for pickup (again: the latest report wins). */
  markReady(code: string, m: MarkReady): DossierResult {
    const c = DossierCode.parse(code);
    this.stmts.upsert.run({ code: c, centreId: this.centreId(), serviceId: m.serviceId ?? null, at: m.at, by: m.by });
    return this.lookup(c)!;
  }

  /** The dossier's result as reported, or null when nobody reported it ready (or the code is not one). */
  lookup(code: string): DossierResult | null {
    const c = DossierCode.safeParse(code);
    if (!c.success) return null;
    const r = this.stmts.byCode.get(c.data);
    return r ? fromRow(r) : null;
  }

  /** A results ticket was given for it; returns false when the code was never reported ready. */
  markPickedUp(code: string, ticketId: TicketId, at: number): boolean {
    const c = DossierCode.safeParse(code);
    return c.success && this.stmts.pickedUp.run(ticketId, at, c.data).changes > 0;
  }

  /** Withdraw a report made by mistake; returns whether there was one. */
  remove(code: string): boolean {
    const c = DossierCode.safeParse(code);
    return c.success && this.stmts.remove.run(c.data).changes > 0;
  }
}
