/** Citizens' ratings: written by the unit of work, read by the rulebook's history and the reports. */
import type { Rating } from '@layso/shared';
import type { Db } from './open-db.js';

export class RatingRepo {
  private readonly insertStmt;
  private readonly existsStmt;

  constructor(db: Db) {
    // The officer who served is the ticket's; copied so a report by officer stays right.
    this.insertStmt = db.prepare(`
      INSERT INTO ratings (ticket_id, centre_id, business_date, service_id, counter_id, officer_id, at,
        scale, level, satisfied, low, reasons_json, comment, source)
      SELECT @ticketId, @centreId, @businessDate, @serviceId, @counterId,
        (SELECT officer_id FROM tickets WHERE id = @ticketId), @at, @scale, @level, @satisfied, @low,
        @reasonsJson, @comment, @source`);
    this.existsStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM ratings WHERE ticket_id = ?');
  }

  insert(centreId: string, r: Rating): void {
    this.insertStmt.run({
      ticketId: r.ticketId,
      centreId,
      businessDate: r.businessDate,
      serviceId: r.serviceId,
      counterId: r.counterId,
      at: r.at,
      scale: r.scale,
      level: r.level,
      satisfied: r.satisfied ? 1 : 0,
      low: r.low ? 1 : 0,
      reasonsJson: JSON.stringify(r.reasons),
      comment: r.comment,
      source: r.source,
    });
  }

  rated(ticketId: string): boolean {
    return this.existsStmt.get(ticketId) !== undefined;
  }
}
