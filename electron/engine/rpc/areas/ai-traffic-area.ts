import type { aiTrafficMethods } from '../../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { Finding } from '../../../../shared/domain/topology';
import { AiServicesService } from '../../ai-traffic/ai-services-service';
import { LbHostsRepo, openLbDriver, storedHost } from '../../ai-traffic/lb-hosts';
import { buildDeployPlan } from '../../ai-traffic/policy-deploy';
import { parsePolicy } from '../../ai-traffic/policy-parse';
import { previewPolicy, registryBackends, requirePolicy, simulatePolicies } from '../../ai-traffic/policy-service';
import { renderPolicy } from '../../ai-traffic/render';
import type { SimTopology } from '../../ai-traffic/topology-paths';
import { parseTraceCsv, syntheticTrace } from '../../ai-traffic/trace';
import type { EngineContext } from '../../engine-context';
import { rolloutService } from '../../rollout/rollout-service';
import { TopologyService } from '../../topology/topology-service';
import type { HandlersFor } from '../handlers';

const HOT_LINK_WINDOW_MS = 60 * 60_000;

export function aiTrafficHandlers(ctx: EngineContext): HandlersFor<typeof aiTrafficMethods> {
  const services = new AiServicesService(ctx);
  const topology = new TopologyService(ctx);
  const registry = async () => registryBackends(await services.repo.list());
  const lbHosts = new LbHostsRepo(ctx);
  const rollouts = rolloutService(ctx);
  // Rollout runs reach the load-balancer hosts a policy was deployed to, whoever starts the run.
  rollouts.addDriverSource(async (address, planId) => {
    const h = await lbHosts.get(planId, address);
    return h ? openLbDriver(ctx, h) : undefined;
  });
  const measuredTopology = async (): Promise<SimTopology | undefined> => {
    const { nodes, links } = await topology.current();
    if (links.length === 0) return undefined;
    let hotLinkIds: string[] = [];
    try {
      // analyze() returned a bare list before it grew segment coverage; accept either shape.
      const res: Finding[] | { findings: Finding[] } = await topology.analyze(HOT_LINK_WINDOW_MS);
      const findings = Array.isArray(res) ? res : res.findings;
      hotLinkIds = findings.filter((f) => f.kind === 'hot-link' && f.subject.type === 'link').map((f) => f.subject.id);
    } catch (err) {
      ctx.log('warn', `ai-traffic: bottleneck analysis unavailable, hot links not flagged: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { nodes, links, hotLinkIds };
  };
  return {
    'ai-services.list': () => services.repo.list(),
    'ai-services.upsert': async (spec, call) => {
      const saved = await services.repo.upsert(spec, 'manual');
      await ctx.audit.append({ actor: call.actor, action: 'ai-services.upsert', subject: saved.id });
      return saved;
    },
    'ai-services.remove': async ({ id }, call) => {
      const removed = await services.repo.remove(id);
      if (removed) await ctx.audit.append({ actor: call.actor, action: 'ai-services.remove', subject: id });
      return { removed };
    },
    'ai-services.probe': ({ ids, timeoutMs }, call) => services.probe(ids, timeoutMs, call.signal),
    'ai-services.discover': (opts, call) => services.discover(opts, call.signal),
    'policy.validate': async ({ text }) => {
      const r = parsePolicy(text, await registry());
      return { ok: r.ok, issues: r.issues };
    },
    'policy.preview': async ({ text, request }) => previewPolicy(requirePolicy(text, await registry()), request),
    'policy.simulate': async ({ policies, algorithms, trace }) => {
      const reg = await registry();
      const parsed = policies.map((t, i) => {
        try {
          return requirePolicy(t, reg);
        } catch (err) {
          if (err instanceof RoutewiseError) throw new RoutewiseError(err.code, `policy #${i + 1}: ${err.message}`, err.details);
          throw err;
        }
      });
      const rows = 'csv' in trace ? parseTraceCsv(trace.csv) : syntheticTrace(trace.synthetic);
      const latency: Record<string, number> = {};
      for (const s of await services.repo.list()) if (s.health?.ewmaLatencyMs !== undefined) latency[s.id] = s.health.ewmaLatencyMs;
      const variants = algorithms.length
        ? parsed.flatMap((p) => algorithms.map((algorithm) => ({ ...p, algorithm, name: `${p.name}/${algorithm}` })))
        : parsed;
      return simulatePolicies(variants, rows, await measuredTopology(), latency);
    },
    'policy.render': async ({ text, target, nginxNjs }) => {
      const r = renderPolicy(requirePolicy(text, await registry()), target, { nginxNjs });
      return { target, config: r.config, files: r.files, notes: r.notes };
    },
    'policy.deploy': async (input, call) => {
      const policy = requirePolicy(input.text, await registry());
      for (const id of new Set(input.hosts.map((h) => h.credentialId))) {
        const cred = await ctx.credentials.reveal(id).catch(() => undefined);
        if (cred?.kind !== 'ssh') throw new RoutewiseError('bad-request', `credential ${id} is ${cred ? `a ${cred.kind} credential` : 'not in the vault'}: the load-balancer hosts need an SSH credential`);
      }
      const companions = renderPolicy(policy, input.target, { nginxNjs: input.nginxNjs }).files.map((f) => f.name);
      const hosts = new Map(input.hosts.map((h) => [h.address, storedHost(h, input.target, companions)]));
      const { plan, changes } = await buildDeployPlan(input, policy, {
        actor: call.actor,
        openDriver: (address) => openLbDriver(ctx, hosts.get(address)!),
      });
      // Hosts first: a plan that exists can be run, and its run must find them.
      await lbHosts.savePlan(plan.id, [...hosts.values()]);
      await rollouts.repo.insertPlan(plan, changes);
      await ctx.audit.append({ actor: call.actor, action: 'policy.deploy', subject: plan.id, details: { policy: policy.name, target: input.target, hosts: [...hosts.keys()] } });
      if (input.approve) await rollouts.approve(plan.id, call.actor);
      return rollouts.repo.getPlan(plan.id);
    },
  };
}
