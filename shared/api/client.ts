import type { EventName, EventPayload, Input, Method, Output } from './contract';
import { RoutewiseError, type WireError } from './errors';
import type { ServerMessage } from './wire';

/** The client side of a transport: send text, receive text, learn about the link's state. */
export interface ClientTransport {
  send(raw: string): void;
  onMessage(listener: (raw: string) => void): void;
  onStatus?(listener: (status: ConnectionStatus) => void): void;
}

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ApiClient {
  call<M extends Method>(method: M, input: Input<M>, opts?: CallOptions): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** One client for every transport: the renderer (WebSocket or Electron MessagePort), CLI and tests. */
export function createApiClient(transport: ClientTransport): ApiClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  transport.onMessage((raw) => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'event') {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      return;
    }
    if (msg.id === null) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'reply') p.resolve(msg.result);
    else p.reject(fromWire(msg.error));
  });

  transport.onStatus?.((status) => {
    if (status === 'closed') {
      for (const p of pending.values()) p.reject(new RoutewiseError('unavailable', 'the engine connection closed'));
      pending.clear();
    }
    for (const l of statusListeners) l(status);
  });

  return {
    call(method, input, opts) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (opts?.signal?.aborted) {
          reject(new RoutewiseError('cancelled', 'cancelled'));
          return;
        }
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        opts?.signal?.addEventListener('abort', () => transport.send(JSON.stringify({ type: 'cancel', id })), {
          once: true,
        });
        transport.send(JSON.stringify({ type: 'request', id, method, params: input }));
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

function fromWire(error: WireError): RoutewiseError {
  return new RoutewiseError(error.code, error.message, error.details);
}
