import { RoutewiseError } from '../../../shared/api/errors';
import type { DriverErrorCode } from './driver';
import type { CliTransport } from './cli-transport';

export function driverError(code: DriverErrorCode, cli: CliTransport, command: string, message: string): RoutewiseError {
  return new RoutewiseError(code, `${cli.hostPort}: ${message}`, { host: cli.hostPort, command });
}

/**
 * How each CLI says a line was refused: IOS/EOS `% Invalid input`, `% Incomplete command`, Junos `syntax error` /
 * `error:`, RouterOS `bad command name` / `syntax error` / `failure:`, FortiOS `Command fail`, FRR `% Unknown command`.
 */
const CLI_ERROR = /^(?:%\s*(?:Invalid|Incomplete|Ambiguous|Unknown|Error|No )[^\n]*|[^\n]*syntax error[^\n]*|error:[^\n]*|bad command name[^\n]*|failure:[^\n]*|[^\n]*Command fail[^\n]*|-bash: [^\n]*)$/im;

export function cliErrorIn(output: string): string | undefined {
  return CLI_ERROR.exec(output)?.[0]?.trim();
}

/** Runs a configuration command and throws commit-failed when the device refused it. */
export async function runChecked(cli: CliTransport, command: string, code: DriverErrorCode = 'commit-failed'): Promise<string> {
  const out = await cli.run(command);
  const err = cliErrorIn(out);
  if (err !== undefined) throw driverError(code, cli, command, `the device refused "${command}": ${err.slice(0, 200)}`);
  return out;
}

/** Device revert timers count in whole minutes (Junos `commit confirmed N`, IOS `revert timer N`): round up, at least 1. */
export function minutesFor(revertAfterSec: number): number {
  return Math.max(1, Math.ceil(revertAfterSec / 60));
}
