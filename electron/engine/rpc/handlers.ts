import type { Method, Output, ParsedInput } from '../../../shared/api/contract';

/** What a handler knows about the call besides its input. */
export interface CallContext {
  /** Aborted when the caller cancels the request or disconnects. */
  readonly signal: AbortSignal;
  /** Who is calling, for the audit chain: 'ui', 'cli', or a test name. */
  readonly actor: string;
}

export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>>;

/** The full handler table: a method without a handler does not compile. */
export type Handlers = { [M in Method]: Handler<M> };

/** Part of the table, as each engine area provides it. */
export type HandlersFor<T> = { [M in keyof T & Method]: Handler<M> };
