/**
 * Today's queue in memory: what the rulebook reads (`QueueState`), kept in step with the database
 * by applying each committed change, with indexes that keep every per-command figure (waiting
 * counts, the place of a new ticket, the estimate) independent of how many tickets the day holds.
 */
import {
  type BusinessDate,
  type CallView,
  type Changes,
  type Counter,
  type CounterId,
  type QueueHistory,
  type QueueState,
  type Service,
  type ServiceId,
  type Settings,
  type Ticket,
  type TicketId,
  isInHand,
  isLive,
  peopleAhead,
  rankOf,
} from '@layso/shared';

const RECENT_CALLS = 30;

/** The waiting tickets of one service, with running figures. */
class ServiceQueue {
  readonly tickets = new Map<TicketId, Ticket>();
  priority = 0;
  /** Waiting and not held, per rank (see `rankOf`). */
  readonly byRank = new Map<number, number>();
  /** The latest queue place ever added per rank: a ticket at it is the last of its class. */
  readonly lastPlace = new Map<number, { key: number; tie: number }>();
  private oldest: number | null = null;
  private oldestStale = false;

  add(t: Ticket, rank: number): void {
    this.tickets.set(t.id, t);
    if (t.priority !== null) this.priority++;
    if (!t.onHold) this.byRank.set(rank, (this.byRank.get(rank) ?? 0) + 1);
    const last = this.lastPlace.get(rank);
    if (!last || t.queueKey > last.key || (t.queueKey === last.key && t.queueTie > last.tie)) {
      this.lastPlace.set(rank, { key: t.queueKey, tie: t.queueTie });
    }
    if (!this.oldestStale && (this.oldest === null || t.issuedAt < this.oldest)) this.oldest = t.issuedAt;
  }

  remove(t: Ticket, rank: number): void {
    if (!this.tickets.delete(t.id)) return;
    if (t.priority !== null) this.priority--;
    if (!t.onHold) this.byRank.set(rank, (this.byRank.get(rank) ?? 1) - 1);
    if (t.issuedAt === this.oldest) this.oldestStale = true;
  }

  oldestIssuedAt(): number | null {
    if (this.oldestStale) {
      this.oldest = null;
      for (const t of this.tickets.values()) if (this.oldest === null || t.issuedAt < this.oldest) this.oldest = t.issuedAt;
      this.oldestStale = false;
    }
    return this.tickets.size === 0 ? null : this.oldest;
  }
}

export interface LiveQueueInit {
  settings: Settings;
  today: BusinessDate;
  services: Service[];
  counters: Counter[];
  tickets: Ticket[];
  nextTie: number;
  recentCalls: CallView[];
  history: QueueHistory;
  /** Today's last number of a service, read from the store the first time it is asked. */
  loadLastNumber: (serviceId: ServiceId, date: BusinessDate) => number | null;
}

export class LiveQueue implements QueueState {
  settings: Settings;
  today: BusinessDate;
  nextTie: number;
  readonly history: QueueHistory;
  private readonly serviceMap = new Map<ServiceId, Service>();
  private readonly counterMap = new Map<CounterId, Counter>();
  private readonly live = new Map<TicketId, Ticket>();
  private readonly waiting = new Map<ServiceId, ServiceQueue>();
  private readonly targeted = new Map<CounterId, Map<TicketId, Ticket>>();
  private readonly inHand = new Map<CounterId, Ticket>();
  private readonly numbers = new Map<ServiceId, number | null>();
  private readonly successors = new Map<TicketId, Ticket>();
  private readonly recent: CallView[];
  private readonly loadLastNumber: LiveQueueInit['loadLastNumber'];

  constructor(init: LiveQueueInit) {
    this.settings = init.settings;
    this.today = init.today;
    this.nextTie = init.nextTie;
    this.history = init.history;
    this.loadLastNumber = init.loadLastNumber;
    for (const s of init.services) this.serviceMap.set(s.id, s);
    for (const c of init.counters) this.counterMap.set(c.id, c);
    for (const t of init.tickets) this.putLive(t);
    this.recent = init.recentCalls.slice(0, RECENT_CALLS);
  }

