import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { RoutewiseError } from '../../shared/api/errors';
import { ENGINE_VERSION } from '../engine/version';
import { registerComplianceCommands } from './commands/compliance-commands';
import { registerArchiveCommands } from './commands/archive-commands';
import { registerAiServicesCommands } from './commands/ai-services-commands';
import { registerFoundationCommands } from './commands/foundation-commands';
import { registerHostkeysCommands } from './commands/hostkeys-commands';
import { registerInventoryCommands } from './commands/inventory-commands';
import { registerLabCommands } from './commands/lab-commands';
import { registerPolicyCommands } from './commands/policy-commands';
import { registerReportCommands } from './commands/report-commands';
import { registerScanCommands } from './commands/scan-commands';
import { registerScopeCommands } from './commands/scope-commands';
import { registerServeCommand } from './commands/serve-command';
import { registerRolloutCommands } from './commands/rollout-commands';
import { registerThreatsCommands } from './commands/threats-commands';
import { registerTopologyCommands } from './commands/topology-commands';
import { defaultDataDir } from './data-dir';
import { exitCodeFor, type GlobalOptions } from './runtime';

export function buildProgram(): Command {
  const program = new Command('routewise')
    .description('Routewise: discover, map and safely change networks that are taking on AI-capable routers')
    .version(ENGINE_VERSION, '-V, --version')
    .option('--data-dir <dir>', 'where the store, vault key and archives live (env ROUTEWISE_DATA_DIR)')
    .option('--json', 'machine-readable output on stdout', false)
    // One line per usage error (commander would add the hint, and "Did you mean…?", on lines of their own).
    .configureOutput({ outputError: (str, write) => write(`${str.trim().replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`) })
    .exitOverride();

  const globals = (): GlobalOptions => {
    const o = program.opts<{ dataDir?: string; json: boolean }>();
    return { dataDir: o.dataDir ? path.resolve(o.dataDir) : defaultDataDir(), json: o.json };
  };
  registerFoundationCommands(program, globals);
  registerServeCommand(program, globals);
  registerTopologyCommands(program, globals);
  registerAiServicesCommands(program, globals);
  registerPolicyCommands(program, globals);
  registerLabCommands(program, globals);
  registerScanCommands(program, globals);
  registerInventoryCommands(program, globals);
  registerScopeCommands(program, globals);
  registerHostkeysCommands(program, globals);
  registerThreatsCommands(program, globals);
  registerRolloutCommands(program, globals);
  registerArchiveCommands(program, globals);
  registerComplianceCommands(program, globals);
  registerReportCommands(program, globals);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version land here with exit code 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`routewise: ${oneLineError(err)}\n`);
    return exitCodeFor(err);
  }
}

/** The error as one line; for invalid input, which field and why (the engine's schema issues). */
export function oneLineError(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  if (err instanceof RoutewiseError && err.code === 'bad-request' && Array.isArray(err.details)) {
    const issues = (err.details as Array<{ path?: string; message?: string }>)
      .slice(0, 3)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : String(i.message)));
    if (issues.length) return `${message} (${issues.join('; ')})`;
  }
  return message;
}

const code = await runCli(process.argv);
process.exitCode = code;
