import type { Generated, Kysely, Migration } from 'kysely';

/**
 * The configuration archive: every running/startup configuration Routewise has seen for a device, keyed by
 * its SHA-256 so an unchanged backup is not stored twice, plus out-of-band change events (running differs
 * from the last known version, or startup differs from running) with who the device's syslog says did it.
 */
export const archiveMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('config_versions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // 'running' | 'startup'
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('taken_at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull()) // 'on-demand' | 'schedule' | 'restore' | 'rollout' …
      .execute();
    await db.schema.createIndex('config_versions_device').on('config_versions').columns(['device_id', 'kind', 'id']).execute();
    await db.schema
      .createTable('config_change_events')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // 'running-changed' | 'startup-differs'
      .addColumn('from_version', 'integer')
      .addColumn('to_version', 'integer')
      .addColumn('changed_by', 'text')
      .addColumn('attribution_json', 'text')
      .execute();
    await db.schema.createIndex('config_change_events_device').on('config_change_events').columns(['device_id', 'id']).execute();
  },
};

export interface ConfigVersionsTable {
  id: Generated<number>;
  device_id: string;
  kind: string;
  sha256: string;
  text: string;
  taken_at: string;
  actor: string;
  source: string;
}

export interface ConfigChangeEventsTable {
  id: Generated<number>;
  device_id: string;
  at: string;
  kind: string;
  from_version: number | null;
  to_version: number | null;
  changed_by: string | null;
  attribution_json: string | null;
}