  // ------------------------------------------------------------ QueueState

  service(id: ServiceId): Service | undefined {
    return this.serviceMap.get(id);
  }

  services(): Iterable<Service> {
    return this.serviceMap.values();
  }

  counter(id: CounterId): Counter | undefined {
    return this.counterMap.get(id);
  }

  counters(): Iterable<Counter> {
    return this.counterMap.values();
  }

  ticket(id: TicketId): Ticket | undefined {
    return this.live.get(id);
  }

  liveTickets(): Iterable<Ticket> {
    return this.live.values();
  }

  waitingOf(serviceId: ServiceId): Iterable<Ticket> {
    return this.waiting.get(serviceId)?.tickets.values() ?? [];
  }

  targetedAt(counterId: CounterId): Iterable<Ticket> {
    return this.targeted.get(counterId)?.values() ?? [];
  }

  inHandOf(counterId: CounterId): Ticket | undefined {
    return this.inHand.get(counterId);
  }

  lastNumber(serviceId: ServiceId): number | null {
    if (!this.numbers.has(serviceId)) this.numbers.set(serviceId, this.loadLastNumber(serviceId, this.today));
    return this.numbers.get(serviceId) ?? null;
  }

  // ------------------------------------------------------------ applying

  /**
   * Apply a committed change. `callIds` are the seqs of its events, so a call's id is the seq of
   * its event row.
   */
  apply(c: Changes, seqs: readonly number[]): CallView[] {
    if (c.dayTurnedTo && c.dayTurnedTo !== this.today) {
      this.today = c.dayTurnedTo;
      this.numbers.clear();
      this.successors.clear();
      this.recent.length = 0;
    }
    if (c.settings) {
      const reRank = JSON.stringify(c.settings.queue.priorityWeights) !== JSON.stringify(this.settings.queue.priorityWeights);
      this.settings = c.settings;
      if (reRank) this.reindex();
    }
    for (const id of c.removedServiceIds) this.serviceMap.delete(id);
    for (const id of c.removedCounterIds) this.counterMap.delete(id);
    for (const w of c.services) this.serviceMap.set(w.service.id, w.service);
    for (const x of c.counters) this.counterMap.set(x.id, x);
    for (const w of c.tickets) this.putLive(w.ticket);
    for (const n of c.numbers) this.numbers.set(n.serviceId, n.number);
    this.nextTie = Math.max(this.nextTie, c.nextTie);
    const calls: CallView[] = [];
    c.events.forEach((e, i) => {
      if (!e.call) return;
      calls.push(callView(seqs[i]!, e.call.ticket, e.call.counter, e.call.recall, e.at));
    });
    for (const call of calls) {
      this.recent.unshift(call);
      if (this.recent.length > RECENT_CALLS) this.recent.pop();
    }
    return calls;
  }

  /** Keep the live map and every index in step with a ticket's new state. */
  private putLive(t: Ticket): void {
    const before = this.live.get(t.id);
    if (before) this.unindex(before);
    if (isLive(t)) {
      this.live.set(t.id, t);
      this.index(t);
    } else {
      this.live.delete(t.id);
    }
    if (t.transferredFromId !== null) this.successors.set(t.transferredFromId, t);
  }

  private index(t: Ticket): void {
    if (t.state === 'waiting') {
      let q = this.waiting.get(t.serviceId);
      if (!q) this.waiting.set(t.serviceId, (q = new ServiceQueue()));
      q.add(t, rankOf(t, this.settings.queue));
      if (t.targetCounterId !== null) {
        let m = this.targeted.get(t.targetCounterId);
        if (!m) this.targeted.set(t.targetCounterId, (m = new Map()));
        m.set(t.id, t);
      }
    } else if (isInHand(t.state) && t.counterId !== null) {
      this.inHand.set(t.counterId, t);
    }
  }

