import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { aiTrafficMigration } from '../ai-traffic/ai-traffic-migration';
import { archiveMigration } from '../archive/archive-migration';
import { complianceMigration } from '../compliance/compliance-migration';
import { deviceAddressesMigration } from '../discovery/inventory/device-addresses-migration';
import { rolloutMigration } from '../rollout/rollout-migration';
import { interfaceBaselinesMigration } from '../threats/interface-baseline';
import { threatsMigration } from '../threats/threats-migration';
import { metricsMigration } from '../topology/metrics/metrics-migration';

/**
 * Numbered migrations, written with Kysely's schema builder so they run on SQLite today and on
 * PostgreSQL when a team shares one store. Never edit a shipped migration: add the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('public_json', 'text', (c) => c.notNull())
        .addColumn('secret_blob', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('details_json', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`select 1`.execute(db);
    },
  },
  '0002_discovery_inventory': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scan_scope')
        .addColumn('range', 'text', (c) => c.primaryKey())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('scans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('targets_json', 'text', (c) => c.notNull())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('probed', 'integer', (c) => c.notNull())
        .addColumn('answered', 'integer', (c) => c.notNull())
        .addColumn('identified', 'integer', (c) => c.notNull())
        .addColumn('unreachable_count', 'integer', (c) => c.notNull())
        .addColumn('unreachable_json', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('port', 'integer', (c) => c.notNull())
        // Fixed-width hex of the address, so ORDER BY sorts 10.0.0.9 before 10.0.0.10 (and v4 before v6).
        .addColumn('address_key', 'text', (c) => c.notNull())
        .addColumn('hostname', 'text')
        .addColumn('sys_name', 'text')
        .addColumn('sys_descr', 'text')
        .addColumn('sys_object_id', 'text')
        .addColumn('vendor', 'text')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('os_version', 'text')
        .addColumn('model', 'text')
        .addColumn('serial', 'text')
        .addColumn('facts_json', 'text', (c) => c.notNull())
        .addColumn('ai_json', 'text')
        .addColumn('ai_capable', 'integer', (c) => c.notNull())
        .addColumn('credential_id', 'text')
        .addColumn('ssh_credential_id', 'text')
        .addColumn('warnings_json', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('last_scan_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('devices_address_port').unique().on('devices').columns(['address', 'port']).execute();
      await db.schema
        .createTable('device_interfaces')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
        .addColumn('if_index', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('info_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_interfaces_pk', ['device_id', 'if_index'])
        .execute();
      await db.schema
        .createTable('scan_devices')
        .addColumn('scan_id', 'text', (c) => c.notNull().references('scans.id').onDelete('cascade'))
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('scan_devices_pk', ['scan_id', 'device_id'])
        .execute();
      await db.schema
        .createTable('device_history')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
        .addColumn('attribute', 'text', (c) => c.notNull())
        .addColumn('old_value', 'text')
        .addColumn('new_value', 'text')
        .addColumn('scan_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('device_history_device').on('device_history').columns(['device_id', 'id']).execute();
    },
  },
  '0003_ssh_host_keys': {
    async up(db: Kysely<unknown>) {
      // SSH host keys pinned on first use; pending_* holds a changed key until an admin accepts it.
      await db.schema
        .createTable('ssh_host_keys')
        .addColumn('host_port', 'text', (c) => c.primaryKey())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('pending_algorithm', 'text')
        .addColumn('pending_fingerprint', 'text')
        .addColumn('pending_seen_at', 'text')
        .execute();
    },
  },
  '0004_topology': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('topology_observations')
        .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
        .addColumn('collected_at', 'text', (c) => c.notNull())
        .addColumn('observation_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('topology_snapshots')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('topology_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('manual_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('a_device', 'text', (c) => c.notNull())
        .addColumn('a_if', 'text', (c) => c.notNull())
        .addColumn('b_device', 'text', (c) => c.notNull())
        .addColumn('b_if', 'text', (c) => c.notNull())
        .addColumn('speed_mbps', 'real')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('map_positions')
        .addColumn('node_id', 'text', (c) => c.primaryKey())
        .addColumn('x', 'real', (c) => c.notNull())
        .addColumn('y', 'real', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('interface_samples')
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('if_index', 'integer', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('at_ms', 'integer', (c) => c.notNull())
        .addColumn('in_bps', 'real')
        .addColumn('out_bps', 'real')
        .addColumn('in_util', 'real')
        .addColumn('out_util', 'real')
        .addColumn('errors_ps', 'real')
        .addColumn('discards_ps', 'real')
        .addColumn('packets_ps', 'real')
        .addPrimaryKeyConstraint('interface_samples_pk', ['device_id', 'if_index', 'tier', 'at_ms'])
        .execute();
      await db.schema
        .createTable('device_roles')
        .addColumn('device_id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0005_threats': threatsMigration,
  '0006_rollout': rolloutMigration,
  '0007_config_archive': archiveMigration,
  '0008_ai_traffic': aiTrafficMigration,
  '0009_compliance': complianceMigration,
  '0010_metrics': metricsMigration,
  '0011_device_addresses': deviceAddressesMigration,
  '0012_interface_baselines': interfaceBaselinesMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
