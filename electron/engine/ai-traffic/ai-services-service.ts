import type { AiService, AiServiceSpec } from '../../../shared/api/ai-traffic';
import { ScanScope } from '../discovery/scope/scope';
import type { EngineContext } from '../engine-context';
import { ScopeRepo } from '../store/scope-repo';
import { AiServicesRepo } from './ai-services-repo';
import { httpGet, parseModelList, urlFor } from './http-probe';

/** Capacity assumed for a discovered backend until the admin edits it: conservative, clearly a placeholder. */
const DISCOVERED_CAPACITY = { maxConcurrent: 4, tokensPerSec: 30, prefillTokensPerSec: 2000 };

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Registry + live probes. Every probe target must be inside the scan scope, like every other probe. */
export class AiServicesService {
  readonly repo: AiServicesRepo;
  constructor(private readonly ctx: EngineContext) {
    this.repo = new AiServicesRepo(ctx.store);
  }

  private async scope(): Promise<ScanScope> {
    return new ScanScope((await new ScopeRepo(this.ctx.store).list()).map((r) => r.range));
  }

  async probe(ids: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<AiService[]> {
    const all = await this.repo.list();
    const targets = ids.length ? all.filter((s) => ids.includes(s.id)) : all;
    const scope = await this.scope();
    await forEachLimited(targets, 16, async (s) => {
      if (!scope.allows(s.address)) {
        await this.repo.recordProbe(s.id, { healthy: false, error: `${s.address} is outside the scan scope: not probed` });
        return;
      }
      const r = await httpGet(urlFor(s.address, s.port, s.healthPath), timeoutMs, signal);
      await this.repo.recordProbe(s.id, {
        healthy: r.ok,
        ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}),
        ...(r.ok ? {} : { error: r.error ?? `HTTP ${r.status}` }),
      });
    });
    const probed = new Set(targets.map((t) => t.id));
    return (await this.repo.list()).filter((s) => probed.has(s.id));
  }

  /** Inventory devices in scope whose port answers an OpenAI-style /v1/models; each model becomes a backend. */
  async discover(opts: { ports: number[]; timeoutMs: number; site: string }, signal: AbortSignal): Promise<{ probed: number; found: AiService[] }> {
    const scope = await this.scope();
    const devices = await this.ctx.store.db.selectFrom('devices').select(['address']).execute();
    const targets = [...new Set(devices.map((d) => d.address))].filter((a) => scope.allows(a)).flatMap((address) => opts.ports.map((port) => ({ address, port })));
    const found: AiService[] = [];
    await forEachLimited(targets, 16, async ({ address, port }) => {
      if (signal.aborted) return;
      const r = await httpGet(urlFor(address, port, '/v1/models'), opts.timeoutMs, signal);
      const models = r.ok && r.body ? parseModelList(r.body) : undefined;
      for (const model of (models ?? []).slice(0, 64)) {
        const spec: AiServiceSpec = {
          id: `${address.replace(/[^A-Za-z0-9]/g, '-')}-${port}-${model.replace(/[^A-Za-z0-9_.-]/g, '-')}`.slice(0, 64),
          address,
          port,
          model: model.slice(0, 128),
          site: opts.site,
          capacity: DISCOVERED_CAPACITY,
          healthPath: '/v1/models',
          weight: 1,
        };
        const [base, version] = spec.model.split(':');
        if (version) {
          spec.model = base!;
          spec.version = version.slice(0, 64);
        }
        found.push(await this.repo.upsert(spec, 'discovered'));
        await this.repo.recordProbe(spec.id, { healthy: true, ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}) });
      }
    });
    return { probed: targets.length, found };
  }
}
