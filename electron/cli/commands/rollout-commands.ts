import fs from 'node:fs';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import YAML from 'yaml';
import { RoutewiseError } from '../../../shared/api/errors';
import type { FailureThreshold, PlanRequest, RolloutPlan, RolloutStep } from '../../../shared/api/rollout';
import { type CliRuntime, type GlobalOptions, withRuntime } from '../runtime';

/** Device-supplied text (diffs, errors) printed to a terminal: no control characters, length-capped. */
const clean = (s: string, max = 4000) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ').slice(0, max);

function intArg(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new RoutewiseError('bad-request', `--${name} must be a whole number, got ${v}`);
  return n;
}

function threshold(v: string | undefined): FailureThreshold | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(v.trim());
  if (!m) throw new RoutewiseError('bad-request', `--failure-threshold is a count (2) or a percentage (10%), got ${v}`);
  return m[2] ? { percent: Number(m[1]) } : { count: Number(m[1]) };
}

function readParams(file: string | undefined, pairs: string[]): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  if (file) {
    if (!fs.existsSync(file)) throw new RoutewiseError('not-found', `no params file ${file}`);
    const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc))) throw new RoutewiseError('bad-request', `${file}: expected a mapping of parameter names to values`);
    params = { ...(doc as Record<string, unknown> | null) };
  }
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i < 1) throw new RoutewiseError('bad-request', `--param is name=value, got ${p}`);
    params[p.slice(0, i)] = p.slice(i + 1);
  }
  return params;
}

function planText(p: RolloutPlan, withDiffs: boolean): string {
  const out = [
    `plan ${p.id}  ${p.status}  template ${p.template.name} (${p.template.mode})  by ${p.createdBy}${p.approvedBy ? `  approved by ${p.approvedBy}` : ''}`,
    `params: ${JSON.stringify(p.params)}`,
    `confirm within ${p.options.confirmWithinSec}s, soak ${p.options.soakSec}s, concurrency ${p.options.concurrency}, on failure: ${p.options.failurePolicy}, after a crash: ${p.options.recovery}`,
    `pilot: ${clean(p.pilotReasoning, 1000)}`,
  ];
  for (const n of p.notes) out.push(`note: ${clean(n, 1000)}`);
  for (const ph of p.phases) {
    out.push(`\n${ph.name} (${ph.devices.length} device(s), threshold ${JSON.stringify(ph.threshold)})`);
    for (const a of ph.devices) {
      const d = p.devices.find((x) => x.address === a)!;
      out.push(`  ${d.address.padEnd(16)} ${clean(d.label, 40).padEnd(20)} ${d.platform.padEnd(9)} ${d.state.padEnd(12)} ${d.safeChange ?? ''}${d.error ? `  ${clean(d.error, 300)}` : ''}`);
      if (withDiffs) {
        const diff = d.diff === null ? '(diff not read yet; the change is)\n' + d.change : d.diff === '' ? '(no change: already compliant)' : d.diff;
        out.push(...clean(diff).split('\n').filter(Boolean).map((l) => `      ${l}`));
      }
    }
  }
  if (p.summary) out.push(`\n${clean(p.summary, 2000)}`);
  return out.join('\n');
}

function stepLine(e: RolloutStep): string {
  return `${e.at.slice(11, 19)} phase ${e.phaseIndex} ${e.address ?? ''} ${e.step} ${e.outcome}: ${clean(e.message, 300)}`;
}

