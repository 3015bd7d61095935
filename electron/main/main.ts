// Electron main: windows, menu, the MessagePort wiring and the OS services the engine needs (the vault key
// from safeStorage). It stays thin; the engine runs in a utilityProcess (DESIGN.md "One engine, one protocol").
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session } from 'electron';
import type { AppView } from '../../shared/api/bridge';
import { IPC } from '../preload/channels';
import { serveRenderer } from './app-protocol';
import { appPaths } from './app-paths';
import { EngineProcess } from './engine-process';
import { createMainLog, type MainLog } from './main-log';
import { loadMasterKey } from './master-key';
import { buildMenuTemplate } from './menu';
import { APP_SCHEME } from './renderer-files';
import { denyNavigationAndWindows, hardenSession } from './web-security';
import { createMainWindow } from './window';

// Must happen before 'ready': app:// behaves like https (secure context, same-origin policy).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();

// Tests and admins can point the app at another store (the same variable the CLI reads).
if (process.env.ROUTEWISE_DATA_DIR) app.setPath('userData', path.resolve(process.env.ROUTEWISE_DATA_DIR));

const isDev = !app.isPackaged;
let engine: EngineProcess | null = null;
let mainWindow: BrowserWindow | null = null;
let log: MainLog = (level, message) => process.stderr.write(`${level} ${message}\n`);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the store; it gets a 'second-instance' event and shows its window.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  denyNavigationAndWindows(app, (message) => log('warn', message));
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal(`startup failed: ${err instanceof Error ? err.message : String(err)}`));
}

function start(): void {
  const dataDir = app.getPath('userData');
  log = createMainLog(dataDir);
  const paths = appPaths(app.getAppPath());
  hardenSession(session.defaultSession, { allowDevTools: isDev, log: (message) => log('warn', message) });
  serveRenderer(session.defaultSession.protocol, paths.rendererDir);

  let masterKey: Buffer | null;
  try {
    masterKey = loadMasterKey(dataDir, safeStorage, process.env, log).key;
  } catch (err) {
    fatal(`The vault key could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  // Main keeps the key in memory only to restart a crashed engine; it never goes to a renderer.
  engine = new EngineProcess({ entry: paths.utilityEntry, dataDir, masterKey, log, onFatal: fatal });
  engine.start();

  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isDev, onNavigate: navigate })));
  openWindow(paths.preload);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(paths.preload);
  });
  log('info', `Routewise ${app.getVersion()} started (data: ${dataDir})`);
}

function openWindow(preload: string): void {
  const win = createMainWindow({ preload, isDev });
  mainWindow = win;
  // Every (re)load gets a fresh port; the preload of the previous page is gone with it.
  win.webContents.on('did-finish-load', () => engine?.connect(win.webContents));
  win.webContents.on('render-process-gone', (_event, details) => log('error', `renderer gone: ${details.reason}`));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
}

function navigate(view: AppView): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  target?.webContents.send(IPC.hostCommand, { type: 'navigate', view });
}

function fatal(message: string): void {
  log('error', message);
  dialog.showErrorBox('Routewise cannot start', message);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !engine) return;
  // Let the engine close the store (WAL checkpoint) before the process goes away.
  event.preventDefault();
  quitting = true;
  void engine.stop().finally(() => app.quit());
});
