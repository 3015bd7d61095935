import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DeviceDetail, DeviceSummary, HistoryEntry, InventoryQuery, InventorySortField } from '../../../shared/api/inventory';
import type { ScanDevice } from '../../../shared/api/scan';
import type { AiVerdict, DeviceFacts, InterfaceInfo, Platform } from '../../../shared/domain/device';
import type { FoundDevice } from '../discovery/sweep/sweep';
import { parseAddress } from '../discovery/targets/address';
import type { Store } from './database';
import type { Database, DevicesTable } from './schema';

/** Attributes whose change is worth a history row (a new OS version, a swapped chassis…). */
const TRACKED = [
  ['sysName', 'sys_name'],
  ['sysDescr', 'sys_descr'],
  ['sysObjectID', 'sys_object_id'],
  ['vendor', 'vendor'],
  ['platform', 'platform'],
  ['osVersion', 'os_version'],
  ['model', 'model'],
  ['serial', 'serial'],
] as const satisfies ReadonlyArray<readonly [keyof DeviceFacts, keyof DevicesTable]>;

const SORT_COLUMNS: Record<InventorySortField, keyof DevicesTable> = {
  address: 'address_key',
  sysName: 'sys_name',
  vendor: 'vendor',
  platform: 'platform',
  osVersion: 'os_version',
  model: 'model',
  lastSeen: 'last_seen',
  firstSeen: 'first_seen',
  aiCapable: 'ai_capable',
};

/** SQLite's default limit is 32,766 bound variables; 4 per interface row. */
const INTERFACE_CHUNK = 1000;

export type ParsedInventoryQuery = Required<Pick<InventoryQuery, 'sort' | 'direction' | 'offset' | 'limit'>> &
  Pick<InventoryQuery, 'text' | 'vendor' | 'platform' | 'aiCapable'>;

/**
 * Devices are identified by the address and port they were probed at: the id stays stable across scans
 * of that address. A scan that learns less than the last one (ENTITY-MIB timed out) keeps the old values
 * rather than erasing them; a value that changed is written to device_history.
 */
export class InventoryRepo {
  constructor(private readonly store: Store) {}

  async recordFound(scanId: string, found: FoundDevice, at: string): Promise<{ deviceId: string; changes: HistoryEntry[] }> {
    return this.store.db.transaction().execute(async (trx) => {
      const { address, port } = found.target;
      const existing = await trx.selectFrom('devices').selectAll().where('address', '=', address).where('port', '=', port).executeTakeFirst();
      const facts = found.facts;
      const changes: HistoryEntry[] = [];
      const values = {
        hostname: found.target.hostname ?? existing?.hostname ?? null,
        sys_name: facts.sysName ?? existing?.sys_name ?? null,
        sys_descr: facts.sysDescr ?? existing?.sys_descr ?? null,
        sys_object_id: facts.sysObjectID ?? existing?.sys_object_id ?? null,
        vendor: facts.vendor ?? existing?.vendor ?? null,
        platform: facts.platform !== 'unknown' ? facts.platform : (existing?.platform ?? 'unknown'),
        os_version: facts.osVersion ?? existing?.os_version ?? null,
        model: facts.model ?? existing?.model ?? null,
        serial: facts.serial ?? existing?.serial ?? null,
        facts_json: JSON.stringify(facts),
        ai_json: found.ai ? JSON.stringify(found.ai) : (existing?.ai_json ?? null),
        ai_capable: found.ai ? (found.ai.capable ? 1 : 0) : (existing?.ai_capable ?? 0),
        credential_id: found.credentialId ?? existing?.credential_id ?? null,
        ssh_credential_id: found.sshCredentialId ?? existing?.ssh_credential_id ?? null,
        warnings_json: JSON.stringify(found.warnings),
        last_seen: at,
        last_scan_id: scanId,
      };
      let deviceId: string;
      if (existing) {
        deviceId = existing.id;
        for (const [attribute, column] of TRACKED) {
          const oldValue = existing[column] as string | null;
          const newValue = values[column as keyof typeof values] as string | null;
          if (oldValue !== newValue) changes.push({ attribute, oldValue, newValue, scanId, at });
        }
        await trx.updateTable('devices').set(values).where('id', '=', deviceId).execute();
        if (changes.length > 0) {
          await trx
            .insertInto('device_history')
            .values(changes.map((c) => ({ device_id: deviceId, attribute: c.attribute, old_value: c.oldValue, new_value: c.newValue, scan_id: scanId, at })))
            .execute();
        }
      } else {
        deviceId = `dev-${randomUUID()}`;
        await trx
          .insertInto('devices')
          .values({ id: deviceId, address, port, address_key: addressKey(address), first_seen: at, ...values })
          .execute();
      }
      if (found.interfaces.length > 0) await replaceInterfaces(trx, deviceId, found.interfaces);
      await trx
        .insertInto('scan_devices')
        .values({ scan_id: scanId, device_id: deviceId })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return { deviceId, changes };
    });
  }

  /** `address:port` → the SNMP credential that answered last time, so a rescan tries it first. */
  async rememberedCredentials(): Promise<Map<string, string>> {
    const rows = await this.store.db.selectFrom('devices').select(['address', 'port', 'credential_id']).where('credential_id', 'is not', null).execute();
    return new Map(rows.map((r) => [`${r.address}:${r.port}`, r.credential_id ?? '']));
  }

