import type { ScopeRange } from '../../../shared/api/scope';
import { parseScopeRange } from '../discovery/scope/scope';
import type { Store } from './database';

/** The scan scope's allowed ranges, stored canonical so `remove` finds what `add` stored. */
export class ScopeRepo {
  constructor(private readonly store: Store) {}

  async list(): Promise<ScopeRange[]> {
    const rows = await this.store.db.selectFrom('scan_scope').selectAll().orderBy('added_at').orderBy('range').execute();
    return rows.map((r) => ({ range: r.range, addedAt: r.added_at, addedBy: r.added_by }));
  }

  async add(rangeText: string, actor: string): Promise<{ range: ScopeRange; added: boolean }> {
    const { canonical } = parseScopeRange(rangeText);
    const addedAt = new Date().toISOString();
    const res = await this.store.db
      .insertInto('scan_scope')
      .values({ range: canonical, added_at: addedAt, added_by: actor })
      .onConflict((oc) => oc.column('range').doNothing())
      .executeTakeFirst();
    const row = await this.store.db.selectFrom('scan_scope').selectAll().where('range', '=', canonical).executeTakeFirstOrThrow();
    return { range: { range: row.range, addedAt: row.added_at, addedBy: row.added_by }, added: Number(res.numInsertedOrUpdatedRows ?? 0n) > 0 };
  }

  async remove(rangeText: string): Promise<{ removed: boolean; canonical: string }> {
    const { canonical } = parseScopeRange(rangeText);
    const res = await this.store.db.deleteFrom('scan_scope').where('range', '=', canonical).executeTakeFirst();
    return { removed: Number(res.numDeletedRows) > 0, canonical };
  }
}
