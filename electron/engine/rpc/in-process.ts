import { type ApiClient, createApiClient } from '../../../shared/api/client';
import type { ServerMessage } from '../../../shared/api/wire';
import type { Engine } from '../engine';
import { serveConnection } from './rpc-server';

/**
 * A client wired straight to an engine in the same process, through the same JSON serialisation and
 * validation as the real transports. The CLI and the tests use it.
 */
export function connectInProcess(engine: Engine, actor: string): { client: ApiClient; close(): void } {
  let toServer: ((raw: string) => void) | undefined;
  let toClient: ((raw: string) => void) | undefined;
  let onServerClose: (() => void) | undefined;
  serveConnection(
    {
      send: (msg: ServerMessage) => queueMicrotask(() => toClient?.(JSON.stringify(msg))),
      onMessage: (l) => (toServer = l),
      onClose: (l) => (onServerClose = l),
    },
    { handlers: engine.handlers, bus: engine.bus, actor, log: engine.ctx.log },
  );
  const client = createApiClient({
    send: (raw) => queueMicrotask(() => toServer?.(raw)),
    onMessage: (l) => (toClient = l),
  });
  return { client, close: () => onServerClose?.() };
}
