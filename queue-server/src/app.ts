/**
 * createApp(deps) → the HTTP server and Socket.IO namespaces of one centre. No globals: every
 * dependency comes in, so tests build the same app on a free port with a temporary database.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Server, type Namespace } from 'socket.io';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type Ack, LaysoError, LoginBody, RateAction, fail, httpStatusOf, ok } from '@layso/shared';
import { z } from 'zod';
import type { QueueEngine, Change } from './engine/engine.js';
import type { Accounts } from './auth/accounts.js';
import { setupStaff, type StaffNamespace } from './handlers/staff.js';
import { setupKiosk, type KioskNamespace } from './handlers/kiosk.js';
import { setupDisplay, type DisplayNamespace } from './handlers/display.js';
import { setupPublic, pushPublic, type PublicNamespace } from './handlers/public.js';
import { setupRating, type RatingNamespace } from './handlers/rating.js';
import { centreInfo, deltasOf } from './handlers/views.js';
import { toFailure } from './handlers/wrap.js';
import { DeltaBatcher } from './handlers/delta-batcher.js';
import { LANDING_CSS, LANDING_JS, landingPage, lanAddresses } from './pages/landing.js';
import { TRACKING_CSS, TRACKING_JS, trackingPage } from './pages/tracking.js';
import { addSecurityHeaders } from './security/headers.js';
import { HostPolicy, checkHosts } from './security/origin.js';
import { StorageFaults, guarded, registerStorageFaults } from './store/faults.js';
import { registerIntegrityRoute } from './admin/integrity-route.js';
import { watchStaffSessions } from './auth/session-sockets.js';
import type { Alert } from '@layso/shared';
import { RateLimiter, type DeviceIdentity } from './handlers/devices.js';
import { makeServerPrint, type PrinterChoice } from './print/server-print.js';
import type { Db } from './store/open-db.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { registerBookingRoutes } from './booking/routes.js';
import { printerAlertVi, setupAlerts } from './alerts/alerts.js';
import { DEMO_AREAS } from './seed.js';
import type { Reports } from './reports/reports.js';

export interface AppDeps {
  engine: QueueEngine;
  accounts: Accounts;
  /** The centre's reports (their day rollups are wired by the composition root). */
  reports: Reports;
  /** The centre's database, for administration and reports. */
  db: Db;
  log: Logger;
  now: () => number;
  version: string;
  /** Built web apps, served at /kiosk, /display, /staff when present. */
  webRoots?: { kiosk?: string; display?: string; staff?: string; rate?: string; book?: string };
  /** How long kiosk and staff deltas are merged before sending (ms; 0 sends each at once). */
  deltaWindowsMs?: { kiosk?: number; staff?: number; display?: number };
  /** Printing by the server for browser kiosks; absent, `print: true` prints nothing. */
  printing?: {
    printerFor: (device: DeviceIdentity) => PrinterChoice | null;
    /** The base URL phones reach the server at, for the QR code. */
    publicBaseUrl: () => string;
  };
  /** Take client addresses from X-Forwarded-For (a reverse proxy on loopback in front). */
  trustProxy?: boolean;
  /** How often open staff sockets are checked against their sessions (ms). */
  sessionCheckMs?: number;
  /** Database facts for /api/health (journal mode, synchronous, foreign keys, last check). */
  health?: () => Record<string, unknown>;
  /** Host names the server answers besides IP addresses, localhost and its own name. */
  allowedHosts?: readonly string[];
}

export interface App {
  http: FastifyInstance;
  io: Server;
  /** Listen on a port (0 = any free one); resolves to the port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /**
   * Problems of the server itself that last (disk full, a setting replaced by its default, a failed
   * integrity check): raised once, shown to every staff screen that connects until cleared.
   */
  standing: {
    raise(key: string, alert: Alert): void;
    clear(key: string): void;
    list(): Alert[];
  };
  storageFaults: StorageFaults;
  /** Every route registered, method and URL pattern. */
  routes: readonly { method: string; url: string }[];
  /** Kiosk printer faults and other device troubles, for the manager's board. */
  deviceProblems: Map<string, { device: DeviceIdentity; code?: string; message?: string; at: number }>;
}

