import type { Generated, Kysely, Migration } from 'kysely';

/**
 * Rollout plans, their per-device state and the write-ahead journal. Every step against a device is written as an
 * intent row (outcome NULL) in a transaction BEFORE the action and completed with its outcome after it, so after a
 * crash the unfinished intents say exactly which action may or may not have reached the device.
 */
export const rolloutMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rollout_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('template_name', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('approved_at', 'text')
      .addColumn('plan_json', 'text', (c) => c.notNull())
      .addColumn('result_json', 'text')
      // Pause/abort requests cross processes through the store: the CLI that asks is rarely the one that runs.
      .addColumn('control', 'text')
      // Which process executes the plan; recovery skips plans whose runner is still alive.
      .addColumn('runner_pid', 'integer')
      .addColumn('heartbeat_at', 'text')
      .execute();
    await db.schema
      .createTable('rollout_devices')
      .addColumn('plan_id', 'text', (c) => c.notNull().references('rollout_plans.id').onDelete('cascade'))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('phase_index', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('backup_config', 'text')
      .addColumn('expected_config', 'text')
      .addColumn('diff', 'text')
      .addColumn('error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollout_devices_pk', ['plan_id', 'address'])
      .execute();
    await db.schema
      .createTable('rollout_journal')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('rollout_plans.id').onDelete('cascade'))
      .addColumn('phase_index', 'integer', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('intent_at', 'text', (c) => c.notNull())
      .addColumn('intent_json', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('outcome_at', 'text')
      .addColumn('outcome_json', 'text')
      .execute();
    await db.schema.createIndex('rollout_journal_plan').on('rollout_journal').columns(['plan_id', 'seq']).execute();
  },
};

export interface RolloutPlansTable {
  id: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  status: string;
  template_name: string;
  approved_by: string | null;
  approved_at: string | null;
  plan_json: string;
  result_json: string | null;
  control: string | null;
  runner_pid: number | null;
  heartbeat_at: string | null;
}

export interface RolloutDevicesTable {
  plan_id: string;
  address: string;
  phase_index: number;
  state: string;
  backup_config: string | null;
  expected_config: string | null;
  diff: string | null;
  error: string | null;
  updated_at: string;
}

export interface RolloutJournalTable {
  seq: Generated<number>;
  plan_id: string;
  phase_index: number;
  address: string | null;
  step: string;
  intent_at: string;
  intent_json: string;
  outcome: string | null;
  outcome_at: string | null;
  outcome_json: string | null;
}
