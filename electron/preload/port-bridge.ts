import { isHostCommand, type HostCommand, type RoutewiseBridge } from '../../shared/api/bridge';
import type { ConnectionStatus } from '../../shared/api/client';

/** The DOM MessagePort as the bridge uses it (Chromium's in the preload; Node's in tests). */
export interface BridgePort {
  postMessage(message: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}

export interface PortBridge {
  /** What the preload exposes to the page: nothing but this object. */
  readonly bridge: RoutewiseBridge;
  attachPort(port: BridgePort): void;
  setStatus(status: unknown): void;
  hostCommand(value: unknown): void;
}

/** Requests sent before the engine's port arrives wait here; beyond this many the page is misbehaving. */
export const MAX_QUEUED_MESSAGES = 1000;

/**
 * A text pipe to the engine over whichever MessagePort main handed over last. Messages from main are
 * checked here, because the page must not be able to trust anything that did not pass the bridge.
 */
export function createPortBridge(): PortBridge {
  const messageListeners: Array<(raw: string) => void> = [];
  const statusListeners: Array<(status: ConnectionStatus) => void> = [];
  const commandListeners: Array<(command: HostCommand) => void> = [];
  const queued: string[] = [];
  let port: BridgePort | null = null;
  let status: ConnectionStatus = 'connecting';

  function emitStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    for (const l of statusListeners) l(next);
  }

  function dropPort(): void {
    const old = port;
    port = null;
    old?.close();
  }

  const bridge: RoutewiseBridge = {
    host: 'electron',
    send(raw) {
      if (typeof raw !== 'string') return;
      if (port) port.postMessage(raw);
      else if (queued.length < MAX_QUEUED_MESSAGES) queued.push(raw);
    },
    onMessage(listener) {
      if (typeof listener === 'function') messageListeners.push(listener);
    },
    onStatus(listener) {
      if (typeof listener !== 'function') return;
      statusListeners.push(listener);
      const current = status;
      queueMicrotask(() => listener(current));
    },
    onHostCommand(listener) {
      if (typeof listener === 'function') commandListeners.push(listener);
    },
  };

  return {
    bridge,
    attachPort(next) {
      dropPort();
      port = next;
      next.addEventListener('message', (event) => {
        if (port !== next || typeof event.data !== 'string') return;
        for (const l of messageListeners) l(event.data);
      });
      next.addEventListener('close', () => {
        if (port !== next) return;
        port = null;
        emitStatus('closed');
      });
      next.start();
      emitStatus('open');
      for (const raw of queued.splice(0)) next.postMessage(raw);
    },
    setStatus(value) {
      if (value !== 'connecting' && value !== 'closed') return;
      dropPort();
      emitStatus(value);
    },
    hostCommand(value) {
      if (!isHostCommand(value)) return;
      const command: HostCommand = { type: 'navigate', view: value.view };
      for (const l of commandListeners) l(command);
    },
  };
}
