/**
 * One hub node: REST (sign-in, centres, enrolment, ingest, reports), the board's Socket.IO
 * namespace, and the board's web page. Stateless: everything lives in PostgreSQL, and the
 * Socket.IO Postgres adapter carries broadcasts to the clients of the other nodes.
 * Reads no environment (see main.ts).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Server as IoServer } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { pino, type Logger } from 'pino';
import { z, ZodError } from 'zod';
import { EnrolBody, IngestBody, ProvinceReportQuery, ProvinceTargets } from '@layso/shared';
import { createPool, migrate, type Pool } from './db.js';
import { HubAuth, HubError, canSeeCentre, requireRole, type HubUser } from './auth.js';
import { enrol, newCode, registerCentre, revoke } from './centres.js';
import { ingest } from './ingest.js';
import { boardCentres, boardDetail } from './board.js';
import { getTargets, provinceReport, reportCsv, setTargets } from './reports.js';

export interface HubOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  /** PEM certificate and key: the node serves HTTPS. Without, plain HTTP (behind a TLS proxy). */
  tls?: { cert: string; key: string };
  /**
   * Trust X-Forwarded-Proto from the proxy in front (a load balancer terminating TLS). Without TLS
   * and without it, only loopback clients may enrol or push.
   */
  trustProxy?: boolean;
  log?: Logger;
  /** The first province admin, made when the hub has no user. */
  bootstrapAdmin?: { username: string; password: string };
  /** The board's built web page; default province-hub/dist/web. */
  webRoot?: string;
  /** A name for this node in /api/health (tests and the bench tell nodes apart by it). */
  nodeName?: string;
  /** Board changes within this many ms go out as one (default 200). */
  broadcastDelayMs?: number;
  /** Hears every batch taken (observability: tests and the bench watch batch sizes and order). */
  onIngest?: (info: { centreId: string; events: number; firstSeq: number | null; head: number; pendingAbove: number }) => void;
}

export interface RunningHub {
  port: number;
  url: string;
  pool: Pool;
  auth: HubAuth;
  app: FastifyInstance;
  io: IoServer;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

function sendError(reply: FastifyReply, e: unknown, log: Logger): FastifyReply {
  if (e instanceof HubError) return reply.code(e.status).send({ ok: false, error: { code: e.code, message: e.message } });
  if (e instanceof ZodError) {
    return reply.code(400).send({ ok: false, error: { code: 'VALIDATION', message: e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } });
  }
  log.error({ err: e }, 'hub request failed');
  return reply.code(500).send({ ok: false, error: { code: 'INTERNAL', message: 'hub error' } });
}

const CentreBody = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  nameVi: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
});
const LoginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const UserBody = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,50}$/),
  password: z.string().min(8).max(200),
  role: z.enum(['province_admin', 'province_viewer', 'centre_viewer']),
  centreId: z.string().min(1).max(100).nullable().default(null),
});

