/**
 * Open staff sockets follow their session: a socket is let in once, at its handshake, so without
 * this a signed-out, expired, disabled or re-roled user would keep acting through a socket that
 * was already open.
 *
 * - Sign-out closes the sockets of that session at once (Accounts.onSessionEnd).
 * - A periodic check (every `intervalMs`) closes sockets whose session has expired or was deleted
 *   (new password, disabled user) or whose user's role is no longer the one they came in with.
 *   Disabling a user and changing a role also close them at once in the admin routes.
 *
 * The check reads the session without sliding it; a closed socket's client signs in again.
 */
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { StaffUser } from '@layso/shared';
import type { Accounts } from './accounts.js';
import { tokenHash } from './passwords.js';
import { guarded } from '../store/faults.js';

export function watchStaffSessions(
  nsp: Namespace,
  accounts: Accounts,
  log: Logger,
  intervalMs = 2_000,
): { stop(): void; check(): void } {
  const byToken = new Map<string, Set<Socket>>();

  const drop = (hash: string): void => {
    const sockets = byToken.get(hash);
    if (!sockets) return;
    byToken.delete(hash);
    for (const s of sockets) s.disconnect(true);
  };

  nsp.on('connection', (socket: Socket) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string') return;
    const hash = tokenHash(token);
    let set = byToken.get(hash);
    if (!set) byToken.set(hash, (set = new Set()));
    set.add(socket);
    socket.on('disconnect', () => {
      const s = byToken.get(hash);
      s?.delete(socket);
      if (s?.size === 0) byToken.delete(hash);
    });
  });

  accounts.onSessionEnd((e) => drop(e.tokenHash));

  const check = (): void => {
    for (const [hash, sockets] of [...byToken]) {
      const session = guarded(log, 'staff session check', () => accounts.sessionOf(hash));
      if (session === undefined) return; // the database could not answer: try again next time
      if (session === null) {
        drop(hash);
        continue;
      }
      for (const s of sockets) {
        const user = (s.data as { user?: StaffUser }).user;
        if (!user || user.role !== session.role || user.id !== session.userId) s.disconnect(true);
      }
    }
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), check };
}
