import type { ApiClient } from '../../../shared/api/client';
import type { Input, Method, Output } from '../../../shared/api/contract';
import { RoutewiseError } from '../../../shared/api/errors';

/**
 * The one engine client of this window, set once by main.tsx. Stores call it; components call stores.
 */
let current: ApiClient | null = null;

export function setEngineApi(client: ApiClient | null): void {
  current = client;
}

export function callEngine<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  if (!current) return Promise.reject(new RoutewiseError('unavailable', 'not connected to the engine'));
  return current.call(method, input);
}
