/**
 * Faults of the disk under the database: full (SQLITE_FULL), locked past the busy timeout
 * (SQLITE_BUSY, a backup holding the write lock), or failing (I/O errors, read-only, damaged).
 *
 * Such an error fails the one action that met it with a stable code, is logged once (not once per
 * request), raises a standing manager alert, and clears by itself at the next write that
 * succeeds. Nothing here throws.
 */
import type { Logger } from 'pino';
import { type Alert, LaysoError } from '@layso/shared';

export type StorageCode = 'STORAGE_FULL' | 'STORAGE_BUSY' | 'STORAGE_FAILED';

/** The stable code of a SQLite error of the disk, or null for any other error. */
export function storageCodeOf(e: unknown): StorageCode | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return 'STORAGE_FULL';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'STORAGE_BUSY';
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CORRUPT') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_NOTADB'
  ) {
    return 'STORAGE_FAILED';
  }
  return null;
}

/** A disk fault as the stable error it is answered with (null for any other error). */
export function storageError(e: unknown): LaysoError | null {
  const code = storageCodeOf(e);
  return code ? new LaysoError(code, storageMessage(code)) : null;
}

/** Report a write that failed (engine hook): a disk fault raises the alert once, others are logged. */
export function reportWriteError(log: Logger, e: unknown): void {
  const code = storageCodeOf(e);
  if (code) storageFaultsOf(log)?.report(code, e);
  else log.error({ err: e }, 'write failed');
}

const WORDS: Record<StorageCode, { vi: string; en: string }> = {
  STORAGE_FULL: { vi: 'Ổ đĩa máy chủ đã đầy: không lưu được số mới', en: 'server disk full: nothing new can be saved' },
  STORAGE_BUSY: { vi: 'Cơ sở dữ liệu bị khoá quá lâu (sao lưu?)', en: 'database locked too long (a backup?)' },
  STORAGE_FAILED: { vi: 'Lỗi đọc/ghi ổ đĩa máy chủ', en: 'server disk read/write error' },
};

export function storageMessage(code: StorageCode): string {
  return `${WORDS[code].vi} · ${WORDS[code].en}`;
}

export class StorageFaults {
  private readonly current = new Set<StorageCode>();

  constructor(
    private readonly log: Logger,
    private readonly alert: (a: Alert) => void,
    private readonly now: () => number,
  ) {}

  /** An action met a disk fault: log and alert the first time, then quietly. */
  report(code: StorageCode, err: unknown): void {
    try {
      if (this.current.has(code)) {
        this.log.debug({ code }, 'storage fault (still)');
        return;
      }
      this.current.add(code);
      this.log.error({ code, err: { code: (err as { code?: unknown }).code, message: (err as Error).message } }, 'storage fault: the action failed, the server keeps serving');
      this.alert({ kind: 'storage', level: 'error', message: storageMessage(code), at: this.now() });
    } catch {
      // A broken log or socket must not turn one failed action into a crash.
    }
  }

  /** A write succeeded: the faults are over. */
  cleared(): void {
    if (this.current.size === 0) return;
    try {
      this.current.clear();
      this.log.info('storage works again');
      this.alert({ kind: 'storage', level: 'info', message: 'Ổ đĩa máy chủ đã hoạt động lại · server disk works again', at: this.now() });
    } catch {
      // as above
    }
  }

  get active(): StorageCode[] {
    return [...this.current];
  }
}

const byLog = new WeakMap<object, StorageFaults>();

/** The fault reporter of an app, found by its logger (every error path has the logger at hand). */
export function registerStorageFaults(log: Logger, faults: StorageFaults): void {
  byLog.set(log, faults);
}

export function storageFaultsOf(log: Logger): StorageFaults | undefined {
  return byLog.get(log);
}

/**
 * Run a side task (a listener, a timer) so that nothing escapes it: a disk fault is reported,
 * anything else logged. Returns undefined when it failed.
 */
export function guarded<T>(log: Logger, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    try {
      const code = storageCodeOf(e);
      if (code) {
        const faults = storageFaultsOf(log);
        if (faults) faults.report(code, e);
        else log.error({ code }, `${what} failed`);
      } else {
        log.error({ err: e }, `${what} failed`);
      }
    } catch {
      // nothing may escape
    }
    return undefined;
  }
}
