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
import { registerProvinceUplink } from './province/routes.js';
import type { Uplink, UplinkOptions } from './province/uplink.js';

export const systemClock: Clock = { now: () => Date.now() };

export function randomTicketId(): TicketId {
  return randomBytes(16).toString('base64url') as TicketId;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function defaultWebRoots(): { kiosk: string; display: string; staff: string } {
  return {
    kiosk: join(repoRoot, 'kiosk-app', 'dist', 'web'),
    display: join(repoRoot, 'display-app', 'dist', 'web'),
    staff: join(repoRoot, 'staff-app', 'dist', 'web'),
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
  webRoots?: { kiosk?: string; display?: string; staff?: string };
  /**
   * Where the server prints for demo kiosks (browsers on its own machine): default, PNG and .bin
   * previews in `<dataDir>/prints`; null, nowhere.
   */
  demoPrinter?: PrinterChoice | null;
  /** The URL phones reach the server at, for the QR code; default the first LAN address. */
  publicUrl?: string;
  /** How often the engine checks for a new business day (ms). */
  dayCheckMs?: number;
  /** Tuning of the province uplink (tests, bench). */
  uplink?: Partial<Pick<UplinkOptions, 'batchSize' | 'kickDelayMs' | 'pollMs' | 'figuresEveryMs' | 'minBackoffMs' | 'maxBackoffMs' | 'timeoutMs'>>;
}

export interface RunningServer {
  app: App;
  engine: QueueEngine;
  accounts: Accounts;
  db: Db;
  port: number;
  seeded: boolean;
  uplink: Uplink;
  close(): Promise<void>;
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'layso.sqlite');
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? pino({ level: 'silent' });
  const db = openDb(databaseFile(opts.dataDir));
  const checkpointer = startCheckpointer(db, { onError: (m) => log.warn({ err: m }, 'WAL checkpoint failed') });
  const accounts = new Accounts(new AccountRepo(db), clock);
  let seeded = false;
  if (!isSeeded(db)) {
    if (!opts.seedDemoIfEmpty) {
      await checkpointer.stop();
      db.close();
      throw new Error(`no centre in ${opts.dataDir}: run \`npm run init\` or start the demo`);
    }
    await seedDemo(db, accounts);
    seeded = true;
  }
  const settings = new CatalogRepo(db).settings()!;
  const engine = new QueueEngine({
    db,
    catalog: new CatalogRepo(db),
    tickets: new TicketRepo(db),
    events: new EventRepo(db, settings.centreId),
    clock,
    ids: { ticketId: randomTicketId },
    officerName: (id) => accounts.displayName(id),
    onWriteError: (e) => log.error({ err: e }, 'a ticket could not be stored'),
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
  const uplink = registerProvinceUplink(app.http, { ...opts.uplink, db, engine, accounts, log, now: () => clock.now() });
  const port = await app.listen(opts.port, opts.host ?? '0.0.0.0');
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
    async close() {
      clearInterval(dayTimer);
      await uplink.stop();
      await app.close();
      await checkpointer.stop();
      db.close();
    },
  };
}
