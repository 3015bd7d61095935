import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DeviceDetail, DeviceSummary, HistoryEntry, InventoryQuery, InventorySortField } from '../../../shared/api/inventory';
import type { ScanDevice } from '../../../shared/api/scan';
import type { AiVerdict, DeviceAddress, DeviceFacts, InterfaceInfo, Platform } from '../../../shared/domain/device';
import { type BoxIdentity, sameBox, type SameBox } from '../discovery/inventory/same-box';
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
      const facts = found.facts;
      let existing = await deviceAt(trx, address, port);
      // A new address: the same box may already be known at another one (serial, chassis MAC, engine ID…).
      let merged: Extract<SameBox, { same: true }> | undefined;
      if (!existing) {
        for (const candidate of await identityCandidates(trx, facts)) {
          const verdict = sameBox(rowIdentity(candidate), factsIdentity(facts));
          if (verdict.same) {
            existing = candidate;
            merged = verdict;
            break;
          }
        }
      }
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
        chassis_mac: facts.chassisMac ?? existing?.chassis_mac ?? null,
        engine_id: facts.snmpEngineId ?? existing?.engine_id ?? null,
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
        if (merged) {
          const known = await trx.selectFrom('device_addresses').select(['address', 'port']).where('device_id', '=', deviceId).orderBy('first_seen').execute();
          changes.push({
            attribute: 'addresses',
            oldValue: known.map((a) => hostPort(a.address, a.port)).join(', ') || hostPort(existing.address, existing.port),
            newValue: `${hostPort(address, port)} merged: same ${merged.key} ${merged.value}`,
            scanId,
            at,
          });
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
      await trx
        .insertInto('device_addresses')
        .values({ address, port, device_id: deviceId, address_key: addressKey(address), first_seen: at, last_seen: at, last_scan_id: scanId })
        .onConflict((oc) => oc.columns(['address', 'port']).doUpdateSet({ device_id: deviceId, last_seen: at, last_scan_id: scanId }))
        .execute();
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
    const rows = await this.store.db
      .selectFrom('device_addresses')
      .innerJoin('devices', 'devices.id', 'device_addresses.device_id')
      .select(['device_addresses.address', 'device_addresses.port', 'devices.credential_id'])
      .where('devices.credential_id', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [`${r.address}:${r.port}`, r.credential_id ?? '']));
  }

  /** What the store knows about the device at address:port, to fill gaps in a partial identification. */
  async storedFacts(address: string, port: number): Promise<DeviceFacts | undefined> {
    const row = await deviceAt(this.store.db, address, port);
    return row ? (JSON.parse(row.facts_json) as DeviceFacts) : undefined;
  }

  async list(q: ParsedInventoryQuery): Promise<{ total: number; items: DeviceSummary[] }> {
    let base = this.store.db.selectFrom('devices');
    if (q.text) {
      // instr() rather than LIKE: the admin's text is matched literally, % and _ included.
      const needle = q.text.toLowerCase();
      base = base.where((eb) =>
        eb.or(
          [
            ...(['address', 'hostname', 'sys_name', 'vendor', 'model', 'serial', 'os_version', 'platform'] as const).map(
              (col) => sql<boolean>`instr(lower(${sql.ref(col)}), ${needle}) > 0`,
            ),
            sql<boolean>`exists (select 1 from device_addresses da where da.device_id = devices.id and instr(lower(da.address), ${needle}) > 0)`,
          ],
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
      addresses: await this.addresses(id, row),
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
      const addresses = await this.addresses(row.id, row);
      // The address that answered in this scan (the primary one when several did).
      const answered = addresses.find((a) => a.lastScanId === scanId && a.address === row.address && a.port === row.port) ?? addresses.find((a) => a.lastScanId === scanId);
      out.push({
        deviceId: row.id,
        address: answered?.address ?? row.address,
        port: answered?.port ?? row.port,
        addresses,
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

  /** The device's addresses, primary first; a row from before migration 0011 stands for its own address. */
  private async addresses(deviceId: string, row: DevicesTable): Promise<DeviceAddress[]> {
    const rows = await this.store.db.selectFrom('device_addresses').selectAll().where('device_id', '=', deviceId).orderBy('first_seen').orderBy('address_key').execute();
    const list = rows.map((a) => ({ address: a.address, port: a.port, firstSeen: a.first_seen, lastSeen: a.last_seen, lastScanId: a.last_scan_id }));
    const primary = list.findIndex((a) => a.address === row.address && a.port === row.port);
    if (primary > 0) list.unshift(...list.splice(primary, 1));
    if (primary < 0) list.unshift({ address: row.address, port: row.port, firstSeen: row.first_seen, lastSeen: row.last_seen, lastScanId: row.last_scan_id });
    return list;
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

/** The device that answered at address:port before (any of its addresses). */
async function deviceAt(db: Kysely<Database>, address: string, port: number): Promise<DevicesTable | undefined> {
  const viaAddress = await db
    .selectFrom('device_addresses')
    .innerJoin('devices', 'devices.id', 'device_addresses.device_id')
    .selectAll('devices')
    .where('device_addresses.address', '=', address)
    .where('device_addresses.port', '=', port)
    .executeTakeFirst();
  return viaAddress ?? (await db.selectFrom('devices').selectAll().where('address', '=', address).where('port', '=', port).executeTakeFirst());
}

/** Stored devices sharing an identity key with these facts: the merge decides among them. */
async function identityCandidates(db: Kysely<Database>, facts: DeviceFacts): Promise<DevicesTable[]> {
  const keys: Array<['serial' | 'chassis_mac' | 'engine_id' | 'sys_name', string]> = [];
  if (facts.serial) keys.push(['serial', facts.serial]);
  if (facts.chassisMac) keys.push(['chassis_mac', facts.chassisMac]);
  if (facts.snmpEngineId) keys.push(['engine_id', facts.snmpEngineId]);
  if (facts.sysName) keys.push(['sys_name', facts.sysName]);
  if (keys.length === 0) return [];
  return db
    .selectFrom('devices')
    .selectAll()
    .where((eb) => eb.or(keys.map(([col, value]) => eb(col, '=', value))))
    .orderBy('first_seen')
    .limit(50)
    .execute();
}

function rowIdentity(row: DevicesTable): BoxIdentity {
  return {
    serial: row.serial,
    chassisMac: row.chassis_mac,
    engineId: row.engine_id,
    sysName: row.sys_name,
    sysObjectID: row.sys_object_id,
    sysDescr: row.sys_descr,
    vendor: row.vendor,
    model: row.model,
  };
}

function factsIdentity(f: DeviceFacts): BoxIdentity {
  return {
    serial: f.serial,
    chassisMac: f.chassisMac,
    engineId: f.snmpEngineId,
    sysName: f.sysName,
    sysObjectID: f.sysObjectID,
    sysDescr: f.sysDescr,
    vendor: f.vendor,
    model: f.model,
  };
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
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
