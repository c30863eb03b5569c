/**
 * The kiosk's IPC table: one handler per channel of the bridge contract, behind the shells'
 * common gate (@layso/electron-shell): every call is dropped unless it comes from the kiosk
 * window's own page on the configured server, and its arguments are parsed with the contract's
 * schemas before a handler sees them.
 */
import type { z } from 'zod';
import { isOnServer, registerIpc as registerTable, type IpcMainLike, type TrustedPage } from '@layso/electron-shell';
import { CHANNEL_ARGS, KIOSK_CHANNELS, type ChannelResults, type KioskChannel } from '../contract/bridge.js';

export { ForbiddenSender, InvalidArguments, isTrustedSender, type SenderEvent } from '@layso/electron-shell';

export type ChannelHandlers = {
  [K in KioskChannel]: (...args: z.infer<(typeof CHANNEL_ARGS)[K]>) => ChannelResults[K] | Promise<ChannelResults[K]>;
};

/** The kiosk page: the window's own contents, on the server's /kiosk/. */
export function kioskPage(contentsId: () => number | null, serverUrl: () => string): TrustedPage {
  return { contentsId, allowedUrl: (url) => isOnServer(url, serverUrl(), '/kiosk/') };
}

/** Register every channel of the contract for the kiosk page. */
export function registerIpc(ipcMain: IpcMainLike, page: TrustedPage, handlers: ChannelHandlers, log?: (m: string) => void): void {
  registerTable(ipcMain, page, { channels: KIOSK_CHANNELS, args: CHANNEL_ARGS, handlers }, log);
}
