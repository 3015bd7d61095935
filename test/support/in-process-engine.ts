import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { type Engine, createEngine } from '../../electron/engine/engine';
import { connectInProcess } from '../../electron/engine/rpc/in-process';
import type { ApiClient } from '../../shared/api/client';
import type { Output } from '../../shared/api/contract';
import { makeTempDir } from './temp-dir';

export interface InProcessEngine {
  readonly engine: Engine;
  readonly client: ApiClient;
  /** The engine's data directory (a fresh temp folder, removed after the suite). */
  readonly dataDir: string;
}

export interface InProcessEngineOptions {
  /** Who the calls are audited as (the app's window connects as 'ui'). */
  actor?: string;
  /** Runs once connected, before any test: subscribe to events, load a store, … */
  onConnect?: (client: ApiClient) => void | Promise<void>;
  /** Runs first on teardown, while the engine is still open. */
  onClose?: () => void;
}

export interface OpenEngineOptions {
  /** Who the calls are audited as (the app's window connects as 'ui'). */
  actor?: string;
  /** Without one the engine keeps its master key in dataDir, so a later engine on the same folder reads the vault. */
  masterKey?: Buffer;
  /** Drop the engine's log lines (tests that flood it on purpose). */
  quiet?: boolean;
}

export interface OpenEngine {
  engine: Engine;
  client: ApiClient;
  /** Disconnects and closes the engine. */
  close(): Promise<void>;
}

/** A real engine on dataDir, connected in-process; the caller closes it. */
export async function openInProcessEngine(dataDir: string, opts: OpenEngineOptions = {}): Promise<OpenEngine> {
  const engine = await createEngine({
    dataDir,
    host: 'test',
    ...(opts.masterKey ? { masterKey: opts.masterKey } : {}),
    ...(opts.quiet ? { log: () => undefined } : {}),
  });
  const conn = connectInProcess(engine, opts.actor ?? 'test');
  return {
    engine,
    client: conn.client,
    async close() {
      conn.close();
      await engine.close();
    },
  };
}

/**
 * A real engine in-process with its own data folder, created before the enclosing suite's tests and closed
 * after them (vitest runs after-hooks in reverse, so a suite's own afterAll — stopping a lab — runs first).
 * Call inside `describe`.
 */
export function useInProcessEngine(tempPrefix: string, opts: InProcessEngineOptions = {}): InProcessEngine {
  const tmp = makeTempDir(tempPrefix);
  let opened: OpenEngine | undefined;

  beforeAll(async () => {
    opened = await openInProcessEngine(tmp.dir, { actor: opts.actor ?? 'test', masterKey: randomBytes(32) });
    await opts.onConnect?.(opened.client);
  });

  afterAll(async () => {
    opts.onClose?.();
    await opened?.close();
    tmp.cleanup();
  });

  const ready = (): OpenEngine => {
    if (opened === undefined) throw new Error('the in-process engine is used before beforeAll ran');
    return opened;
  };
  return {
    get engine() {
      return ready().engine;
    },
    get client() {
      return ready().client;
    },
    dataDir: tmp.dir,
  };
}

/** Polls a scan until it leaves 'running' (or the deadline passes) and returns its last detail. */
export async function scanToEnd(api: ApiClient, scanId: string, timeoutMs = 120_000): Promise<Output<'scan.get'>> {
  const deadline = Date.now() + timeoutMs;
  let detail = await api.call('scan.get', { scanId });
  while (detail.scan.status === 'running' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    detail = await api.call('scan.get', { scanId });
  }
  return detail;
}
