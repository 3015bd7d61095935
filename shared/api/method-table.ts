import type { z } from 'zod';

/** One RPC method: a zod schema for its input (validated by the engine) and one for its output. */
export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** A short sentence for docs and `--help`. */
  readonly summary: string;
}

export type MethodTable = Readonly<Record<string, MethodSpec>>;
export type EventTable = Readonly<Record<string, z.ZodType>>;
