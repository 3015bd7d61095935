import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { BalanceAlgorithm, RenderTarget, type SimulationReport } from '../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../shared/api/errors';
import { syntheticTrace, traceToCsv } from '../../engine/ai-traffic/trace';
import { type GlobalOptions, withRuntime } from '../runtime';

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RoutewiseError('bad-request', `cannot read the ${what} file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(reports: SimulationReport[]): string {
  const rows = [['policy', 'algorithm', 'served', 'rejects', 'p50 ms', 'p95 ms', 'p99 ms', 'affinity', 'busiest backend']];
  for (const r of reports) {
    const busiest = [...r.backends].sort((a, b) => b.share - a.share)[0];
    rows.push([r.policy, r.algorithm, String(r.served), String(r.rejects), r.latencyMs.p50.toFixed(0), r.latencyMs.p95.toFixed(0), r.latencyMs.p99.toFixed(0), pct(r.affinity), busiest ? `${busiest.id} ${pct(busiest.share)}` : '-']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const out = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  for (const r of reports) {
    out.push('', `${r.policy}: ${r.backends.map((b) => `${b.id}=${b.requests}`).join(' ')}`);
    for (const l of r.links) out.push(`  link ${l.label}: avg ${l.avgMbps.toFixed(2)} Mb/s, peak ${l.peakMbps.toFixed(2)} of ${l.speedMbps} Mb/s${l.hot ? ' (hot)' : ''}`);
    for (const f of r.flags) out.push(`  ! ${f.kind}: ${f.message}`);
  }
  return out.join('\n');
}

export function registerPolicyCommands(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('policy').description('AI traffic policies: validate, preview, simulate, render, deploy');
  cmd
    .command('validate <file>')
    .description('check a policy file (YAML or JSON); each issue names the field')
    .action((file: string) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('policy.validate', { text: readText(file, 'policy') });
        rt.print(res, () => (res.ok ? `${file}: ok` : res.issues.map((i) => `${file}: ${i.path}: ${i.message}`).join('\n')));
        if (!res.ok) process.exitCode = 2;
      }),
    );
  cmd
    .command('preview')
    .description('which pool and backends a sample request would hit')
    .requiredOption('--policy <file>', 'policy file')
    .requiredOption('--client <address>', 'client address')
    .option('--model <model>', 'the request body `model`')
    .option('--path <path>', 'request path', '/v1/chat/completions')
    .action((o: { policy: string; client: string; model?: string; path: string }) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('policy.preview', {
          text: readText(o.policy, 'policy'),
          request: { client: o.client, path: o.path, ...(o.model !== undefined ? { model: o.model } : {}) },
        });
        rt.print(res, () => `pool ${res.pool}: ${res.backends.join(', ') || '(no healthy backend)'}\n${res.reason}`);
      }),
    );
  cmd
    .command('simulate')
    .description('replay a trace through a policy (and others to compare) on the measured topology')
    .requiredOption('--policy <file>', 'policy file')
    .option('--trace <file>', 'CSV trace: time,client,model,prompt_tokens,output_tokens[,path]')
    .option('--synthetic <json>', 'generate the trace instead: JSON like {"requests":1000,"ratePerSec":20,"models":{"llama3":1},"clients":["10.0.0.1"]}')
    .option('--compare <files...>', 'more policy files to compare side by side')
    .option('--algorithms <list>', 'also run each policy under these algorithms, e.g. round-robin,least-connections,ip-hash')
    .action((o: { policy: string; trace?: string; synthetic?: string; compare?: string[]; algorithms?: string }) =>
      withRuntime(globals(), async (rt) => {
        if (!o.trace === !o.synthetic) throw new RoutewiseError('bad-request', 'give exactly one of --trace FILE or --synthetic JSON');
        let trace: { csv: string } | { synthetic: never };
        if (o.trace) trace = { csv: readText(o.trace, 'trace') };
        else {
          try {
            trace = { synthetic: JSON.parse(o.synthetic!) as never };
          } catch {
            throw new RoutewiseError('bad-request', '--synthetic is not valid JSON');
          }
        }
        const policies = [o.policy, ...(o.compare ?? [])].map((f) => readText(f, 'policy'));
        const algorithms = (o.algorithms ?? '').split(',').map((a) => a.trim()).filter(Boolean);
        const bad = algorithms.filter((a) => !BalanceAlgorithm.safeParse(a).success);
        if (bad.length) throw new RoutewiseError('bad-request', `--algorithms: unknown ${bad.join(', ')} (use ${BalanceAlgorithm.options.join(', ')})`);
        const reports = await rt.api.call('policy.simulate', { policies, trace, algorithms: algorithms.map((a) => BalanceAlgorithm.parse(a)) });
        rt.print(reports, () => table(reports));
      }),
    );
  cmd
    .command('render')
    .description('render a policy for a data plane')
    .requiredOption('--policy <file>', 'policy file')
    .requiredOption('--target <target>', `one of ${RenderTarget.options.join(', ')}`)
    .option('--out <file>', 'write the configuration here (and companion files next to it) instead of stdout')
    .option('--njs', 'nginx: route on the JSON body `model` with njs (ngx_http_js_module) instead of the X-Model header', false)
    .action((o: { policy: string; target: string; out?: string; njs: boolean }) =>
      withRuntime(globals(), async (rt) => {
        const target = RenderTarget.safeParse(o.target);
        if (!target.success) throw new RoutewiseError('bad-request', `--target must be one of ${RenderTarget.options.join(', ')}`);
        const res = await rt.api.call('policy.render', { text: readText(o.policy, 'policy'), target: target.data, nginxNjs: o.njs });
        if (res.files.length && !o.out && !rt.opts.json) throw new RoutewiseError('bad-request', `this configuration needs companion files (${res.files.map((f) => f.name).join(', ')}): use --out FILE`);
        if (o.out) {
          fs.writeFileSync(o.out, res.config);
          for (const f of res.files) fs.writeFileSync(path.join(path.dirname(o.out), f.name), f.content);
        }
        if (rt.opts.json) rt.print(res, () => '');
        else {
          if (!o.out) process.stdout.write(res.config);
          for (const n of res.notes) process.stderr.write(`note: ${n}\n`);
        }
      }),
    );
  cmd
    .command('deploy')
    .description('plan a phased rollout of a policy to HAProxy/nginx hosts or FortiGates over SSH: pilot first, gates on backend health (and latency)')
    .requiredOption('--policy <file>', 'policy file')
    .requiredOption('--target <target>', 'haproxy | nginx | fortios')
    .requiredOption('--hosts <list>', 'comma-separated load-balancer hosts, ADDRESS or ADDRESS:SSHPORT (the first is the pilot unless --pilot)')
    .option('--credential <id>', 'SSH credential id from the vault (routewise credentials list)')
    .option('--ssh-user <user>', 'instead of --credential: store this SSH login in the vault (with --ssh-key)')
    .option('--ssh-key <file>', 'private key file for --ssh-user')
    .option('--ssh-password-env <var>', 'instead of --ssh-key: the environment variable holding the password for --ssh-user (kept off the command line)')
    .option('--config <path>', 'haproxy/nginx: the proxy config file on each host')
    .option('--njs', 'nginx: route on the JSON body model with njs; the companion .js file is deployed beside the config', false)
    .option('--reload <command>', 'reload command on each host (default: systemctl reload haproxy|nginx)')
    .option('--check <command>', 'check command with {file} (default: haproxy -c -q -f {file} / nginx -t -q -c {file})')
    .option('--state-dir <path>', 'backup and revert job directory on each host (default /var/tmp/routewise-lb)')
    .option('--pilot <address>', 'the pilot host')
    .option('--waves <list>', 'cumulative wave points after the pilot: percentages or counts', '100%')
    .option('--confirm-within <sec>', 'hosts revert by themselves unless confirmed within this', '120')
    .option('--soak <sec>', 'gates run at once and again after this long', '10')
    .option('--latency-p95 <ms>', 'gate: p95 through each proxy under this', '1000')
    .option('--latency-requests <n>', 'gate: requests sent through each proxy', '20')
    .option('--latency-path <path>', 'gate: path requested through the proxy (default: the default pool health path)')
    .option('--yes', 'approve the plan at once', false)
    .action(
      (o: { policy: string; target: string; hosts: string; credential?: string; sshUser?: string; sshKey?: string; sshPasswordEnv?: string; config?: string; njs: boolean; reload?: string; check?: string; stateDir?: string; pilot?: string; waves: string; confirmWithin: string; soak: string; latencyP95: string; latencyRequests: string; latencyPath?: string; yes: boolean }) =>
        withRuntime(globals(), async (rt) => {
          if (o.target !== 'haproxy' && o.target !== 'nginx' && o.target !== 'fortios') throw new RoutewiseError('bad-request', '--target must be haproxy, nginx or fortios');
          const target = o.target;
          if (target !== 'fortios' && !o.config) throw new RoutewiseError('bad-request', `--config is required for ${target} hosts`);
          if (!o.credential === !(o.sshUser && (o.sshKey || o.sshPasswordEnv))) throw new RoutewiseError('bad-request', 'give --credential ID, or --ssh-user USER with --ssh-key FILE or --ssh-password-env VAR');
          const password = o.sshPasswordEnv ? process.env[o.sshPasswordEnv] : undefined;
          if (o.sshPasswordEnv && !password) throw new RoutewiseError('bad-request', `--ssh-password-env: ${o.sshPasswordEnv} is not set`);
          const label = `${target === 'fortios' ? 'FortiGates' : 'load balancers'} (${o.sshUser ?? ''})`;
          const credentialId =
            o.credential ??
            (await rt.api.call('credentials.create', password ? { kind: 'ssh', label, user: o.sshUser!, password } : { kind: 'ssh', label, user: o.sshUser!, privateKey: readText(o.sshKey!, 'SSH key') })).id;
          const hosts = o.hosts.split(',').map((h) => h.trim()).filter(Boolean).map((h) => {
            const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
            if (!m) throw new RoutewiseError('bad-request', `--hosts: cannot read ${h}`);
            const address = m[1]!.replace(/^\[|\]$/g, '');
            const sshPort = m[2] ? Number(m[2]) : 22;
            if (target === 'fortios') return { address, sshPort, credentialId };
            return {
              address,
              sshPort,
              credentialId,
              configPath: o.config!,
              ...(o.reload ? { reloadCommand: o.reload } : {}),
              ...(o.check ? { checkCommand: o.check } : {}),
              ...(o.stateDir ? { stateDir: o.stateDir } : {}),
            };
          });
          const plan = await rt.api.call('policy.deploy', {
            text: readText(o.policy, 'policy'),
            target,
            hosts,
            nginxNjs: o.njs,
            ...(o.pilot ? { pilot: o.pilot } : {}),
            waves: o.waves.split(',').map((w) => w.trim()),
            confirmWithinSec: Number(o.confirmWithin),
            soakSec: Number(o.soak),
            latency: { requests: Number(o.latencyRequests), p95MaxMs: Number(o.latencyP95), ...(o.latencyPath ? { path: o.latencyPath } : {}) },
            approve: o.yes,
          });
          rt.print(plan, () =>
            [
              `plan ${plan.id} (${plan.status}): ${plan.template.description}`,
              ...plan.phases.map((ph) => `  ${ph.name}: ${ph.devices.join(', ')}`),
              ...plan.notes.map((n) => `  note: ${n}`),
              plan.status === 'approved' ? `run it with: routewise rollout run ${plan.id}` : `review it (routewise rollout show ${plan.id}), then: routewise rollout approve ${plan.id}`,
            ].join('\n'),
          );
        }),
    );
  cmd
    .command('trace')
    .description('write a seeded synthetic trace as CSV (Poisson arrivals, model mix)')
    .requiredOption('--requests <n>', 'number of requests', (v) => Number.parseInt(v, 10))
    .requiredOption('--rate <perSec>', 'mean arrivals per second', Number)
    .requiredOption('--models <mix>', 'model=share,… e.g. llama3=3,mistral=1')
    .requiredOption('--clients <list>', 'comma-separated client addresses')
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 1)
    .option('--mean-prompt-tokens <n>', 'mean prompt tokens', Number, 400)
    .option('--mean-output-tokens <n>', 'mean output tokens', Number, 200)
    .action((o: { requests: number; rate: number; models: string; clients: string; seed: number; meanPromptTokens: number; meanOutputTokens: number }) => {
      const models = Object.fromEntries(o.models.split(',').map((kv) => {
        const [k, v] = kv.split('=');
        return [k!.trim(), v === undefined ? 1 : Number(v)];
      }));
      process.stdout.write(
        traceToCsv(
          syntheticTrace({ seed: o.seed, requests: o.requests, ratePerSec: o.rate, models, clients: o.clients.split(',').map((c) => c.trim()), meanPromptTokens: o.meanPromptTokens, meanOutputTokens: o.meanOutputTokens }),
        ),
      );
    });
}
