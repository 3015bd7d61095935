import { z } from 'zod';
import type { MethodTable } from './method-table';
import { FailurePolicy, RolloutPlan, WavePoint } from './rollout';

/**
 * AI API traffic: a registry of inference backends, balancing/routing policies over them, a deterministic
 * simulator that replays a request trace through a policy on the measured topology, and renderers for
 * real data planes (HAProxy, nginx, IPVS, FortiOS). File formats are documented in docs/ai-traffic.md.
 */

const name = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'letters, digits and _ . : - only');
const host = z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.:-]+$/, 'an IPv4/IPv6 address or host name');
// Rendered into proxy configs (HAProxy, nginx, FortiOS quoted strings): a strict charset keeps a path from
// closing a quote or starting a new directive.
const httpPath = z
  .string()
  .max(256)
  .regex(/^\/[A-Za-z0-9._~%/-]*(\?[A-Za-z0-9._~%=&-]*)?$/, 'an absolute URL path (letters, digits and . _ ~ % / - only, optional ?query)');
/** A model name or version as it appears in rules, which renderers put into ACLs and regexes. */
const modelToken = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/@+-]*$/, 'letters, digits and . _ / @ + - only');

export const BalanceAlgorithm = z.enum(['round-robin', 'weighted-round-robin', 'least-connections', 'ip-hash', 'latency-aware']);
export type BalanceAlgorithm = z.infer<typeof BalanceAlgorithm>;

export const ServiceCapacity = z
  .object({
    maxConcurrent: z.number().int().min(1).max(100_000),
    /** Decode speed: output tokens per second for one request. */
    tokensPerSec: z.number().positive().max(10_000_000),
    /** Prompt processing speed; prompts are read much faster than tokens are generated. */
    prefillTokensPerSec: z.number().positive().max(100_000_000).default(4000),
  })
  .strict();

export const AiServiceInput = z
  .object({
    id: name,
    address: host,
    port: z.number().int().min(1).max(65535),
    model: z.string().trim().min(1).max(128),
    version: z.string().trim().min(1).max(64).optional(),
    site: name.default('default'),
    capacity: ServiceCapacity,
    healthPath: httpPath.default('/v1/models'),
    weight: z.number().int().min(1).max(256).default(1),
  })
  .strict();
export type AiServiceInput = z.input<typeof AiServiceInput>;
export type AiServiceSpec = z.output<typeof AiServiceInput>;

export const AiServiceHealth = z.object({
  checkedAt: z.string(),
  healthy: z.boolean(),
  latencyMs: z.number().nonnegative().optional(),
  /** Exponentially weighted moving average of measured latency (alpha 0.3). */
  ewmaLatencyMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
});
export type AiServiceHealth = z.infer<typeof AiServiceHealth>;

export const AiService = z.object({
  id: z.string(),
  address: z.string(),
  port: z.number().int(),
  model: z.string(),
  version: z.string().optional(),
  site: z.string(),
  capacity: z.object({ maxConcurrent: z.number(), tokensPerSec: z.number(), prefillTokensPerSec: z.number() }),
  healthPath: z.string(),
  weight: z.number(),
  source: z.enum(['manual', 'discovered']),
  health: AiServiceHealth.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AiService = z.infer<typeof AiService>;

/** A backend as a policy sees it: a registry entry, or declared inline in the policy file. */
export const PolicyBackend = AiServiceInput.extend({
  /** Treat as down (simulation and preview); a live probe result overrides it when the registry supplies backends. */
  healthy: z.boolean().default(true),
  /** Queue length beyond maxConcurrent before requests are rejected; default: the policy's queueLimit. */
  queueLimit: z.number().int().min(0).max(1_000_000).optional(),
}).strict();
export type PolicyBackend = z.output<typeof PolicyBackend>;

export const Pool = z
  .object({
    name,
    algorithm: BalanceAlgorithm.optional(),
    backends: z.array(name).min(1).max(1000),
  })
  .strict();

export const RuleMatch = z
  .object({
    pathPrefix: httpPath.optional(),
    /** The `model` field of an OpenAI-style JSON body, without the `:version` suffix. */
    model: modelToken.optional(),
    /** The part after `:` in the body's `model` (e.g. `llama3:70b` → `70b`). */
    modelVersion: modelToken.max(64).optional(),
    clientSegment: name.optional(),
    clientSite: name.optional(),
  })
  .strict()
  .refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'a rule needs at least one match attribute' });

