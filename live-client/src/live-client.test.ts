/**
 * The live client against a real Socket.IO server on a loopback port, scripted so that it can
 * send what a real queue server sends only on a bad day: a gap in the sequence, a delta that
 * does not parse, a refused handshake, a socket closed by the server.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { StaffSnapshot } from '@layso/shared';
import { delta, snapshot, stats } from '../../staff-app/test/fixtures.js';
import { LiveClient } from './live-client.js';

interface Harness {
  url: string;
  io: Server;
  /** The server side of each connection, newest last. */
  sockets: ServerSocket[];
  /** Snapshot requests seen; answer each with `answer`. */
  resyncs: ((ack: unknown) => void)[];
  close(): Promise<void>;
}

let harness: Harness | null = null;
let client: LiveClient<StaffSnapshot> | null = null;

afterEach(async () => {
  client?.stop();
  client = null;
  await harness?.close();
  harness = null;
});

async function startServer(firstSeq = 10): Promise<Harness> {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const sockets: ServerSocket[] = [];
  const resyncs: ((ack: unknown) => void)[] = [];
  const nsp = io.of('/staff');
  nsp.use((socket, next) => {
    if (socket.handshake.auth['token'] === 'good') return next();
    const err = new Error('UNAUTHENTICATED') as Error & { data?: unknown };
    err.data = { code: 'UNAUTHENTICATED' };
    next(err);
  });
  nsp.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('sync:snapshot', (_payload: unknown, ack: (a: unknown) => void) => resyncs.push(ack));
    socket.emit('snapshot', snapshot(firstSeq));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/staff`,
    io,
    sockets,
    resyncs,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function connect(h: Harness, token = 'good', onRefused?: () => void): LiveClient<StaffSnapshot> {
  client = new LiveClient({
    url: h.url,
    snapshot: StaffSnapshot,
    auth: () => ({ token }),
    retryRefused: false,
    ...(onRefused ? { onRefused } : {}),
  });
  client.start();
  return client;
}

describe('LiveClient', () => {
  it('takes the snapshot, then the deltas that follow it', async () => {
    const h = (harness = await startServer(10));
    const c = connect(h);
    await until(() => c.status === 'live', 'live');
    expect(c.state?.seq).toBe(10);
    expect(c.snapshot?.me.username).toBe('canbo1');
    h.sockets[0]!.emit('delta', delta(10, 11, { stats: [stats('a', { waiting: 4 })] }));
    await until(() => c.state?.seq === 11, 'seq 11');
    expect(c.state?.stats['a']?.waiting).toBe(4);
    expect(h.resyncs).toHaveLength(0);
  });

  it('on a gap asks for one snapshot, keeps the deltas meanwhile and replays the newer ones', async () => {
    const h = (harness = await startServer(10));
    const c = connect(h);
    await until(() => c.status === 'live', 'live');
    const server = h.sockets[0]!;
    server.emit('delta', delta(11, 12, { stats: [stats('a', { waiting: 1 })] })); // 10 → 11 was missed
    await until(() => h.resyncs.length === 1, 'a snapshot request');
    server.emit('delta', delta(12, 13, { stats: [stats('a', { waiting: 2 })] }));
    server.emit('delta', delta(13, 14, { stats: [stats('a', { waiting: 3 })] }));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.resyncs).toHaveLength(1);
    expect(c.state?.seq).toBe(10);
    h.resyncs[0]!({ ok: true, data: snapshot(12, { stats: [stats('a', { waiting: 1 })] }) });
    await until(() => c.state?.seq === 14, 'seq 14');
    expect(c.state?.stats['a']?.waiting).toBe(3);
  });

  it('does not believe a delta that does not parse: it asks for a snapshot instead', async () => {
    const h = (harness = await startServer(10));
    const c = connect(h);
    await until(() => c.status === 'live', 'live');
    h.sockets[0]!.emit('delta', { prevSeq: 10, seq: 11, serverTime: 'noon', stats: 'many' });
    await until(() => h.resyncs.length === 1, 'a snapshot request');
    expect(c.state?.seq).toBe(10);
    h.resyncs[0]!({ ok: true, data: snapshot(11) });
    await until(() => c.state?.seq === 11, 'seq 11');
  });

  it('ignores a snapshot that does not parse, and a failed resync lets the next gap ask again', async () => {
    const h = (harness = await startServer(10));
    const c = connect(h);
    await until(() => c.status === 'live', 'live');
    const server = h.sockets[0]!;
    server.emit('snapshot', { seq: 'eleven' });
    server.emit('delta', delta(20, 21));
    await until(() => h.resyncs.length === 1, 'a snapshot request');
    h.resyncs[0]!({ ok: false, error: { code: 'INTERNAL', message: 'busy' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(c.state?.seq).toBe(10);
    server.emit('delta', delta(21, 22));
    await until(() => h.resyncs.length === 2, 'a second snapshot request');
  });

  it('reports a refused handshake once and, for an ended session, stops trying', async () => {
    const h = (harness = await startServer(10));
    let refused = 0;
    const c = connect(h, 'revoked', () => refused++);
    await until(() => c.status === 'refused', 'refused');
    await new Promise((r) => setTimeout(r, 400));
    expect(refused).toBe(1);
    expect(c.connected).toBe(false);
    expect(h.sockets).toHaveLength(0);
  });

  it('comes back by itself after the server closed the socket, with a fresh snapshot', async () => {
    const h = (harness = await startServer(10));
    const c = connect(h);
    await until(() => c.status === 'live', 'live');
    h.sockets[0]!.disconnect(true);
    await until(() => c.status === 'offline', 'offline');
    await until(() => c.status === 'live' && h.sockets.length === 2, 'live again');
    expect(c.state?.seq).toBe(10);
  });
});
