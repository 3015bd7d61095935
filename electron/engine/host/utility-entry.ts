// The engine's host inside Electron's utilityProcess. Plain Node: it never imports `electron`; the two
// Electron objects it touches (process.parentPort and the MessagePortMain instances main transfers to it)
// are described by the small interfaces below, which is all this file relies on.
import { z } from 'zod';
import type { ServerMessage } from '../../../shared/api/wire';
import { createEngine, type Engine } from '../engine';
import { serveConnection } from '../rpc/rpc-server';
import { KEY_BYTES } from '../vault/key-source';

/** Electron's MessagePortMain as this file uses it (https://www.electronjs.org/docs/latest/api/message-port-main). */
export interface EnginePort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's process.parentPort in a utility process (https://www.electronjs.org/docs/latest/api/parent-port). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: readonly EnginePort[] }) => void): unknown;
  postMessage(message: unknown): void;
}

/** main → utility. The key travels only on this channel (main ↔ utility), never to the renderer. */
export const ParentMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    dataDir: z.string().min(1).max(4096),
    /** 32 bytes from safeStorage, or null: the engine then uses ROUTEWISE_MASTER_KEY or `<dataDir>/master.key`. */
    masterKey: z
      .instanceof(Uint8Array)
      .refine((k) => k.length === KEY_BYTES, `the master key must be ${KEY_BYTES} bytes`)
      .nullable(),
  }),
  /** A new renderer connection; its MessagePort is ports[0]. */
  z.object({ type: z.literal('connect'), connectionId: z.number().int().nonnegative() }),
  z.object({ type: z.literal('stop') }),
]);
export type ParentMessage = z.infer<typeof ParentMessage>;

/** utility → main. */
export type UtilityReport =
  | { type: 'ready'; version: string; dataDir: string }
  | { type: 'failed'; message: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'stopped' };

export interface UtilityHostOptions {
  /** Path of a better-sqlite3 binding built for Electron's ABI (env ROUTEWISE_SQLITE_BINDING; set by `npm start`). */
  sqliteBinding?: string;
  exit: (code: number) => void;
}

export interface UtilityHost {
  /** The engine once started (null before the start message); for diagnostics and tests. */
  engine(): Promise<Engine> | null;
}

/** Serves the engine to every renderer port main hands over, until main says stop. */
export function runUtilityHost(parent: ParentPortLike, opts: UtilityHostOptions): UtilityHost {
  let engine: Promise<Engine> | null = null;
  let stopping = false;
  const report = (msg: UtilityReport): void => parent.postMessage(msg);

  parent.on('message', (event) => {
    const parsed = ParentMessage.safeParse(event.data);
    if (!parsed.success) {
      report({ type: 'log', level: 'warn', message: `ignored a malformed message from main: ${parsed.error.issues[0]?.message ?? ''}` });
      for (const port of event.ports) port.close();
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'start') {
      if (engine) {
        report({ type: 'log', level: 'warn', message: 'ignored a second start message' });
        return;
      }
      engine = start(msg);
      // A failed start was already reported; later connects see the rejection and close their port.
      engine.catch(() => undefined);
      return;
    }
    if (msg.type === 'connect') {
      const port = event.ports[0];
      if (!port) return;
      if (!engine || stopping) {
        port.close();
        return;
      }
      engine.then(
        (e) => serveOverPort(e, port),
        () => port.close(),
      );
      return;
    }
    stopping = true;
    void stop();
  });

  async function start(msg: Extract<ParentMessage, { type: 'start' }>): Promise<Engine> {
    const key = msg.masterKey ? Buffer.from(msg.masterKey) : undefined;
    msg.masterKey?.fill(0);
    // Same as the engine's default log (an engine.log event for the UI), plus warnings and errors to main,
    // which keeps them in <dataDir>/logs/main.log.
    let bus: Engine['bus'] | null = null;
    const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string): void => {
      if (level === 'warn' || level === 'error') report({ type: 'log', level, message: message.slice(0, 4000) });
      if (level !== 'debug') bus?.emit('engine.log', { level, message, at: new Date().toISOString() });
    };
    try {
      const e = await createEngine({
        dataDir: msg.dataDir,
        host: 'electron',
        log,
        ...(key ? { masterKey: key } : {}),
        ...(opts.sqliteBinding ? { nativeBinding: opts.sqliteBinding } : {}),
      });
      key?.fill(0);
      bus = e.bus;
      const info = await e.handlers['system.info']({}, { signal: new AbortController().signal, actor: 'host' });
      report({ type: 'ready', version: info.version, dataDir: info.dataDir });
      return e;
    } catch (err) {
      key?.fill(0);
      report({ type: 'failed', message: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
      throw err;
    }
  }

  async function stop(): Promise<void> {
    try {
      const e = await engine?.catch(() => null);
      await e?.close();
      report({ type: 'stopped' });
      opts.exit(0);
    } catch (err) {
      report({ type: 'log', level: 'error', message: `engine did not close cleanly: ${String(err)}` });
      opts.exit(1);
    }
  }

  return { engine: () => engine };
}

/** Adapts one MessagePortMain to the RPC server's Connection; the renderer side is the preload bridge. */
export function serveOverPort(engine: Engine, port: EnginePort): void {
  let open = true;
  serveConnection(
    {
      send: (msg: ServerMessage) => {
        if (open) port.postMessage(JSON.stringify(msg));
      },
      // Anything but text is answered by the server as a bad request (it only accepts strings).
      onMessage: (listener) => port.on('message', (e) => listener(typeof e.data === 'string' ? e.data : '')),
      onClose: (listener) =>
        port.on('close', () => {
          open = false;
          listener();
        }),
    },
    { handlers: engine.handlers, bus: engine.bus, actor: 'ui', log: engine.ctx.log },
  );
  port.start();
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  runUtilityHost(parentPort, {
    sqliteBinding: process.env.ROUTEWISE_SQLITE_BINDING || undefined,
    exit: (code) => process.exit(code),
  });
}
