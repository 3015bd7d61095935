import { z } from 'zod';
import { Platform } from '../domain/device';
import type { EventTable, MethodTable } from './method-table';

/** `all`, `platform:NAME`, `segment:NAME` or `device:ADDRESS[,ADDRESS…]`. */
export const TargetSelector = z
  .string()
  .min(3)
  .max(4096)
  .regex(/^(all|platform:[a-z0-9-]+|segment:.+|device:[^,\s]+(,[^,\s]+)*)$/, {
    error: 'a selector is all, platform:NAME, segment:NAME or device:ADDRESS[,ADDRESS…]',
  });

/** A cumulative wave point: "10%" of the non-pilot targets, or an absolute count "5"; "all" is "100%". */
export const WavePoint = z.string().regex(/^(all|\d{1,3}(\.\d+)?%|\d{1,6})$/, { error: 'a wave is a percentage (10%), a count (5) or all' });

/**
 * Failure threshold per wave. EXACT semantics: a wave FAILS when the number of failed devices is GREATER than
 * the threshold — for `count: n`, failed > n; for `percent: p`, failed × 100 > p × (devices in the wave).
 * `count: 0` (the default) fails a wave on its first failed device; the pilot always uses count 0.
 */
export const FailureThreshold = z.union([
  z.object({ count: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ percent: z.number().min(0).max(100) }).strict(),
]);
export type FailureThreshold = z.infer<typeof FailureThreshold>;

export const FailurePolicy = z.enum(['halt', 'rollback-phase', 'rollback-all']);
export type FailurePolicy = z.infer<typeof FailurePolicy>;

/** A plain http(s) URL with a strict charset: gates put it on a shell command line on the device (quoted as well). */
const HttpUrl = z.string().min(1).max(512).regex(/^https?:\/\/[A-Za-z0-9.:[\]-]+(:\d{1,5})?\/[A-Za-z0-9._~%/?=&-]*$/, { error: 'an http(s) URL' });

