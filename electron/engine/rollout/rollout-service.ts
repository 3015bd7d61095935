import { RoutewiseError } from '../../../shared/api/errors';
import { PlanRequest, type PlanSummary, type RolloutPlan, type TemplateInfo } from '../../../shared/api/rollout';
import type { Platform } from '../../../shared/domain/device';
import type { Driver } from '../drivers/driver';
import type { EngineContext } from '../engine-context';
import { isProcessAlive } from '../lab/lab-state-file';
import { openSnmpSession, type SnmpCredential } from '../snmp/snmp-session';
import { TopologyService } from '../topology/topology-service';
import { defaultSegment } from '../topology/infer-roles';
import { type ExecutorDeps, RolloutExecutor } from './executor';
import type { GateProbes } from './gates';
import { RolloutRepo } from './journal';
import { buildPlan } from './plan';
import { type RecoveryReport, recoverPlan } from './recover';
import { buildSegments } from './segments';
import type { InventoryTarget } from './selectors';
import { listTemplates, renderTemplate, resolveTemplate } from './templates/template-library';

/** How the service reaches a device's driver; the engine default goes over SSH with the device's credential. */
export type TargetDriverOpener = (target: InventoryTarget & { sshPort: number }) => Promise<Driver>;

export interface RolloutServiceOptions {
  openDriver?: TargetDriverOpener;
  /** Wall ms per plan second (a lab with a faster clock); default 1000, or 1000 / ROUTEWISE_LAB_TIME_SCALE. */
  msPerSec?: number;
}

const HR_PROCESSOR_LOAD = '1.3.6.1.2.1.25.3.3.1.2';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';

