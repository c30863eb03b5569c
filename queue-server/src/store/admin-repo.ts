/** What administration needs beyond the catalog and the accounts: pairing, the audit log, numbers used today. */
import type { Numbering } from '@layso/shared';
import type { Db } from './open-db.js';
import { AUDIT_WHERE_002 } from './migrations/002-reports-audit.js';

export interface AuditRow {
  seq: number;
  at: number;
  type: string;
  actor: string | null;
  serviceId: string | null;
  counterId: string | null;
  data: unknown;
}

interface AuditDbRow {
  seq: number;
  at: number;
  type: string;
  actor: string | null;
  service_id: string | null;
  counter_id: string | null;
  data_json: string | null;
}

export interface PairingClaim {
  kind: 'kiosk' | 'display' | 'rating';
  name: string;
  createdBy: string;
}

export class AdminRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      prunePairing: db.prepare<[number]>('DELETE FROM pairing_codes WHERE used_at IS NOT NULL OR expires_at <= ?'),
      insertPairing: db.prepare(`
        INSERT OR IGNORE INTO pairing_codes (code_hash, kind, name, created_by, expires_at)
        VALUES (@codeHash, @kind, @name, @createdBy, @expiresAt)`),
      pairing: db.prepare<[string, string, number], { name: string; created_by: string; kind: 'kiosk' | 'display' | 'rating' }>(
        'SELECT kind, name, created_by FROM pairing_codes WHERE code_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?',
      ),
      usePairing: db.prepare<[number, string]>('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL'),
      serviceId: db.prepare<[string], { id: string }>('SELECT id FROM services WHERE id = ?'),
      counterId: db.prepare<[string], { id: string }>('SELECT id FROM counters WHERE id = ?'),
      renameDevice: db.prepare<[string, string]>('UPDATE devices SET name = ? WHERE id = ?'),
      // The condition repeats the partial index's word for word, so SQLite walks that small index.
      audit: db.prepare<[number, number], AuditDbRow>(`
        SELECT seq, at, type, actor, service_id, counter_id, data_json FROM events
        WHERE ${AUDIT_WHERE_002} AND type <> 'day.started' AND seq < ? ORDER BY seq DESC LIMIT ?`),
      rangeUsed: db.prepare<[string, string, number, number], { display_number: string; service_id: string }>(`
        SELECT display_number, service_id FROM tickets
        WHERE business_date = ? AND service_id <> ? AND number BETWEEN ? AND ?
          AND display_number = CAST(number AS TEXT)
        LIMIT 1`),
      prefixUsed: db.prepare<[string, string, string], { display_number: string; service_id: string }>(`
        SELECT display_number, service_id FROM tickets
        WHERE business_date = ? AND service_id <> ? AND display_number GLOB ?
        LIMIT 1`),
      issuedToday: db.prepare<[string, string], { last_number: number }>(
        'SELECT last_number FROM sequences WHERE service_id = ? AND business_date = ?',
      ),
    };
  }

  /** Store a pairing code's hash; false when that hash is already taken (draw another code). */
  insertPairingCode(p: { codeHash: string; kind: 'kiosk' | 'display' | 'rating'; name: string; createdBy: string; expiresAt: number }, now: number): boolean {
    this.stmts.prunePairing.run(now);
    return this.stmts.insertPairing.run(p).changes > 0;
  }

  /** What a pairing code of that kind pairs; null when wrong, used or expired. */
  pairingCode(codeHash: string, kind: 'kiosk' | 'display' | 'rating', now: number): PairingClaim | null {
    const r = this.stmts.pairing.get(codeHash, kind, now);
    return r ? { kind: r.kind, name: r.name, createdBy: r.created_by } : null;
  }

  /** Mark a pairing code used; false when it already was. */
  usePairingCode(codeHash: string, now: number): boolean {
    return this.stmts.usePairing.run(now, codeHash).changes > 0;
  }

  /** Whether an id was ever used by a service or counter, deleted ones included (their history keeps it). */
  idTaken(table: 'services' | 'counters', id: string): boolean {
    return (table === 'services' ? this.stmts.serviceId : this.stmts.counterId).get(id) !== undefined;
  }

  renameDevice(id: string, name: string): void {
    this.stmts.renameDevice.run(name, id);
  }

  /** How SQLite runs the audit query (it must walk the events_audit index). */
  auditPlan(): string {
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${this.stmts.audit.source}`).all(1, 1) as { detail: string }[]).map((r) => r.detail).join('; ');
  }

  /** Administrative events, newest first, before `beforeSeq`. */
  audit(limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): AuditRow[] {
    return this.stmts.audit.all(beforeSeq, limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      actor: r.actor,
      serviceId: r.service_id,
      counterId: r.counter_id,
      data: r.data_json === null ? null : (JSON.parse(r.data_json) as unknown),
    }));
  }

  /**
   * A number of `numbering` another service already gave on `date`, if any: giving it again would
   * put the same number on two tickets in one day.
   */
  numberUsedElsewhere(numbering: Numbering, date: string, serviceId: string): { displayNumber: string; serviceId: string } | null {
    const r =
      numbering.kind === 'range'
        ? this.stmts.rangeUsed.get(date, serviceId, numbering.from, numbering.to)
        : this.stmts.prefixUsed.get(date, serviceId, `${numbering.prefix}[0-9]*`);
    return r ? { displayNumber: r.display_number, serviceId: r.service_id } : null;
  }

  /** The last number a service gave on a date, or null when it gave none. */
  lastNumber(serviceId: string, date: string): number | null {
    return this.stmts.issuedToday.get(serviceId, date)?.last_number ?? null;
  }
}
