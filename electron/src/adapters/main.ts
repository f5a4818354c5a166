import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { APP_ENTRY_URL } from '../policy/app-origin';
import { APP_SCHEME_REGISTRATION, USER_DATA_DIR_NAME } from '../policy/app-scheme';
import { buildContentSecurityPolicy } from '../policy/csp';
import { buildWindowOptions } from '../policy/window-options';
import { loadShellConfig, resolveShellOptions } from '../config/load-config';
import { loadOrCreateDeviceKey } from '../keys/device-key';
import { createPagePrinter } from '../printing/print-page';
import { registerAppProtocol } from './app-protocol';
import { registerBridgeHandlers } from './bridge-handlers';
import { hardenWebContents } from './harden-web-contents';
import { installPermissionHandlers } from './permission-handlers';
import { showStartupFailure } from './startup-failure';

// Bundled to dist/electron/main.cjs; the preload and the renderer build sit beside it.
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
// A renderer that keeps crashing is left on its error page rather than reloaded forever.
const MAX_CRASH_RELOADS = 5;

// Before `ready`; userData is pinned before the single-instance lock, which lives in it.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);
app.setPath('userData', path.join(app.getPath('appData'), USER_DATA_DIR_NAME));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let kioskWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (kioskWindow === null || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.show();
    kioskWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(() =>
      startKiosk((window) => {
        kioskWindow = window;
      }),
    )
    .catch((error: unknown) => {
      showStartupFailure(error);
      app.exit(1);
    });
}

async function startKiosk(onWindow: (window: BrowserWindow) => void): Promise<void> {
  Menu.setApplicationMenu(null);
  const userData = app.getPath('userData');
  const config = await loadShellConfig({
    env: process.env,
    userDataDir: userData,
    isPackaged: app.isPackaged,
    readFile: fs.readFile,
  });
  const options = resolveShellOptions(config, { isPackaged: app.isPackaged });
  const { key } = await loadOrCreateDeviceKey({ safeStorage, fs, platform: process.platform, dir: userData });

  let window: BrowserWindow | null = null;
  const isKioskContents = (contents: WebContents | null): boolean =>
    contents !== null && window !== null && !window.isDestroyed() && contents === window.webContents;

  const ses = session.defaultSession;
  installPermissionHandlers(ses, isKioskContents);
  ses.on('will-download', (event) => event.preventDefault());
  registerAppProtocol(ses, {
    rootDir: RENDERER_DIR,
    contentSecurityPolicy: buildContentSecurityPolicy(options.serverUrl),
  });
  registerBridgeHandlers({
    isKioskContents,
    appVersion: app.getVersion(),
    deviceKey: key,
    print: createPagePrinter(options.printerDeviceName),
  });

  const created = new BrowserWindow(
    buildWindowOptions({ preloadPath: PRELOAD_PATH, kiosk: options.kiosk, devTools: options.devTools }),
  );
  window = created;
  onWindow(created);
  created.once('ready-to-show', () => created.show());
  let crashReloads = 0;
  created.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || crashReloads >= MAX_CRASH_RELOADS) return;
    crashReloads += 1;
    void created.loadURL(APP_ENTRY_URL);
  });
  await created.loadURL(APP_ENTRY_URL);
  if (options.devTools) created.webContents.openDevTools({ mode: 'detach' });
}
