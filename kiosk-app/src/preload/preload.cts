/**
 * The one bridge from the kiosk page to the PC: `window.layso`. A sandboxed preload can load no
 * module but electron, so the channel names are written out here and checked against the
 * contract by the compiler (`satisfies`), never kept in sync by hand. ipcRenderer itself is never
 * exposed; main checks the sender and parses every argument.
 */
// A sandboxed preload runs as CommonJS, where this is how TypeScript spells an import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { KIOSK_CHANNELS, KioskBridge } from '../contract/bridge.js';

const { contextBridge, ipcRenderer } = electron;

const CH = {
  print: 'layso-kiosk:print',
  getSettings: 'layso-kiosk:get-settings',
  verifyPin: 'layso-kiosk:verify-pin',
  saveSettings: 'layso-kiosk:save-settings',
  changePin: 'layso-kiosk:change-pin',
  testPrint: 'layso-kiosk:test-print',
  getDeviceToken: 'layso-kiosk:get-device-token',
  setDeviceToken: 'layso-kiosk:set-device-token',
} as const satisfies typeof KIOSK_CHANNELS;

const bridge: KioskBridge = {
  shell: 'electron',
  print: (data) => ipcRenderer.invoke(CH.print, data),
  getSettings: () => ipcRenderer.invoke(CH.getSettings),
  verifyPin: (pin) => ipcRenderer.invoke(CH.verifyPin, pin),
  saveSettings: (pin, settings) => ipcRenderer.invoke(CH.saveSettings, pin, settings),
  changePin: (oldPin, newPin) => ipcRenderer.invoke(CH.changePin, oldPin, newPin),
  testPrint: (pin) => ipcRenderer.invoke(CH.testPrint, pin),
  getDeviceToken: () => ipcRenderer.invoke(CH.getDeviceToken),
  setDeviceToken: (token) => ipcRenderer.invoke(CH.setDeviceToken, token),
};

contextBridge.exposeInMainWorld('layso', bridge);
