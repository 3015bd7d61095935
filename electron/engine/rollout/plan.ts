import { randomUUID } from 'node:crypto';
import { RoutewiseError } from '../../../shared/api/errors';
import type { PlanDevice, PlanOptions, PlanPhase, RolloutPlan } from '../../../shared/api/rollout';
import type { Driver } from '../drivers/driver';
import { forEachLimited } from '../topology/concurrency';
import { redact, secretValues } from './templates/param-schema';
import { type LoadedTemplate, renderTemplate } from './templates/template-library';
import { type Segment, suggestPilot } from './segments';
import { type InventoryTarget, parseSelector, selectTargets } from './selectors';
import { describeThreshold, splitWaves } from './waves';

export interface PlanDeps {
  template: LoadedTemplate;
  inventory: readonly InventoryTarget[];
  segments: readonly Segment[];
  /** Opens a driver to read running configs for the per-device diff; absent: plan without diffs. */
  openDriver?: (target: InventoryTarget) => Promise<Driver>;
  actor: string;
  now?: () => Date;
}

/** Seconds the gates themselves may take inside the confirm window, besides the soak. */
const GATE_MARGIN_SEC = 30;

/**
 * Builds a plan: targets from the selector, the pilot (given, or suggested from segment criticality), waves from
 * the rest, the change rendered per device, and — when drivers are available — each device's diff against its
 * running config (the candidate is discarded again). Returns the plan and the unredacted change per address.
 */
export async function buildPlan(opts: PlanOptions, deps: PlanDeps): Promise<{ plan: RolloutPlan; changes: Map<string, string> }> {
  const spec = deps.template.spec;
  if (opts.confirmWithinSec < opts.soakSec + GATE_MARGIN_SEC) {
    throw new RoutewiseError('bad-request', `confirm-within (${opts.confirmWithinSec}s) must leave room for the soak (${opts.soakSec}s) and the gates (${GATE_MARGIN_SEC}s): the change would revert before it could be confirmed`);
  }
  const notes: string[] = [];
  const selected = selectTargets(deps.inventory, parseSelector(opts.targets));
  const unsupported = selected.filter((t) => !spec.platforms.includes(t.platform));
  if (unsupported.length > 0) notes.push(`left out (template ${spec.name} has no body for their platform): ${unsupported.map((t) => `${t.address} (${t.platform})`).join(', ')}`);
  const targets = selected.filter((t) => spec.platforms.includes(t.platform));
  if (targets.length === 0) throw new RoutewiseError('bad-request', `no target device runs a platform of template ${spec.name} (${spec.platforms.join(', ')})`);

  const platforms = [...new Set(targets.map((t) => t.platform))];
  const { values, rendered } = renderTemplate(spec, opts.params, platforms);
  const byPlatform = new Map(rendered.map((r) => [r.platform, r]));
  const secrets = secretValues(spec, values);

  let pilot: InventoryTarget[];
  let pilotReasoning: string;
  if (opts.pilot) {
    const chosen = new Set(selectTargets(deps.inventory, parseSelector(opts.pilot)).map((t) => t.address));
    pilot = targets.filter((t) => chosen.has(t.address));
    if (pilot.length === 0) throw new RoutewiseError('bad-request', `the pilot selector ${opts.pilot} names none of the targets`);
    pilotReasoning = `pilot chosen by the admin: ${opts.pilot} (${pilot.length} device(s))`;
  } else {
    const s = suggestPilot(targets.map((t) => ({ deviceId: t.deviceId, platform: t.platform })), deps.segments);
    pilot = targets.filter((t) => s.deviceIds.includes(t.deviceId));
    pilotReasoning = s.reasoning;
    if (pilot.length === 0) {
      pilot = [targets[0]!];
      pilotReasoning = `no segment information for the targets; the first target ${targets[0]!.address} is the pilot`;
    }
  }
  const pilotSet = new Set(pilot.map((t) => t.address));
  const rest = targets.filter((t) => !pilotSet.has(t.address));
  const split = splitWaves(rest, opts.waves);
  notes.push(...split.notes);
  const phases: PlanPhase[] = [
    { index: 0, name: 'pilot', devices: pilot.map((t) => t.address), threshold: { count: 0 } },
    ...split.waves.map((w, i) => ({ index: i + 1, name: w.name, devices: w.members.map((t) => t.address), threshold: opts.failureThreshold })),
  ];
  notes.push(`pilot fails on its first failed device; each wave ${describeThreshold(opts.failureThreshold)}`);

  const phaseOf = new Map(phases.flatMap((p) => p.devices.map((a) => [a, p.index] as const)));
  const devices: PlanDevice[] = targets.map((t) => ({
    address: t.address,
    label: t.label,
    platform: t.platform,
    phaseIndex: phaseOf.get(t.address)!,
    state: 'pending',
    diff: null,
    change: byPlatform.get(t.platform)!.display,
    safeChange: null,
    error: null,
  }));
  if (opts.diffNow && deps.openDriver) {
    const open = deps.openDriver;
    const problems: string[] = [];
    await forEachLimited(targets, Math.max(1, Math.min(8, opts.concurrency * 2)), async (t) => {
      const d = devices.find((x) => x.address === t.address)!;
      let driver: Driver | undefined;
      try {
        driver = await open(t);
        d.safeChange = driver.safeChange.kind;
        await driver.loadCandidate(byPlatform.get(t.platform)!.config, spec.mode);
        d.diff = redact(await driver.diff(), secrets);
        await driver.rollback();
      } catch (err) {
        problems.push(`${t.address}: ${(err as Error).message.slice(0, 200)}`);
      } finally {
        await driver?.close().catch(() => undefined);
      }
    });
    if (problems.length > 0) notes.push(`no diff for ${problems.length} device(s) (they are diffed again at run time): ${problems.join('; ')}`);
    const compliant = devices.filter((d) => d.diff === '').length;
    if (compliant > 0) notes.push(`${compliant} device(s) already carry the change (empty diff)`);
  } else {
    notes.push('diffs not read at planning time; each device is diffed right before its push');
  }

  const plan: RolloutPlan = {
    id: `ro-${randomUUID().slice(0, 8)}`,
    status: 'draft',
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
    createdBy: deps.actor,
    template: { name: spec.name, description: spec.description, mode: spec.mode, source: deps.template.source === 'file' ? deps.template.file : deps.template.source },
    params: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, spec.parameters[k]?.secret ? '********' : v])),
    options: {
      targets: opts.targets,
      pilot: opts.pilot ?? null,
      waves: opts.waves,
      confirmWithinSec: opts.confirmWithinSec,
      soakSec: opts.soakSec,
      concurrency: opts.concurrency,
      failurePolicy: opts.failurePolicy,
      failureThreshold: opts.failureThreshold,
      gates: opts.gates,
      maintenanceWindow: opts.maintenanceWindow ?? null,
      recovery: opts.recovery,
    },
    phases,
    devices,
    pilotReasoning,
    notes,
    approvedBy: null,
    approvedAt: null,
    summary: null,
  };
  return { plan, changes: new Map(targets.map((t) => [t.address, byPlatform.get(t.platform)!.config])) };
}
