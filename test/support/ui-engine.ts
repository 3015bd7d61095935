import { setEngineApi } from '../../renderer/src/api/engine-api';
import type { ApiClient } from '../../shared/api/client';
import { type InProcessEngine, useInProcessEngine } from './in-process-engine';

/**
 * A real engine in-process, connected as the renderer's API the way the app wires it over IPC (actor 'ui').
 * `onConnect` runs before any test, e.g. to subscribe to events as renderer/src/api/engine-events.ts would.
 * Call inside `describe`.
 */
export function useUiEngine(tempPrefix: string, onConnect?: (client: ApiClient) => void | Promise<void>): InProcessEngine {
  return useInProcessEngine(tempPrefix, {
    actor: 'ui',
    onConnect: async (client) => {
      setEngineApi(client);
      await onConnect?.(client);
    },
    onClose: () => setEngineApi(null),
  });
}
