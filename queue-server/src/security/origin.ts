/**
 * Host and Origin checks against DNS rebinding and pages of other sites.
 *
 * A page from another site that the browser was made to resolve to the server's address (DNS
 * rebinding) sends the attacker's name in `Host`; a page of another origin that opens a socket
 * sends its own `Origin`. The server answers only names it is known by: IP literals (how the LAN
 * reaches it), `localhost`, its own host name (and `<name>.local`), the host of the public URL
 * and any names set in LAYSO_ALLOWED_HOSTS. A request that carries an `Origin` must come from the
 * host it is addressed to. Clients that are not browsers (the shells' node side, tests) send no
 * Origin and are judged by their credentials alone.
 */
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { fail } from '@layso/shared';

/** `host[:port]` → the lower-cased host, without brackets; null when it cannot be read. */
export function hostOf(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : null;
  }
  const colon = h.indexOf(':');
  const name = colon >= 0 ? h.slice(0, colon) : h;
  return name.length > 0 ? name.replace(/\.$/, '') : null;
}

export class HostPolicy {
  private readonly names: Set<string>;

  constructor(extra: readonly string[] = []) {
    const own = hostname().toLowerCase();
    this.names = new Set(['localhost', own, `${own}.local`, ...extra.map((n) => n.toLowerCase()).filter(Boolean)]);
  }

  allowsHost(hostHeader: string | undefined): boolean {
    const h = hostOf(hostHeader);
    if (h === null) return false;
    return isIP(h) !== 0 || this.names.has(h);
  }

  /** A browser request: its Host is one of ours and its Origin, if any, is that same host. */
  allows(req: Pick<IncomingMessage, 'headers'>): boolean {
    const host = req.headers.host;
    if (!this.allowsHost(host)) return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return false;
    }
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    return o.host.toLowerCase() === String(host).trim().toLowerCase();
  }
}

/** Refuse HTTP requests addressed to a name the server is not known by, or from another origin. */
export function checkHosts(http: FastifyInstance, policy: HostPolicy): void {
  http.addHook('onRequest', async (req, reply) => {
    if (!policy.allows(req.raw)) {
      return reply.status(403).send(fail('FORBIDDEN', 'this server is not reached by that name or from that page'));
    }
  });
}
