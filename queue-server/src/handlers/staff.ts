/** `/staff`: officers, managers and admins, signed in with a session token. */
import { HandshakeAuth, STAFF_EVENTS, type StaffAcks, type StaffClientEvents, type StaffServerEvents, type StaffUser } from '@layso/shared';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { QueueEngine } from '../engine/engine.js';
import { staffActor } from '../engine/access.js';
import type { Accounts } from '../auth/accounts.js';
import { handlersFor } from './wrap.js';
import { staffSnapshot } from './views.js';

export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents, Record<string, never>, { user: StaffUser }>;
type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, Record<string, never>, { user: StaffUser }>;

export function setupStaff(nsp: StaffNamespace, deps: { engine: QueueEngine; accounts: Accounts; log: Logger; now: () => number }): void {
  const { engine, accounts, log, now } = deps;

  nsp.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    const user = accounts.userOfToken(auth.success ? auth.data.token : undefined);
    if (!user) {
      const err = new Error('UNAUTHENTICATED') as Error & { data?: unknown };
      err.data = { code: 'UNAUTHENTICATED', message: 'sign in first' };
      return next(err);
    }
    socket.data.user = user;
    next();
  });

  nsp.on('connection', (socket: StaffSocket) => {
    const user = socket.data.user;
    const actor = staffActor(user);
    const on = handlersFor<typeof STAFF_EVENTS, StaffAcks>(socket, STAFF_EVENTS, log);
    socket.emit('snapshot', staffSnapshot(engine, user, now()));
    on('sync:snapshot', () => staffSnapshot(engine, user, now()));
    on('counter:open', (c) => engine.openCounter(c, actor));
    on('counter:pause', (c) => engine.pauseCounter(c, actor));
    on('counter:resume', (c) => engine.resumeCounter(c, actor));
    on('counter:close', (c) => engine.closeCounter(c, actor));
    on('counter:callNext', (c) => engine.callNext(c, actor));
    on('counter:doneAndCallNext', (c) => engine.doneAndCallNext(c, actor));
    on('counter:callNumber', (c) => engine.callNumber(c, actor));
    on('ticket:recall', (c) => engine.recall(c, actor));
    on('ticket:start', (c) => engine.start(c, actor));
    on('ticket:done', (c) => engine.done(c, actor));
    on('ticket:noShow', (c) => engine.noShow(c, actor));
    on('ticket:transfer', (c) => engine.transfer(c, actor));
    on('ticket:requeue', (c) => engine.requeue(c, actor));
    on('ticket:cancel', (c) => engine.cancel(c, actor));
    on('ticket:hold', (c) => engine.hold(c, actor));
    on('ticket:note', (c) => engine.note(c, actor));
  });
}
