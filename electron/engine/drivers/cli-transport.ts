import type { ExecResult } from '../ssh/ssh-session';

/**
 * What a driver needs from its connection: an interactive CLI (run) and, on Linux hosts, exec channels. An
 * SshSession satisfies it; tests hand drivers a scripted transport instead.
 */
export interface CliTransport {
  /** host:port, for error details. */
  readonly hostPort: string;
  /** `question`: a device question that also ends the command (answered by the next run()); see CommandOptions. */
  run(command: string, opts?: { timeoutMs?: number; question?: RegExp }): Promise<string>;
  exec?(command: string, opts?: { timeoutMs?: number }): Promise<ExecResult>;
  close(): Promise<void>;
}

export interface DriverDeps {
  cli: CliTransport;
  log?: (message: string) => void;
  /** Wall clock for revert deadlines and session names; tests fix it. */
  now?: () => Date;
}