  /** What the store knows about the device at address:port, to fill gaps in a partial identification. */
  async storedFacts(address: string, port: number): Promise<DeviceFacts | undefined> {
    const row = await this.store.db.selectFrom('devices').select('facts_json').where('address', '=', address).where('port', '=', port).executeTakeFirst();
    return row ? (JSON.parse(row.facts_json) as DeviceFacts) : undefined;
  }

  async list(q: ParsedInventoryQuery): Promise<{ total: number; items: DeviceSummary[] }> {
    let base = this.store.db.selectFrom('devices');
    if (q.text) {
      // instr() rather than LIKE: the admin's text is matched literally, % and _ included.
      const needle = q.text.toLowerCase();
      base = base.where((eb) =>
        eb.or(
          (['address', 'hostname', 'sys_name', 'vendor', 'model', 'serial', 'os_version', 'platform'] as const).map(
            (col) => sql<boolean>`instr(lower(${sql.ref(col)}), ${needle}) > 0`,
          ),
        ),
      );
    }
    if (q.vendor) base = base.where('vendor', '=', q.vendor);
    if (q.platform) base = base.where('platform', '=', q.platform);
    if (q.aiCapable !== undefined) base = base.where('ai_capable', '=', q.aiCapable ? 1 : 0);
    const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll()
      .orderBy(SORT_COLUMNS[q.sort], q.direction)
      .orderBy('address_key', 'asc')
      .orderBy('port', 'asc')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return { total: Number(count), items: rows.map(toSummary) };
  }

  async get(id: string): Promise<DeviceDetail | undefined> {
    const row = await this.store.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const history = await this.store.db.selectFrom('device_history').selectAll().where('device_id', '=', id).orderBy('id', 'desc').limit(1000).execute();
    return {
      device: {
        ...toSummary(row),
        sysDescr: row.sys_descr,
        sysObjectID: row.sys_object_id,
        sshCredentialId: row.ssh_credential_id,
        lastScanId: row.last_scan_id,
        warnings: JSON.parse(row.warnings_json) as string[],
      },
      facts: JSON.parse(row.facts_json) as DeviceFacts,
      ai: row.ai_json ? (JSON.parse(row.ai_json) as AiVerdict) : null,
      interfaces: await this.interfaces(id),
      history: history.map((h) => ({ attribute: h.attribute, oldValue: h.old_value, newValue: h.new_value, scanId: h.scan_id, at: h.at })),
    };
  }

  /** The devices one scan found, in the shape `routewise scan --json` prints. */
  async scanDevices(scanId: string): Promise<ScanDevice[]> {
    const rows = await this.store.db
      .selectFrom('scan_devices')
      .innerJoin('devices', 'devices.id', 'scan_devices.device_id')
      .selectAll('devices')
      .where('scan_devices.scan_id', '=', scanId)
      .orderBy('devices.address_key')
      .orderBy('devices.port')
      .execute();
    const out: ScanDevice[] = [];
    for (const row of rows) {
      const ai = row.ai_json ? (JSON.parse(row.ai_json) as AiVerdict) : null;
      out.push({
        deviceId: row.id,
        address: row.address,
        port: row.port,
        hostname: row.hostname,
        sysName: row.sys_name,
        sysDescr: row.sys_descr,
        sysObjectID: row.sys_object_id,
        vendor: row.vendor,
        platform: row.platform as Platform,
        osVersion: row.os_version,
        model: row.model,
        serial: row.serial,
        interfaces: await this.interfaces(row.id),
        ai: { capable: ai?.capable ?? false, features: ai?.features ?? [], evidence: ai?.evidence ?? [], featureStates: ai?.featureStates ?? [] },
        credentialId: row.credential_id,
        sshCredentialId: row.ssh_credential_id,
        warnings: JSON.parse(row.warnings_json) as string[],
      });
    }
    return out;
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.store.db.deleteFrom('devices').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  private async interfaces(deviceId: string): Promise<InterfaceInfo[]> {
    const rows = await this.store.db.selectFrom('device_interfaces').select('info_json').where('device_id', '=', deviceId).orderBy('if_index').execute();
    return rows.map((r) => JSON.parse(r.info_json) as InterfaceInfo);
  }
}

async function replaceInterfaces(trx: Kysely<Database>, deviceId: string, interfaces: readonly InterfaceInfo[]): Promise<void> {
  await trx.deleteFrom('device_interfaces').where('device_id', '=', deviceId).execute();
  const unique = new Map(interfaces.map((i) => [i.ifIndex, i]));
  const rows = [...unique.values()].map((i) => ({ device_id: deviceId, if_index: i.ifIndex, name: i.name, info_json: JSON.stringify(i) }));
  for (let i = 0; i < rows.length; i += INTERFACE_CHUNK) {
    await trx.insertInto('device_interfaces').values(rows.slice(i, i + INTERFACE_CHUNK)).execute();
  }
}

function toSummary(row: DevicesTable): DeviceSummary {
  return {
    id: row.id,
    address: row.address,
    port: row.port,
    hostname: row.hostname,
    sysName: row.sys_name,
    vendor: row.vendor,
    platform: row.platform as Platform,
    osVersion: row.os_version,
    model: row.model,
    serial: row.serial,
    aiCapable: row.ai_capable === 1,
    credentialId: row.credential_id,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

/** '4' + 8 hex digits or '6' + 32: text order equals numeric order within a family. */
export function addressKey(address: string): string {
  const a = parseAddress(address);
  if (!a) return `9${address}`;
  return `${a.family}${a.value.toString(16).padStart(a.family === 4 ? 8 : 32, '0')}`;
}