export const GateConfig = z
  .object({
    snmpReachable: z.boolean().default(true),
    /** Interfaces that were operationally up before the change are still up after it. */
    interfacesStayUp: z.boolean().default(true),
    /** HOST-RESOURCES-MIB hrProcessorLoad average under this many percent. */
    cpuMaxPercent: z.number().min(1).max(100).optional(),
    /** No new critical insight for the device since the change (skipped, with the reason recorded, without a threats store). */
    noNewCriticalThreats: z.boolean().default(true),
    /** A show command whose output must match the regular expression. */
    show: z.object({ command: z.string().min(1).max(256), pattern: z.string().min(1).max(512) }).strict().optional(),
    /** Load-balancer hosts: every backend answers its health URL from the host the data plane runs on (curl over SSH). */
    backendHealth: z
      .object({
        backends: z.array(z.object({ id: z.string().min(1).max(64), url: HttpUrl }).strict()).min(1).max(1000),
        timeoutMs: z.number().int().min(100).max(30_000).default(3000),
      })
      .strict()
      .optional(),
    /** Load-balancer hosts: p95 of N requests through the data plane under a limit; `{address}` in the URL is the device. */
    latency: z
      .object({
        url: z.string().min(1).max(512).regex(/^http:\/\/(\{address\}|[A-Za-z0-9.:[\]-]+)(:\d{1,5})?\/[A-Za-z0-9._~%/?=&-]*$/, { error: 'an http:// URL ({address} stands for the device)' }),
        requests: z.number().int().min(1).max(1000).default(20),
        p95MaxMs: z.number().positive().max(60_000),
        timeoutMs: z.number().int().min(100).max(60_000).default(5000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type GateConfig = z.infer<typeof GateConfig>;

export const MaintenanceWindow = z
  .object({
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    /** Window times in UTC or in the engine host's local time. */
    timezone: z.enum(['utc', 'local']).default('utc'),
  })
  .strict();
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const PlanRequest = z
  .object({
    /** A template name from the library, or a path to a YAML template file. */
    template: z.string().min(1).max(1024),
    params: z.record(z.string(), z.unknown()).default({}),
    targets: TargetSelector,
    pilot: TargetSelector.optional(),
    waves: z.array(WavePoint).min(1).max(20).default(['10%', '50%', '100%']),
    confirmWithinSec: z.number().int().min(30).max(3600).default(300),
    /** After a commit, gates run at once and again after this long; both must pass before confirm. */
    soakSec: z.number().int().min(0).max(3000).default(60),
    concurrency: z.number().int().min(1).max(256).default(1),
    failurePolicy: FailurePolicy.default('halt'),
    failureThreshold: FailureThreshold.default({ count: 0 }),
    gates: GateConfig.default({ snmpReachable: true, interfacesStayUp: true, noNewCriticalThreats: true }),
    maintenanceWindow: MaintenanceWindow.optional(),
    /** After a crash: continue where it stopped, or put every touched device back to its backup. */
    recovery: z.enum(['resume', 'rollback']).default('resume'),
    /** Read running configs now to store per-device diffs (default); off for an offline draft. */
    diffNow: z.boolean().default(true),
    /** Approve at once (CLI --yes). */
    approve: z.boolean().default(false),
  })
  .strict();
export type PlanRequest = z.input<typeof PlanRequest>;
export type PlanOptions = z.output<typeof PlanRequest>;

export const PlanStatus = z.enum(['draft', 'approved', 'running', 'paused', 'completed', 'halted', 'rolled-back', 'aborted', 'failed', 'interrupted']);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const DeviceState = z.enum([
  'pending', 'backed-up', 'loaded', 'committed', 'confirmed', 'failed', 'reverted', 'rolled-back', 'skipped', 'unchanged', 'inconsistent',
]);
export type DeviceState = z.infer<typeof DeviceState>;

export const PlanDevice = z.object({
  address: z.string(),
  label: z.string(),
  platform: Platform,
  phaseIndex: z.number().int(),
  state: DeviceState,
  /** Unified diff against the running config when planned (secrets redacted); null when not read. */
  diff: z.string().nullable(),
  /** The rendered change (secrets redacted). */
  change: z.string(),
  safeChange: z.enum(['native', 'emulated']).nullable(),
  error: z.string().nullable(),
});
export type PlanDevice = z.infer<typeof PlanDevice>;

export const PlanPhase = z.object({
  index: z.number().int(),
  name: z.string(),
  devices: z.array(z.string()),
  /** Failed devices above this fail the phase (see FailureThreshold). */
  threshold: FailureThreshold,
});
export type PlanPhase = z.infer<typeof PlanPhase>;

export const RolloutPlan = z.object({
  id: z.string(),
  status: PlanStatus,
  createdAt: z.string(),
  createdBy: z.string(),
  template: z.object({ name: z.string(), description: z.string(), mode: z.enum(['merge', 'replace']), source: z.string() }),
  /** Parameter values, secrets replaced by ********. */
  params: z.record(z.string(), z.unknown()),
  options: z.object({
    targets: z.string(),
    pilot: z.string().nullable(),
    waves: z.array(z.string()),
    confirmWithinSec: z.number(),
    soakSec: z.number(),
    concurrency: z.number(),
    failurePolicy: FailurePolicy,
    failureThreshold: FailureThreshold,
    gates: GateConfig,
    maintenanceWindow: MaintenanceWindow.nullable(),
    recovery: z.enum(['resume', 'rollback']),
  }),
  phases: z.array(PlanPhase),
  devices: z.array(PlanDevice),
  pilotReasoning: z.string(),
  notes: z.array(z.string()),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** Set when a run ends: what happened and why. */
  summary: z.string().nullable(),
});
export type RolloutPlan = z.infer<typeof RolloutPlan>;

export const PlanSummary = RolloutPlan.pick({ id: true, status: true, createdAt: true, createdBy: true, approvedBy: true, summary: true }).extend({
  template: z.string(),
  devices: z.number().int(),
  phases: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const TemplateInfo = z.object({
  name: z.string(),
  description: z.string(),
  platforms: z.array(Platform),
  mode: z.enum(['merge', 'replace']),
  source: z.enum(['shipped', 'user', 'file']),
  parameters: z.record(
    z.string(),
    z.object({ type: z.string(), description: z.string(), default: z.unknown().optional(), required: z.boolean(), secret: z.boolean(), validation: z.record(z.string(), z.unknown()) }),
  ),
});
export type TemplateInfo = z.infer<typeof TemplateInfo>;

export const RolloutStep = z.object({
  planId: z.string(),
  phaseIndex: z.number().int(),
  address: z.string().nullable(),
  step: z.string(),
  outcome: z.enum(['started', 'ok', 'failed', 'skipped']),
  message: z.string(),
  at: z.string(),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

export const RolloutStatusEvent = z.object({ planId: z.string(), status: PlanStatus, message: z.string(), at: z.string() });
export type RolloutStatusEvent = z.infer<typeof RolloutStatusEvent>;

const PlanId = z.object({ planId: z.string().min(1).max(64) }).strict();

export const rolloutMethods = {
  'rollout.templates': {
    summary: 'Shipped and user change templates, with files that failed to load.',
    input: z.object({}).strict().default({}),
    output: z.object({ templates: z.array(TemplateInfo), problems: z.array(z.string()) }),
  },
  'rollout.preview': {
    summary: 'Render a template with parameters for each of its platforms (or the listed ones); secrets redacted.',
    input: z.object({ template: z.string().min(1).max(1024), params: z.record(z.string(), z.unknown()).default({}), platforms: z.array(Platform).optional() }).strict(),
    output: z.object({ template: z.string(), rendered: z.array(z.object({ platform: Platform, config: z.string() })) }),
  },
  'rollout.plan': {
    summary: 'Resolve targets, split them into pilot and waves, render and diff each device, and store the plan.',
    input: PlanRequest,
    output: RolloutPlan,
  },
  'rollout.get': { summary: 'One plan with its phases, devices, diffs and state.', input: PlanId, output: RolloutPlan },
  'rollout.list': {
    summary: 'Plans, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict().default({ limit: 50 }),
    output: z.object({ plans: z.array(PlanSummary) }),
  },
  'rollout.approve': { summary: 'Approve the plan and its diffs for execution.', input: PlanId, output: RolloutPlan },
  'rollout.run': {
    summary: 'Execute an approved plan phase by phase (returns when it ends, or at once with wait=false).',
    input: PlanId.extend({ wait: z.boolean().default(true) }).strict(),
    output: RolloutPlan,
  },
  'rollout.pause': { summary: 'Finish the devices in flight, then wait.', input: PlanId, output: RolloutPlan },
  'rollout.resume': {
    summary: 'Continue a paused or interrupted plan (an interrupted one is first reconciled from the journal).',
    input: PlanId.extend({ wait: z.boolean().default(true) }).strict(),
    output: RolloutPlan,
  },
  'rollout.abort': { summary: 'Stop: devices in flight are rolled back; confirmed ones stay.', input: PlanId, output: RolloutPlan },
  'rollout.rollback': { summary: 'Put every device this plan changed back to its backup, and verify it.', input: PlanId, output: RolloutPlan },
  'rollout.recover': {
    summary: 'Reconcile every plan whose runner died (crash, kill -9) from its journal, then resume or roll it back per its recovery policy.',
    input: z.object({}).strict().default({}),
    output: z.object({ recovered: z.array(z.object({ planId: z.string(), status: PlanStatus, actions: z.array(z.string()) })) }),
  },
} as const satisfies MethodTable;

export const rolloutEvents = {
  'rollout.step': RolloutStep,
  'rollout.status': RolloutStatusEvent,
} as const satisfies EventTable;
