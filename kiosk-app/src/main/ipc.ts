/**
 * The IPC table: one handler per channel of the bridge contract. Every call is dropped unless it
 * comes from the kiosk window's own page on the configured server, and its arguments are parsed
 * with the contract's schemas before a handler sees them.
 */
import { z } from 'zod';
import { CHANNEL_ARGS, KIOSK_CHANNELS, type ChannelResults, type KioskChannel } from '../contract/bridge.js';

/** The parts of an `IpcMainInvokeEvent` the sender check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent?: unknown } | null;
}

/** The part of `ipcMain` the table needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
}

export type ChannelHandlers = {
  [K in KioskChannel]: (...args: z.infer<(typeof CHANNEL_ARGS)[K]>) => ChannelResults[K] | Promise<ChannelResults[K]>;
};

/** Whether an IPC call comes from the kiosk page: the window's own contents, top frame, server origin. */
export function isTrustedSender(event: SenderEvent, expected: { contentsId: number | null; serverUrl: string }): boolean {
  if (expected.contentsId === null || event.sender.id !== expected.contentsId) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  try {
    return new URL(frame.url).origin === new URL(expected.serverUrl).origin;
  } catch {
    return false;
  }
}

export class ForbiddenSender extends Error {
  constructor() {
    super('IPC from an unknown sender');
    this.name = 'ForbiddenSender';
  }
}

/** Register every channel; `trusted` is checked on each call. */
export function registerIpc(ipcMain: IpcMainLike, trusted: (e: SenderEvent) => boolean, handlers: ChannelHandlers): void {
  for (const key of Object.keys(KIOSK_CHANNELS) as KioskChannel[]) {
    const schema: z.ZodType<unknown[]> = CHANNEL_ARGS[key];
    const handler = handlers[key] as (...args: unknown[]) => unknown;
    ipcMain.handle(KIOSK_CHANNELS[key], async (event, ...args) => {
      if (!trusted(event)) throw new ForbiddenSender();
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new Error(`invalid arguments for ${key}`);
      return handler(...parsed.data);
    });
  }
}
