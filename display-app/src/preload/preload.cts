// The one narrow bridge of the display page: read the device's configuration. Nothing else of
// Electron reaches the page (contextIsolation, sandbox); ipcRenderer itself is never exposed.
// A sandboxed preload cannot load other files, so the channel name is written here and checked
// against the contract's type.

// A sandboxed preload runs as CommonJS, where this is how TypeScript spells an import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { DisplayBridge, DisplayChannel, DisplayDeviceConfig } from '../main/bridge.js';

const getConfig: DisplayChannel = 'display:getConfig';

const bridge = {
  shell: 'electron',
  getConfig: () => electron.ipcRenderer.invoke(getConfig) as Promise<DisplayDeviceConfig>,
} satisfies DisplayBridge;

electron.contextBridge.exposeInMainWorld('layso', bridge);
