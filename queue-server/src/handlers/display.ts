/** `/display`: wall and counter displays. */
import { DISPLAY_EVENTS, type DisplayAcks, type DisplayClientEvents, type DisplayServerEvents } from '@layso/shared';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.js';
import type { QueueEngine } from '../engine/engine.js';
import { handlersFor } from './wrap.js';
import { displaySnapshot } from './views.js';
import { deviceMiddleware, type DeviceIdentity } from './devices.js';

export type DisplayNamespace = Namespace<DisplayClientEvents, DisplayServerEvents, Record<string, never>, { device: DeviceIdentity }>;

export function setupDisplay(nsp: DisplayNamespace, deps: { engine: QueueEngine; accounts: Accounts; log: Logger; now: () => number }): void {
  const { engine, log, now } = deps;
  nsp.use(deviceMiddleware('display', deps.accounts, engine));
  nsp.on('connection', (socket) => {
    const on = handlersFor<typeof DISPLAY_EVENTS, DisplayAcks>(socket, DISPLAY_EVENTS, log);
    socket.emit('snapshot', displaySnapshot(engine, now()));
    on('sync:snapshot', () => displaySnapshot(engine, now()));
  });
}
