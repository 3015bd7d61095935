import type { Kysely, Migration } from 'kysely';

/**
 * The AI services registry: inference backends (OpenAI-style HTTP APIs) that policies balance across.
 * Probe results live on the row (latest + EWMA latency) because a policy preview only needs the present.
 */
export const aiTrafficMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ai_services')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('version', 'text')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('max_concurrent', 'integer', (c) => c.notNull())
      .addColumn('tokens_per_sec', 'real', (c) => c.notNull())
      .addColumn('prefill_tokens_per_sec', 'real', (c) => c.notNull())
      .addColumn('health_path', 'text', (c) => c.notNull())
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('last_probe_at', 'text')
      .addColumn('last_healthy', 'integer')
      .addColumn('last_latency_ms', 'real')
      .addColumn('ewma_latency_ms', 'real')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('ai_services_endpoint').on('ai_services').columns(['address', 'port', 'model']).unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('ai_services').execute();
  },
};
