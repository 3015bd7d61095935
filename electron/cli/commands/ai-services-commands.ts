import type { Command } from 'commander';
import type { AiService, AiServiceInput } from '../../../shared/api/ai-traffic';
import { type GlobalOptions, withRuntime } from '../runtime';

const int = (v: string) => Number.parseInt(v, 10);
const num = (v: string) => Number(v);

function line(s: AiService): string {
  const h = s.health;
  const health = !h ? 'not probed' : h.healthy ? `up ${h.latencyMs?.toFixed(1) ?? '?'} ms (ewma ${h.ewmaLatencyMs?.toFixed(1) ?? '?'} ms)` : `DOWN: ${h.error ?? 'unhealthy'}`;
  const model = s.version ? `${s.model}:${s.version}` : s.model;
  return `${s.id}\t${s.address}:${s.port}\t${model}\tsite=${s.site}\tw=${s.weight}\tmax=${s.capacity.maxConcurrent}\t${s.capacity.tokensPerSec} tok/s\t${health}`;
}

export function registerAiServicesCommands(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('ai-services').description('the AI API backends policies balance across');
  cmd
    .command('list')
    .description('registered backends with their last health probe')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const list = await rt.api.call('ai-services.list', {});
        rt.print(list, () => (list.length ? list.map(line).join('\n') : 'No AI services yet: routewise ai-services add … or ai-services discover.'));
      }),
    );
  cmd
    .command('add')
    .description('add or edit a backend')
    .requiredOption('--id <id>', 'backend id')
    .requiredOption('--address <ip>', 'backend address')
    .requiredOption('--port <port>', 'backend TCP port', int)
    .requiredOption('--model <model>', 'model served (OpenAI `model` name)')
    .option('--version <version>', 'model version')
    .option('--site <site>', 'site the backend is in', 'default')
    .option('--max-concurrent <n>', 'requests it runs at once', int, 4)
    .option('--tokens-per-sec <n>', 'output tokens per second per request', num, 50)
    .option('--prefill-tokens-per-sec <n>', 'prompt tokens per second', num, 4000)
    .option('--health-path <path>', 'HTTP health path', '/v1/models')
    .option('--weight <n>', 'weight for weighted policies', int, 1)
    .action((o: Record<string, string | number | undefined>) =>
      withRuntime(globals(), async (rt) => {
        const input: AiServiceInput = {
          id: String(o.id),
          address: String(o.address),
          port: Number(o.port),
          model: String(o.model),
          site: String(o.site),
          capacity: { maxConcurrent: Number(o.maxConcurrent), tokensPerSec: Number(o.tokensPerSec), prefillTokensPerSec: Number(o.prefillTokensPerSec) },
          healthPath: String(o.healthPath),
          weight: Number(o.weight),
          ...(o.version !== undefined ? { version: String(o.version) } : {}),
        };
        const saved = await rt.api.call('ai-services.upsert', input);
        rt.print(saved, () => `saved ${line(saved)}`);
      }),
    );
  cmd
    .command('remove <id>')
    .description('remove a backend')
    .action((id: string) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('ai-services.remove', { id });
        rt.print(res, () => (res.removed ? `removed ${id}` : `${id} is not registered`));
        if (!res.removed) process.exitCode = 1;
      }),
    );
  cmd
    .command('probe [ids...]')
    .description('probe health path and latency over HTTP (all backends when no id is given; only inside the scan scope)')
    .option('--timeout-ms <ms>', 'per-probe deadline', int, 2000)
    .action((ids: string[], o: { timeoutMs: number }) =>
      withRuntime(globals(), async (rt) => {
        const list = await rt.api.call('ai-services.probe', { ids, timeoutMs: o.timeoutMs });
        rt.print(list, () => list.map(line).join('\n'));
        if (list.some((s) => !s.health?.healthy)) process.exitCode = 1;
      }),
    );
  cmd
    .command('discover')
    .description('find OpenAI-style /v1/models APIs on inventory devices inside the scan scope')
    .option('--ports <list>', 'comma-separated TCP ports', '80,8000,8080,11434')
    .option('--site <site>', 'site for what is found', 'default')
    .option('--timeout-ms <ms>', 'per-probe deadline', int, 1500)
    .action((o: { ports: string; site: string; timeoutMs: number }) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('ai-services.discover', { ports: o.ports.split(',').map(int), site: o.site, timeoutMs: o.timeoutMs });
        rt.print(res, () => `probed ${res.probed} address:port pairs, found ${res.found.length}\n${res.found.map(line).join('\n')}`);
      }),
    );
}