  private unindex(t: Ticket): void {
    if (t.state === 'waiting') {
      this.waiting.get(t.serviceId)?.remove(t, rankOf(t, this.settings.queue));
      if (t.targetCounterId !== null) this.targeted.get(t.targetCounterId)?.delete(t.id);
    } else if (isInHand(t.state) && t.counterId !== null && this.inHand.get(t.counterId)?.id === t.id) {
      this.inHand.delete(t.counterId);
    }
  }

  /** The weights changed: every waiting ticket's rank may have. */
  private reindex(): void {
    this.waiting.clear();
    this.targeted.clear();
    for (const t of this.live.values()) if (t.state === 'waiting') this.index(t);
  }

  // ------------------------------------------------------------ figures

  waitingCount(serviceId: ServiceId): { waiting: number; waitingPriority: number; oldest: number | null } {
    const q = this.waiting.get(serviceId);
    return q ? { waiting: q.tickets.size, waitingPriority: q.priority, oldest: q.oldestIssuedAt() } : { waiting: 0, waitingPriority: 0, oldest: null };
  }

  openCountersFor(serviceId: ServiceId): number {
    let n = 0;
    for (const c of this.counterMap.values()) if (c.state === 'open' && c.serviceIds.includes(serviceId)) n++;
    return n;
  }

  /**
   * How many wait ahead of a waiting ticket in its service. A ticket at the latest place of its
   * rank class (a new ticket, always) is counted from the figures; any other by a scan.
   */
  peopleAheadOf(t: Ticket): number {
    const q = this.waiting.get(t.serviceId);
    if (!q) return 0;
    const rank = rankOf(t, this.settings.queue);
    if (this.isLastOfRank(t)) {
      let ahead = -1;
      for (const [r, n] of q.byRank) if (r >= rank) ahead += n;
      return ahead;
    }
    return peopleAhead(t, q.tickets.values(), this.settings.queue);
  }

  /**
   * How many wait ahead of each of the new tickets of one batch (in issue order), from the
   * figures: a new ticket stands behind everything of its rank class that was there before the
   * batch, so only the batch's later tickets of its rank are not ahead of it. A ticket for which
   * that does not hold (the clock went back) is counted by a scan.
   */
  peopleAheadOfNew(batch: readonly Ticket[]): number[] {
    const lastOfRank = new Map<string, Ticket>();
    for (const t of batch) lastOfRank.set(`${t.serviceId}\u0000${rankOf(t, this.settings.queue)}`, t);
    const later = new Map<string, number>();
    const out: number[] = new Array<number>(batch.length);
    for (let i = batch.length - 1; i >= 0; i--) {
      const t = batch[i]!;
      const key = `${t.serviceId}\u0000${rankOf(t, this.settings.queue)}`;
      const behind = later.get(key) ?? 0;
      later.set(key, behind + 1);
      const last = lastOfRank.get(key)!;
      out[i] = t.state === 'waiting' && this.isLastOfRank(last) ? this.peopleAheadOf(last) - behind : this.peopleAheadOf(t);
    }
    return out;
  }

  private isLastOfRank(t: Ticket): boolean {
    const q = this.waiting.get(t.serviceId);
    const last = q?.lastPlace.get(rankOf(t, this.settings.queue));
    return !t.onHold && last !== undefined && last.key === t.queueKey && last.tie === t.queueTie && q!.tickets.has(t.id);
  }

  /** The queue entry a transfer made from this one, if any. */
  successorOf(id: TicketId): Ticket | undefined {
    return this.successors.get(id);
  }

  recentCalls(): CallView[] {
    return [...this.recent];
  }
}

export function callView(callId: number, t: Ticket, counter: Counter, recall: boolean, at: number): CallView {
  return {
    callId,
    ticketId: t.id,
    displayNumber: t.displayNumber,
    serviceId: t.serviceId,
    counterId: counter.id,
    counterNumber: counter.number,
    counterName: counter.name,
    at,
    recall,
  };
}
