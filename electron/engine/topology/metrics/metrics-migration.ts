import type { Kysely, Migration } from 'kysely';

/** Device-level samples (CPU, memory) beside the interface samples of 0004. */
export const metricsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('device_samples')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'integer', (c) => c.notNull())
      .addColumn('cpu_pct', 'real')
      .addColumn('mem_pct', 'real')
      .addPrimaryKeyConstraint('device_samples_pk', ['device_id', 'tier', 'at_ms'])
      .execute();
    await db.schema.createIndex('interface_samples_tier_time').on('interface_samples').columns(['tier', 'at_ms']).execute();
  },
};

export interface DeviceSamplesTable {
  device_id: string;
  tier: string;
  at_ms: number;
  cpu_pct: number | null;
  mem_pct: number | null;
}
