#!/usr/bin/env node
/**
 * The composition root and CLI: the only place that reads the environment.
 *   layso start   run the server (default). PORT (8080), LAYSO_DATA_DIR (./data), LAYSO_HOST.
 *                 An empty data directory gets the demo centre.
 *   layso init    set up a real centre without demo data; asks for the admin password.
 *   layso unlock <user>           on the server PC: lift a sign-in lock (`npm run unlock -- admin`).
 *   layso reset-password <user>   on the server PC: set a new password (asked for), end sessions,
 *                                 lift the lock and re-enable the account.
 *   layso backup [file]           an online backup (default <data>/backups/layso-manual-<time>.sqlite).
 *   layso restore <file>          a backup in place of the stopped centre's database.
 * LAYSO_CONFIG_DIR: where the list of set-up data directories lives (default ~/.config/layso).
 * LAYSO_TRUST_PROXY=1: behind a TLS proxy on this PC, take client addresses from X-Forwarded-For.
 * LAYSO_ALLOWED_HOSTS: comma-separated host names browsers reach the server by (besides IPs).
 */
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { backupDir, backupTo, restoreFrom } from './store/backup.js';
import { pino } from 'pino';
import { openDb } from './store/open-db.js';
import { AccountRepo } from './store/account-repo.js';
import { Accounts } from './auth/accounts.js';
import { isSeeded, seedEmptyCentre, DEMO_PASSWORD } from './seed.js';
import { databaseFile, defaultWebRoots, startServer, systemClock } from './server.js';
import { CentreMissingError, defaultRegistryFile, rememberCentre } from './store/centre-marker.js';
import { CatalogRepo } from './store/catalog-repo.js';
import { hashPassword } from './auth/passwords.js';
import { lanAddresses } from './pages/landing.js';
import { TcpPrinter } from '@layso/node-shared';
import type { PrinterChoice } from './print/server-print.js';

const env = process.env;
const dataDir = resolve(env.LAYSO_DATA_DIR ?? 'data');
const port = Number(env.PORT ?? 8080);
const host = env.LAYSO_HOST ?? '0.0.0.0';
const log = pino({ level: env.LAYSO_LOG_LEVEL ?? 'info' });
const registry = defaultRegistryFile(env);

/**
 * LAYSO_DEMO_PRINTER: where demo kiosks print. Unset: PNG previews in <data>/prints.
 * `tcp://host:9100` (optionally `?58`): a network printer. `none`: no printing.
 */
function demoPrinter(spec: string | undefined): PrinterChoice | null | undefined {
  if (spec === undefined || spec === '' || spec === 'file') return undefined;
  if (spec === 'none') return null;
  const url = new URL(spec);
  if (url.protocol !== 'tcp:') throw new Error(`LAYSO_DEMO_PRINTER must be tcp://host:port, file or none, not ${spec}`);
  return {
    printer: new TcpPrinter({ host: url.hostname, port: Number(url.port || 9100) }),
    paperWidth: url.search === '?58' ? 58 : 80,
  };
}

