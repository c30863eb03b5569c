// The display's Electron main process: composition only. Every decision lives in a module that
// the tests run without Electron (config, window, lockdown, recovery, ipc, autostart, awake).

import { app, BrowserWindow, ipcMain, powerSaveBlocker, screen, session } from 'electron';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyAutostart, autostartPlan, configHome, keepScreenAwake, PageRecovery, registerIpc } from '@layso/electron-shell';
import { DISPLAY_CHANNEL_ARGS, DISPLAY_CHANNELS } from './bridge.js';
import { deviceConfigForPage, displayPageUrl, loadDisplayConfig, serverOrigin } from './config.js';
import { isAllowedUrl, setupLockdown } from './lockdown.js';
import { displayWindowOptions, HIDE_CURSOR_CSS, offlinePageUrl } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));
const log = (m: string): void => console.log(`[layso-display] ${m}`);

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

// Sound without a click, and no pointer or menus: set before the app is ready.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
app.commandLine.appendSwitch('disable-features', 'HardwareMediaKeyHandling');

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const configFile = process.env.LAYSO_DISPLAY_CONFIG ?? join(app.getPath('userData'), 'display.json');
  const { config, problems } = loadDisplayConfig(readText(configFile));
  for (const p of problems) log(p);
  const origin = serverOrigin(config);
  const pageUrl = displayPageUrl(config);

  applyAutostart(
    autostartPlan({
      app: { desktopFile: 'layso-display.desktop', name: 'Layso Display', comment: 'Màn hình gọi số Layso' },
      platform: process.platform,
      enabled: config.autoStart && app.isPackaged,
      execPath: process.execPath,
      args: [],
      configHome: configHome(process.env, homedir()),
    }),
    {
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
      writeFile: (f, c) => {
        mkdirSync(dirname(f), { recursive: true });
        writeFileSync(f, c);
      },
      removeFile: (f) => rmSync(f, { force: true }),
    },
  );
  keepScreenAwake(powerSaveBlocker, { setInterval: (fn, ms) => setInterval(fn, ms) });
  let contentsId: number | null = null;
  registerIpc(
    ipcMain,
    { contentsId: () => contentsId, allowedUrl: (url) => isAllowedUrl(url, origin) },
    { channels: DISPLAY_CHANNELS, args: DISPLAY_CHANNEL_ARGS, handlers: { getConfig: () => deviceConfigForPage(config) } },
    log,
  );

  const monitors = screen.getAllDisplays();
  const monitor = (config.screenIndex !== undefined ? monitors[config.screenIndex] : undefined) ?? screen.getPrimaryDisplay();
  const win = new BrowserWindow(displayWindowOptions(join(here, '..', 'preload', 'preload.cjs'), monitor.bounds));
  win.setMenu(null);
  const contents = win.webContents;
  contentsId = contents.id;
  setupLockdown(contents, session.defaultSession, origin);

  const recovery = new PageRecovery(
    {
      loadPage: () => void win.loadURL(pageUrl).catch(() => undefined),
      showOffline: () => void win.loadURL(offlinePageUrl(config.serverUrl)).catch(() => undefined),
      killPage: () => contents.forcefullyCrashRenderer(),
      log,
    },
    { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  );
  contents.on('render-process-gone', (_e, details) => recovery.processGone(details.reason));
  contents.on('unresponsive', () => recovery.unresponsive());
  contents.on('responsive', () => recovery.responsive());
  contents.on('did-fail-load', (_e, code, _desc, _url, isMainFrame) => recovery.loadFailed(code, isMainFrame));
  contents.on('did-finish-load', () => {
    void contents.insertCSS(HIDE_CURSOR_CSS);
    if (isAllowedUrl(contents.getURL(), origin)) recovery.loaded();
  });
  win.once('ready-to-show', () => win.show());
  recovery.start();
});

app.on('window-all-closed', () => app.quit());
