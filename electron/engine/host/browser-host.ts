import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { RoutewiseError } from '../../../shared/api/errors';
import type { ServerMessage } from '../../../shared/api/wire';
import { MAX_MESSAGE_BYTES } from '../../../shared/api/wire';
import type { Engine } from '../engine';
import { serveConnection } from '../rpc/rpc-server';
import { serveStatic } from './static-files';

export interface BrowserHostOptions {
  engine: Engine;
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Binding anything but loopback must be asked for explicitly. */
  allowRemote?: boolean;
  token?: string;
  warn?: (message: string) => void;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `routewise serve`: the engine plus the built renderer over HTTP, and the RPC over a WebSocket that needs
 * the per-launch session token. Loopback only unless allowRemote.
 */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    if (!opts.allowRemote) {
      throw new RoutewiseError(
        'bad-request',
        `refusing to bind ${host}: the browser host listens on loopback only; pass --allow-remote to expose it (anyone who gets the token controls the engine)`,
      );
    }
    opts.warn?.(`WARNING: listening on ${host}, reachable from other machines. Anyone with the URL's token controls this engine.`);
  }
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);

  let csp = '';
  const server = http.createServer((req, res) => serveStatic(opts.rendererDir, req, res, csp));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const okToken = given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
    const origin = req.headers.origin;
    const okOrigin = origin === undefined || origin === selfOrigin();
    if (url.pathname !== '/rpc' || !okToken || !okOrigin) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws emits 'error' for protocol violations (oversize or malformed frames) and then closes the socket;
      // without a listener that event would be an uncaught exception that takes the whole engine down.
      ws.on('error', (err) => opts.engine.ctx.log('warn', `browser host: closed a WebSocket: ${err.message}`));
      serveConnection(
        {
          send: (msg: ServerMessage) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
          },
          onMessage: (l) => ws.on('message', (data, isBinary) => l(isBinary ? '' : data.toString())),
          onClose: (l) => ws.on('close', l),
        },
        { handlers: opts.engine.handlers, bus: opts.engine.bus, actor: 'ui', log: opts.engine.ctx.log },
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  function selfOrigin(): string {
    return `http://${urlHost}:${port}`;
  }
  csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ws://${urlHost}:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
