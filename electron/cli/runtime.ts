import type { ApiClient } from '../../shared/api/client';
import { RoutewiseError } from '../../shared/api/errors';
import { createEngine, type Engine } from '../engine/engine';
import { connectInProcess } from '../engine/rpc/in-process';

export interface GlobalOptions {
  dataDir: string;
  json: boolean;
}

/** What a subcommand gets: an engine on the chosen data dir, a client to it, and output helpers. */
export interface CliRuntime {
  readonly opts: GlobalOptions;
  readonly engine: Engine;
  readonly api: ApiClient;
  /** Prints `value` as JSON with --json, else the human text from `human`. */
  print(value: unknown, human: () => string): void;
  /** Progress for humans on a TTY only; silent with --json or when piped. */
  progress(line: string): void;
}

export async function withRuntime<T>(opts: GlobalOptions, fn: (rt: CliRuntime) => Promise<T>): Promise<T> {
  const engine = await createEngine({ dataDir: opts.dataDir, host: 'cli', log: cliLog });
  const conn = connectInProcess(engine, `cli:${process.env.USER ?? 'unknown'}`);
  const tty = process.stderr.isTTY && !opts.json;
  const rt: CliRuntime = {
    opts,
    engine,
    api: conn.client,
    print(value, human) {
      process.stdout.write(opts.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(line) {
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    },
  };
  try {
    return await fn(rt);
  } finally {
    if (tty) process.stderr.write('\r\x1b[2K');
    conn.close();
    await engine.close();
  }
}

function cliLog(level: string, message: string): void {
  if (level === 'warn' || level === 'error' || process.env.ROUTEWISE_DEBUG) process.stderr.write(`[${level}] ${message}\n`);
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof RoutewiseError) {
    if (err.code === 'bad-request') return 2;
    if (err.code === 'out-of-scope') return 3;
    if (err.code === 'unavailable' || err.code === 'timeout') return 4;
  }
  return 1;
}
