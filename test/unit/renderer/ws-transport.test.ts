import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createApiClient } from '../../../shared/api/client';
import { RoutewiseError } from '../../../shared/api/errors';
import {
  backoffDelayMs,
  createWsTransport,
  type LinkState,
  type WebSocketLike,
  type WsTransport,
} from '../../../renderer/src/api/ws-transport';

const nodeSocket = (url: string): WebSocketLike => new WebSocket(url) as unknown as WebSocketLike;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A real WebSocket server on loopback that echoes every text message, prefixed. */
async function echoServer(): Promise<{ url: string; wss: WebSocketServer; connections: () => number }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  let count = 0;
  wss.on('connection', (ws) => {
    count++;
    ws.on('message', (data) => ws.send(`echo:${data.toString()}`));
  });
  cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/rpc`, wss, connections: () => count };
}

function waitForLink(t: WsTransport, phase: LinkState['phase'], timeoutMs = 5000): Promise<LinkState> {
  if (t.link.phase === phase) return Promise.resolve(t.link);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`link never reached ${phase} (now ${t.link.phase})`)), timeoutMs);
    const off = t.onLink((l) => {
      if (l.phase === phase) {
        clearTimeout(timer);
        off();
        resolve(l);
      }
    });
  });
}

function track(t: WsTransport): WsTransport {
  cleanups.push(() => t.close());
  return t;
}

describe('backoffDelayMs', () => {
  it('doubles from the initial delay up to the cap, minus the jitter share', () => {
    const opts = { initialMs: 500, maxMs: 15_000, factor: 2 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, opts))).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(backoffDelayMs(2, opts, 0.25)).toBe(750);
  });
});

describe('createWsTransport against a real ws server', () => {
  it('queues what is sent while connecting and flushes it once open', async () => {
    const server = await echoServer();
    const t = track(createWsTransport({ url: server.url, createSocket: nodeSocket }));
    const received: string[] = [];
    t.onMessage((raw) => received.push(raw));
    expect(t.link.phase).toBe('connecting');
    t.send('one');
    t.send('two');
    await waitForLink(t, 'open');
    await expect.poll(() => received, { timeout: 5000 }).toEqual(['echo:one', 'echo:two']);
  });

  it('reports the drop with a retry time, then reconnects by itself', async () => {
    const server = await echoServer();
    const t = track(createWsTransport({ url: server.url, createSocket: nodeSocket, backoff: { initialMs: 50 }, jitter: 0 }));
    await waitForLink(t, 'open');
    const before = Date.now();
    for (const client of server.wss.clients) client.terminate();
    const closed = await waitForLink(t, 'closed');
    expect(closed.phase === 'closed' && closed.retryAt).toBeGreaterThanOrEqual(before + 50);
    // Between attempts nothing is queued: a send fails at once instead of hanging.
    expect(() => t.send('lost')).toThrow(RoutewiseError);
    await waitForLink(t, 'open');
    expect(server.connections()).toBe(2);
  });

  it('rejects pending calls with "unavailable" when the link drops', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    // This server never answers; it hangs up once the request arrived.
    wss.on('connection', (ws) => ws.on('message', () => ws.terminate()));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/rpc`;
    const t = track(createWsTransport({ url, createSocket: nodeSocket, backoff: { initialMs: 60_000 } }));
    const api = createApiClient(t);
    await waitForLink(t, 'open');
    const err = await api.call('system.ping', { nonce: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutewiseError);
    expect((err as RoutewiseError).code).toBe('unavailable');
  });

  it('retryNow skips the rest of a long backoff', async () => {
    const server = await echoServer();
    const t = track(createWsTransport({ url: server.url, createSocket: nodeSocket, backoff: { initialMs: 60_000 } }));
    await waitForLink(t, 'open');
    for (const client of server.wss.clients) client.terminate();
    await waitForLink(t, 'closed');
    t.retryNow();
    await waitForLink(t, 'open', 2000);
  });

  it('gives up as "rejected" when the host refuses every upgrade and it never opened', async () => {
    let upgrades = 0;
    const server = http.createServer();
    server.on('upgrade', (_req, socket) => {
      upgrades++;
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/rpc?token=wrong`;
    const timers: number[] = [];
    const t = track(
      createWsTransport({
        url,
        createSocket: nodeSocket,
        rejectAfterAttempts: 3,
        setTimer: (fn, ms) => {
          timers.push(ms);
          return setTimeout(fn, 1);
        },
      }),
    );
    await waitForLink(t, 'rejected');
    expect(upgrades).toBe(3);
    // Two retries were scheduled, none after giving up.
    expect(timers).toHaveLength(2);
  });

  it('close() stops reconnecting', async () => {
    const server = await echoServer();
    const t = createWsTransport({ url: server.url, createSocket: nodeSocket, backoff: { initialMs: 10 } });
    const phases: string[] = [];
    t.onLink((l) => phases.push(l.phase));
    await waitForLink(t, 'open');
    t.close();
    await expect.poll(() => server.wss.clients.size, { timeout: 5000 }).toBe(0);
    expect(phases).toEqual(['open']);
    expect(server.connections()).toBe(1);
  });
});
