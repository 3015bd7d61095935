import type { App, Session } from 'electron';
import { isAllowedRequest } from './renderer-files';

/**
 * App-wide guards, installed before any window exists so every webContents gets them:
 * no navigation away from the app, no new windows, no <webview>, no permission grants.
 */
export function denyNavigationAndWindows(app: App, log: (message: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      log(`blocked navigation to ${url.slice(0, 200)}`);
    });
    contents.on('will-redirect', (event, url) => {
      event.preventDefault();
      log(`blocked redirect to ${url.slice(0, 200)}`);
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('blocked a <webview>');
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`blocked window.open(${url.slice(0, 200)})`);
      return { action: 'deny' };
    });
  });
}

/** The session the window uses: no permissions, no requests outside app://, CSP on every response. */
export function hardenSession(session: Session, opts: { allowDevTools: boolean; log: (message: string) => void }): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    opts.log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, opts.allowDevTools);
    if (!allowed) opts.log(`blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    // Spelled out (not RENDERER_CSP) so scanners can evaluate it; a unit test keeps the two identical.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}