function sendAck<T>(reply: FastifyReply, ack: Ack<T>): FastifyReply {
  return reply.status(ack.ok ? 200 : httpStatusOf(ack.error.code)).send(ack);
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { engine, accounts, log, now } = deps;
  // Request lines would drown the log of a busy centre; warnings and errors still show.
  const http: FastifyInstance = Fastify({
    loggerInstance: log.child({}, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    // Behind a TLS proxy on the server PC: the client's address comes from X-Forwarded-For.
    trustProxy: deps.trustProxy ?? false,
  });
  // Every route as fastify registers it, so checks over all routes (the role matrix, the fuzz)
  // cannot leave a new one out.
  const routes: { method: string; url: string }[] = [];
  http.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  const hosts = new HostPolicy(deps.allowedHosts ?? []);
  addSecurityHeaders(http);
  checkHosts(http, hosts);
  const io = new Server(http.server, {
    serveClient: false,
    // A WebSocket from a page of another site, or addressed by a rebinding name, is refused.
    allowRequest: (req, cb) => cb(null, hosts.allows(req)),
    // Kiosks and displays reconnect after a network cut; the snapshot brings them up to date.
    connectionStateRecovery: undefined,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    maxHttpBufferSize: 64 * 1024,
  });
  const deviceProblems: App['deviceProblems'] = new Map();

  const kioskNsp = io.of('/kiosk') as unknown as KioskNamespace;
  const displayNsp = io.of('/display') as unknown as DisplayNamespace;
  const staffNsp = io.of('/staff') as unknown as StaffNamespace;
  const publicNsp = io.of('/public') as unknown as PublicNamespace;
  const ratingNsp = io.of('/rating') as unknown as RatingNamespace;

  // The server's own lasting problems are kept in the alert book like the others; while the disk
  // fails they wait in memory and are written once it works again.
  let diskFailing = (): boolean => false;
  const alerts = setupAlerts(http, { engine, accounts, db: deps.db, log, now, emit: (a) => staffNsp.emit('alert', a), diskFailing: () => diskFailing() });
  const standing: App['standing'] = {
    raise: (key, alert) => alerts.server.raise(key, alert),
    clear: (key) => alerts.server.clear(key),
    list: () => alerts.server.list(),
  };
  const storageFaults = new StorageFaults(
    log,
    (a) => {
      if (a.level === 'info') {
        standing.clear('storage');
        alerts.server.flush();
      } else standing.raise('storage', a);
    },
    now,
  );
  diskFailing = () => storageFaults.active.length > 0;
  registerStorageFaults(log, storageFaults);

  /** A kiosk's printer failed or recovered: the manager's board and alerts show it. */
  const reportPrinter = (device: DeviceIdentity, st: { ok: boolean; code?: string; message?: string }): void => {
    const known = deviceProblems.get(device.id);
    if (st.ok) {
      if (!known) return;
      deviceProblems.delete(device.id);
    } else {
      if (known?.code === st.code) return;
      // The board shows the words, not the transport's raw text (`tcp://…: paper out`).
      deviceProblems.set(device.id, { device, code: st.code, message: printerAlertVi(device.name, st.code), at: now() });
    }
    // Kept on the server as today's alert, in words ("Máy in quầy lấy số 1 hết giấy").
    if (st.ok) alerts.book.end(`printer:${device.id}`);
    else alerts.book.raise({ key: `printer:${device.id}`, kind: 'printer', level: 'error', message: printerAlertVi(device.name, st.code), deviceId: device.id });
  };

  setupKiosk(kioskNsp, {
    engine,
    accounts,
    log,
    now,
    ...(deps.printing
      ? { print: makeServerPrint({ engine, log, ...deps.printing, onResult: reportPrinter }) }
      : {}),
    onPrinterStatus: reportPrinter,
  });
  setupDisplay(displayNsp, { engine, accounts, log, now });
  setupStaff(staffNsp, { engine, accounts, log, now });
  // After the snapshot: problems of the server that last are shown to whoever connects later.
  staffNsp.on('connection', (socket) => {
    for (const a of standing.list()) socket.emit('alert', a);
  });
  const staffSessions = watchStaffSessions(staffNsp as unknown as Namespace, accounts, log, deps.sessionCheckMs);
  // Phones and guessers are limited per address, over the socket and the fallback routes alike.
  const publicLimiter = new RateLimiter();
  setupPublic(publicNsp, { engine, log, now, limiter: publicLimiter });
  const pushRating = setupRating(ratingNsp, { engine, accounts, log, now });

  let publicTimer: NodeJS.Timeout | null = null;
  // Kiosks show waiting counts and staff screens ack their own commands, so a short window costs
  // nothing a person notices and saves a message per ticket per client at peak. Displays get every
  // call at once.
  const kioskOut = new DeltaBatcher(deps.deltaWindowsMs?.kiosk ?? 200, (d) => kioskNsp.emit('delta', d));
  const staffOut = new DeltaBatcher(deps.deltaWindowsMs?.staff ?? 100, (d) => staffNsp.emit('delta', d));
  // Displays get every call at once; waiting counts between calls are merged like the kiosks'.
  const displayOut = new DeltaBatcher(deps.deltaWindowsMs?.display ?? 100, (d) => displayNsp.emit('delta', d), (d) => d.calls !== undefined);
  engine.onChange((change: Change) => guarded(log, 'sending a change', () => {
    storageFaults.cleared();
    const d = deltasOf(engine, change, now());
    kioskOut.push(d.kiosk);
    displayOut.push(d.display);
    staffOut.push(d.staff);
    guarded(log, 'telling the rating tablets', () => pushRating(change));
    // The board's share satisfied and latest low scores move with each rating (and a new day).
    if (change.ratings.length > 0 || change.dayChanged) guarded(log, 'telling the board the ratings', () => staffNsp.emit('ratings:today', deps.reports.boardRatings()));
    // Phones following a ticket get fresh positions at most once a second; a call goes at once,
    // so the citizen's phone says "Mời số … đến quầy …" together with the wall display.
    if (change.calls.length > 0 || change.ratings.length > 0) {
      if (publicTimer) clearTimeout(publicTimer);
      publicTimer = null;
      guarded(log, 'pushing ticket positions', () => pushPublic(publicNsp, engine));
      return;
    }
    publicTimer ??= setTimeout(() => {
      publicTimer = null;
      guarded(log, 'pushing ticket positions', () => pushPublic(publicNsp, engine));
    }, 1000);
  }));

  // ------------------------------------------------------------------ REST
  http.setErrorHandler((err, _req, reply) => {
    const e = err as { validation?: unknown; statusCode?: number };
    if (e.validation || e.statusCode === 400) return sendAck(reply, fail('VALIDATION', String((err as Error).message)));
    // The client's fault, not the server's: its own status and code, logged quietly.
    if (e.statusCode === 413 || e.statusCode === 415) {
      log.debug({ status: e.statusCode }, 'request refused');
      const ack = e.statusCode === 413
        ? fail('PAYLOAD_TOO_LARGE', 'the request body is over the limit')
        : fail('UNSUPPORTED_MEDIA_TYPE', 'send JSON (content-type: application/json)');
      return reply.status(e.statusCode).send(ack);
    }
    return sendAck(reply, toFailure(err, log));
  });

  http.get('/api/health', async () => ({
    ok: true,
    data: {
      status: storageFaults.active.length > 0 ? 'degraded' : 'ok',
      version: deps.version,
      time: now(),
      centreId: engine.getSettings().centreId,
      seq: engine.lastSeq,
      storage: { faults: storageFaults.active, ...deps.health?.() },
      problems: standing.list().map((a) => ({ kind: a.kind, message: a.message })),
    },
  }));

  http.get('/api/centre', async () =>
    ok({
      ...centreInfo(engine),
      lanAddresses: lanAddresses(),
      // The address printed in QR codes, so the screen and the paper name the same one.
      publicUrl: deps.printing?.publicBaseUrl() ?? null,
    }),
  );

  http.get('/api/services', async () =>
    ok({ services: engine.listServices(), stats: engine.allStats(), seq: engine.lastSeq }),
  );

  http.get('/api/tickets/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!publicLimiter.allow(`track@${req.ip}`, now(), 30)) return sendAck(reply, fail('RATE_LIMITED', 'too many lookups; please wait a moment'));
    const status = id.length >= 16 && id.length <= 64 ? engine.publicStatus(id) : null;
    if (!status) return sendAck(reply, fail('TICKET_NOT_FOUND', 'no such ticket'));
    return ok(status);
  });

  // The phone page's fallback where its socket can't connect: the same rule as `ticket:rate`.
  http.post('/api/tickets/:id/rating', async (req, reply) => {
    const { id } = req.params as { id: string };
    const body = RateAction.safeParse({ ...(typeof req.body === 'object' ? req.body : {}), ticketId: id });
    if (!body.success) return sendAck(reply, fail('VALIDATION', z.prettifyError(body.error)));
    if (!publicLimiter.allow(`rate@${req.ip}`, now(), 6)) return sendAck(reply, fail('RATE_LIMITED', 'too many ratings; please wait a moment'));
    try {
      const { rating } = engine.rate(body.data, { kind: 'phone' });
      return ok({ ticketId: rating.ticketId, level: rating.level, satisfied: rating.satisfied });
    } catch (e) {
      return sendAck(reply, toFailure(e, log));
    }
  });

  http.post('/api/auth/login', async (req, reply) => {
    const body = LoginBody.safeParse(req.body);
    if (!body.success) return sendAck(reply, fail('VALIDATION', z.prettifyError(body.error)));
    try {
      return ok(await accounts.login(body.data.username, body.data.password, req.ip));
    } catch (e) {
      return sendAck(reply, toFailure(e, log));
    }
  });

  http.post('/api/auth/logout', async (req) => {
    const token = bearer(req.headers.authorization);
    if (token) accounts.logout(token);
    return ok(null);
  });

  http.get('/api/auth/me', async (req, reply) => {
    const user = accounts.userOfToken(bearer(req.headers.authorization));
    if (!user) return sendAck(reply, fail('UNAUTHENTICATED', 'sign in first'));
    return ok(user);
  });

  registerAdminRoutes(http, { engine, accounts, db: deps.db, io, log, now, deviceProblems });
  registerIntegrityRoute(http, { accounts, db: deps.db, log, standing });
  // Saved settings are valid ones: the alert about a setting replaced at start is over.
  http.addHook('onResponse', async (req, reply) => {
    if (req.method === 'PUT' && req.url === '/api/admin/settings' && reply.statusCode === 200) standing.clear('settings');
  });
  registerReportRoutes(http, { reports: deps.reports, engine, accounts, log });
  registerBookingRoutes(http, { engine, db: deps.db, log, now });

  http.get('/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(landingPage(centreInfo(engine), lanAddresses(), engine.getSettings().demo ? DEMO_AREAS : [])),
  );

  // Browsers ask for it on every page; there is no icon, and "no content" keeps their consoles clean.
  http.get('/favicon.ico', async (_req, reply) => reply.status(204).send());

  http.get('/t/:id', async (_req, reply) => {
    return reply.type('text/html; charset=utf-8').send(trackingPage());
  });

  // The pages' own scripts and styles: the Content-Security-Policy runs no inline script.
  const assets: [string, string, string][] = [
    ['tracking.js', 'text/javascript; charset=utf-8', TRACKING_JS],
    ['tracking.css', 'text/css; charset=utf-8', TRACKING_CSS],
    ['landing.js', 'text/javascript; charset=utf-8', LANDING_JS],
    ['landing.css', 'text/css; charset=utf-8', LANDING_CSS],
  ];
  for (const [name, type, body] of assets) {
    http.get(`/static/${name}`, async (_req, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }

  // The built apps are looked up at request time (`wildcard: true`), so a rebuilt app is served
  // without a restart; client-side routes and missing files fall back to the app's page.
  const roots = Object.entries(deps.webRoots ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  let decorated = false;
  for (const [name, root] of roots) {
    await http.register(fastifyStatic, { root, prefix: `/${name}/`, decorateReply: !decorated, wildcard: true, index: ['index.html'] });
    decorated = true;
    http.get(`/${name}`, async (req, reply) => {
      const q = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return reply.redirect(`/${name}/${q}`);
    });
  }
  http.setNotFoundHandler((req, reply) => {
    const app = roots.find(([name]) => req.url.startsWith(`/${name}/`));
    const path = req.url.split('?')[0] ?? '';
    // A missing asset (a name with an extension) is a 404, not the page: a browser must not run
    // HTML as a script.
    if (app && req.method === 'GET' && !/\.[a-z0-9]+$/i.test(path)) {
      if (existsSync(join(app[1], 'index.html'))) return reply.type('text/html; charset=utf-8').sendFile('index.html', app[1]);
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(`<p>/${app[0]}/ is not built: run <code>npm run build</code>.</p>`);
    }
    return sendAck(reply, fail('NOT_FOUND', `no route ${req.method} ${path}`));
  });

  return {
    http,
    io,
    deviceProblems,
    standing,
    storageFaults,
    routes,
    async listen(port, host = '0.0.0.0') {
      await http.listen({ port, host });
      const addr = http.server.address();
      return typeof addr === 'object' && addr ? addr.port : port;
    },
    async close() {
      alerts.stop();
      if (publicTimer) clearTimeout(publicTimer);
      staffSessions.stop();
      kioskOut.flush();
      staffOut.flush();
      displayOut.flush();
      io.disconnectSockets(true);
      // Browsers hold keep-alive connections open; closing must not wait for them to go idle.
      http.server.closeAllConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await http.close().catch(() => undefined);
    },
  };
}

export { LaysoError };
