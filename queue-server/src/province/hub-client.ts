/**
 * HTTPS to the province hub with the hub's public key pinned. At enrolment the key the hub shows
 * is recorded (trust on first use, over a code the province admin handed over); after, a
 * connection to a hub showing another key is cut before a byte of the request leaves. Plain HTTP
 * is accepted only to a loopback address (tests, a hub on the same machine).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { LaysoError } from '@layso/shared';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Refuse a hub URL that is not HTTPS, unless it is on this machine. */
export function checkHubUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LaysoError('VALIDATION', 'not a URL');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new LaysoError('HUB_INSECURE_URL', 'the province hub is reached over https:// only');
}

/** SHA-256 of the certificate's public key (SubjectPublicKeyInfo), hex pairs joined by colons. */
export function pinOf(cert: tls.PeerCertificate): string {
  const hex = createHash('sha256').update(cert.pubkey ?? cert.raw).digest('hex').toUpperCase();
  return hex.match(/.{2}/g)!.join(':');
}

export interface HubResponse {
  status: number;
  body: unknown;
}

export interface HubRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  credential?: string;
  /** The pinned key; null at enrolment (then `onPin` hears the key the hub showed). */
  pin: string | null;
  onPin?: (pin: string) => void;
  timeoutMs?: number;
}

export function hubRequest(base: URL, req: HubRequest): Promise<HubResponse> {
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  if (req.credential) headers.authorization = `Bearer ${req.credential}`;
  const target = new URL(req.path, base);
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = { method: req.method, headers, timeout: req.timeoutMs ?? 15_000 };
    if (target.protocol === 'https:') {
      // Verify the pin before the request is handed the socket.
      options.createConnection = ((opts: tls.ConnectionOptions, done: (err: Error | null, s?: Duplex) => void) => {
        const socket = tls.connect({ ...opts, host: target.hostname, port: Number(target.port || 443), servername: net.isIP(target.hostname) ? undefined : target.hostname, rejectUnauthorized: false });
        socket.once('secureConnect', () => {
          const pin = pinOf(socket.getPeerCertificate());
          if (req.pin !== null && pin !== req.pin) {
            socket.destroy();
            done(new LaysoError('HUB_CERT_MISMATCH', `the hub showed key ${pin.slice(0, 23)}…, not the one pinned at enrolment`));
            return;
          }
          req.onPin?.(pin);
          done(null, socket);
        });
        socket.once('error', (e) => done(e));
        return undefined;
      }) as unknown as https.RequestOptions['createConnection'];
    }
    const r = (target.protocol === 'https:' ? https : http).request(target, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error('hub request timed out')));
    r.on('error', reject);
    r.end(payload);
  });
}
