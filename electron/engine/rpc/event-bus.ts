import type { EventName, EventPayload } from '../../../shared/api/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Engine-wide event stream; every connection's RPC server subscribes once. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