async function confirmInteractively(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function watch(rt: CliRuntime): void {
  rt.api.on('rollout.step', (e) => {
    if (rt.opts.json) return;
    process.stderr.write(`${stepLine(e as RolloutStep)}\n`);
  });
}

const ENDED_BADLY = new Set(['halted', 'rolled-back', 'aborted', 'failed', 'interrupted']);

/**
 * Every `rollout` command first reconciles plans whose runner died (a crash or kill -9 of an earlier command),
 * resuming or rolling each back per its recovery policy, and says so on stderr: the journal, not the command the
 * admin happened to type next, decides what happens to a half-done change. Returns the plans it recovered.
 */
async function recoverInterrupted(rt: CliRuntime): Promise<Set<string>> {
  watch(rt);
  const { recovered } = await rt.api.call('rollout.recover', {});
  for (const r of recovered) {
    process.stderr.write(`recovered interrupted plan ${r.planId}: now ${r.status}${r.actions.length ? ` (${clean(r.actions.join('; '), 1000)})` : ''}\n`);
  }
  return new Set(recovered.map((r) => r.planId));
}

/** withRuntime for rollout commands: recovery first. */
function withRollout(opts: GlobalOptions, fn: (rt: CliRuntime, recovered: Set<string>) => Promise<void>): Promise<void> {
  return withRuntime(opts, async (rt) => fn(rt, await recoverInterrupted(rt)));
}

export function registerRolloutCommands(program: Command, globals: () => GlobalOptions): void {
  const rollout = program.command('rollout').description('phased config rollouts: templates, plans with pilot and waves, gates, commit-confirm and rollback');

  rollout
    .command('templates')
    .description('list change templates (shipped, and yours in <data-dir>/templates)')
    .action(() =>
      withRollout(globals(), async (rt) => {
        const r = await rt.api.call('rollout.templates', {});
        rt.print(r, () =>
          [
            ...r.templates.map((t) => `${t.name.padEnd(28)} ${t.source.padEnd(8)} ${t.platforms.join(',').padEnd(40)} params: ${Object.keys(t.parameters).join(', ')}`),
            ...r.problems.map((p) => `problem: ${p}`),
          ].join('\n'),
        );
      }),
    );

  rollout
    .command('preview')
    .description('render a template with parameters, per platform (secrets shown as ********)')
    .requiredOption('--template <name|file>', 'template name or YAML file')
    .option('--params <file>', 'YAML/JSON file of parameter values')
    .option('--param <name=value...>', 'a parameter value', [])
    .option('--platform <name...>', 'only these platforms')
    .action((o: { template: string; params?: string; param: string[]; platform?: string[] }) =>
      withRollout(globals(), async (rt) => {
        const r = await rt.api.call('rollout.preview', { template: o.template, params: readParams(o.params, o.param), ...(o.platform ? { platforms: o.platform as never } : {}) });
        rt.print(r, () => r.rendered.map((x) => `--- ${x.platform}\n${x.config}`).join('\n'));
      }),
    );

  rollout
    .command('plan')
    .description('plan a rollout: targets, pilot, waves, rendered change and per-device diffs')
    .requiredOption('--template <name|file>', 'template name or YAML file')
    .option('--params <file>', 'YAML/JSON file of parameter values')
    .option('--param <name=value...>', 'a parameter value', [])
    .requiredOption('--targets <selector>', 'all | platform:NAME | segment:NAME | device:ADDRESS[,ADDRESS…]')
    .option('--pilot <selector>', 'the pilot (default: the least critical segment with every targeted platform)')
    .option('--waves <list>', 'cumulative wave points: percentages or counts', '10%,50%,100%')
    .option('--confirm-within <sec>', 'devices revert by themselves unless confirmed within this', '300')
    .option('--soak <sec>', 'gates run at once and again after this long', '60')
    .option('--concurrency <n>', 'devices at a time within a phase', '1')
    .option('--on-failure <policy>', 'halt | rollback-phase | rollback-all', 'halt')
    .option('--failure-threshold <n|p%>', 'a wave fails when MORE than this many (or this % of its) devices fail', '0')
    .option('--cpu-max <percent>', 'gate: CPU under this (HOST-RESOURCES-MIB)')
    .option('--show-command <command>', 'gate: a show command …')
    .option('--show-match <regex>', '… whose output must match this')
    .option('--no-snmp-gate', 'skip the SNMP reachability gate')
    .option('--no-interfaces-gate', 'skip the interfaces-still-up gate')
    .option('--no-threats-gate', 'skip the no-new-critical-insights gate')
    .option('--window <HH:MM-HH:MM>', 'maintenance window (UTC)')
    .option('--recovery <policy>', 'after a crash: resume | rollback', 'resume')
    .option('--no-diff', 'do not read running configs now')
    .option('--yes', 'approve the plan and its diffs without asking', false)
    .action(
      (o: {
        template: string; params?: string; param: string[]; targets: string; pilot?: string; waves: string; confirmWithin: string; soak: string; concurrency: string;
        onFailure: string; failureThreshold: string; cpuMax?: string; showCommand?: string; showMatch?: string; snmpGate: boolean; interfacesGate: boolean;
        threatsGate: boolean; window?: string; recovery: string; diff: boolean; yes: boolean;
      }) =>
        withRollout(globals(), async (rt) => {
          if (!!o.showCommand !== !!o.showMatch) throw new RoutewiseError('bad-request', '--show-command and --show-match go together');
          const win = o.window ? /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(o.window) : null;
          if (o.window && !win) throw new RoutewiseError('bad-request', `--window is HH:MM-HH:MM (UTC), got ${o.window}`);
          const req: PlanRequest = {
            template: o.template,
            params: readParams(o.params, o.param),
            targets: o.targets,
            ...(o.pilot ? { pilot: o.pilot } : {}),
            waves: o.waves.split(',').map((w) => w.trim()).filter(Boolean),
            confirmWithinSec: intArg('confirm-within', o.confirmWithin),
            soakSec: intArg('soak', o.soak),
            concurrency: intArg('concurrency', o.concurrency),
            failurePolicy: o.onFailure as PlanRequest['failurePolicy'],
            failureThreshold: threshold(o.failureThreshold),
            gates: {
              snmpReachable: o.snmpGate,
              interfacesStayUp: o.interfacesGate,
              noNewCriticalThreats: o.threatsGate,
              ...(o.cpuMax ? { cpuMaxPercent: Number(o.cpuMax) } : {}),
              ...(o.showCommand && o.showMatch ? { show: { command: o.showCommand, pattern: o.showMatch } } : {}),
            },
            ...(win ? { maintenanceWindow: { start: win[1]!, end: win[2]!, timezone: 'utc' as const } } : {}),
            recovery: o.recovery as PlanRequest['recovery'],
            diffNow: o.diff,
            approve: o.yes,
          };
          let plan = await rt.api.call('rollout.plan', req);
          if (!o.yes && !rt.opts.json) {
            process.stdout.write(`${planText(plan, true)}\n`);
            if (await confirmInteractively('Approve this plan and its diffs?')) plan = await rt.api.call('rollout.approve', { planId: plan.id });
            process.stdout.write(plan.status === 'approved' ? `approved; run it with: routewise rollout run ${plan.id}\n` : `not approved; approve with: routewise rollout run ${plan.id} --yes\n`);
            return;
          }
          rt.print(plan, () => `${planText(plan, true)}\n${plan.status === 'approved' ? `approved; run it with: routewise rollout run ${plan.id}` : ''}`);
        }),
    );

  rollout
    .command('show')
    .argument('<plan>')
    .description('a plan with its phases, devices, diffs and state')
    .action((planId: string) =>
      withRollout(globals(), async (rt) => {
        const p = await rt.api.call('rollout.get', { planId });
        rt.print(p, () => planText(p, true));
      }),
    );

  rollout
    .command('status')
    .argument('[plan]')
    .description('one plan\'s state, or every plan')
    .action((planId: string | undefined) =>
      withRollout(globals(), async (rt) => {
        if (planId) {
          const p = await rt.api.call('rollout.get', { planId });
          rt.print(p, () => planText(p, false));
          return;
        }
        const { plans } = await rt.api.call('rollout.list', { limit: 50 });
        rt.print({ plans }, () => plans.map((p) => `${p.id}  ${p.status.padEnd(12)} ${p.template.padEnd(28)} ${p.devices} device(s) ${p.phases} phase(s)  ${p.createdAt}${p.summary ? `  ${clean(p.summary, 200)}` : ''}`).join('\n') || 'no plans');
      }),
    );

  const runLike = (name: 'run' | 'resume', description: string) =>
    rollout
      .command(name)
      .argument('<plan>')
      .description(description)
      .option('--yes', 'approve a draft plan first, without asking', false)
      .action((planId: string, o: { yes: boolean }) =>
        withRollout(globals(), async (rt, recovered) => {
          let p = await rt.api.call('rollout.get', { planId });
          if (recovered.has(planId)) {
            // Recovery already resumed it to its end (or rolled it back): report, do not run it again.
            rt.print(p, () => planText(p, false));
            if (ENDED_BADLY.has(p.status)) process.exitCode = 5;
            return;
          }
          if (p.status === 'draft') {
            if (!o.yes) {
              if (!rt.opts.json) process.stdout.write(`${planText(p, true)}\n`);
              if (rt.opts.json || !(await confirmInteractively('Approve this plan and run it?'))) {
                throw new RoutewiseError('conflict', `plan ${planId} is not approved: review it (rollout show ${planId}) and pass --yes`);
              }
            }
            p = await rt.api.call('rollout.approve', { planId });
          }
          p = await rt.api.call(name === 'run' ? 'rollout.run' : 'rollout.resume', { planId, wait: true });
          rt.print(p, () => planText(p, false));
          if (ENDED_BADLY.has(p.status)) process.exitCode = 5;
        }),
      );
  runLike('run', 'execute the plan phase by phase (pilot first); progress on stderr');
  runLike('resume', 'continue a paused plan, or reconcile and continue an interrupted one');

  for (const [name, method, description] of [
    ['pause', 'rollout.pause', 'finish the devices in flight, then stop (resume continues)'],
    ['abort', 'rollout.abort', 'stop; devices in flight are rolled back, confirmed ones stay'],
    ['rollback', 'rollout.rollback', 'put every device the plan changed back to its backup, verified'],
  ] as const) {
    rollout
      .command(name)
      .argument('<plan>')
      .description(description)
      .action((planId: string) =>
        withRollout(globals(), async (rt) => {
          const p = await rt.api.call(method, { planId });
          rt.print(p, () => planText(p, false));
        }),
      );
  }
}