export const Rule = z.object({ name: name.optional(), match: RuleMatch, pool: name }).strict();

export const Segment = z
  .object({
    name,
    /** Client addresses of the segment, CIDR or single addresses. */
    cidrs: z.array(z.string().trim().min(1).max(64)).min(1).max(1000),
    site: name,
    /** Sites to fail over to, nearest first, when the segment's own site has no healthy backend in the pool. */
    failover: z.array(name).max(64).default([]),
    /** Topology node the segment's clients sit behind (for link load). */
    node: z.string().max(128).optional(),
  })
  .strict();

export const Site = z.object({ name, node: z.string().max(128).optional() }).strict();

export const Policy = z
  .object({
    version: z.literal(1).default(1),
    name: name.default('policy'),
    algorithm: BalanceAlgorithm.default('round-robin'),
    /**
     * Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam 2018): no backend above c × average.
     * 0 turns the bound off (plain consistent hashing, as nginx `hash … consistent` and IPVS `sh` behave).
     */
    hashBalanceFactor: z.union([z.literal(0), z.number().min(1).max(10)]).default(1.25),
    /** Weight of the newest latency sample in the latency-aware EWMA. */
    latencyEwmaAlpha: z.number().gt(0).max(1).default(0.3),
    queueLimit: z.number().int().min(0).max(1_000_000).default(64),
    backends: z.array(PolicyBackend).max(10_000).optional(),
    pools: z.array(Pool).min(1).max(1000),
    rules: z.array(Rule).max(1000).default([]),
    defaultPool: name.optional(),
    segments: z.array(Segment).max(1000).default([]),
    sites: z.array(Site).max(1000).default([]),
    /** Bytes on the wire per token, request and response (JSON text ≈ 4 bytes per token). */
    bytesPerToken: z.number().positive().max(1000).default(4),
    /** Flag links whose simulated utilisation (added to nothing else) exceeds this share of capacity. */
    linkUtilThreshold: z.number().gt(0).max(10).default(0.8),
    frontend: z
      .object({ address: host.default('127.0.0.1'), port: z.number().int().min(1).max(65535).default(8080) })
      .strict()
      .default({ address: '127.0.0.1', port: 8080 }),
  })
  .strict();
export type PolicyInput = z.input<typeof Policy>;
export type Policy = z.output<typeof Policy>;

export const PolicyIssue = z.object({ path: z.string(), message: z.string() });
export type PolicyIssue = z.infer<typeof PolicyIssue>;

export const TraceRequest = z.object({
  timeMs: z.number().nonnegative(),
  client: z.string(),
  model: z.string(),
  promptTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  path: z.string().optional(),
});
export type TraceRequest = z.infer<typeof TraceRequest>;

export const SyntheticTraceSpec = z
  .object({
    seed: z.number().int().default(1),
    requests: z.number().int().min(1).max(10_000_000),
    ratePerSec: z.number().positive().max(10_000_000),
    /** Model → share of requests. */
    models: z.record(z.string().min(1).max(128), z.number().positive()).refine((m) => Object.keys(m).length > 0, 'at least one model'),
    /** Client addresses to draw from, uniformly. */
    clients: z.array(z.string().min(1).max(64)).min(1).max(100_000),
    meanPromptTokens: z.number().positive().default(400),
    meanOutputTokens: z.number().positive().default(200),
    path: httpPath.default('/v1/chat/completions'),
  })
  .strict();
export type SyntheticTraceSpec = z.input<typeof SyntheticTraceSpec>;

export const PreviewRequest = z
  .object({
    client: z.string().max(64),
    model: z.string().max(128).optional(),
    path: httpPath.default('/v1/chat/completions'),
  })
  .strict();
export type PreviewRequest = z.input<typeof PreviewRequest>;

