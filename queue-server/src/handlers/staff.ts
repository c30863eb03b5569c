/** `/staff`: officers, managers and admins, signed in with a session token. */
import {
  CallNumberCmd,
  CounterCmd,
  HoldTicketCmd,
  NoteTicketCmd,
  PauseCounterCmd,
  type StaffClientEvents,
  type StaffServerEvents,
  type StaffUser,
  TicketCmd,
  TransferCmd,
} from '@layso/shared';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { Actor, QueueEngine } from '../engine/engine.js';
import type { Accounts } from '../auth/accounts.js';
import { command, Empty } from './wrap.js';
import { staffSnapshot } from './views.js';

export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents, Record<string, never>, { user: StaffUser }>;
type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, Record<string, never>, { user: StaffUser }>;

export function setupStaff(nsp: StaffNamespace, deps: { engine: QueueEngine; accounts: Accounts; log: Logger; now: () => number }): void {
  const { engine, accounts, log, now } = deps;

  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const user = accounts.userOfToken(typeof token === 'string' ? token : undefined);
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
    const actor: Actor = { kind: 'staff', userId: user.id, role: user.role };
    socket.emit('snapshot', staffSnapshot(engine, user, now()));
    socket.on('sync:snapshot', command(Empty, () => staffSnapshot(engine, user, now()), log));
    socket.on('counter:open', command(CounterCmd, (c) => engine.openCounter(c, actor), log));
    socket.on('counter:pause', command(PauseCounterCmd, (c) => engine.pauseCounter(c, actor), log));
    socket.on('counter:resume', command(CounterCmd, (c) => engine.resumeCounter(c, actor), log));
    socket.on('counter:close', command(CounterCmd, (c) => engine.closeCounter(c, actor), log));
    socket.on('counter:callNext', command(CounterCmd, (c) => engine.callNext(c, actor), log));
    socket.on('counter:doneAndCallNext', command(CounterCmd, (c) => engine.doneAndCallNext(c, actor), log));
    socket.on('counter:callNumber', command(CallNumberCmd, (c) => engine.callNumber(c, actor), log));
    socket.on('ticket:recall', command(CounterCmd, (c) => engine.recall(c, actor), log));
    socket.on('ticket:start', command(CounterCmd, (c) => engine.start(c, actor), log));
    socket.on('ticket:done', command(CounterCmd, (c) => engine.done(c, actor), log));
    socket.on('ticket:noShow', command(CounterCmd, (c) => engine.noShow(c, actor), log));
    socket.on('ticket:transfer', command(TransferCmd, (c) => engine.transfer(c, actor), log));
    socket.on('ticket:requeue', command(TicketCmd, (c) => engine.requeue(c, actor), log));
    socket.on('ticket:cancel', command(TicketCmd, (c) => engine.cancel(c, actor), log));
    socket.on('ticket:hold', command(HoldTicketCmd, (c) => engine.hold(c, actor), log));
    socket.on('ticket:note', command(NoteTicketCmd, (c) => engine.note(c, actor), log));
  });
}
