import { randomUUID } from 'node:crypto';
import type { ConfigKind, Waiver } from '../../../shared/api/compliance';
import { AiVerdict, DeviceFacts, Platform } from '../../../shared/domain/device';
import type { Store } from '../store/database';
import type { Advisory } from './advisories/advisory';
import type { ConfigText, DeviceInput } from './evaluate/device-input';
import { sha256 } from './rules/rule-pack';

export interface PackState {
  version: string;
  hash: string;
  ruleHashes: Record<string, string>;
  recordedAt: string;
  sameVersionChange: boolean;
}

/** The compliance tables, and read-only views of inventory, archive, rollout and threat tables when present. */
export class ComplianceRepo {
  constructor(private readonly store: Store) {}

  private hasTable(name: string): boolean {
    return this.store.sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
  }

  async addConfig(deviceId: string, kind: ConfigKind, text: string, actor: string, at = new Date()): Promise<{ id: number; at: string; sha256: string }> {
    const row = { device_id: deviceId, kind, sha256: sha256(text), text, at: at.toISOString(), actor };
    const r = await this.store.db.insertInto('compliance_configs').values(row).returning('id').executeTakeFirstOrThrow();
    return { id: r.id, at: row.at, sha256: row.sha256 };
  }

  /**
   * Newest configuration of each kind per device: from the config archive (config_versions) and from
   * imports here, whichever is newer. Approved baselines exist only here.
   */
  latestConfigs(deviceIds?: readonly string[]): Map<string, Partial<Record<ConfigKind, ConfigText>>> {
    const out = new Map<string, Partial<Record<ConfigKind, ConfigText>>>();
    const want = deviceIds ? new Set(deviceIds) : undefined;
    const take = (deviceId: string, kind: string, text: string, at: string, source: string) => {
      if (want && !want.has(deviceId)) return;
      if (kind !== 'running' && kind !== 'startup' && kind !== 'approved') return;
      const cur = out.get(deviceId) ?? {};
      const prev = cur[kind];
      if (!prev || (prev.at ?? '') < at) cur[kind] = { text, source, at };
      out.set(deviceId, cur);
    };
    const latestSql = (table: string, atCol: string) =>
      `select t.device_id, t.kind, t.text, t.${atCol} as at from ${table} t join (select device_id, kind, max(id) as id from ${table} group by device_id, kind) m on m.id = t.id`;
    if (this.hasTable('config_versions')) {
      for (const r of this.store.sqlite.prepare(latestSql('config_versions', 'taken_at')).all() as Array<{ device_id: string; kind: string; text: string; at: string }>) {
        take(r.device_id, r.kind, r.text, r.at, 'archive');
      }
    }
    for (const r of this.store.sqlite.prepare(latestSql('compliance_configs', 'at')).all() as Array<{ device_id: string; kind: string; text: string; at: string }>) {
      take(r.device_id, r.kind, r.text, r.at, 'import');
    }
    return out;
  }

  /** The inventory as evaluator inputs, with the kinds of credentials discovery used for each device. */
  devices(deviceIds?: readonly string[]): DeviceInput[] {
    const rows = this.store.sqlite
      .prepare(
        `select d.id, d.address, d.hostname, d.sys_name, d.platform, d.facts_json, d.ai_json, c1.kind as snmp_kind, c2.kind as ssh_kind
         from devices d left join credentials c1 on c1.id = d.credential_id left join credentials c2 on c2.id = d.ssh_credential_id
         order by d.address_key`,
      )
      .all() as Array<{ id: string; address: string; hostname: string | null; sys_name: string | null; platform: string; facts_json: string; ai_json: string | null; snmp_kind: string | null; ssh_kind: string | null }>;
    const want = deviceIds ? new Set(deviceIds) : undefined;
    const configs = this.latestConfigs(deviceIds);
    return rows
      .filter((r) => !want || want.has(r.id))
      .map((r) => {
        const facts = DeviceFacts.partial().safeParse(JSON.parse(r.facts_json));
        const ai = r.ai_json ? AiVerdict.safeParse(JSON.parse(r.ai_json)) : undefined;
        const platform = Platform.safeParse(r.platform);
        return {
          deviceId: r.id,
          name: r.sys_name ?? r.hostname ?? r.address,
          address: r.address,
          platform: platform.success ? platform.data : 'unknown',
          facts: facts.success ? facts.data : {},
          ai: ai?.success ? ai.data : null,
          credentialKinds: [r.snmp_kind, r.ssh_kind].filter((k): k is string => k !== null),
          configs: configs.get(r.id) ?? {},
        } satisfies DeviceInput;
      });
  }

