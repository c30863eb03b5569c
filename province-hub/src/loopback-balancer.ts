/**
 * For the tests and the bench only (a province runs a real load balancer): each TCP connection
 * on a loopback port goes to the next backend in turn, and to the one after when a backend
 * refuses (a node that died). `delayMs` holds every connection back that long (a slow link).
 */
import { createServer, connect, type Server, type Socket as NetSocket } from 'node:net';

/**
 * A load balancer on loopback: each TCP connection goes to the next backend in turn, and to the
 * one after when a backend refuses (a node that died). Enough to stand for the province's own.
 */
export class LoopbackBalancer {
  private server: Server;
  private next = 0;
  private readonly open = new Set<NetSocket>();
  port = 0;
  delayMs = 0;

  constructor(public backends: number[]) {
    this.server = createServer((client) => this.accept(client));
  }

  private accept(client: NetSocket): void {
    if (this.delayMs > 0) {
      client.pause();
      setTimeout(() => this.route(client, 0), this.delayMs);
    } else this.route(client, 0);
  }

  /** Listen (again) on `port`, or on a free one. */
  async start(port = 0): Promise<string> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', () => r()));
    const a = this.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    return `http://127.0.0.1:${this.port}`;
  }

  private route(client: NetSocket, tried: number): void {
    if (tried >= this.backends.length) {
      client.destroy();
      return;
    }
    const port = this.backends[this.next++ % this.backends.length]!;
    const upstream = connect(port, '127.0.0.1');
    upstream.once('connect', () => {
      this.open.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
      const done = (): void => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.once('close', done).once('error', done);
      upstream.once('close', done).once('error', done);
    });
    upstream.once('error', () => {
      if (!this.open.has(upstream)) this.route(client, tried + 1);
    });
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
