/**
 * The unit of work: one decision's changes written in one synchronous SQLite transaction, with
 * its event rows; nothing is awaited inside it, so a number can't be given twice. Group commit
 * lives here too: kiosks' requests that queue while a commit is on its way to disk share the next
 * transaction (one fsync for many tickets), each in a savepoint of its own so that one request's
 * failure fails that request alone.
 */
import type { BusinessDate, Changes } from '@layso/shared';
import type { Db } from '../store/open-db.js';
import type { CatalogRepo } from '../store/catalog-repo.js';
import type { TicketRepo } from '../store/ticket-repo.js';
import type { EventRepo } from '../store/event-repo.js';
import type { RatingRepo } from '../store/rating-repo.js';

export interface UnitOfWorkDeps {
  db: Db;
  catalog: CatalogRepo;
  tickets: TicketRepo;
  events: EventRepo;
  ratings: RatingRepo;
  centreId: () => string;
}

export class UnitOfWork {
  constructor(private readonly deps: UnitOfWorkDeps) {}

  /** Run `body` in one transaction (or, inside one already, in a savepoint). */
  transaction<R>(body: () => R): R {
    return this.deps.db.transaction(body)();
  }

  /**
   * Write one decision's changes; returns the seq of each of its events, in order. Must run
   * inside `transaction`.
   */
  write(c: Changes, today: BusinessDate, now: number): number[] {
    const { catalog, tickets, events } = this.deps;
    const centreId = this.deps.centreId();
    if (c.settings) catalog.putSettings(c.settings);
    for (const id of c.removedServiceIds) catalog.deleteService(id, now);
    for (const id of c.removedCounterIds) catalog.deleteCounter(id, now);
    for (const w of c.services) {
      if (w.averageOnly) catalog.setServiceAverage(w.service.id, w.service.avgServiceSec);
      else catalog.putService(centreId, w.service);
    }
    for (const x of c.counters) catalog.putCounter(centreId, x);
    const date = c.dayTurnedTo ?? today;
    for (const n of c.numbers) tickets.setLastNumber(n.serviceId, date, n.number);
    for (const w of c.tickets) {
      if (w.created) tickets.insert({ ticket: w.ticket, centreId, requestId: w.requestId, deviceId: w.deviceId });
      else tickets.update(w.ticket, w.officerId);
    }
    for (const r of c.ratings) this.deps.ratings.insert(centreId, r);
    return c.events.map((e) =>
      events.append({
        at: e.at,
        businessDate: e.businessDate,
        type: e.type,
        ticketId: e.ticketId ?? null,
        serviceId: e.serviceId ?? null,
        counterId: e.counterId ?? null,
        actor: e.actor,
        data: e.data,
      }),
    );
  }
}

/**
 * Group commit: the requests that arrive in one turn of the event loop (those that queued up
 * while the last commit was being written to disk) are carried out together by `run`, in one
 * transaction, and each is answered once that transaction is on disk.
 */
export class GroupCommit<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly run: (items: I[]) => (O | Error)[]) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ item, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const outcomes = this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const o = outcomes[i];
        if (o instanceof Error || o === undefined) b.reject(o ?? new Error('no outcome'));
        else b.resolve(o);
      });
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}
