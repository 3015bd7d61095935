import type { Policy } from '../../../shared/api/ai-traffic';
import { PolicyDeployRequest } from '../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../shared/api/errors';
import { PlanRequest, type GateConfig, type RolloutPlan } from '../../../shared/api/rollout';
import type { Driver } from '../drivers/driver';
import { bundleConfig } from '../drivers/linux-lb-driver';
import { buildPlan } from '../rollout/plan';
import type { InventoryTarget } from '../rollout/selectors';
import type { LoadedTemplate } from '../rollout/templates/template-library';
import { backendsOf } from './render-common';
import { renderPolicy } from './render';

type DeployOptions = ReturnType<typeof PolicyDeployRequest.parse>;
type DeployTarget = DeployOptions['target'];

/**
 * The policy's rendered config as a one-body template: a raw block, so nothing in the config is read as Nunjucks.
 * HAProxy/nginx: the whole config file (with its companion files, as a bundle) replaces the host's; FortiOS: the VIP
 * and monitor commands are merged into the FortiGate's configuration.
 */
export function policyTemplate(policy: Policy, target: DeployTarget, config: string): LoadedTemplate {
  if (config.includes('{% endraw %}')) throw new RoutewiseError('bad-request', 'the rendered config contains "{% endraw %}"');
  const fortios = target === 'fortios';
  return {
    spec: {
      name: `ai-policy-${policy.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 64),
      description: fortios
        ? `AI traffic policy '${policy.name}' (${policy.algorithm}) rendered as FortiOS virtual servers and health monitors, merged into the configuration.`
        : `AI traffic policy '${policy.name}' (${policy.algorithm}) rendered for ${target}; the whole config file is replaced.`,
      platforms: [fortios ? 'fortios' : 'linux'],
      mode: fortios ? 'merge' : 'replace',
      parameters: {},
      body: `{% raw %}${config}{% endraw %}`,
    },
    source: 'file',
    file: `policy ${policy.name} (${target})`,
  };
}

/** A FortiGate's ldb-monitor needs interval × retry seconds to call a real server alive or dead (render: 5 s × 2). */
const FORTIOS_HEALTH_WAIT_MS = 20_000;

/**
 * The gates of a policy deploy, besides reachability over SSH: every backend the policy names (and does not itself
 * mark down) answers its health path from the proxy host, and requests through the proxy stay under the p95 limit.
 * On a FortiGate the backend-health gate reads the FortiGate's own monitors (`diagnose firewall vip realserver
 * list`); there is no latency gate, as the VIP's traffic also needs a firewall policy the render leaves out.
 */
export function deployGates(policy: Policy, opts: DeployOptions): GateConfig {
  const byId = backendsOf(policy);
  const used = [...new Set(policy.pools.flatMap((p) => p.backends))].map((id) => byId.get(id)!).filter((b) => b.healthy);
  const url = (address: string, port: number, path: string) => `http://${address.includes(':') ? `[${address}]` : address}:${port}${path}`;
  const defaultPool = policy.pools.find((p) => p.name === (policy.defaultPool ?? policy.pools[0]!.name))!;
  const path = opts.latency.path ?? byId.get(defaultPool.backends[0]!)!.healthPath;
  if (opts.target === 'fortios') {
    return {
      snmpReachable: false,
      interfacesStayUp: true,
      noNewCriticalThreats: true,
      ...(used.length > 0 ? { backendHealth: { backends: used.map((b) => ({ id: b.id, url: url(b.address, b.port, b.healthPath) })), timeoutMs: FORTIOS_HEALTH_WAIT_MS } } : {}),
    };
  }
  return {
    snmpReachable: false,
    interfacesStayUp: true,
    noNewCriticalThreats: true,
    ...(used.length > 0 ? { backendHealth: { backends: used.map((b) => ({ id: b.id, url: url(b.address, b.port, b.healthPath) })), timeoutMs: 3000 } } : {}),
    latency: { url: `http://{address}:${policy.frontend.port}${path}`, requests: opts.latency.requests, p95MaxMs: opts.latency.p95MaxMs, timeoutMs: 5000 },
  };
}

export interface DeployPlanDeps {
  openDriver(address: string): Promise<Driver>;
  actor: string;
}

/** Renders the policy and builds a rollout plan over the load-balancer hosts (pilot first, then the waves). */
export async function buildDeployPlan(input: PolicyDeployRequest, policy: Policy, deps: DeployPlanDeps): Promise<{ plan: RolloutPlan; changes: Map<string, string> }> {
  const opts = PolicyDeployRequest.parse(input);
  if (/^(127\.|::1$|localhost$)/.test(policy.frontend.address)) {
    throw new RoutewiseError('bad-request', `the policy's frontend listens on ${policy.frontend.address} only, which no client (nor the latency gate) can reach on a load-balancer host: set frontend.address to 0.0.0.0 or the host's address`);
  }
  const addresses = opts.hosts.map((h) => h.address);
  if (new Set(addresses).size !== addresses.length) throw new RoutewiseError('bad-request', 'a host is listed twice');
  if (opts.pilot && !addresses.includes(opts.pilot)) throw new RoutewiseError('bad-request', `the pilot ${opts.pilot} is not one of the hosts`);
  if (opts.target === 'fortios' && policy.frontend.address === '0.0.0.0') throw new RoutewiseError('bad-request', "a FortiGate VIP needs an external address: set the policy's frontend.address to the FortiGate's address for the VIPs");
  const rendered = renderPolicy(policy, opts.target, { nginxNjs: opts.nginxNjs, headerComment: opts.target !== 'fortios' });
  // The config file and its companions travel as one text: backed up, diffed, installed and restored together.
  const body = bundleConfig({ main: rendered.config, files: rendered.files });
  const inventory: InventoryTarget[] = opts.hosts.map((h, i) => ({
    deviceId: `lb-${i}`,
    address: h.address,
    port: h.sshPort,
    label: h.label ?? h.address,
    platform: opts.target === 'fortios' ? 'fortios' : 'linux',
    segment: null,
    credentialId: null,
    sshCredentialId: h.credentialId,
  }));
  const request = PlanRequest.parse({
    template: 'inline',
    targets: `device:${addresses.join(',')}`,
    pilot: `device:${opts.pilot ?? addresses[0]!}`,
    waves: opts.waves,
    confirmWithinSec: opts.confirmWithinSec,
    soakSec: opts.soakSec,
    concurrency: opts.concurrency,
    failurePolicy: opts.failurePolicy,
    gates: deployGates(policy, opts),
  });
  const built = await buildPlan(request, {
    template: policyTemplate(policy, opts.target, body),
    inventory,
    segments: [],
    openDriver: (t) => deps.openDriver(t.address),
    actor: deps.actor,
  });
  built.plan.notes.push(...rendered.notes.map((n) => `${opts.target}: ${n}`));
  return built;
}
