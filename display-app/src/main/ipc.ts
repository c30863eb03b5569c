// The display's IPC contract: one table of channels, each answered by a plain function, behind a
// wrapper that refuses any sender that is not the centre's display page.

import { DISPLAY_CHANNELS, type DisplayChannel, type DisplayDeviceConfig } from './bridge.js';
import { isAllowedUrl } from './lockdown.js';

export interface DisplayIpcHandlers {
  [DISPLAY_CHANNELS.getConfig]: () => DisplayDeviceConfig;
}

/** What the wrapper reads of an invoke event (Electron's IpcMainInvokeEvent satisfies it). */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`${channel}: refused a call from ${url ?? 'an unknown frame'}`);
    this.name = 'UntrustedSenderError';
  }
}

/** Answer every channel of the table, for senders on the server's origin only. */
export function setupIpc(ipc: IpcMainLike, handlers: DisplayIpcHandlers, origin: string, log: (m: string) => void = () => undefined): void {
  for (const channel of Object.values(DISPLAY_CHANNELS) as DisplayChannel[]) {
    ipc.handle(channel, (event) => {
      const url = event.senderFrame?.url;
      if (url === undefined || !isAllowedUrl(url, origin)) {
        log(`ipc ${channel}: dropped a call from ${url ?? 'unknown'}`);
        throw new UntrustedSenderError(channel, url);
      }
      return handlers[channel]();
    });
  }
}
