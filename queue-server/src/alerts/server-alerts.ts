/**
 * Problems of the server itself that last (the disk full or locked, a setting replaced by its
 * default, a failed integrity check, a failed daily backup), kept in the alert book like every
 * other alert (start, end, acknowledgement; listed by `GET /api/alerts`, so the board still shows
 * them after a reload), under the key `server:<what>`.
 *
 * While the disk itself fails, the alert cannot be written: it is kept in memory with a negative
 * id (listed and pushed all the same), and written with its real start once a write works again.
 */
import type { Logger } from 'pino';
import type { Alert, StaffUser } from '@layso/shared';

/** What of the alert book (./alerts.ts) these use. */
export interface AlertBookLike {
  raise(a: { key: string; kind: Alert['kind']; level: Alert['level']; message: string; startedAt?: number }): void;
  end(key: string): void;
  openOf(key: string): Alert | null;
  openKeys(prefix: string): string[];
  acknowledge(id: number, by: StaffUser): Alert;
}

/** What raises and clears them (the storage faults, the integrity check, the backups, start-up). */
export interface StandingAlerts {
  raise(key: string, alert: Alert): void;
  clear(key: string): void;
}

/** Conditions checked again at every start: an open alert of them from before a restart ends. */
const RECHECKED_AT_START = ['storage', 'integrity'];

interface Pending {
  key: string;
  alert: Alert;
  ackedBy: StaffUser | null;
}

export class ServerAlerts implements StandingAlerts {
  private readonly pending = new Map<string, Pending>();
  private nextPendingId = -1;

  constructor(
    private readonly book: AlertBookLike,
    private readonly deps: { log: Logger; now: () => number; emit: (a: Alert) => void; diskFailing: () => boolean },
  ) {
    for (const key of RECHECKED_AT_START) this.tryWrite(() => book.end(bookKey(key)));
  }

  raise(key: string, alert: Alert): void {
    if (this.pending.has(key) || this.tryRead(() => this.book.openOf(bookKey(key)))) return;
    const startedAt = alert.startedAt ?? alert.at;
    // A failing disk would fail this write too (or hold the event loop for the busy timeout).
    if (!this.deps.diskFailing() && this.tryWrite(() => this.book.raise({ key: bookKey(key), kind: alert.kind, level: alert.level, message: alert.message, startedAt }))) return;
    const kept: Alert = { ...alert, id: this.nextPendingId--, startedAt, endedAt: null, ackedBy: null, ackedAt: null };
    this.pending.set(key, { key, alert: kept, ackedBy: null });
    this.deps.emit(kept);
  }

  clear(key: string): void {
    const p = this.pending.get(key);
    if (p) {
      // Written now with its real start, then ended: the day's list keeps it.
      this.pending.delete(key);
      const endedAt = this.deps.now();
      this.deps.emit({ ...p.alert, endedAt, at: endedAt });
      if (!this.write(p)) return;
    }
    this.tryWrite(() => this.book.end(bookKey(key)));
  }

  /** Writes work again: the alerts kept in memory go into the book (still open). */
  flush(): void {
    for (const [key, p] of [...this.pending]) {
      this.pending.delete(key);
      // The board drops the stand-in (ended) and lists the written one.
      this.deps.emit({ ...p.alert, endedAt: this.deps.now() });
      if (!this.write(p)) {
        this.pending.set(key, p);
        return;
      }
    }
  }

  /** The open ones, written or kept in memory. */
  list(): Alert[] {
    const written = this.tryRead(() => this.book.openKeys('server:').map((k) => this.book.openOf(k)).filter((a): a is Alert => a !== null)) ?? [];
    return [...written, ...[...this.pending.values()].map((p) => p.alert)];
  }

  /** The ones kept in memory (for the day's list). */
  inMemory(): Alert[] {
    return [...this.pending.values()].map((p) => p.alert);
  }

  /** Acknowledge one kept in memory (negative id); null when there is no such one. */
  acknowledgePending(id: number, by: StaffUser): Alert | null {
    for (const p of this.pending.values()) {
      if (p.alert.id !== id) continue;
      if (!p.ackedBy) {
        p.ackedBy = by;
        p.alert = { ...p.alert, ackedBy: by.displayName, ackedAt: this.deps.now() };
        this.deps.emit(p.alert);
      }
      return p.alert;
    }
    return null;
  }

  /** Write a pending alert into the book (with its acknowledgement); false if the write failed. */
  private write(p: Pending): boolean {
    const key = bookKey(p.key);
    const { kind, level, message, startedAt } = p.alert;
    return this.tryWrite(() => {
      this.book.raise({ key, kind, level, message, ...(startedAt !== undefined ? { startedAt } : {}) });
      const written = this.book.openOf(key);
      if (written?.id !== undefined && p.ackedBy) this.book.acknowledge(written.id, p.ackedBy);
    });
  }

  private tryWrite(fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (e) {
      this.deps.log.debug({ err: { code: (e as { code?: unknown }).code } }, 'server alert not written (the disk?)');
      return false;
    }
  }

  private tryRead<T>(fn: () => T): T | null {
    try {
      return fn();
    } catch {
      return null;
    }
  }
}

function bookKey(key: string): string {
  return `server:${key}`;
}
