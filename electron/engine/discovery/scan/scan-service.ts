import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { z } from 'zod';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { ScanDetail, ScanPlan, ScanRequest, ScanStatus, ScanSummary, UnreachableEntry } from '../../../../shared/api/scan';
import type { DeviceFacts } from '../../../../shared/domain/device';
import type { EngineContext } from '../../engine-context';
import type { Credential } from '../../store/credentials-repo';
import { addressKey, type InventoryRepo } from '../../store/inventory-repo';
import type { ScanRepo } from '../../store/scan-repo';
import type { ScopeRepo } from '../../store/scope-repo';
import { ScanScope } from '../scope/scope';
import type { DeviceProber, SnmpCredential, SshCredential } from '../sweep/prober';
import { type FoundDevice, runSweep, type SweepResult } from '../sweep/sweep';
import { iterateTargets, planIntervals, planTargets, type ProbeTarget, type Resolver, type TargetPlan } from '../targets/targets';
import { ensureAdHocCredential } from './ad-hoc-credentials';

export type ParsedScanRequest = z.output<typeof ScanRequest>;

export interface ScanServiceDeps {
  ctx: EngineContext;
  inventory: InventoryRepo;
  scans: ScanRepo;
  scope: ScopeRepo;
  prober: DeviceProber;
  resolve?: Resolver;
}

interface RunningScan {
  controller: AbortController;
  done: Promise<void>;
}

/** Hostnames resolve through the OS resolver (so /etc/hosts works); every address it returns is offered. */
const osResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address);

/**
 * Runs scans in the background of the engine: start returns at once, progress and the end go out as
 * events, devices are written to the inventory as they are found (a crash keeps them), and the scope is
 * checked for the whole plan up front and again for every target before it is probed.
 */
export class ScanService {
  private readonly running = new Map<string, RunningScan>();
  private readonly resolve: Resolver;

  constructor(private readonly deps: ScanServiceDeps) {
    this.resolve = deps.resolve ?? osResolver;
  }

  async plan(targets: string[], snmpPort: number): Promise<ScanPlan> {
    const scope = await this.loadScope();
    let plan: TargetPlan;
    let needsConfirmation = false;
    try {
      plan = await planTargets(targets, { defaultPort: snmpPort, resolve: this.resolve });
    } catch (err) {
      if (!(err instanceof RoutewiseError && err.code === 'conflict')) throw err;
      needsConfirmation = true;
      plan = await planTargets(targets, { defaultPort: snmpPort, resolve: this.resolve, confirmLarge: true });
    }
    let outOfScope: string[] = [];
    try {
      scope.assertCovers(planIntervals(plan));
    } catch (err) {
      if (!(err instanceof RoutewiseError)) throw err;
      outOfScope = (err.details as { outside: string[] }).outside;
    }
    return { total: plan.total, needsConfirmation, outOfScope, scopeEmpty: scope.isEmpty, unresolved: plan.unresolved };
  }

  async start(req: ParsedScanRequest, actor: string): Promise<{ scanId: string; total: number; credentialIds: string[] }> {
    const { ctx } = this.deps;
    const plan = await planTargets(req.targets, { defaultPort: req.snmpPort, resolve: this.resolve, confirmLarge: req.confirmLarge });
    const scope = await this.loadScope();
    scope.assertCovers(planIntervals(plan));

    const credentialIds = [...req.credentialIds];
    for (const input of req.adHocCredentials) {
      const id = await ensureAdHocCredential(ctx, input, actor);
      if (!credentialIds.includes(id)) credentialIds.push(id);
    }
    const credentials: Credential[] = [];
    for (const id of credentialIds) credentials.push(await ctx.credentials.reveal(id));
    const snmpCredentials = credentials.filter((c): c is SnmpCredential => c.kind !== 'ssh');
    const sshCredentials = credentials.filter((c): c is SshCredential => c.kind === 'ssh');
    if (credentials.length === 0) {
      throw new RoutewiseError('bad-request', 'no credentials to try: give a community, an SNMPv3 user, an SSH user or a stored credential id');
    }

    const scanId = `scan-${randomUUID()}`;
    const startedAt = new Date().toISOString();
    const options = { snmpPort: req.snmpPort, sshPort: req.sshPort, timeoutMs: req.timeoutMs, retries: req.retries, concurrency: req.concurrency, credentialIds };
    await this.deps.scans.create({ id: scanId, actor, targets: req.targets, options, total: plan.total, startedAt });
    await ctx.audit.append({ actor, action: 'scan.start', subject: scanId, details: { targets: req.targets.slice(0, 50), total: plan.total, credentialIds } });
    if (plan.total > 65_536) ctx.log('warn', `scan ${scanId} sweeps ${plan.total} addresses (more than a /16), confirmed by ${actor}`);

    const controller = new AbortController();
    const done = this.run(scanId, plan, req, snmpCredentials, sshCredentials, scope, controller.signal).finally(() => this.running.delete(scanId));
    this.running.set(scanId, { controller, done });
    return { scanId, total: plan.total, credentialIds };
  }

  cancel(scanId: string): boolean {
    const scan = this.running.get(scanId);
    if (!scan) return false;
    scan.controller.abort(new RoutewiseError('cancelled', 'scan cancelled'));
    return true;
  }