export const PreviewResult = z.object({
  rule: z.string().optional(),
  pool: z.string(),
  segment: z.string().optional(),
  siteOrder: z.array(z.string()),
  /** Healthy candidates in preference order (nearest site first). */
  backends: z.array(z.string()),
  reason: z.string(),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const BackendReport = z.object({
  id: z.string(),
  site: z.string(),
  requests: z.number(),
  share: z.number(),
  rejects: z.number(),
  maxQueue: z.number(),
  busyShare: z.number().describe('utilisation of the concurrency slots over the run, 0..1'),
});
export const LinkReport = z.object({
  linkId: z.string(),
  label: z.string(),
  bytes: z.number(),
  avgMbps: z.number(),
  peakMbps: z.number().describe('busiest one-second window'),
  speedMbps: z.number(),
  peakUtil: z.number(),
  hot: z.boolean().describe('already a hot link in the bottleneck analysis'),
});
export const SimulationReport = z.object({
  policy: z.string(),
  algorithm: z.string(),
  requests: z.number(),
  served: z.number(),
  rejects: z.number(),
  unroutable: z.number(),
  latencyMs: z.object({ p50: z.number(), p95: z.number(), p99: z.number(), mean: z.number() }),
  /** Mean over clients (weighted by requests) of the share of a client's requests on its most used backend. */
  affinity: z.number(),
  backends: z.array(BackendReport),
  links: z.array(LinkReport),
  flags: z.array(z.object({ kind: z.enum(['link-over-threshold', 'crosses-hot-link', 'rejects', 'unroutable']), subject: z.string(), message: z.string() })),
});
export type SimulationReport = z.infer<typeof SimulationReport>;

export const RenderTarget = z.enum(['haproxy', 'nginx', 'ipvs', 'fortios']);
export type RenderTarget = z.infer<typeof RenderTarget>;

const policyText = z.string().min(1).max(1_000_000);

const hostPath = z.string().min(2).max(512).regex(/^\/[A-Za-z0-9._/-]+$/, 'an absolute path (letters, digits and . _ / - only)');
/** Run by the admin's own credential on the admin's own host; one line. */
const hostCommand = z.string().trim().min(1).max(1024).regex(/^[^\n\r\0]+$/, 'one line');

/** A Linux host running HAProxy or nginx, reached over SSH; the deploy replaces its config file. */
export const LbHost = z
  .object({
    address: host,
    sshPort: z.number().int().min(1).max(65535).default(22),
    /** An SSH credential from the vault. */
    credentialId: z.string().min(1).max(64),
    label: name.optional(),
    configPath: hostPath,
    /** Default `systemctl reload haproxy|nginx`. */
    reloadCommand: hostCommand.optional(),
    /** Default `haproxy -c -q -f {file}` / `nginx -t -q -c {file}`. */
    checkCommand: hostCommand.refine((c) => c.includes('{file}'), 'must contain {file}').optional(),
    /** Backup, staged candidate and revert job on the host; default /var/tmp/routewise-lb. */
    stateDir: hostPath.optional(),
  })
  .strict();
export type LbHostInput = z.input<typeof LbHost>;
export type LbHost = z.output<typeof LbHost>;

/** A FortiGate reached over SSH (the FortiOS driver); the deploy merges the rendered VIPs into its configuration. */
export const FortiGateHost = z
  .object({
    address: host,
    sshPort: z.number().int().min(1).max(65535).default(22),
    /** An SSH credential from the vault (user and password or key). */
    credentialId: z.string().min(1).max(64),
    label: name.optional(),
  })
  .strict();
export type FortiGateHost = z.output<typeof FortiGateHost>;

export const PolicyDeployRequest = z
  .object({
    text: policyText,
    target: z.enum(['haproxy', 'nginx', 'fortios']),
    /** HAProxy/nginx: Linux hosts with a config file; FortiOS: FortiGates (address, port, credential only). */
    hosts: z.array(z.union([LbHost, FortiGateHost])).min(1).max(256),
    /** nginx: route on the JSON body's `model` with njs; the companion .js file is deployed with the config. */
    nginxNjs: z.boolean().default(false),
    /** The pilot host's address; default the first host. */
    pilot: host.optional(),
    waves: z.array(WavePoint).min(1).max(20).default(['100%']),
    confirmWithinSec: z.number().int().min(30).max(3600).default(120),
    soakSec: z.number().int().min(0).max(3000).default(10),
    concurrency: z.number().int().min(1).max(256).default(1),
    failurePolicy: FailurePolicy.default('halt'),
    latency: z
      .object({
        /** Requested through each proxy; default the default pool's health path. */
        path: httpPath.optional(),
        requests: z.number().int().min(1).max(1000).default(20),
        p95MaxMs: z.number().positive().max(60_000).default(1000),
      })
      .strict()
      .default({ requests: 20, p95MaxMs: 1000 }),
    /** Approve at once (CLI --yes). */
    approve: z.boolean().default(false),
  })
  .strict()
  .superRefine((r, ctx) => {
    r.hosts.forEach((h, i) => {
      const linux = 'configPath' in h;
      if (r.target === 'fortios' && linux) ctx.addIssue({ code: 'custom', path: ['hosts', i], message: 'a FortiGate has no config file: give address, sshPort, credentialId and label only' });
      if (r.target !== 'fortios' && !linux) ctx.addIssue({ code: 'custom', path: ['hosts', i, 'configPath'], message: `a ${r.target} host needs configPath` });
    });
    if (r.nginxNjs && r.target !== 'nginx') ctx.addIssue({ code: 'custom', path: ['nginxNjs'], message: 'njs body routing is an nginx option' });
  });
export type PolicyDeployRequest = z.input<typeof PolicyDeployRequest>;

export const aiTrafficMethods = {
  'ai-services.list': { summary: 'AI API backends in the registry, with their last health probe.', input: z.object({}).strict(), output: z.array(AiService) },
  'ai-services.upsert': { summary: 'Add or edit an AI API backend.', input: AiServiceInput, output: AiService },
  'ai-services.remove': { summary: 'Remove an AI API backend.', input: z.object({ id: name }).strict(), output: z.object({ removed: z.boolean() }) },
  'ai-services.probe': {
    summary: 'Probe backends over HTTP (health path, latency); all when ids is empty.',
    input: z.object({ ids: z.array(name).max(10_000).default([]), timeoutMs: z.number().int().min(50).max(30_000).default(2000) }).strict(),
    output: z.array(AiService),
  },
  'ai-services.discover': {
    summary: 'Find OpenAI-style APIs (/v1/models) on inventory devices inside the scan scope and register them.',
    input: z
      .object({
        ports: z.array(z.number().int().min(1).max(65535)).min(1).max(32).default([80, 8000, 8080, 11434]),
        timeoutMs: z.number().int().min(50).max(30_000).default(1500),
        site: name.default('default'),
      })
      .strict(),
    output: z.object({ probed: z.number(), found: z.array(AiService) }),
  },
  'policy.validate': {
    summary: 'Parse and check a policy (YAML or JSON); issues say exactly which field is wrong.',
    input: z.object({ text: policyText }).strict(),
    output: z.object({ ok: z.boolean(), issues: z.array(PolicyIssue) }),
  },
  'policy.preview': {
    summary: 'Which pool and backends a sample request would hit.',
    input: z.object({ text: policyText, request: PreviewRequest }).strict(),
    output: PreviewResult,
  },
  'policy.simulate': {
    summary: 'Replay a CSV trace (or a synthetic one) through one or more policies on the measured topology.',
    input: z
      .object({
        policies: z.array(policyText).min(1).max(16),
        /** Also run each policy under these algorithms (pool overrides kept), named `<policy>/<algorithm>`. */
        algorithms: z.array(BalanceAlgorithm).max(5).default([]),
        trace: z.union([z.object({ csv: z.string().min(1).max(200_000_000) }).strict(), z.object({ synthetic: SyntheticTraceSpec }).strict()]),
      })
      .strict(),
    output: z.array(SimulationReport),
  },
  'policy.render': {
    summary: 'Render a policy as HAProxy, nginx, IPVS (ipvsadm) or FortiOS configuration.',
    input: z
      .object({
        text: policyText,
        target: RenderTarget,
        /** nginx: route on the JSON body's `model` with njs (needs ngx_http_js_module) instead of the X-Model header. */
        nginxNjs: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      target: RenderTarget,
      config: z.string(),
      /** Companion files the config names by relative path; write them next to it. */
      files: z.array(z.object({ name: z.string(), content: z.string() })),
      notes: z.array(z.string()),
    }),
  },
  'policy.deploy': {
    summary: 'Plan a phased rollout of a policy to HAProxy/nginx hosts or FortiGates over SSH (pilot first; gates: backend health, latency).',
    input: PolicyDeployRequest,
    output: RolloutPlan,
  },
} as const satisfies MethodTable;
