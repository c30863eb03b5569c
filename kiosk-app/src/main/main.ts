/**
 * The kiosk shell's composition root: one locked-down full screen window showing the server's
 * /kiosk/ page, the printer bridge, crash reload, start on login, no sleep. Every piece of logic
 * lives in a plain module beside this one (tested without Electron); this file only wires them.
 *
 * Usage: `layso-kiosk [--server=http://192.168.1.10:8080]` (or LAYSO_SERVER); the address can
 * also be changed on the kiosk itself (hidden settings: 5 taps top-left, then the PIN).
 */
import { app, BrowserWindow, ipcMain, powerSaveBlocker, session } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TicketPrinter } from '@layso/shared';
import type { PrinterSetting } from '../contract/bridge.js';
import { loadConfig, pinMatches, saveConfig, withPin, withSettings, type ConfigFiles, type KioskConfig } from './config.js';
import { denyPermissions, guardContents, isAllowedNavigation, kioskUrl, kioskWindowOptions, offlinePageUrl } from './window.js';
import { isTrustedSender, registerIpc } from './ipc.js';
import { createPrintTicket, testTicket } from './print.js';
import { CrashReloadPolicy, isCrash, UNRESPONSIVE_RELOAD_MS } from './crash.js';
import { setupAutoStart } from './autostart.js';
import { UsbPrinter } from './printer/usb-printer.js';
import { TcpPrinter } from './printer/tcp-printer.js';
import { renderTicketBytes } from './printer/render.js';

const here = dirname(fileURLToPath(import.meta.url));
const RETRY_MS = 5000;

const files: ConfigFiles = {
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  writeAtomic: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  },
};

function serverArg(): string | undefined {
  const arg = process.argv.find((a) => a.startsWith('--server='));
  return arg ? arg.slice('--server='.length) : process.env.LAYSO_SERVER;
}

function openPrinter(setting: PrinterSetting): TicketPrinter | null {
  switch (setting.kind) {
    case 'none':
      return null;
    case 'usb':
      return new UsbPrinter({
        ...(setting.vendorId !== undefined ? { vendorId: setting.vendorId } : {}),
        ...(setting.productId !== undefined ? { productId: setting.productId } : {}),
      });
    case 'network':
      return new TcpPrinter({ host: setting.host, port: setting.port });
  }
}

function start(): void {
  if (!app.requestSingleInstanceLock()) return app.quit();
  const configPath = join(app.getPath('userData'), 'kiosk-config.json');
  let config: KioskConfig = loadConfig(files, configPath, serverArg());
  saveConfig(files, configPath, config);
  const serverUrl = (): string => config.settings.serverUrl;

  let win: BrowserWindow | null = null;
  let retry: NodeJS.Timeout | null = null;
  const crashes = new CrashReloadPolicy();

  const load = (): void => {
    if (!win) return;
    if (retry) clearTimeout(retry);
    retry = null;
    void win.loadURL(kioskUrl(serverUrl())).catch(() => undefined);
  };

  const printTicket = createPrintTicket({
    settings: () => config.settings,
    openPrinter,
    render: renderTicketBytes,
    log: (m, e) => console.error(m, e),
  });

  registerIpc(ipcMain, (e) => isTrustedSender(e, { contentsId: win?.webContents.id ?? null, serverUrl: serverUrl() }), {
    print: (data) => printTicket(data),
    getSettings: () => config.settings,
    verifyPin: (pin) => pinMatches(config, pin),
    saveSettings: (pin, settings) => {
      if (!pinMatches(config, pin)) return { ok: false, reason: 'pin' };
      const moved = settings.serverUrl !== config.settings.serverUrl;
      config = withSettings(config, settings);
      saveConfig(files, configPath, config);
      if (moved) setTimeout(load, 300);
      return { ok: true };
    },
    changePin: (oldPin, newPin) => {
      if (!pinMatches(config, oldPin)) return { ok: false, reason: 'pin' };
      config = withPin(config, newPin);
      saveConfig(files, configPath, config);
      return { ok: true };
    },
    testPrint: (pin) => {
      if (!pinMatches(config, pin)) return { status: 'failed', code: 'PIN', message: 'wrong PIN' };
      return printTicket(testTicket(Date.now(), serverUrl()));
    },
    getDeviceToken: () => config.deviceToken,
    setDeviceToken: (token) => {
      if (token !== config.deviceToken) {
        config = { ...config, deviceToken: token };
        saveConfig(files, configPath, config);
      }
      return { ok: true };
    },
  });

  denyPermissions(session.defaultSession);
  powerSaveBlocker.start('prevent-display-sleep');
  if (app.isPackaged) {
    setupAutoStart({
      platform: process.platform,
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
      executable: process.env.APPIMAGE ?? process.execPath,
      homeDir: app.getPath('home'),
      writeFile: (path, text) => files.writeAtomic(path, text),
    });
  }

  win = new BrowserWindow(kioskWindowOptions(join(here, '..', 'preload', 'preload.cjs')));
  win.removeMenu();
  const contents = win.webContents;
  guardContents(contents, serverUrl);
  win.once('ready-to-show', () => win?.show());
  // Only an admin quitting the app closes the kiosk (Alt+F4 does not).
  win.on('close', (e) => {
    if (!quitting) e.preventDefault();
  });

  contents.on('did-fail-load', (_e, code, _desc, url, isMainFrame) => {
    if (!isMainFrame || code === -3 || !isAllowedNavigation(url, serverUrl())) return;
    void win?.loadURL(offlinePageUrl(serverUrl())).catch(() => undefined);
    retry ??= setTimeout(load, RETRY_MS);
  });
  contents.on('render-process-gone', (_e, details) => {
    if (!isCrash(details.reason)) return;
    setTimeout(load, crashes.onCrash(Date.now()));
  });
  let hung: NodeJS.Timeout | null = null;
  win.on('unresponsive', () => {
    hung ??= setTimeout(() => {
      hung = null;
      contents.forcefullyCrashRenderer();
      load();
    }, UNRESPONSIVE_RELOAD_MS);
  });
  win.on('responsive', () => {
    if (hung) clearTimeout(hung);
    hung = null;
  });
  load();
}

let quitting = false;
app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
