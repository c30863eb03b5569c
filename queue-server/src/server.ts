/**
 * Build a whole centre server from a data directory: open the database, the engine, the app.
 * Used by main.ts and by the tests; reads no environment.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import type { TicketId } from '@layso/shared';
import { openDb, type Db } from './store/open-db.js';
import { startCheckpointer } from './store/checkpointer.js';
import { CatalogRepo } from './store/catalog-repo.js';
import { TicketRepo } from './store/ticket-repo.js';
import { EventRepo } from './store/event-repo.js';
import { AccountRepo } from './store/account-repo.js';
import { Accounts } from './auth/accounts.js';
import { QueueEngine, type Clock } from './engine/engine.js';
import { createApp, type App } from './app.js';
import { Reports } from './reports/reports.js';
import { rollUpFinishedDays } from './reports/day-rollups.js';
import { isSeeded, seedDemo } from './seed.js';
import type { DeviceIdentity } from './handlers/devices.js';
import { printerFromConfig, type PrinterChoice } from './print/server-print.js';
import { FilePrinter } from './print/file-printer.js';
import { lanAddresses, reachableBaseUrl } from './pages/landing.js';
import { checkCentrePresent, rememberCentre } from './store/centre-marker.js';
import { repairSettings } from './store/settings-repair.js';
import { dbFacts, quickCheck } from './store/integrity.js';
import { reportWriteError } from './store/faults.js';
import { startDailyBackups, type DailyBackups } from './admin/backups.js';
import { registerProvinceUplink } from './province/routes.js';
import type { Uplink, UplinkOptions } from './province/uplink.js';
import { registerIntegrations, type IntegrationDeps } from './integrations/routes.js';
import type { Webhooks } from './integrations/webhooks.js';

export const systemClock: Clock = { now: () => Date.now() };

export function randomTicketId(): TicketId {
  return randomBytes(16).toString('base64url') as TicketId;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function defaultWebRoots(): { kiosk: string; display: string; staff: string; rate: string; book: string } {
  return {
    kiosk: join(repoRoot, 'kiosk-app', 'dist', 'web'),
    display: join(repoRoot, 'display-app', 'dist', 'web'),
    // The counter's rating tablet: a second page of the display app (its assets stay under /display/).
    rate: join(repoRoot, 'display-app', 'dist', 'web', 'rate'),
    staff: join(repoRoot, 'staff-app', 'dist', 'web'),
    // The citizen's booking page: a second page of the kiosk app (its assets stay under /kiosk/).
    book: join(repoRoot, 'kiosk-app', 'dist', 'web', 'book'),
  };
}

export function version(): string {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface ServerOptions {
  dataDir: string;
  port: number;
  host?: string;
  clock?: Clock;
  log?: Logger;
  /** Seed the demo centre when the data directory is empty. */
  seedDemoIfEmpty?: boolean;
  webRoots?: { kiosk?: string; display?: string; staff?: string; rate?: string; book?: string };
  /**
   * Where the server prints for demo kiosks (browsers on its own machine): default, PNG and .bin
   * previews in `<dataDir>/prints`; null, nowhere.
   */
  demoPrinter?: PrinterChoice | null;
  /** The URL phones reach the server at, for the QR code; default the first LAN address. */
  publicUrl?: string;
  /** How often the engine checks for a new business day (ms). */
  dayCheckMs?: number;
  /**
   * The registry of set-up data directories on this PC (see store/centre-marker.ts); absent, only
   * the marker file beside the database is consulted.
   */
  setupRegistry?: string;
  /** Host names (besides IP addresses, localhost and the PC's name) browsers may reach it by. */
  allowedHosts?: readonly string[];
  /** A TLS reverse proxy on loopback forwards the clients (X-Forwarded-For is believed from it). */
  trustProxy?: boolean;
  /** How often the daily backup looks whether today's copy is due (ms; default hourly). */
  backupEveryMs?: number;
  /** Tuning of the province uplink (tests, bench). */
  uplink?: Partial<Pick<UplinkOptions, 'batchSize' | 'kickDelayMs' | 'pollMs' | 'figuresEveryMs' | 'minBackoffMs' | 'maxBackoffMs' | 'timeoutMs'>>;
  /** Tuning of the webhook outbox (tests). */
  webhooks?: IntegrationDeps['webhooks'];
}

