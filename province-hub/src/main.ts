#!/usr/bin/env node
/**
 * `npm run hub`: one province hub node. The only place that reads the environment.
 *   LAYSO_HUB_DATABASE_URL  PostgreSQL, e.g. postgres://layso:secret@db.internal:5432/layso_hub (required)
 *   PORT                     (8443 with TLS, else 8090)
 *   LAYSO_HUB_HOST           (0.0.0.0)
 *   LAYSO_HUB_TLS_CERT, LAYSO_HUB_TLS_KEY   PEM files: serve HTTPS
 *   LAYSO_HUB_TRUST_PROXY=1  a TLS-terminating load balancer in front sets X-Forwarded-Proto
 *   LAYSO_HUB_ADMIN_PASSWORD the first province admin (user `admin`) when the hub has no user
 *   LAYSO_HUB_NODE           a name for this node in /api/health
 */
import { pino } from 'pino';
import { readTls, startHub } from './app.js';

const env = process.env;
const log = pino({ level: env.LAYSO_LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const databaseUrl = env.LAYSO_HUB_DATABASE_URL;
  if (!databaseUrl) throw new Error('set LAYSO_HUB_DATABASE_URL to the hub database, e.g. postgres://user:pass@host:5432/layso_hub');
  const tls = env.LAYSO_HUB_TLS_CERT && env.LAYSO_HUB_TLS_KEY ? readTls(env.LAYSO_HUB_TLS_CERT, env.LAYSO_HUB_TLS_KEY) : undefined;
  const hub = await startHub({
    databaseUrl,
    port: Number(env.PORT ?? (tls ? 8443 : 8090)),
    host: env.LAYSO_HUB_HOST ?? '0.0.0.0',
    ...(tls ? { tls } : {}),
    trustProxy: env.LAYSO_HUB_TRUST_PROXY === '1',
    log,
    ...(env.LAYSO_HUB_ADMIN_PASSWORD ? { bootstrapAdmin: { username: 'admin', password: env.LAYSO_HUB_ADMIN_PASSWORD } } : {}),
    ...(env.LAYSO_HUB_NODE ? { nodeName: env.LAYSO_HUB_NODE } : {}),
  });
  log.info({ port: hub.port, tls: Boolean(tls) }, 'Layso province hub node listening');
  process.stdout.write(`HUB_LISTENING ${hub.port}\n`);
  const stop = async (): Promise<void> => {
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  log.error({ err: e }, 'fatal');
  process.exit(1);
});
