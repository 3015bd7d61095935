import { z } from 'zod';
import { WireError } from './errors';

/** Messages on any transport (WebSocket, MessagePort). Requests carry an id the reply echoes. */
export const RequestMessage = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  params: z.unknown(),
});
export type RequestMessage = z.infer<typeof RequestMessage>;

export const CancelMessage = z.object({
  type: z.literal('cancel'),
  id: z.number().int().nonnegative(),
});

export const ClientMessage = z.discriminatedUnion('type', [RequestMessage, CancelMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ReplyMessage = { type: 'reply'; id: number; result: unknown };
export type ErrorMessage = { type: 'error'; id: number | null; error: WireError };
export type EventMessage = { type: 'event'; event: string; payload: unknown };
export type ServerMessage = ReplyMessage | ErrorMessage | EventMessage;

/** Largest message the engine accepts; larger ones are refused before parsing. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