export interface RunningServer {
  app: App;
  engine: QueueEngine;
  accounts: Accounts;
  db: Db;
  port: number;
  seeded: boolean;
  backups: DailyBackups;
  uplink: Uplink;
  webhooks: Webhooks;
  close(): Promise<void>;
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'layso.sqlite');
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? pino({ level: 'silent' });
  const { firstStart } = checkCentrePresent(opts.dataDir, databaseFile(opts.dataDir), opts.setupRegistry);
  const db = openDb(databaseFile(opts.dataDir));
  const checkpointer = startCheckpointer(db, { onError: (m) => log.warn({ err: m }, 'WAL checkpoint failed') });
  const accounts = new Accounts(new AccountRepo(db), clock);
  // A damaged database warns at once, not when a report answers 500 weeks later.
  const check = quickCheck(db);
  if (!check.ok) log.error({ problems: check.problems.slice(0, 20) }, 'database quick_check found damage');
  // A stored setting the server cannot use is replaced by its default, never a reason to stay down.
  const stored = db.prepare<[], { json: string }>('SELECT json FROM settings').get();
  const repaired = stored ? repairSettings(JSON.parse(stored.json) as unknown) : { replaced: [] };
  if ('settings' in repaired && repaired.replaced.length > 0) {
    log.error({ fields: repaired.replaced }, 'stored settings could not be used; started with their defaults');
    new CatalogRepo(db).putSettings(repaired.settings);
  }
  let seeded = false;
  if (!isSeeded(db)) {
    if (!opts.seedDemoIfEmpty || !firstStart) {
      await checkpointer.stop();
      db.close();
      throw new Error(`no centre in ${opts.dataDir}: run \`npm run init\` or start the demo`);
    }
    await seedDemo(db, accounts);
    seeded = true;
  }
  const settings = new CatalogRepo(db).settings()!;
  if (!settings.demo) rememberCentre(opts.dataDir, settings.centreId, opts.setupRegistry, clock.now());
  const engine = new QueueEngine({
    db,
    catalog: new CatalogRepo(db),
    tickets: new TicketRepo(db),
    events: new EventRepo(db, settings.centreId),
    clock,
    ids: { ticketId: randomTicketId },
    officerName: (id) => accounts.displayName(id),
    // A disk fault is logged once and alerts the manager; anything else is logged as it comes.
    onWriteError: (e) => reportWriteError(log, e),
  });
  const reports = new Reports({ db, log, now: () => clock.now(), today: () => engine.businessDate, timeZone: () => engine.getSettings().timeZone });
  rollUpFinishedDays(engine, reports);
  const app = await createApp({
    engine,
    reports,
    accounts,
    db,
    log,
    now: () => clock.now(),
    version: version(),
    webRoots: opts.webRoots ?? {},
    ...(opts.trustProxy ? { trustProxy: true } : {}),
    allowedHosts: [...(opts.allowedHosts ?? []), ...(opts.publicUrl ? [new URL(opts.publicUrl).hostname] : [])],
    health: () => ({ ...dbFacts(db), quickCheck: check.ok ? 'ok' : 'damaged', checkedAt: check.at }),
    printing: {
      printerFor: (device: DeviceIdentity) =>
        device.demo ? demoPrinter : printerFromConfig(accounts.deviceConfig(device.id)),
      publicBaseUrl: () => opts.publicUrl ?? reachableBaseUrl(opts.host, lanAddresses(), port),
    },
  });
  const demoPrinter =
    opts.demoPrinter === undefined
      ? { printer: new FilePrinter({ dir: join(opts.dataDir, 'prints') }), paperWidth: 80 as const }
      : opts.demoPrinter;
  if (!check.ok) {
    app.standing.raise('integrity', {
      kind: 'integrity',
      level: 'error',
      message: `Cơ sở dữ liệu bị hỏng một phần (${check.problems.length} lỗi): hãy báo kỹ thuật và khôi phục bản sao lưu · database damage found at start (${check.problems.length} problems): call IT, restore a backup`,
      at: clock.now(),
    });
  }
  if (repaired.replaced.length > 0) {
    app.standing.raise('settings', {
      kind: 'settings',
      level: 'error',
      message: `Cài đặt không hợp lệ đã được thay bằng mặc định: ${repaired.replaced.join(', ')} — hãy kiểm tra trong Quản trị · invalid settings replaced by defaults: ${repaired.replaced.join(', ')}`,
      at: clock.now(),
    });
  }
  const uplink = registerProvinceUplink(app.http, { ...opts.uplink, db, engine, accounts, log, now: () => clock.now() });
  const webhooks = registerIntegrations(app.http, { engine, accounts, db, log, now: () => clock.now(), ...(opts.webhooks ? { webhooks: opts.webhooks } : {}) });
  const backups = startDailyBackups(app.http, {
    db,
    dataDir: opts.dataDir,
    log,
    accounts,
    engine,
    today: () => engine.businessDate,
    now: () => clock.now(),
    standing: app.standing,
    ...(opts.backupEveryMs ? { everyMs: opts.backupEveryMs } : {}),
  });
  const port = await app.listen(opts.port, opts.host ?? '0.0.0.0');
  webhooks.start();
  const dayTimer = setInterval(() => {
    try {
      engine.ensureDay();
      accounts.pruneSessions();
    } catch (e) {
      log.error({ err: e }, 'day check failed');
    }
  }, opts.dayCheckMs ?? 15_000);
  dayTimer.unref();
  return {
    app,
    engine,
    accounts,
    db,
    port,
    seeded,
    uplink,
    webhooks,
    backups,
    async close() {
      clearInterval(dayTimer);
      backups.stop();
      await uplink.stop();
      await webhooks.stop();
      await app.close();
      await checkpointer.stop();
      db.close();
    },
  };
}
