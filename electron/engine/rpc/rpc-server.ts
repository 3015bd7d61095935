import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import { isMethod, methods } from '../../../shared/api/contract';
import { RoutewiseError, type WireError } from '../../../shared/api/errors';
import { ClientMessage, MAX_MESSAGE_BYTES, type ServerMessage } from '../../../shared/api/wire';
import type { EventBus } from './event-bus';
import type { CallContext, Handlers } from './handlers';

/** One client connection, whatever carries it (WebSocket, MessagePort, in-process). */
export interface Connection {
  send(message: ServerMessage): void;
  onMessage(listener: (raw: string) => void): void;
  onClose(listener: () => void): void;
}

export interface RpcServerOptions {
  handlers: Handlers;
  bus: EventBus;
  actor: string;
  log?: (level: 'warn' | 'error', message: string) => void;
}

/**
 * Serves the contract over one connection. The peer is untrusted: every message is size-capped,
 * parsed and schema-validated; every failure is answered as {code, message, details}, never a stack.
 */
export function serveConnection(conn: Connection, opts: RpcServerOptions): void {
  const inFlight = new Map<number, AbortController>();
  const unsubscribe = opts.bus.subscribe((event, payload) => conn.send({ type: 'event', event, payload }));

  conn.onClose(() => {
    unsubscribe();
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
  });

  conn.onMessage((raw) => {
    void handleMessage(raw);
  });

  async function handleMessage(raw: string): Promise<void> {
    if (typeof raw !== 'string' || utf8Length(raw) > MAX_MESSAGE_BYTES) {
      sendError(null, { code: 'bad-request', message: `message larger than ${MAX_MESSAGE_BYTES} bytes` });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      sendError(null, { code: 'bad-request', message: 'message is not JSON' });
      return;
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const id = idOf(json);
      sendError(id, { code: 'bad-request', message: 'message is not a request', details: issuesOf(parsed.error) });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'cancel') {
      inFlight.get(msg.id)?.abort();
      return;
    }
    if (!isMethod(msg.method)) {
      sendError(msg.id, { code: 'unknown-method', message: `unknown method: ${msg.method.slice(0, 100)}` });
      return;
    }
    const spec = methods[msg.method];
    const input = spec.input.safeParse(msg.params ?? {});
    if (!input.success) {
      sendError(msg.id, {
        code: 'bad-request',
        message: `invalid input for ${msg.method}`,
        details: issuesOf(input.error),
      });
      return;
    }
    const controller = new AbortController();
    // One call may fan out to hundreds of concurrent device requests that all listen to its signal.
    setMaxListeners(0, controller.signal);
    inFlight.set(msg.id, controller);
    const ctx: CallContext = { signal: controller.signal, actor: opts.actor };
    try {
      const handler = opts.handlers[msg.method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const result = await handler(input.data, ctx);
      conn.send({ type: 'reply', id: msg.id, result });
    } catch (err) {
      sendError(msg.id, toWireError(err, msg.method, opts.log));
    } finally {
      inFlight.delete(msg.id);
    }
  }

  function sendError(id: number | null, error: WireError): void {
    conn.send({ type: 'error', id, error });
  }
}

export function toWireError(err: unknown, method: string, log?: RpcServerOptions['log']): WireError {
  if (err instanceof RoutewiseError) return err.toWire();
  if (err instanceof z.ZodError) return { code: 'bad-request', message: 'invalid data', details: issuesOf(err) };
  if (err instanceof Error && err.name === 'AbortError') return { code: 'cancelled', message: 'cancelled' };
  log?.('error', `${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { code: 'internal', message: `${method} failed unexpectedly; the engine log has the details` };
}

/** The cap is in bytes: a string of multi-byte characters can be 3× its .length on the wire. */
function utf8Length(raw: string): number {
  return raw.length * 3 <= MAX_MESSAGE_BYTES ? raw.length : Buffer.byteLength(raw, 'utf8');
}

function idOf(json: unknown): number | null {
  if (json && typeof json === 'object' && 'id' in json) {
    const id = (json as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  }
  return null;
}

function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message.slice(0, 300) }));
}
