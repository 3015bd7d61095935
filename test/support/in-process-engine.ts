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

/**
 * A real engine in-process with its own data folder, created before the enclosing suite's tests and closed
 * after them (vitest runs after-hooks in reverse, so a suite's own afterAll — stopping a lab — runs first).
 * Call inside `describe`.
 */
export function useInProcessEngine(tempPrefix: string, opts: InProcessEngineOptions = {}): InProcessEngine {
  const tmp = makeTempDir(tempPrefix);
  let engine: Engine | undefined;
  let connection: { client: ApiClient; close: () => void } | undefined;

  beforeAll(async () => {
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: randomBytes(32) });
    connection = connectInProcess(engine, opts.actor ?? 'test');
    await opts.onConnect?.(connection.client);
  });

  afterAll(async () => {
    opts.onClose?.();
    connection?.close();
    await engine?.close();
    tmp.cleanup();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the in-process engine is used before beforeAll ran');
    return value;
  };
  return {
    get engine() {
      return ready(engine);
    },
    get client() {
      return ready(connection).client;
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
