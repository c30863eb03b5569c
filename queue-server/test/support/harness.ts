/**
 * Test support: a real server on a free port with a temporary SQLite file, real socket.io
 * clients, and an injected clock. Nothing here is a mock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawnListening, type ListeningProcess } from '@layso/node-shared/testing';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type {
  PublicClientEvents,
  PublicServerEvents,
  RatingClientEvents,
  RatingServerEvents,
  Ack,
  DisplayServerEvents,
  KioskClientEvents,
  KioskServerEvents,
  DisplayClientEvents,
  RequestId,
  Settings,
  StaffClientEvents,
  StaffServerEvents,
} from '@layso/shared';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';
import type { Clock } from '../../src/engine/engine.js';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** 2026-03-10 09:00 in Hà Nội (UTC+7). */
export const MORNING = Date.UTC(2026, 2, 10, 2, 0, 0);

export function tempDir(prefix = 'layso-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  clock: TestClock;
  /** Change settings as an admin would (queue policy, rate limit …). */
  setSettings(patch: Partial<Settings>): void;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startTestServer(
  opts: { clock?: TestClock; dataDir?: string; settings?: Partial<Settings> } & Partial<ServerOptions> = {},
): Promise<TestServer> {
  const clock = opts.clock ?? new TestClock(MORNING);
  const dataDir = opts.dataDir ?? tempDir();
  // A port may be given to start again where a stopped server was (clients reconnect to it).
  const server = await startServer({ seedDemoIfEmpty: true, ...opts, dataDir, port: opts.port ?? 0, host: '127.0.0.1', clock });
  const setSettings = (patch: Partial<Settings>): void => {
    server.engine.updateSettings({ ...server.engine.getSettings(), ...patch }, { kind: 'system' });
  };
  if (opts.settings) setSettings(opts.settings);
  return {
    url: `http://127.0.0.1:${server.port}`,
    server,
    dataDir,
    clock,
    setSettings,
    async close(o) {
      await server.close();
      if (!o?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type KioskSocket = Socket<KioskServerEvents, KioskClientEvents>;
export type DisplaySocket = Socket<DisplayServerEvents, DisplayClientEvents>;
export type StaffSocket = Socket<StaffServerEvents, StaffClientEvents>;

export function rid(): RequestId {
  return randomUUID() as RequestId;
}

function connect<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 5000);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // The server sends a snapshot as soon as a client connects.
    socket.once('snapshot' as never, () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

const clientOpts = { transports: ['websocket'], reconnection: false, forceNew: true };

export function kiosk(url: string, auth: Record<string, unknown> = {}): Promise<KioskSocket> {
  return connect(io(`${url}/kiosk`, { ...clientOpts, auth }) as KioskSocket);
}

export type PublicSocket = Socket<PublicServerEvents, PublicClientEvents>;
export type RatingSocket = Socket<RatingServerEvents, RatingClientEvents>;

/** A citizen's phone on `/public` (it gets nothing until it tracks a ticket). */
export function phone(url: string): Promise<PublicSocket> {
  const socket = io(`${url}/public`, clientOpts) as PublicSocket;
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A counter's rating tablet on `/rating`; resolves on its first state. */
export function tablet(url: string, auth: Record<string, unknown> = {}): Promise<RatingSocket> {
  const socket = io(`${url}/rating`, { ...clientOpts, auth }) as RatingSocket;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 5000);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once('state', () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

export function display(url: string, auth: Record<string, unknown> = {}): Promise<DisplaySocket> {
  return connect(io(`${url}/display`, { ...clientOpts, auth }) as DisplaySocket);
}

export async function login(url: string, username: string, password = 'demo'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as Ack<{ token: string }>;
  if (!body.ok) throw new Error(`login ${username}: ${body.error.code}`);
  return body.data.token;
}

export async function staff(url: string, username: string, password = 'demo'): Promise<StaffSocket> {
  const token = await login(url, username, password);
  return connect(io(`${url}/staff`, { ...clientOpts, auth: { token } }) as StaffSocket);
}

/** An admin's REST call with a bearer token; the answer's `data`, or a thrown error with the code. */
export async function adminCall<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const out = (await res.json()) as { ok: boolean; data: T; error?: { code: string } };
  if (!out.ok) throw new Error(`${method} ${path}: ${out.error?.code}`);
  return out.data;
}

/** Send a command and wait for its ack. */
export async function send<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return (await socket.timeout(5000).emitWithAck(event, payload)) as Ack<T>;
}

/** Send a command that must succeed; returns its data. */
export async function must<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const a = await send<T>(socket, event, payload);
  if (!a.ok) throw new Error(`${event} failed: ${a.error.code} ${a.error.message}`);
  return a.data;
}

/** Collect every event of a name a socket receives. */
export function record<T>(socket: Socket, event: string): T[] {
  const out: T[] = [];
  socket.on(event, (x: T) => out.push(x));
  return out;
}

export async function until(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type ServerProcess = ListeningProcess;

/** Run the real CLI (`layso start`) as a child process, as `npm start` does. */
export async function spawnServer(dataDir: string, port = 0, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnListening({
    entry: join(repoRoot, 'queue-server/src/main.ts'),
    args: ['start'],
    cwd: repoRoot,
    // The registry of set-up centres goes beside the data, not into the tester's home.
    env: { PORT: String(port), LAYSO_DATA_DIR: dataDir, LAYSO_CONFIG_DIR: join(dataDir, '.layso-config'), LAYSO_HOST: '127.0.0.1', LAYSO_LOG_LEVEL: 'warn', ...extraEnv },
    listening: /Open: http:\/\/localhost:(\d+)\//,
    what: 'server',
  });
}
