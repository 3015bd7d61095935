import { type ApiClient, createApiClient } from '../../../shared/api/client';
import { BRIDGE_GLOBAL, type HostCommand, isHostCommand, type RoutewiseBridge } from '../../../shared/api/bridge';
import { takeSessionToken } from './session-token';
import { createWsTransport, type LinkState, type WebSocketFactory } from './ws-transport';

export interface EngineConnection {
  readonly kind: 'electron' | 'websocket';
  readonly client: ApiClient;
  readonly link: LinkState;
  onLink(listener: (state: LinkState) => void): () => void;
  /** Menu commands from the desktop app; the browser host has none. */
  onHostCommand(listener: (command: HostCommand) => void): void;
  retryNow(): void;
}

export type ConnectResult = { ok: true; connection: EngineConnection } | { ok: false; reason: 'missing-token' };

export interface ConnectEnvironment {
  window: Window;
  createSocket?: WebSocketFactory;
}

/**
 * Picks the transport: Electron's preload bridge when present (a MessagePort to the engine's utility
 * process), otherwise a WebSocket to the browser host that served this page, authorised by the session token.
 */
export function connect(env: ConnectEnvironment): ConnectResult {
  const bridge = (env.window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as RoutewiseBridge | undefined;
  if (bridge && bridge.host === 'electron') return { ok: true, connection: overBridge(bridge) };

  const token = takeSessionToken({
    location: env.window.location,
    storage: env.window.sessionStorage,
    history: env.window.history,
  });
  if (token === null) return { ok: false, reason: 'missing-token' };

  const scheme = env.window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${env.window.location.host}/rpc?token=${encodeURIComponent(token)}`;
  const transport = createWsTransport({ url, ...(env.createSocket ? { createSocket: env.createSocket } : {}) });
  const client = createApiClient(transport);
  return {
    ok: true,
    connection: {
      kind: 'websocket',
      client,
      get link() {
        return transport.link;
      },
      onLink: (l) => transport.onLink(l),
      onHostCommand: () => undefined,
      retryNow: () => transport.retryNow(),
    },
  };
}

function overBridge(bridge: RoutewiseBridge): EngineConnection {
  let link: LinkState = { phase: 'connecting', attempt: 1 };
  const listeners = new Set<(state: LinkState) => void>();
  // Electron main owns reconnection (it restarts the utility process); we only mirror its status.
  bridge.onStatus((status) => {
    link = status === 'open' ? { phase: 'open' } : status === 'connecting' ? { phase: 'connecting', attempt: 1 } : { phase: 'closed', attempt: 1, retryAt: Number.NaN };
    for (const l of listeners) l(link);
  });
  const client = createApiClient(bridge);
  // A bridge may be open before we subscribed and never repeat it: one round trip settles it.
  client.call('system.ping', { nonce: 'hello' }).then(
    () => {
      if (link.phase === 'connecting') {
        link = { phase: 'open' };
        for (const l of listeners) l(link);
      }
    },
    () => undefined,
  );
  return {
    kind: 'electron',
    client,
    get link() {
      return link;
    },
    onLink(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onHostCommand(listener) {
      // The preload validates already; the page checks again rather than trust what crossed a boundary.
      bridge.onHostCommand((command) => {
        if (isHostCommand(command)) listener(command);
      });
    },
    retryNow: () => undefined,
  };
}
