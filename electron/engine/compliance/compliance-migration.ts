import type { Generated, Kysely, Migration } from 'kysely';

/**
 * Compliance state: configurations imported or approved as a baseline, waivers, imported advisories and the
 * last rule pack seen (its hash per rule), so an edited pack is noticed and audited.
 */
export const complianceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('compliance_configs')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // 'running' | 'startup' | 'approved'
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('compliance_configs_device').on('compliance_configs').columns(['device_id', 'kind', 'id']).execute();
    await db.schema
      .createTable('compliance_waivers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('compliance_advisory_files')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('advisories_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('compliance_packs')
      .addColumn('pack_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('rule_hashes_json', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('same_version_change', 'integer', (c) => c.notNull())
      .execute();
  },
};

export interface ComplianceConfigsTable {
  id: Generated<number>;
  device_id: string;
  kind: string;
  sha256: string;
  text: string;
  at: string;
  actor: string;
}

export interface ComplianceWaiversTable {
  id: string;
  rule_id: string;
  device_id: string;
  reason: string;
  owner: string;
  expires_at: string;
  created_at: string;
  created_by: string;
}

export interface ComplianceAdvisoryFilesTable {
  id: Generated<number>;
  name: string;
  format: string;
  sha256: string;
  imported_at: string;
  advisories_json: string;
}

export interface CompliancePacksTable {
  pack_id: string;
  version: string;
  hash: string;
  rule_hashes_json: string;
  recorded_at: string;
  /** 1 once the content changed under an unchanged version, until the version is bumped. */
  same_version_change: number;
}
