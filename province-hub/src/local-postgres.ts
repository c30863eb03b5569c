/**
 * A throwaway PostgreSQL for the tests and the bench (never for a real hub): Debian's binaries (scripts/ensure-postgres.mjs installs them),
 * a cluster made with initdb in a temporary directory, listening on a free loopback port and on a
 * unix socket in that directory, stopped and deleted after. PostgreSQL refuses to run as root, so
 * when the tests run as root (CI does) the cluster runs as the `postgres` system user, which the
 * Debian package creates, and the temporary directory is handed to it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('PostgreSQL is not installed: run `node scripts/ensure-postgres.mjs`');
  return join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root needs the `postgres` system user (Debian package postgresql)');
  return { uid, gid };
}

export interface TestPostgres {
  port: number;
  /** Connection URL of a database (made by `createDatabase`). */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stop the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** Stop and delete everything. */
  destroy(): Promise<void>;
  /** The postmaster's pid (its backends are its children), while running. */
  pid(): number | null;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'layso-pg-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const spawnOpts = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    ...spawnOpts,
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let proc: ChildProcess | null = null;

  const url = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;

  async function ready(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const c = new pg.Client({ connectionString: url('postgres') });
      try {
        await c.connect();
        await c.query('SELECT 1');
        await c.end();
        return;
      } catch (e) {
        await c.end().catch(() => undefined);
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async function start(): Promise<void> {
    const p = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'shared_buffers=32MB'],
      { ...spawnOpts, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    p.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    proc = p;
    const exited = new Promise<never>((_, reject) => p.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${log}`))));
    exited.catch(() => undefined);
    await Promise.race([ready(), exited]);
  }

  async function stop(): Promise<void> {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGINT');
    });
  }

  await start();
  return {
    port,
    url,
    pid: () => proc?.pid ?? null,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: url('postgres') });
      await c.connect();
      await c.query(`CREATE DATABASE "${name}"`);
      await c.end();
      return url(name);
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
