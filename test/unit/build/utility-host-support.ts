import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import type { EnginePort, ParentPortLike, UtilityReport } from '../../../electron/engine/host/utility-entry';

/** Node's MessagePort dressed as Electron's MessagePortMain (which emits {data} events). */
export function asEnginePort(port: MessagePort): EnginePort {
  const adapted = {
    on(event: 'message' | 'close', listener: (e: { data: unknown }) => void) {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
      return adapted;
    },
    postMessage: (message: unknown) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  };
  return adapted as EnginePort;
}

/** Stands in for Electron's process.parentPort: main's side sends with deliver(), reports are collected. */
export class FakeParentPort implements ParentPortLike {
  readonly reports: UtilityReport[] = [];
  private readonly emitter = new EventEmitter();

  on(event: 'message', listener: (event: { data: unknown; ports: readonly EnginePort[] }) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  postMessage(message: unknown): void {
    this.reports.push(message as UtilityReport);
  }

  deliver(data: unknown, ports: EnginePort[] = []): void {
    this.emitter.emit('message', { data, ports });
  }

  /** A renderer connection: hands the engine one end, returns an api client on the other. */
  connect(connectionId: number): { client: ApiClient; port: MessagePort } {
    const { port1, port2 } = new MessageChannel();
    this.deliver({ type: 'connect', connectionId }, [asEnginePort(port1)]);
    const client = createApiClient({
      send: (raw) => port2.postMessage(raw),
      onMessage: (listener) => port2.on('message', (data: unknown) => typeof data === 'string' && listener(data)),
    });
    return { client, port: port2 };
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
