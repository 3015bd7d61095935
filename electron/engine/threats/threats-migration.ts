import type { Generated, Kysely, Migration } from 'kysely';

/**
 * Threat insights, their counters and the SIEM forwarders' cursors. The insights table doubles as the
 * forwarders' persistent queue: `seq` is assigned in commit order (one SQLite writer), and each target
 * commits the last seq it delivered, so a restart resumes in order without loss.
 */
export const threatsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('threat_insights')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'integer', (c) => c.notNull())
      .addColumn('device_address', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('device_name', 'text')
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('severity_id', 'integer', (c) => c.notNull())
      .addColumn('confidence', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('vendor_category', 'text')
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('signature_id', 'text')
      .addColumn('model', 'text')
      .addColumn('src_ip', 'text')
      .addColumn('src_port', 'integer')
      .addColumn('dst_ip', 'text')
      .addColumn('dst_port', 'integer')
      .addColumn('protocol', 'text')
      .addColumn('technique', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('raw_base64', 'text')
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen_ms', 'integer', (c) => c.notNull())
      .addColumn('correlation_id', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('threat_insights_time').on('threat_insights').column('time_ms').execute();
    await db.schema.createIndex('threat_insights_src').on('threat_insights').columns(['src_ip', 'last_seen_ms']).execute();
    await db.schema.createIndex('threat_insights_corr').on('threat_insights').column('correlation_id').execute();
    await db.schema
      .createTable('threat_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('threat_forward_cursors')
      .addColumn('target', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addColumn('delivered', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Table types, joined into the store's Database interface in store/schema.ts. */
export interface ThreatInsightsTable {
  seq: Generated<number>;
  id: string;
  time: string;
  time_ms: number;
  device_address: string;
  device_id: string | null;
  device_name: string | null;
  severity: string;
  severity_id: number;
  confidence: number;
  category: string;
  vendor_category: string | null;
  signature: string;
  signature_id: string | null;
  model: string | null;
  src_ip: string | null;
  src_port: number | null;
  dst_ip: string | null;
  dst_port: number | null;
  protocol: string | null;
  technique: string | null;
  action: string;
  format: string;
  raw: string;
  raw_base64: string | null;
  count: number;
  first_seen: string;
  last_seen: string;
  last_seen_ms: number;
  correlation_id: string | null;
  received_at: string;
}

export interface ThreatCountersTable {
  key: string;
  value: number;
}

export interface ThreatForwardCursorsTable {
  target: string;
  last_seq: number;
  delivered: number;
  updated_at: string;
}
