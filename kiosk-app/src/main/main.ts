/**
 * The kiosk shell's composition root: one locked-down full screen window showing the server's
 * /kiosk/ page, the printer bridge, crash reload, start on login, no sleep. Every piece of logic
 * lives in a plain module beside this one (tested without Electron); this file only wires them.
 *
 * Usage: `layso-kiosk [--server=http://192.168.1.10:8080]` (or LAYSO_SERVER); the address can
 * also be changed on the kiosk itself (hidden settings: 5 taps top-left, then the PIN).
 */
import { app, BrowserWindow, ipcMain, powerSaveBlocker, session } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TicketPrinter } from '@layso/shared';
import type { PrinterSetting } from '../contract/bridge.js';
import { loadConfig, pinMatches, saveConfig, withPin, withSettings, type ConfigFiles, type KioskConfig } from './config.js';
import { denyPermissions, guardContents, isAllowedNavigation, kioskUrl, kioskWindowOptions, offlinePageUrl } from './window.js';
import { kioskPage, registerIpc } from './ipc.js';
import { createPrintTicket, testTicket } from './print.js';
import { applyAutostart, autostartPlan, configHome, keepScreenAwake, PageRecovery } from '@layso/electron-shell';
import { UsbPrinter } from './printer/usb-printer.js';
import { TcpPrinter, renderTicketBytes } from '@layso/node-shared';

const here = dirname(fileURLToPath(import.meta.url));
const log = (m: string): void => console.log(`[layso-kiosk] ${m}`);

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
  const load = (): void => void win?.loadURL(kioskUrl(serverUrl())).catch(() => undefined);
  const recovery = new PageRecovery(
    {
      loadPage: load,
      showOffline: () => void win?.loadURL(offlinePageUrl(serverUrl())).catch(() => undefined),
      killPage: () => win?.webContents.forcefullyCrashRenderer(),
      log,
    },
    { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  );

  const printTicket = createPrintTicket({
    settings: () => config.settings,
    openPrinter,
    render: renderTicketBytes,
    log: (m, e) => console.error(m, e),
  });

  registerIpc(ipcMain, kioskPage(() => win?.webContents.id ?? null, serverUrl), {
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
  }, log);

  denyPermissions(session.defaultSession);
  keepScreenAwake(powerSaveBlocker, { setInterval: (fn, ms) => setInterval(fn, ms) });
  applyAutostart(
    autostartPlan({
      app: { desktopFile: 'layso-kiosk.desktop', name: 'Layso Kiosk', comment: 'Máy lấy số Layso' },
      platform: process.platform,
      enabled: config.autoStart && app.isPackaged,
      // The AppImage file on Linux, not its temporary mount.
      execPath: process.env.APPIMAGE ?? process.execPath,
      args: [],
      configHome: configHome(process.env, homedir()),
    }),
    {
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
      writeFile: (path, text) => files.writeAtomic(path, text),
      removeFile: (path) => rmSync(path, { force: true }),
    },
  );

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
    if (isAllowedNavigation(url, serverUrl())) recovery.loadFailed(code, isMainFrame);
  });
  contents.on('did-finish-load', () => {
    if (isAllowedNavigation(contents.getURL(), serverUrl())) recovery.loaded();
  });
  contents.on('render-process-gone', (_e, details) => recovery.processGone(details.reason));
  win.on('unresponsive', () => recovery.unresponsive());
  win.on('responsive', () => recovery.responsive());
  recovery.start();
}

let quitting = false;
app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
