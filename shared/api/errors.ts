import { z } from 'zod';

/**
 * Every failure that crosses the engine boundary is one of these codes. The renderer and the CLI map a
 * code to a sentence the admin can act on; stack traces never cross.
 */
export const ErrorCode = z.enum([
  'bad-request', // input failed its schema
  'unknown-method',
  'not-found',
  'conflict',
  'out-of-scope', // a probe target outside the scan scope
  'unauthorized',
  'unavailable', // a dependency (device, lab, store) is not reachable
  'timeout',
  'cancelled',
  'auth-failed',
  'connection-closed',
  'commit-failed',
  'commit-pending',
  'locked',
  'parse-failed',
  'unsupported',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof WireError>;

/** Thrown by engine code for an expected failure; the RPC server turns it into a WireError. */
export class RoutewiseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RoutewiseError';
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isRoutewiseError(err: unknown): err is RoutewiseError {
  return err instanceof RoutewiseError;
}