  async addWaiver(w: Omit<Waiver, 'id' | 'createdAt'>, at = new Date()): Promise<Waiver> {
    const waiver: Waiver = { ...w, id: `wv-${randomUUID().slice(0, 8)}`, createdAt: at.toISOString() };
    await this.store.db
      .insertInto('compliance_waivers')
      .values({ id: waiver.id, rule_id: waiver.ruleId, device_id: waiver.deviceId, reason: waiver.reason, owner: waiver.owner, expires_at: waiver.expiresAt, created_at: waiver.createdAt, created_by: waiver.createdBy })
      .execute();
    return waiver;
  }

  async waivers(): Promise<Waiver[]> {
    const rows = await this.store.db.selectFrom('compliance_waivers').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, ruleId: r.rule_id, deviceId: r.device_id, reason: r.reason, owner: r.owner, expiresAt: r.expires_at, createdAt: r.created_at, createdBy: r.created_by }));
  }

  async removeWaiver(id: string): Promise<Waiver | undefined> {
    const w = (await this.waivers()).find((x) => x.id === id);
    if (w) await this.store.db.deleteFrom('compliance_waivers').where('id', '=', id).execute();
    return w;
  }

  /** Stores one advisory file's parsed advisories; importing the same bytes again is a no-op. */
  async addAdvisoryFile(name: string, format: 'nvd' | 'csaf', text: string, advisories: readonly Advisory[]): Promise<void> {
    await this.store.db
      .insertInto('compliance_advisory_files')
      .values({ name, format, sha256: sha256(text), imported_at: new Date().toISOString(), advisories_json: JSON.stringify(advisories) })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async advisories(): Promise<Advisory[]> {
    const rows = await this.store.db.selectFrom('compliance_advisory_files').select('advisories_json').orderBy('id').execute();
    return rows.flatMap((r) => JSON.parse(r.advisories_json) as Advisory[]);
  }

  async packState(packId: string): Promise<PackState | undefined> {
    const r = await this.store.db.selectFrom('compliance_packs').selectAll().where('pack_id', '=', packId).executeTakeFirst();
    return r
      ? { version: r.version, hash: r.hash, ruleHashes: JSON.parse(r.rule_hashes_json) as Record<string, string>, recordedAt: r.recorded_at, sameVersionChange: r.same_version_change === 1 }
      : undefined;
  }

  async savePackState(packId: string, s: PackState): Promise<void> {
    const row = { pack_id: packId, version: s.version, hash: s.hash, rule_hashes_json: JSON.stringify(s.ruleHashes), recorded_at: s.recordedAt, same_version_change: s.sameVersionChange ? 1 : 0 };
    await this.store.db
      .insertInto('compliance_packs')
      .values(row)
      .onConflict((oc) => oc.column('pack_id').doUpdateSet(row))
      .execute();
  }

  /** Raw rows of an optional table (rollouts, threats): empty when another area has not created it. */
  optionalRows<T>(table: string, sqlText: string, ...params: unknown[]): T[] | undefined {
    if (!this.hasTable(table)) return undefined;
    try {
      return this.store.sqlite.prepare(sqlText).all(...params) as T[];
    } catch {
      return undefined;
    }
  }
}
