/** Kiosks and displays: paired devices, or (demo centre only) a browser on the server's own machine. */
import type { Socket } from 'socket.io';
import { HandshakeAuth } from '@layso/shared';
import type { Accounts } from '../auth/accounts.js';
import type { QueueEngine } from '../engine/engine.js';

export interface DeviceIdentity {
  id: string;
  name: string;
  kind: 'kiosk' | 'display' | 'rating';
  demo: boolean;
  config: Record<string, unknown>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (LOOPBACK.has(address) || address.startsWith('127.'));
}

export function deviceMiddleware(kind: 'kiosk' | 'display' | 'rating', accounts: Accounts, engine: QueueEngine) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    const device = accounts.deviceOfToken(auth.success ? auth.data.deviceToken : undefined, kind);
    if (device) {
      socket.data.device = { id: device.id, name: device.name, kind, demo: false, config: device.config } satisfies DeviceIdentity;
      return next();
    }
    if (engine.getSettings().demo && isLoopback(socket.handshake.address)) {
      socket.data.device = { id: `demo-${kind}`, name: kind === 'kiosk' ? 'Quầy lấy số (demo)' : `Demo ${kind}`, kind, demo: true, config: {} } satisfies DeviceIdentity;
      return next();
    }
    const err = new Error('UNAUTHENTICATED') as Error & { data?: unknown };
    err.data = { code: 'UNAUTHENTICATED', message: 'this device is not paired: enter a pairing code from the admin' };
    next(err);
  };
}

/** Per-kiosk issuing limit over a sliding minute, so a child or a prankster cannot empty the roll. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  allow(key: string, now: number, perMinute: number): boolean {
    if (perMinute <= 0) return true;
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}
