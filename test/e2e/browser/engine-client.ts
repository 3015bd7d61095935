import WebSocket from 'ws';
import { type ApiClient, createApiClient } from '../../../shared/api/client';
import { createWsTransport, type WebSocketLike, type WsTransport } from '../../../renderer/src/api/ws-transport';
import type { ServedHost } from './serve-host';

/**
 * A second client of the served engine, from the test process: the renderer's own WebSocket transport
 * over Node's `ws`. Tests use it to arrange data "through the API" and to check what the engine stored.
 */
export async function connectToHost(host: Pick<ServedHost, 'port' | 'token'>): Promise<{ api: ApiClient; close(): void }> {
  const transport: WsTransport = createWsTransport({
    url: `ws://127.0.0.1:${host.port}/rpc?token=${encodeURIComponent(host.token)}`,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
  const api = createApiClient(transport);
  await new Promise<void>((resolve, reject) => {
    if (transport.link.phase === 'open') return resolve();
    const off = transport.onLink((link) => {
      if (link.phase === 'open') {
        off();
        resolve();
      } else if (link.phase === 'rejected') {
        off();
        reject(new Error('the engine refused the token'));
      }
    });
  });
  return { api, close: () => transport.close() };
}
