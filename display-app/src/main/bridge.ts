// The one contract between the display's Electron main process, its preload and the page:
// the IPC channels, their arguments, and the shape of `window.layso`.

import { z } from 'zod';

/** Every IPC channel the display uses; the main process answers nothing else. */
export const DISPLAY_CHANNELS = {
  getConfig: 'display:getConfig',
} as const;
export type DisplayChannel = (typeof DISPLAY_CHANNELS)[keyof typeof DISPLAY_CHANNELS];

/** Each channel's arguments, checked in main before a handler runs: getConfig takes none. */
export const DISPLAY_CHANNEL_ARGS = {
  getConfig: z.tuple([]),
} satisfies Record<keyof typeof DISPLAY_CHANNELS, z.ZodType<unknown[]>>;

/** What the page may learn of the device's configuration (never the server's address book). */
export interface DisplayDeviceConfig {
  /** Counter mode: the counter's number. */
  counter?: number;
  services?: string[];
  counters?: number[];
  voice?: 'pack' | 'speech' | 'chime' | 'off';
  volume?: number;
  /** The paired device's token, for the Socket.IO handshake. */
  deviceToken?: string;
}

/** `window.layso` in the display page when it runs in the Electron shell. */
export interface DisplayBridge {
  readonly shell: 'electron';
  getConfig(): Promise<DisplayDeviceConfig>;
}