  async get(scanId: string): Promise<ScanDetail> {
    const stored = await this.deps.scans.get(scanId);
    if (!stored) throw new RoutewiseError('not-found', `no scan ${scanId.slice(0, 64)}`);
    return {
      scan: stored.summary,
      devices: await this.deps.inventory.scanDevices(scanId),
      unreachable: stored.unreachable,
      unreachableTruncated: stored.unreachable.length < stored.summary.unreachable,
    };
  }

  list(limit: number): Promise<ScanSummary[]> {
    return this.deps.scans.list(limit);
  }

  /** Engine shutdown: cancel running scans and wait until their partial results are stored. */
  async close(): Promise<void> {
    const all = [...this.running.values()];
    for (const s of all) s.controller.abort(new RoutewiseError('cancelled', 'the engine is shutting down'));
    await Promise.allSettled(all.map((s) => s.done));
  }

  /**
   * A partial identification (ENTITY-MIB timed out this time) keeps what earlier scans learned, and the
   * AI verdict is evaluated on the merged facts, so a flaky table never flips a device to "not capable".
   */
  private async fillFromStore(device: FoundDevice): Promise<void> {
    const prior = await this.deps.inventory.storedFacts(device.target.address, device.target.port);
    if (!prior) return;
    const merged = mergeFacts(prior, device.facts);
    if (JSON.stringify(merged) === JSON.stringify(device.facts)) return;
    device.facts = merged;
    try {
      device.ai = this.deps.prober.evaluateAi(merged, device.aiProbes);
    } catch {
      // the sweep already recorded the catalog failure as a warning
    }
  }

  private async loadScope(): Promise<ScanScope> {
    return new ScanScope((await this.deps.scope.list()).map((r) => r.range));
  }

  private async run(
    scanId: string,
    plan: TargetPlan,
    req: ParsedScanRequest,
    snmpCredentials: SnmpCredential[],
    sshCredentials: SshCredential[],
    scope: ScanScope,
    signal: AbortSignal,
  ): Promise<void> {
    const { ctx, inventory } = this.deps;
    // Writes are chained so devices land in the store in the order found, one transaction each.
    let writes: Promise<unknown> = Promise.resolve();
    const writeErrors: string[] = [];
    let status: ScanStatus = 'completed';
    let error: string | undefined;
    let result: SweepResult | undefined;
    try {
      const remembered = await inventory.rememberedCredentials();
      result = await runSweep({
        preferredCredentialId: (t) => remembered.get(`${t.address}:${t.port}`),
        targets: iterateTargets(plan),
        total: plan.total,
        snmpCredentials,
        sshCredentials,
        sshPort: req.sshPort,
        prober: this.deps.prober,
        concurrency: req.concurrency,
        timeoutMs: req.timeoutMs,
        retries: req.retries,
        signal,
        guard: (t) => scope.assertAllows(t.address),
        onProgress: (p) => ctx.bus.emit('scan.progress', { scanId, ...p }),
        onDevice: (device) => {
          writes = writes.then(async () => {
            try {
              await this.fillFromStore(device);
              await inventory.recordFound(scanId, device, new Date().toISOString());
            } catch (err) {
              writeErrors.push(err instanceof Error ? err.message : String(err));
            }
          });
        },
      });
      if (result.cancelled) status = 'cancelled';
    } catch (err) {
      status = 'failed';
      error = err instanceof Error ? err.message : String(err);
      ctx.log('error', `scan ${scanId} failed: ${error}`);
    }
    await writes;
    if (writeErrors.length > 0) {
      status = 'failed';
      error = `storing results failed: ${writeErrors[0]}`;
    }
    // The liveness pass settles silent targets before the full probes finish: report in address order.
    const swept = [...(result?.unreachable ?? [])].sort((x, y) => compareTargets(x.target, y.target));
    const unreachable: UnreachableEntry[] = [
      ...plan.unresolved.map((h) => ({ address: h, port: req.snmpPort, reason: 'hostname did not resolve' })),
      ...swept.map((u) => ({ address: u.target.address, port: u.target.port, reason: u.reason })),
    ];
    const p = result?.progress;
    await this.deps.scans.finish(scanId, {
      status,
      counts: { total: plan.total, probed: p?.probed ?? 0, answered: p?.answered ?? 0, identified: p?.identified ?? 0 },
      unreachable,
      error,
      finishedAt: new Date().toISOString(),
    });
    const stored = await this.deps.scans.get(scanId);
    if (stored) ctx.bus.emit('scan.finished', stored.summary);
  }
}

function mergeFacts(prior: DeviceFacts, fresh: DeviceFacts): DeviceFacts {
  const merged: DeviceFacts = { ...fresh };
  for (const [key, value] of Object.entries(prior) as Array<[keyof DeviceFacts, unknown]>) {
    if (value === undefined || key === 'sources') continue;
    const current = merged[key];
    if (current === undefined || (key === 'platform' && current === 'unknown')) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function compareTargets(a: ProbeTarget, b: ProbeTarget): number {
  const ka = addressKey(a.address);
  const kb = addressKey(b.address);
  return ka < kb ? -1 : ka > kb ? 1 : a.port - b.port;
}