/** Templates, plans and runs for one engine. */
export class RolloutService {
  readonly repo: RolloutRepo;
  private readonly running = new Map<string, Promise<RolloutPlan>>();
  private readonly msPerSec: number;
  /** Targets of plans made outside the template library (AI traffic policy deploys to load-balancer hosts), asked
   *  before the inventory with the plan's id; undefined: not theirs. */
  private readonly driverSources: Array<(address: string, planId: string) => Promise<Driver | undefined>> = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly opts: RolloutServiceOptions = {},
  ) {
    this.repo = new RolloutRepo(ctx.store, ctx.vault);
    const scale = Number(process.env.ROUTEWISE_LAB_TIME_SCALE ?? '');
    this.msPerSec = opts.msPerSec ?? (scale > 0 ? 1000 / scale : 1000);
  }

  templates(): { templates: TemplateInfo[]; problems: string[] } {
    const { templates, problems } = listTemplates(this.ctx.dataDir);
    return {
      problems,
      templates: templates.map((t) => ({
        name: t.spec.name,
        description: t.spec.description,
        platforms: t.spec.platforms,
        mode: t.spec.mode,
        source: t.source,
        parameters: Object.fromEntries(
          Object.entries(t.spec.parameters).map(([k, p]) => [
            k,
            { type: p.type, description: p.description, ...(p.default !== undefined ? { default: p.default } : {}), required: p.default === undefined && p.required !== false, secret: p.secret, validation: p.validation },
          ]),
        ),
      })),
    };
  }

  preview(template: string, params: Record<string, unknown>, platforms?: Platform[]) {
    const t = resolveTemplate(this.ctx.dataDir, template);
    const { rendered } = renderTemplate(t.spec, params, platforms ?? t.spec.platforms);
    return { template: t.spec.name, rendered: rendered.map((r) => ({ platform: r.platform, config: r.display })) };
  }

  async inventory(): Promise<Array<InventoryTarget & { sshPort: number }>> {
    const db = this.ctx.store.db;
    const rows = await db.selectFrom('devices').selectAll().orderBy('address_key').execute();
    const scans = new Map((await db.selectFrom('scans').select(['id', 'options_json']).execute()).map((s) => [s.id, JSON.parse(s.options_json) as { sshPort?: number }]));
    return rows.map((d) => {
      const facts = JSON.parse(d.facts_json) as { sysLocation?: string };
      return {
        deviceId: d.id,
        address: d.address,
        port: d.port,
        label: d.sys_name ?? d.hostname ?? d.address,
        platform: d.platform as Platform,
        segment: defaultSegment(d.address, facts.sysLocation) ?? null,
        credentialId: d.credential_id,
        sshCredentialId: d.ssh_credential_id,
        sshPort: scans.get(d.last_scan_id)?.sshPort ?? 22,
      };
    });
  }

  addDriverSource(source: (address: string, planId: string) => Promise<Driver | undefined>): void {
    this.driverSources.push(source);
  }

  private async driverFor(address: string, planId?: string): Promise<Driver> {
    if (planId !== undefined) {
      for (const source of this.driverSources) {
        const d = await source(address, planId);
        if (d) return d;
      }
    }
    const t = (await this.inventory()).find((d) => d.address === address);
    if (!t) throw new RoutewiseError('not-found', `${address} is no longer in the inventory`);
    return this.openTarget(t);
  }

  private async openTarget(t: InventoryTarget & { sshPort: number }): Promise<Driver> {
    if (this.opts.openDriver) return this.opts.openDriver(t);
    if (!t.sshCredentialId) throw new RoutewiseError('unavailable', `${t.address}: no SSH credential answered in its last scan`);
    const cred = await this.ctx.credentials.reveal(t.sshCredentialId);
    if (cred.kind !== 'ssh') throw new RoutewiseError('unsupported', `${t.address}: the remembered credential is not an SSH one`);
    const { openDriver } = await import('../drivers/driver-factory');
    return openDriver({ address: t.address, sshPort: t.sshPort, platform: t.platform }, cred, { hostKeys: this.ctx.hostKeys, timeoutMs: 20_000 });
  }

  private probes(): GateProbes {
    const snmp = async <T>(address: string, fn: (s: ReturnType<typeof openSnmpSession>) => Promise<T>): Promise<T> => {
      const t = (await this.inventory()).find((d) => d.address === address);
      if (!t?.credentialId) throw new RoutewiseError('unavailable', `${address}: no SNMP credential`);
      const cred = await this.ctx.credentials.reveal(t.credentialId);
      if (cred.kind === 'ssh') throw new RoutewiseError('unsupported', 'not an SNMP credential');
      const s = openSnmpSession({ host: t.address, port: t.port }, cred as SnmpCredential, { timeoutMs: 2000, retries: 1 });
      try {
        return await fn(s);
      } finally {
        s.close();
      }
    };
    return {
      snmpReachable: (a) => snmp(a, async (s) => (await s.get([SYS_UPTIME])).length > 0).catch(() => false),
      cpuPercent: (a) =>
        snmp(a, async (s) => {
          const loads = (await s.walk(HR_PROCESSOR_LOAD)).map((v) => Number(v.value)).filter((n) => Number.isFinite(n));
          return loads.length ? loads.reduce((x, y) => x + y, 0) / loads.length : undefined;
        }),
      criticalInsightsSince: async (address, sinceMs) => {
        const has = this.ctx.store.sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'threat_insights'").get();
        if (!has) return null;
        const r = this.ctx.store.sqlite
          .prepare("select count(*) as n from threat_insights where device_address = ? and severity = 'critical' and last_seen_ms >= ?")
          .get(address, sinceMs) as { n: number };
        return r.n;
      },
    };
  }

  executorDeps(actor: string, planId?: string): ExecutorDeps {
    return {
      repo: this.repo,
      openDriver: (a) => this.driverFor(a, planId),
      probes: this.probes(),
      audit: async (action, subject, details) => {
        await this.ctx.audit.append({ actor, action, subject, details });
      },
      emitStep: (e) => this.ctx.bus.emit('rollout.step', e),
      emitStatus: (e) => this.ctx.bus.emit('rollout.status', e),
      actor,
      msPerSec: this.msPerSec,
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      pid: process.pid,
      isAlive: isProcessAlive,
      redact: (t) => t,
    };
  }

  async plan(input: PlanRequest, actor: string): Promise<RolloutPlan> {
    const opts = PlanRequest.parse(input);
    const template = resolveTemplate(this.ctx.dataDir, opts.template);
    const inventory = await this.inventory();
    const topo = await new TopologyService(this.ctx).current();
    const { plan, changes } = await buildPlan(opts, { template, inventory, segments: buildSegments(topo.nodes, topo.links), openDriver: (t) => this.openTarget(t as InventoryTarget & { sshPort: number }), actor });
    await this.repo.insertPlan(plan, changes);
    await this.ctx.audit.append({ actor, action: 'rollout.plan', subject: plan.id, details: { template: plan.template.name, params: plan.params, devices: plan.devices.map((d) => ({ address: d.address, diff: d.diff })) } });
    if (opts.approve) await this.approve(plan.id, actor);
    return this.repo.getPlan(plan.id);
  }

  async approve(planId: string, actor: string): Promise<RolloutPlan> {
    const plan = await this.repo.getPlan(planId);
    if (plan.status !== 'draft') throw new RoutewiseError('conflict', `plan ${planId} is ${plan.status}, not a draft`);
    await this.repo.approve(planId, actor);
    await this.ctx.audit.append({ actor, action: 'rollout.approve', subject: planId, details: { diffs: plan.devices.map((d) => ({ address: d.address, diff: d.diff })) } });
    return this.repo.getPlan(planId);
  }

  async list(limit: number): Promise<PlanSummary[]> {
    return (await this.repo.listPlans(limit)).map((r) => {
      const p = JSON.parse(r.plan_json) as RolloutPlan;
      return {
        id: r.id, status: r.status as PlanSummary['status'], createdAt: r.created_at, createdBy: r.created_by, approvedBy: r.approved_by,
        summary: r.result_json ? (JSON.parse(r.result_json) as { summary: string }).summary : null, template: r.template_name, devices: p.devices.length, phases: p.phases.length,
      };
    });
  }

  /** Starts (or continues) a run in this engine; with wait, resolves when it ends. */
  async run(planId: string, actor: string, wait: boolean): Promise<RolloutPlan> {
    let p = this.running.get(planId);
    if (!p) {
      const plan = await this.repo.getPlan(planId);
      const exec = new RolloutExecutor(this.executorDeps(actor, planId));
      p = (plan.status === 'interrupted' || (plan.status === 'running' && !(await this.runnerAlive(planId)))
        ? recoverPlan(exec, this.executorDeps(actor, planId), planId).then((r) => r.plan)
        : exec.run(planId)
      ).finally(() => this.running.delete(planId));
      this.running.set(planId, p);
    }
    if (wait) return p;
    p.catch((err: unknown) => this.ctx.log('error', `rollout ${planId}: ${(err as Error).message}`));
    return this.repo.getPlan(planId);
  }

  private async runnerAlive(planId: string): Promise<boolean> {
    const r = (await this.repo.unfinishedPlanIds()).find((u) => u.id === planId);
    return !!r?.runnerPid && r.runnerPid !== process.pid && isProcessAlive(r.runnerPid);
  }

  async control(planId: string, control: 'pause' | 'abort', actor: string): Promise<RolloutPlan> {
    const plan = await this.repo.getPlan(planId);
    if (['completed', 'halted', 'rolled-back', 'aborted', 'failed'].includes(plan.status)) throw new RoutewiseError('conflict', `plan ${planId} has already ended (${plan.status})`);
    await this.repo.setControl(planId, control);
    if (plan.status !== 'running' && control === 'abort') await this.repo.setStatus(planId, 'aborted', `aborted by ${actor} before it ran`);
    await this.ctx.audit.append({ actor, action: `rollout.${control}`, subject: planId, details: {} });
    return this.repo.getPlan(planId);
  }

  /** Restores every device this plan changed to its backup (and verifies it). */
  async rollback(planId: string, actor: string): Promise<RolloutPlan> {
    if (this.running.has(planId) || (await this.runnerAlive(planId))) throw new RoutewiseError('conflict', `plan ${planId} is running: abort it first`);
    const plan = await this.repo.getPlan(planId);
    const exec = new RolloutExecutor(this.executorDeps(actor, planId));
    const rows = (await this.repo.devices(planId)).filter((d) => d.state === 'confirmed' || d.state === 'committed');
    const results = [];
    for (const r of rows) results.push(`${r.address}: ${await exec.restore(plan, r, `rollback requested by ${actor}`)}`);
    await exec.setStatus(planId, 'rolled-back', `rolled back by ${actor}: ${results.join('; ') || 'no device carried the change'}`);
    return this.repo.getPlan(planId);
  }

  /** Plans whose runner died: reconcile and resume or roll back per their recovery policy. */
  async recoverAll(actor: string): Promise<RecoveryReport[]> {
    const out: RecoveryReport[] = [];
    for (const u of await this.repo.unfinishedPlanIds()) {
      if (this.running.has(u.id)) continue; // running in this engine right now
      if (u.runnerPid && u.runnerPid !== process.pid && isProcessAlive(u.runnerPid)) continue;
      const deps = this.executorDeps(actor, u.id);
      out.push(await recoverPlan(new RolloutExecutor(deps), deps, u.id));
    }
    return out;
  }
}

const services = new WeakMap<EngineContext, RolloutService>();

/** The engine's rollout service (one per engine context). */
export function rolloutService(ctx: EngineContext, opts?: RolloutServiceOptions): RolloutService {
  let s = services.get(ctx);
  if (!s) {
    s = new RolloutService(ctx, opts);
    services.set(ctx, s);
  }
  return s;
}
