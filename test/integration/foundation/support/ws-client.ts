import WebSocket from 'ws';
import { type ApiClient, type ConnectionStatus, createApiClient } from '../../../../shared/api/client';

export interface WsApi {
  readonly client: ApiClient;
  readonly socket: WebSocket;
  close(): Promise<void>;
}

/** The shared api client over a real `ws` WebSocket, as the renderer uses it in the browser host. */
export async function connectWs(url: string, opts: { origin?: string; timeoutMs?: number } = {}): Promise<WsApi> {
  const socket = new WebSocket(url, { origin: opts.origin, handshakeTimeout: opts.timeoutMs ?? 5_000 });
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const client = createApiClient({
    send: (raw) => socket.send(raw),
    onMessage: (l) => socket.on('message', (data) => l(data.toString())),
    onStatus: (l) => statusListeners.add(l),
  });
  socket.on('close', () => {
    for (const l of statusListeners) l('closed');
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new HandshakeRefused(res.statusCode ?? 0)));
  });
  return {
    client,
    socket,
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

export class HandshakeRefused extends Error {
  constructor(readonly statusCode: number) {
    super(`WebSocket handshake refused with HTTP ${statusCode}`);
    this.name = 'HandshakeRefused';
  }
}

/** The HTTP status the server answers a WebSocket upgrade with (101 when it accepts). */
export async function upgradeStatus(url: string, origin?: string): Promise<number> {
  try {
    const api = await connectWs(url, origin === undefined ? {} : { origin });
    await api.close();
    return 101;
  } catch (err) {
    if (err instanceof HandshakeRefused) return err.statusCode;
    throw err;
  }
}
