import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Engine } from '../../../../electron/engine/engine';
import type { PolicyInput } from '../../../../shared/api/ai-traffic';
import type { ApiClient } from '../../../../shared/api/client';
import type { RolloutPlan, RolloutStep } from '../../../../shared/api/rollout';
import { openInProcessEngine } from '../../../support/in-process-engine';

export interface DeployEngine {
  engine: Engine;
  api: ApiClient;
  /** Disconnects and closes the engine. */
  close(): Promise<void>;
}

/**
 * A real engine on dataDir (its master key kept there, so a later engine on the same folder reads the same
 * credentials), connected in-process; rollout steps are appended to `steps` when given.
 */
export async function openDeployEngine(dataDir: string, actor: string, steps?: RolloutStep[]): Promise<DeployEngine> {
  const { engine, client, close } = await openInProcessEngine(dataDir, { actor, quiet: true });
  if (steps) client.on('rollout.step', (s) => steps.push(s));
  return { engine, api: client, close };
}

/**
 * `routewise --data-dir D --json …` as a child process, resolving to the plan it prints. Asynchronous on purpose:
 * the labs and backends the CLI talks to live in this process's event loop.
 */
export function routewiseCli(dataDir: string, env: NodeJS.ProcessEnv = process.env): (args: string[]) => Promise<RolloutPlan> {
  const bin = path.resolve('bin/routewise.mjs');
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(process.execPath, [bin, '--data-dir', dataDir, '--json', ...args], { encoding: 'utf8', timeout: 120_000, env }, (err, stdout, stderr) => {
        if (err) reject(new Error(`routewise ${args.slice(0, 2).join(' ')} failed (${err.message.slice(0, 200)}): ${stderr.slice(-800)} ${stdout.slice(-1500)}`));
        else resolve(JSON.parse(stdout) as RolloutPlan);
      });
    });
}

/** A weighted-round-robin policy of one pool, 'main', over llama3 backends on one address; as policy.deploy's text. */
export function weightedPolicyText(name: string, where: { frontend: { address: string; port: number }; backendAddress: string }, members: Array<{ id: string; port: number; weight: number }>): string {
  return JSON.stringify({
    name,
    algorithm: 'weighted-round-robin',
    frontend: where.frontend,
    backends: members.map((m) => ({ id: m.id, address: where.backendAddress, port: m.port, model: 'llama3', weight: m.weight, capacity: { maxConcurrent: 8, tokensPerSec: 1000 } })),
    pools: [{ name: 'main', backends: members.map((m) => m.id) }],
  } satisfies PolicyInput);
}
