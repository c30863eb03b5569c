/**
 * The manager's alerts of the day, kept on the server (issue 11): printer faults, numbering past
 * its range, waits over a service's threshold, and a service with citizens waiting and no open
 * counter. Each has a key (what it is about); while its condition lasts it stays one open alert,
 * and it ends when the condition ends. The board lists today's alerts after a reload and anyone
 * signed in as manager or admin can acknowledge one.
 *
 * The app wires it with one call (`setupAlerts`): it watches the engine's changes and checks the
 * waits on a timer; every new, ended or acknowledged alert is pushed to /staff as `alert`.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LaysoError, printerFaultWords, type Alert, type StaffUser } from '@layso/shared';
import type { QueueEngine } from '../engine/engine.js';
import type { Db } from '../store/open-db.js';
import type { Accounts } from '../auth/accounts.js';
import { jsonRoute, requireRole } from '../admin/http.js';
import { ServerAlerts } from './server-alerts.js';

interface AlertRow {
  id: number;
  business_date: string;
  key: string;
  kind: Alert['kind'];
  level: Alert['level'];
  message: string;
  service_id: string | null;
  device_id: string | null;
  started_at: number;
  ended_at: number | null;
  acked_by: string | null;
  acked_at: number | null;
}

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    message: r.message,
    at: r.ended_at ?? r.started_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    ackedBy: r.acked_by,
    ackedAt: r.acked_at,
    ...(r.service_id ? { serviceId: r.service_id } : {}),
    ...(r.device_id ? { deviceId: r.device_id } : {}),
  };
}

export interface RaiseAlert {
  key: string;
  kind: Alert['kind'];
  level: Alert['level'];
  message: string;
  serviceId?: string;
  deviceId?: string;
  /** When the condition began, if before now (an alert that could not be written at the time). */
  startedAt?: number;
}