async function start(): Promise<void> {
  const server = await startServer({
    dataDir,
    port,
    host,
    log,
    seedDemoIfEmpty: true,
    setupRegistry: registry,
    trustProxy: env.LAYSO_TRUST_PROXY === '1',
    allowedHosts: (env.LAYSO_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    webRoots: defaultWebRoots(),
    demoPrinter: demoPrinter(env.LAYSO_DEMO_PRINTER),
    ...(env.LAYSO_PUBLIC_URL ? { publicUrl: env.LAYSO_PUBLIC_URL.replace(/\/$/, '') } : {}),
  });
  const settings = server.engine.getSettings();
  const urls = ['localhost', ...lanAddresses()].map((h) => `http://${h}:${server.port}/`);
  log.info({ dataDir, port: server.port }, `Layso is serving ${settings.centreNameVi}`);
  const lines = [
    '',
    `  Layso — ${settings.centreNameVi}`,
    `  Data: ${databaseFile(dataDir)}`,
    ...urls.map((u) => `  Open: ${u}`),
    `  Kiosk: /kiosk/   Display: /display/   Rating tablet: /rate/   Staff: /staff/`,
  ];
  if (settings.demo) {
    lines.push(
      server.seeded ? '  A demo centre was created in this data directory.' : '  This is the demo centre.',
      `  Sign in as canbo1 … canbo6 (officers), quanly (manager) or admin, password "${DEMO_PASSWORD}".`,
      '  Browsers on this machine are accepted as kiosks and displays without pairing.',
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  const stop = async (): Promise<void> => {
    log.info('shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function init(): Promise<void> {
  if (existsSync(databaseFile(dataDir))) {
    const db = openDb(databaseFile(dataDir));
    const seeded = isSeeded(db);
    db.close();
    if (seeded) {
      process.stderr.write(`A centre already exists in ${dataDir}; nothing changed.\n`);
      process.exit(1);
    }
  }
  // Lines are read through one iterator so answers piped in ahead of the prompts are not lost.
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string> => {
    process.stdout.write(prompt);
    const next = await lines.next();
    if (next.done) throw new Error('input ended before set-up was complete; nothing was created');
    return String(next.value);
  };
  const nameVi = (await ask('Tên trung tâm (tiếng Việt): ')).trim();
  const nameEn = (await ask('Centre name (English): ')).trim() || nameVi;
  let password = '';
  while (password.length < 8 || password === DEMO_PASSWORD) {
    password = await ask('Mật khẩu quản trị (ít nhất 8 ký tự) / admin password (8+ characters): ');
  }
  rl.close();
  if (!nameVi) throw new Error('the centre needs a name');
  const db = openDb(databaseFile(dataDir));
  await seedEmptyCentre(db, new Accounts(new AccountRepo(db), systemClock), { nameVi, nameEn, adminPassword: password });
  const centreId = new CatalogRepo(db).settings()?.centreId ?? 'unknown';
  db.close();
  // Remembered outside the database: a lost or empty database is then refused, not replaced.
  rememberCentre(dataDir, centreId, registry, Date.now());
  process.stdout.write(`Centre created in ${dataDir}. Start it with \`npm start\` and sign in as admin.\n`);
}

/** The account named on the command line, in the existing database (never creates one). */
function openAccount(): { db: ReturnType<typeof openDb>; repo: AccountRepo; user: NonNullable<ReturnType<AccountRepo['userByUsername']>> } {
  const username = process.argv[3];
  if (!username) throw new UsageError(`usage: layso ${cmd} <username>`);
  if (!existsSync(databaseFile(dataDir))) throw new UsageError(`no centre in ${dataDir} (set LAYSO_DATA_DIR)`);
  const db = openDb(databaseFile(dataDir));
  const repo = new AccountRepo(db);
  const user = repo.userByUsername(username);
  if (!user) {
    db.close();
    throw new UsageError(`no user "${username}" in ${dataDir}`);
  }
  return { db, repo, user };
}

class UsageError extends Error {}

/** Local recovery on the server PC: whoever can run this can read the database anyway. */
async function unlock(): Promise<void> {
  const { db, repo, user } = openAccount();
  repo.recordLoginSuccess(user.id);
  db.close();
  process.stdout.write(`Đã mở khoá ${user.username} · ${user.username} unlocked. A running server sees it at once.\n`);
}

async function resetPassword(): Promise<void> {
  const { db, repo, user } = openAccount();
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let password = '';
  while (password.length < 8 || password === DEMO_PASSWORD) {
    process.stdout.write(`Mật khẩu mới cho ${user.username} (ít nhất 8 ký tự) / new password (8+ characters): `);
    const next = await lines.next();
    if (next.done) {
      db.close();
      throw new UsageError('input ended; nothing was changed');
    }
    password = String(next.value);
  }
  rl.close();
  const passwordHash = await hashPassword(password);
  db.transaction(() => {
    repo.updateUser({ ...user, passwordHash, disabled: false });
    repo.recordLoginSuccess(user.id);
    repo.deleteUserSessions(user.id);
  })();
  db.close();
  process.stdout.write(`Đã đặt lại mật khẩu cho ${user.username} · password reset; its sessions were ended.\n`);
}

/** `layso backup [file]`: an online copy of the centre (the server may be running), with progress. */
async function backup(): Promise<void> {
  const file = databaseFile(dataDir);
  if (!existsSync(file)) throw new UsageError(`no centre in ${dataDir} (set LAYSO_DATA_DIR)`);
  const dest = resolve(process.argv[3] ?? join(backupDir(dataDir), `layso-manual-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));
  mkdirSync(dirname(dest), { recursive: true });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let shown = -1;
  const info = await backupTo(db, dest, (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct !== shown) process.stdout.write(`\rSao lưu / backing up: ${(shown = pct)}% (${done}/${total} pages)`);
  });
  db.close();
  process.stdout.write(`\nĐã sao lưu / backup written: ${info.file} (${Math.round(info.bytes / 1024)} KB)\n`);
}

/** `layso restore <file>`: a backup in place of the (stopped) centre's database. */
async function restore(): Promise<void> {
  const from = process.argv[3];
  if (!from) throw new UsageError('usage: layso restore <backup file>   (stop the server first)');
  const r = restoreFrom(resolve(from), databaseFile(dataDir), Date.now());
  process.stdout.write(
    `Đã khôi phục / restored ${from} into ${databaseFile(dataDir)}.` +
      (r.keptAside ? ` The database it replaced is kept as ${r.keptAside}.` : '') +
      ' Start the server with `npm start`.\n',
  );
}

const cmd = process.argv[2] ?? 'start';
const commands: Record<string, () => Promise<void>> = { start, init, unlock, 'reset-password': resetPassword, backup, restore };
const run = commands[cmd];
if (!run) {
  process.stderr.write(`usage: layso [start|init|unlock <user>|reset-password <user>|backup [file]|restore <file>]\n`);
  process.exit(2);
}
run().catch((e: unknown) => {
  if (e instanceof CentreMissingError || e instanceof UsageError) {
    process.stderr.write(`\nLayso: ${e.message}\n\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  }
  log.error({ err: e }, 'fatal');
  process.exit(1);
});
