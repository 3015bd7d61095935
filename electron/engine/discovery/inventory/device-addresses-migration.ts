import { type Kysely, type Migration, sql } from 'kysely';

/** Every address:port a device answered at; the device row keeps the first one as its primary address. */
export interface DeviceAddressesTable {
  address: string;
  port: number;
  device_id: string;
  address_key: string;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
}

/**
 * One box seen at several addresses is one device: its addresses move to their own table and the identity
 * keys a merge compares (chassis MAC, SNMP engine ID) get columns beside the serial.
 */
export const deviceAddressesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('chassis_mac', 'text').execute();
    await db.schema.alterTable('devices').addColumn('engine_id', 'text').execute();
    await db.schema
      .createTable('device_addresses')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('address_key', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('last_scan_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_addresses_pk', ['address', 'port'])
      .execute();
    await db.schema.createIndex('device_addresses_device').on('device_addresses').column('device_id').execute();
    await sql`INSERT INTO device_addresses (address, port, device_id, address_key, first_seen, last_seen, last_scan_id)
      SELECT address, port, id, address_key, first_seen, last_seen, last_scan_id FROM devices`.execute(db);
    for (const column of ['serial', 'chassis_mac', 'engine_id', 'sys_name'] as const) {
      await db.schema.createIndex(`devices_${column}`).on('devices').column(column).execute();
    }
  },
};