export class AlertBook {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly today: () => string,
    private readonly now: () => number,
    private readonly emit: (a: Alert) => void,
  ) {
    this.stmts = {
      open: db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE key = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO alerts (business_date, key, kind, level, message, service_id, device_id, started_at)
         VALUES (@date, @key, @kind, @level, @message, @serviceId, @deviceId, @at)`,
      ),
      end: db.prepare<[number, number]>('UPDATE alerts SET ended_at = ? WHERE id = ?'),
      ack: db.prepare<[string, number, number]>('UPDATE alerts SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_by IS NULL'),
      byId: db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE id = ?'),
      // Today's, and any still open from before (a printer out of paper since last night).
      ofDay: db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE business_date = ? OR ended_at IS NULL ORDER BY started_at DESC, id DESC'),
      openAll: db.prepare<[], AlertRow>('SELECT * FROM alerts WHERE ended_at IS NULL'),
    };
  }

  /** The condition holds: one open alert for its key (a new one if none is open). */
  raise(a: RaiseAlert): void {
    if (this.stmts.open.get(a.key)) return;
    const at = a.startedAt ?? this.now();
    const r = this.stmts.insert.run({
      date: this.today(),
      key: a.key,
      kind: a.kind,
      level: a.level,
      message: a.message,
      serviceId: a.serviceId ?? null,
      deviceId: a.deviceId ?? null,
      at,
    });
    this.push(Number(r.lastInsertRowid));
  }

  /** The condition ended: its open alert (if any) ends now. */
  end(key: string): void {
    const open = this.stmts.open.get(key);
    if (!open) return;
    this.stmts.end.run(this.now(), open.id);
    this.push(open.id);
  }

  /** The open alert of a key, if any. */
  openOf(key: string): Alert | null {
    const row = this.stmts.open.get(key);
    return row ? toAlert(row) : null;
  }

  /** Keys of the open alerts whose key starts with `prefix`. */
  openKeys(prefix: string): string[] {
    return this.stmts.openAll.all().filter((r) => r.key.startsWith(prefix)).map((r) => r.key);
  }

  acknowledge(id: number, by: StaffUser): Alert {
    this.stmts.ack.run(by.displayName, this.now(), id);
    const row = this.stmts.byId.get(id);
    if (!row) throw new LaysoError('NOT_FOUND', `no alert ${id}`);
    this.emit(toAlert(row));
    return toAlert(row);
  }

  /** Today's alerts, newest first. */
  today_(): Alert[] {
    return this.stmts.ofDay.all(this.today()).map(toAlert);
  }

  private push(id: number): void {
    const row = this.stmts.byId.get(id);
    if (row) this.emit(toAlert(row));
  }
}

/** Printer problem codes in the words a manager reads (shared's one table). */
export function printerProblemVi(code: string | undefined): string {
  return printerFaultWords(code).vi;
}

/** "Máy in quầy lấy số 1 hết giấy": the device's name, lower-cased at its first letter. */
export function printerAlertVi(deviceName: string, code: string | undefined): string {
  const name = deviceName.trim();
  const inSentence = name ? `${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}` : 'máy lấy số';
  return `Máy in ${inSentence} ${printerProblemVi(code)}`;
}

/**
 * Check the live queues: a wait over its service's threshold, and a service with citizens waiting
 * and no open counter, each raise an alert that ends when the condition ends.
 */
export function checkQueues(book: AlertBook, engine: QueueEngine, now: number): void {
  const services = new Map(engine.listServices().map((s) => [s.id as string, s]));
  const seen = new Set<string>();
  for (const st of engine.allStats()) {
    const svc = services.get(st.serviceId);
    if (!svc) continue;
    const waitKey = `long_wait:${st.serviceId}`;
    const waitedMin = st.oldestWaitingSince === null ? 0 : (now - st.oldestWaitingSince) / 60_000;
    if (st.waiting > 0 && svc.waitThresholdMin > 0 && waitedMin > svc.waitThresholdMin) {
      seen.add(waitKey);
      book.raise({
        key: waitKey,
        kind: 'long_wait',
        level: 'warning',
        message: `${svc.nameVi}: có người chờ quá ${svc.waitThresholdMin} phút`,
        serviceId: st.serviceId,
      });
    }
    const noCounterKey = `no_counter:${st.serviceId}`;
    if (st.waiting > 0 && st.openCounters === 0) {
      seen.add(noCounterKey);
      book.raise({
        key: noCounterKey,
        kind: 'no_counter',
        level: 'warning',
        message: `${svc.nameVi}: ${st.waiting} người đang chờ, chưa có quầy nào mở`,
        serviceId: st.serviceId,
      });
    }
  }
  for (const key of [...book.openKeys('long_wait:'), ...book.openKeys('no_counter:')]) if (!seen.has(key)) book.end(key);
}

export interface AlertDeps {
  engine: QueueEngine;
  accounts: Accounts;
  db: Db;
  log: Logger;
  now: () => number;
  emit: (a: Alert) => void;
  /** How often the waits are checked (ms). */
  checkEveryMs?: number;
  /** The disk is known to fail right now (the server's own alerts wait in memory meanwhile). */
  diskFailing?: () => boolean;
}

/** Wire the alert book: REST routes, the engine's warnings, and the queue check on a timer. */
export function setupAlerts(http: FastifyInstance, deps: AlertDeps): { book: AlertBook; server: ServerAlerts; stop: () => void } {
  const { engine, accounts, log, now } = deps;
  const book = new AlertBook(deps.db, () => engine.businessDate, now, deps.emit);
  const server = new ServerAlerts(book, { log, now, emit: deps.emit, diskFailing: deps.diskFailing ?? (() => false) });

  http.get('/api/alerts', jsonRoute(log, (req) => {
    requireRole(accounts, req, 'manager');
    // Those the failing disk could not take yet come first (they are open).
    return { alerts: [...server.inMemory(), ...book.today_()] };
  }));
  http.post('/api/alerts/:id/ack', jsonRoute(log, (req) => {
    const user = requireRole(accounts, req, 'manager');
    // A negative id is a server alert kept in memory while the disk fails.
    const { id } = z.object({ id: z.coerce.number().int().refine((n) => n !== 0, 'no alert 0') }).parse(req.params);
    if (id > 0) return book.acknowledge(id, user);
    const kept = server.acknowledgePending(id, user);
    if (!kept) throw new LaysoError('NOT_FOUND', `no alert ${id}`);
    return kept;
  }));

  let checkPending = false;
  const check = (): void => {
    try {
      checkQueues(book, engine, now());
    } catch (e) {
      log.error({ err: e }, 'alert check failed');
    }
  };
  engine.onChange((change) => {
    // A new day: numbering starts again, so yesterday's overflow is over.
    if (change.dayChanged) for (const key of book.openKeys('numbering_overflow:')) book.end(key);
    for (const w of change.warnings) {
      book.raise({ key: `${w.kind}:${w.serviceId ?? ''}:${engine.businessDate}`, kind: w.kind, level: 'warning', message: w.message, ...(w.serviceId ? { serviceId: w.serviceId } : {}) });
    }
    // A queue change may start or end a condition; check once the burst is over.
    if (!checkPending) {
      checkPending = true;
      setImmediate(() => {
        checkPending = false;
        check();
      });
    }
  });
  const timer = setInterval(check, deps.checkEveryMs ?? 15_000);
  timer.unref();
  check();
  return { book, server, stop: () => clearInterval(timer) };
}
