import type { AiService, Policy, PolicyBackend, PreviewRequest, PreviewResult, SimulationReport, TraceRequest } from '../../../shared/api/ai-traffic';
import { PreviewRequest as PreviewRequestSchema } from '../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../shared/api/errors';
import { parsePolicy } from './policy-parse';
import { compilePolicy, splitModel } from './router';
import { simulate } from './simulator';
import type { SimTopology } from './topology-paths';

/** Registry entries as policy backends; a failed last probe marks a backend down. */
export function registryBackends(services: readonly AiService[]): PolicyBackend[] {
  return services.map((s) => ({
    id: s.id,
    address: s.address,
    port: s.port,
    model: s.model,
    ...(s.version ? { version: s.version } : {}),
    site: s.site,
    capacity: s.capacity,
    healthPath: s.healthPath,
    weight: s.weight,
    healthy: s.health?.healthy ?? true,
  }));
}

/** Parses or throws a 'bad-request' whose details list every issue with its path. */
export function requirePolicy(text: string, registry: readonly PolicyBackend[]): Policy {
  const r = parsePolicy(text, registry);
  if (!r.ok) {
    const first = r.issues[0]!;
    const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
    throw new RoutewiseError('bad-request', `policy: ${first.path}: ${first.message}${more}`, { issues: r.issues });
  }
  return r.policy;
}

export function previewPolicy(policy: Policy, input: PreviewRequest): PreviewResult {
  const req = PreviewRequestSchema.parse(input);
  const c = compilePolicy(policy);
  const route = c.route(req.client, req.model ?? '', req.path);
  if (!route) return { pool: '', siteOrder: [], backends: [], reason: 'no rule matched and there is no default pool' };
  const pool = policy.pools[route.poolIndex]!.name;
  const rule = route.ruleIndex >= 0 ? policy.rules[route.ruleIndex]! : undefined;
  const seg = route.segmentIndex >= 0 ? policy.segments[route.segmentIndex]! : undefined;
  const backends = route.groups.flat().map((i) => c.backends[i]!.id);
  const [base, version] = splitModel(req.model ?? '');
  const why = rule
    ? `rule ${rule.name ?? route.ruleIndex} matched (${Object.entries(rule.match)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')})`
    : `no rule matched model '${base}'${version ? ` version '${version}'` : ''} path '${req.path}': default pool`;
  const where = seg ? `client ${req.client} is in segment ${seg.name} (site ${seg.site}); sites tried in order ${route.siteOrder.join(' → ')}` : `client ${req.client} is in no segment: all healthy pool members`;
  const result: PreviewResult = { pool, siteOrder: route.siteOrder, backends, reason: `${why}; ${where}` };
  if (rule) result.rule = rule.name ?? String(route.ruleIndex);
  if (seg) result.segment = seg.name;
  if (backends.length === 0) result.reason += '; no healthy backend in the pool';
  return result;
}

export function simulatePolicies(policies: readonly Policy[], trace: readonly TraceRequest[], topology?: SimTopology, initialLatencyMs?: Record<string, number>): SimulationReport[] {
  return policies.map((p) => simulate(compilePolicy(p), trace, { ...(topology ? { topology } : {}), ...(initialLatencyMs ? { initialLatencyMs } : {}) }));
}
