/**
 * The IPC gate of both Electron shells (kiosk, display): one table of channels, each answered by a
 * plain function, behind a check of every call. A call is dropped unless it comes from the shell's
 * own window (its webContents id), from the top frame, from a page the shell allows (the centre's
 * server); and its arguments are parsed with the channel's zod schema before a handler sees them.
 */
import type { z } from 'zod';

/** The parts of an `IpcMainInvokeEvent` the sender check reads (Electron's satisfies it). */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent?: unknown } | null;
}

/** The part of `ipcMain` the gate needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
}

/** Who may call: the window's own contents (null before it exists), on a page the shell allows. */
export interface TrustedPage {
  contentsId: () => number | null;
  allowedUrl: (url: string) => boolean;
}

/** Whether an IPC call comes from the shell's page: the window's own contents, top frame, allowed URL. */
export function isTrustedSender(event: SenderEvent, page: TrustedPage): boolean {
  const id = page.contentsId();
  if (id === null || event.sender.id !== id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  try {
    return page.allowedUrl(frame.url);
  } catch {
    return false;
  }
}

/** Whether `url` is on `serverUrl`'s origin (http or https), and under `pathPrefix` when given. */
export function isOnServer(url: string, serverUrl: string, pathPrefix?: string): boolean {
  try {
    const u = new URL(url);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== new URL(serverUrl).origin) return false;
    if (pathPrefix === undefined) return true;
    const bare = pathPrefix.replace(/\/$/, '');
    return u.pathname === bare || u.pathname.startsWith(`${bare}/`);
  } catch {
    return false;
  }
}

export class ForbiddenSender extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`${channel}: refused a call from ${url ?? 'an unknown frame'}`);
    this.name = 'ForbiddenSender';
  }
}

export class InvalidArguments extends Error {
  constructor(channel: string) {
    super(`invalid arguments for ${channel}`);
    this.name = 'InvalidArguments';
  }
}

/** Each channel's arguments, as a tuple schema. */
export type ChannelArgs = Record<string, z.ZodType<unknown[]>>;

/** A handler per channel, taking the parsed arguments. */
export type ChannelHandlersOf<A extends ChannelArgs> = {
  [K in keyof A]: (...args: z.infer<A[K]>) => unknown;
};

export interface IpcTable<A extends ChannelArgs> {
  /** The channel name of each key (the contract the preload uses). */
  channels: { [K in keyof A]: string };
  args: A;
  handlers: ChannelHandlersOf<A>;
}

/** Register every channel of the table; the sender and the arguments are checked on each call. */
export function registerIpc<A extends ChannelArgs>(ipcMain: IpcMainLike, page: TrustedPage, table: IpcTable<A>, log: (m: string) => void = () => undefined): void {
  for (const key of Object.keys(table.channels) as (keyof A & string)[]) {
    const channel = table.channels[key];
    const schema = table.args[key]!;
    const handler = table.handlers[key] as (...args: unknown[]) => unknown;
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, page)) {
        log(`ipc ${channel}: dropped a call from ${event.senderFrame?.url ?? 'unknown'}`);
        throw new ForbiddenSender(channel, event.senderFrame?.url);
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new InvalidArguments(channel);
      return handler(...parsed.data);
    });
  }
}