export async function startHub(opts: HubOptions): Promise<RunningHub> {
  const log = opts.log ?? pino({ level: 'silent' });
  const pool = createPool(opts.databaseUrl, { onError: (e) => log.warn({ err: e.message }, 'PostgreSQL connection lost') });
  await migrate(pool);
  const auth = new HubAuth(pool);
  if (opts.bootstrapAdmin) {
    if (await auth.bootstrapAdmin(opts.bootstrapAdmin.username, opts.bootstrapAdmin.password)) {
      log.info({ username: opts.bootstrapAdmin.username }, 'first province admin created');
    }
  }
  const app = Fastify({
    logger: false,
    bodyLimit: 4 * 1024 * 1024,
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key } } : {}),
  }) as unknown as FastifyInstance;

  const secure = (req: FastifyRequest): void => {
    if (opts.tls) return;
    if (LOOPBACK.has(req.socket.remoteAddress ?? '')) return;
    if (opts.trustProxy && req.headers['x-forwarded-proto'] === 'https') return;
    throw new HubError('HUB_INSECURE_URL', 'centres reach the hub over HTTPS only');
  };

  const route = <T>(handler: (req: FastifyRequest) => Promise<T>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        const data = await handler(req);
        return reply.header('cache-control', 'no-store').send({ ok: true, data });
      } catch (e) {
        return sendError(reply, e, log);
      }
    };
  const user = (req: FastifyRequest): Promise<HubUser> => auth.userOf(bearer(req));

  // The adapter holds one connection for LISTEN and takes others to NOTIFY; its own small pool keeps
  // it apart from the requests' (it may hold a connection across a PostgreSQL restart).
  const adapterPool = createPool(opts.databaseUrl, { max: 4, onError: (e) => log.warn({ err: e.message }, 'PostgreSQL connection lost (adapter)') });
  // The adapter (0.5.0) drops its LISTEN connection when PostgreSQL goes away without giving it
  // back to the pool, so each restart would keep one of the four slots for good: give it back.
  adapterPool.on('connect', (client) => {
    client.once('end', () => {
      try {
        (client as typeof client & { release?: (e?: Error) => void }).release?.(new Error('connection ended'));
      } catch {
        // Not checked out: the pool has dropped it already.
      }
    });
  });
  const io = new IoServer(app.server, { adapter: createAdapter(adapterPool, { errorHandler: (e) => log.warn({ err: e.message }, 'adapter error') }), serveClient: false });
  const board = io.of('/board');

  /**
   * Tell every node's board clients about a centre that changed: its row to the province and to
   * its centre viewers, and a nudge to those watching its drill-in (they ask for it again).
   * Changes within `broadcastDelayMs` go out as one.
   */
  const pendingBroadcast = new Set<string>();
  const broadcastNow = async (centreId: string): Promise<void> => {
    const [centre] = await boardCentres(pool, centreId);
    if (!centre) return;
    board.to('province').to(`centre:${centreId}`).emit('centre', centre);
    board.to(`detail:${centreId}`).emit('detailChanged', centreId);
  };
  const broadcast = (centreId: string): void => {
    if (pendingBroadcast.has(centreId)) return;
    pendingBroadcast.add(centreId);
    setTimeout(() => {
      pendingBroadcast.delete(centreId);
      broadcastNow(centreId).catch((e: unknown) => log.warn({ err: String(e) }, 'broadcast failed'));
    }, opts.broadcastDelayMs ?? 200).unref();
  };

  app.get('/api/health', route(async () => ({ node: opts.nodeName ?? 'hub', db: (await pool.query('SELECT 1 AS one')).rows.length === 1 })));

  app.post('/api/login', route(async (req) => {
    const b = LoginBody.parse(req.body);
    return auth.login(b.username, b.password);
  }));
  app.post('/api/logout', route(async (req) => {
    const t = bearer(req);
    if (t) await auth.logout(t);
    return null;
  }));
  app.get('/api/me', route(user));

  app.get('/api/centres', route(async (req) => {
    const u = await user(req);
    return { serverNow: Date.now(), centres: await boardCentres(pool, u.role === 'centre_viewer' ? u.centreId : null) };
  }));
  app.get<{ Params: { id: string } }>('/api/centres/:id', route(async (req) => {
    const u = await user(req);
    const id = (req.params as { id: string }).id;
    if (!canSeeCentre(u, id)) throw new HubError('FORBIDDEN', 'not your centre');
    const d = await boardDetail(pool, id);
    if (!d) throw new HubError('NOT_FOUND', 'no such centre');
    return d;
  }));
  app.post('/api/centres', route(async (req) => {
    requireRole(await user(req), 'province_admin');
    const issued = await registerCentre(pool, CentreBody.parse(req.body));
    // Every board lists the new centre at once (never connected yet).
    broadcast(issued.centreId);
    return issued;
  }));
  app.post('/api/centres/:id/code', route(async (req) => {
    requireRole(await user(req), 'province_admin');
    return newCode(pool, (req.params as { id: string }).id);
  }));
  app.post('/api/centres/:id/revoke', route(async (req) => {
    requireRole(await user(req), 'province_admin');
    const id = (req.params as { id: string }).id;
    await revoke(pool, id);
    broadcast(id);
    return null;
  }));
  app.post('/api/users', route(async (req) => {
    requireRole(await user(req), 'province_admin');
    const b = UserBody.parse(req.body);
    await auth.createUser(b.username, b.password, b.role, b.centreId);
    return null;
  }));

  app.post('/api/enrol', route(async (req) => {
    secure(req);
    const result = await enrol(pool, EnrolBody.parse(req.body).code);
    broadcast(result.centreId);
    return result;
  }));
  app.post('/api/ingest', route(async (req) => {
    secure(req);
    const centreId = await auth.centreOf(bearer(req));
    const body = IngestBody.parse(req.body);
    const r = await ingest(pool, centreId, body);
    opts.onIngest?.({ centreId, events: body.events.length, firstSeq: body.events[0]?.seq ?? null, head: r.head, pendingAbove: r.pendingAbove });
    if (r.changed) broadcast(centreId);
    return { head: r.head, pendingAbove: r.pendingAbove };
  }));

  const reportQuery = async (req: FastifyRequest) => {
    const u = await user(req);
    const q = ProvinceReportQuery.parse(req.query);
    if (u.role === 'centre_viewer') {
      if (q.centreId !== undefined && q.centreId !== u.centreId) throw new HubError('FORBIDDEN', 'not your centre');
      return { ...q, centreId: u.centreId ?? undefined };
    }
    return q;
  };
  app.get('/api/targets', route(async (req) => {
    await user(req);
    return getTargets(pool);
  }));
  app.put('/api/targets', route(async (req) => {
    requireRole(await user(req), 'province_admin');
    return setTargets(pool, ProvinceTargets.parse(req.body));
  }));
  app.get('/api/reports', route(async (req) => provinceReport(pool, await reportQuery(req))));
  app.get('/api/reports.csv', async (req, reply) => {
    try {
      const q = await reportQuery(req);
      const lang = (req.query as { lang?: string }).lang === 'en' ? 'en' : 'vi';
      return reply
        .header('content-disposition', `attachment; filename="layso-province-${q.by}-${q.from}_${q.to}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(reportCsv(await provinceReport(pool, q), lang));
    } catch (e) {
      return sendError(reply, e, log);
    }
  });

  // The board's page: province-hub/dist/web, built by scripts/build.mjs.
  const webRoot = opts.webRoot ?? fileURLToPath(new URL('../dist/web', import.meta.url));
  if (existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/' });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('Board not built: run `npm run build`.'));
  }

  board.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    auth
      .userOf(typeof token === 'string' ? token : undefined)
      .then((u) => {
        socket.data.user = u;
        next();
      })
      .catch(() => next(new Error('UNAUTHENTICATED')));
  });
  board.on('connection', (socket) => {
    const u = socket.data.user as HubUser;
    void socket.join(u.role === 'centre_viewer' ? `centre:${u.centreId}` : 'province');
    // Whoever (re)connects, to whichever node, starts from the hub's current state.
    void boardCentres(pool, u.role === 'centre_viewer' ? u.centreId : null)
      .then((centres) => socket.emit('snapshot', { serverNow: Date.now(), centres }))
      .catch((e: unknown) => log.warn({ err: String(e) }, 'snapshot failed'));
    socket.on('watch', (centreId: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (v: unknown) => void) : () => undefined;
      if (typeof centreId !== 'string' || !canSeeCentre(u, centreId)) return reply({ ok: false, error: { code: 'FORBIDDEN', message: 'not your centre' } });
      for (const room of socket.rooms) if (room.startsWith('detail:')) void socket.leave(room);
      void socket.join(`detail:${centreId}`);
      boardDetail(pool, centreId)
        .then((d) => reply(d ? { ok: true, data: d } : { ok: false, error: { code: 'NOT_FOUND', message: 'no such centre' } }))
        .catch(() => reply({ ok: false, error: { code: 'INTERNAL', message: 'hub error' } }));
    });
  });

  await app.listen({ port: opts.port, host: opts.host ?? '0.0.0.0' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  let closed = false;
  return {
    port,
    url,
    pool,
    auth,
    app,
    io,
    async close() {
      if (closed) return;
      closed = true;
      io.close();
      await app.close().catch(() => undefined);
      // A pool ends when its connections are back; one lost in a restart never comes back.
      const ended = (p: Pool): Promise<unknown> => Promise.race([p.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
      await Promise.all([ended(pool), ended(adapterPool)]);
    },
  };
}

export function readTls(certFile: string, keyFile: string): { cert: string; key: string } {
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
