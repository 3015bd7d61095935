import type { ScanStatus, ScanSummary, UnreachableEntry } from '../../../shared/api/scan';
import type { Store } from './database';
import type { ScansTable } from './schema';

/** Unreachable targets kept per scan; the count is always exact. A /16 sweep would otherwise store 65k rows of silence. */
export const MAX_STORED_UNREACHABLE = 10_000;

export interface ScanCounts {
  total: number;
  probed: number;
  answered: number;
  identified: number;
}

export class ScanRepo {
  constructor(private readonly store: Store) {}

  async create(scan: { id: string; actor: string; targets: string[]; options: unknown; total: number; startedAt: string }): Promise<void> {
    await this.store.db
      .insertInto('scans')
      .values({
        id: scan.id,
        started_at: scan.startedAt,
        finished_at: null,
        status: 'running',
        actor: scan.actor,
        targets_json: JSON.stringify(scan.targets),
        options_json: JSON.stringify(scan.options),
        total: scan.total,
        probed: 0,
        answered: 0,
        identified: 0,
        unreachable_count: 0,
        unreachable_json: '[]',
        error: null,
      })
      .execute();
  }

  async finish(
    id: string,
    end: { status: ScanStatus; counts: ScanCounts; unreachable: UnreachableEntry[]; error?: string; finishedAt: string },
  ): Promise<void> {
    await this.store.db
      .updateTable('scans')
      .set({
        status: end.status,
        finished_at: end.finishedAt,
        probed: end.counts.probed,
        answered: end.counts.answered,
        identified: end.counts.identified,
        unreachable_count: end.unreachable.length,
        unreachable_json: JSON.stringify(end.unreachable.slice(0, MAX_STORED_UNREACHABLE)),
        error: end.error ?? null,
      })
      .where('id', '=', id)
      .execute();
  }

  async get(id: string): Promise<{ summary: ScanSummary; unreachable: UnreachableEntry[] } | undefined> {
    const row = await this.store.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { summary: toSummary(row), unreachable: JSON.parse(row.unreachable_json) as UnreachableEntry[] };
  }

  async list(limit: number): Promise<ScanSummary[]> {
    const rows = await this.store.db.selectFrom('scans').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
    return rows.map(toSummary);
  }
}

export function toSummary(row: ScansTable): ScanSummary {
  return {
    id: row.id,
    status: row.status as ScanStatus,
    actor: row.actor,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.finished_at ? Date.parse(row.finished_at) - Date.parse(row.started_at) : null,
    targets: JSON.parse(row.targets_json) as string[],
    total: row.total,
    probed: row.probed,
    answered: row.answered,
    identified: row.identified,
    unreachable: row.unreachable_count,
    error: row.error,
  };
}
