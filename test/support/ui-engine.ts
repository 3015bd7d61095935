import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { type Engine, createEngine } from '../../electron/engine/engine';
import { connectInProcess } from '../../electron/engine/rpc/in-process';
import { setEngineApi } from '../../renderer/src/api/engine-api';
import type { ApiClient } from '../../shared/api/client';
import { makeTempDir } from './temp-dir';

export interface UiEngine {
  readonly engine: Engine;
  readonly client: ApiClient;
}

/**
 * A real engine in-process, connected as the renderer's API the way the app wires it over IPC; created before the
 * enclosing suite's tests and closed (with its data folder) after them. Call inside `describe`.
 * `onConnect` runs before any test, e.g. to subscribe to events as renderer/src/api/engine-events.ts would.
 */
export function useUiEngine(tempPrefix: string, onConnect?: (client: ApiClient) => void): UiEngine {
  const tmp = makeTempDir(tempPrefix);
  let engine: Engine | undefined;
  let connection: { client: ApiClient; close: () => void } | undefined;

  beforeAll(async () => {
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: randomBytes(32) });
    connection = connectInProcess(engine, 'ui');
    setEngineApi(connection.client);
    onConnect?.(connection.client);
  });

  afterAll(async () => {
    setEngineApi(null);
    connection?.close();
    await engine?.close();
    tmp.cleanup();
  });

  return {
    get engine() {
      if (!engine) throw new Error('the UI engine is used before beforeAll ran');
      return engine;
    },
    get client() {
      if (!connection) throw new Error('the UI engine is used before beforeAll ran');
      return connection.client;
    },
  };
}
