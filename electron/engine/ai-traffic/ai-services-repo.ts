import type { AiService, AiServiceHealth, AiServiceSpec } from '../../../shared/api/ai-traffic';
import type { AiServicesTable } from '../store/schema';
import type { Store } from '../store/database';

function toService(r: AiServicesTable): AiService {
  const s: AiService = {
    id: r.id,
    address: r.address,
    port: r.port,
    model: r.model,
    site: r.site,
    capacity: { maxConcurrent: r.max_concurrent, tokensPerSec: r.tokens_per_sec, prefillTokensPerSec: r.prefill_tokens_per_sec },
    healthPath: r.health_path,
    weight: r.weight,
    source: r.source === 'discovered' ? 'discovered' : 'manual',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.version !== null) s.version = r.version;
  if (r.last_probe_at !== null) {
    const h: AiServiceHealth = { checkedAt: r.last_probe_at, healthy: r.last_healthy === 1 };
    if (r.last_latency_ms !== null) h.latencyMs = r.last_latency_ms;
    if (r.ewma_latency_ms !== null) h.ewmaLatencyMs = r.ewma_latency_ms;
    if (r.last_error !== null) h.error = r.last_error;
    s.health = h;
  }
  return s;
}

/** The AI services registry (table ai_services, migration 0008). */
export class AiServicesRepo {
  constructor(private readonly store: Store) {}

  async list(): Promise<AiService[]> {
    const rows = await this.store.db.selectFrom('ai_services').selectAll().orderBy('site').orderBy('id').execute();
    return rows.map(toService);
  }

  async get(id: string): Promise<AiService | undefined> {
    const row = await this.store.db.selectFrom('ai_services').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toService(row) : undefined;
  }

  async upsert(spec: AiServiceSpec, source: 'manual' | 'discovered'): Promise<AiService> {
    const now = new Date().toISOString();
    const values = {
      address: spec.address,
      port: spec.port,
      model: spec.model,
      version: spec.version ?? null,
      site: spec.site,
      max_concurrent: spec.capacity.maxConcurrent,
      tokens_per_sec: spec.capacity.tokensPerSec,
      prefill_tokens_per_sec: spec.capacity.prefillTokensPerSec,
      health_path: spec.healthPath,
      weight: spec.weight,
      updated_at: now,
    };
    await this.store.db
      .insertInto('ai_services')
      .values({ id: spec.id, ...values, source, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    return (await this.get(spec.id))!;
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.store.db.deleteFrom('ai_services').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Records a probe; the EWMA folds the new sample in (alpha 0.3) so one slow answer does not dominate. */
  async recordProbe(id: string, r: { healthy: boolean; latencyMs?: number; error?: string }, alpha = 0.3): Promise<void> {
    const prev = await this.store.db.selectFrom('ai_services').select('ewma_latency_ms').where('id', '=', id).executeTakeFirst();
    if (!prev) return;
    const ewma =
      r.latencyMs === undefined ? prev.ewma_latency_ms : prev.ewma_latency_ms === null ? r.latencyMs : alpha * r.latencyMs + (1 - alpha) * prev.ewma_latency_ms;
    await this.store.db
      .updateTable('ai_services')
      .set({
        last_probe_at: new Date().toISOString(),
        last_healthy: r.healthy ? 1 : 0,
        last_latency_ms: r.latencyMs ?? null,
        ewma_latency_ms: ewma,
        last_error: r.error ?? null,
      })
      .where('id', '=', id)
      .execute();
  }
}
