import { BrowserWindow } from 'electron';
import { APP_START_URL } from './renderer-files';

/**
 * The renderer is untrusted (DESIGN.md Security model): isolated world, OS sandbox, no Node, same-origin
 * policy on, no <webview>, no remote content. The options stay inline so scanners (electronegativity) and
 * test/unit/build/electron-hardening.test.ts see them. Checklist:
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
export function createMainWindow(opts: { preload: string; isDev: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Routewise',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise ask for a new window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      devTools: opts.isDev,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
