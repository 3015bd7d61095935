import type { LabCredentials } from '../../../shared/api/lab';
import type { LabDeviceRuntime } from './device-runtime';
import type { LabDevice, LabInterface } from './lab-model-types';
import {
  type AgentMib,
  type IndexPart,
  MaxAccess,
  type MibRequest,
  ObjectType as T,
  ProviderType,
  type SnmpAgent,
  type TableColumn,
  createSnmpAgent,
  snmp,
} from './net-snmp-boundary';
import { ciscoShortName } from './topology-model';
import { counter32, counter64Buffer, type TrafficModel } from './traffic-model';

const RO = MaxAccess.readOnly;
const NA = MaxAccess.notAccessible;

type ColumnSpec = readonly [number: number, name: string, type: number, access?: number];

function columns(specs: readonly ColumnSpec[]): TableColumn[] {
  return specs.map(([number, name, type, access]) => ({ number, name, type, maxAccess: access ?? RO }));
}

function mac(text: string): Buffer {
  return text ? Buffer.from(text.replaceAll(':', ''), 'hex') : Buffer.alloc(0);
}

function maskOf(prefixLen: number): string {
  const m = prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}

/** LLDP-MIB LldpSystemCapabilitiesMap is BITS: bridge(2) = 0x20, router(4) = 0x08 in the first of two octets. */
function lldpCaps(bridge: boolean, router: boolean): Buffer {
  return Buffer.from([(bridge ? 0x20 : 0) | (router ? 0x08 : 0), 0]);
}

/** Sub-identifiers after an entry OID: [column, ...index]. */
function subIds(entryOid: string, oid: string): number[] {
  return oid.slice(entryOid.length + 1).split('.').map(Number);
}

class MibBuilder {
  constructor(private readonly mib: AgentMib) {}

  scalar(name: string, oid: string, type: number, value: unknown, handler?: (req: MibRequest) => void): void {
    this.mib.registerProvider({ name, type: ProviderType.Scalar, oid, scalarType: type, maxAccess: RO, ...(handler ? { handler } : {}) });
    this.mib.setScalarValue(name, value);
  }

  table(
    name: string,
    entryOid: string,
    cols: readonly ColumnSpec[],
    index: IndexPart[] | { augments: string },
    rows: unknown[][],
    handler?: (req: MibRequest) => void,
  ): void {
    this.mib.registerProvider({
      name,
      type: ProviderType.Table,
      oid: entryOid,
      maxAccess: NA,
      tableColumns: columns(cols),
      ...('augments' in index ? { tableAugments: index.augments } : { tableIndex: index }),
      ...(handler ? { handler } : {}),
    });
    for (const row of rows) this.mib.addTableRow(name, row);
  }
}

const IF_ENTRY = '1.3.6.1.2.1.2.2.1';
const IFX_ENTRY = '1.3.6.1.2.1.31.1.1.1';

/** Fill a net-snmp MIB with what the device would serve: SNMPv2-MIB, IF-MIB, ENTITY, LLDP, IP, BRIDGE, HOST-RESOURCES. */
/** The LLDP remote tables change at run time: neighbours rename themselves, links go down and up. */
export interface LldpControl {
  peerRenamed(peerId: string, hostname: string): void;
  /** 802.1AB deletes a port's remote entries when the port goes down and learns them again when it comes up. */
  setPortNeighbours(localIfIndex: number, present: boolean): void;
}

export function populateMib(mib: AgentMib, rt: LabDeviceRuntime, traffic: TrafficModel): LldpControl {
  const d = rt.device;
  const b = new MibBuilder(mib);
  const ifByIndex = new Map(d.interfaces.map((i) => [i.ifIndex, i]));

  // SNMPv2-MIB system group (RFC 3418).
  b.scalar('sysDescr', '1.3.6.1.2.1.1.1', T.OctetString, d.spec.sysDescr(d.hostname));
  b.scalar('sysObjectID', '1.3.6.1.2.1.1.2', T.OID, d.spec.sysObjectID);
  b.scalar('sysUpTime', '1.3.6.1.2.1.1.3', T.TimeTicks, 0, (req) => {
    req.instanceNode.value = traffic.sysUpTimeTicks(d);
    req.done();
  });
  b.scalar('sysContact', '1.3.6.1.2.1.1.4', T.OctetString, rt.identity.contact);
  b.scalar('sysName', '1.3.6.1.2.1.1.5', T.OctetString, rt.identity.hostname);
  b.scalar('sysLocation', '1.3.6.1.2.1.1.6', T.OctetString, rt.identity.location);
  // sysServices: datalink(2) + internet(4) (+ end-to-end(8) + applications(64) on hosts/firewalls).
  b.scalar('sysServices', '1.3.6.1.2.1.1.7', T.Integer, d.spec.isSwitch ? 6 : 78);

  // IF-MIB (RFC 2863): ifTable and ifXTable with counters from the traffic model.
  b.scalar('ifNumber', '1.3.6.1.2.1.2.1', T.Integer, d.interfaces.length);
  const ifRows = d.interfaces.map((i) => [
    i.ifIndex, i.name, i.ifType, i.mtu, Math.min(i.speedMbps * 1_000_000, 4294967295), mac(i.mac),
    1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ]);
  b.table(
    'ifTable', IF_ENTRY,
    [
      [1, 'ifIndex', T.Integer], [2, 'ifDescr', T.OctetString], [3, 'ifType', T.Integer], [4, 'ifMtu', T.Integer],
      [5, 'ifSpeed', T.Gauge], [6, 'ifPhysAddress', T.OctetString], [7, 'ifAdminStatus', T.Integer], [8, 'ifOperStatus', T.Integer],
      [9, 'ifLastChange', T.TimeTicks], [10, 'ifInOctets', T.Counter], [11, 'ifInUcastPkts', T.Counter], [13, 'ifInDiscards', T.Counter],
      [14, 'ifInErrors', T.Counter], [16, 'ifOutOctets', T.Counter], [17, 'ifOutUcastPkts', T.Counter], [19, 'ifOutDiscards', T.Counter],
      [20, 'ifOutErrors', T.Counter],
    ],
    [{ columnName: 'ifIndex' }],
    ifRows,
    (req) => {
      const [col, ifIndex] = subIds(IF_ENTRY, req.oid);
      const iface = ifByIndex.get(ifIndex ?? -1);
      if (iface && col !== undefined && col >= 7) {
        const c = traffic.counters(d, iface);
        const values: Record<number, number> = {
          7: c.adminUp ? 1 : 2, 8: c.operUp ? 1 : 2, 9: c.lastChangeTicks,
          10: counter32(c.inOctets), 11: counter32(c.inUcastPkts), 13: 0, 14: counter32(c.inErrors),
          16: counter32(c.outOctets), 17: counter32(c.outUcastPkts), 19: counter32(c.outDiscards), 20: 0,
        };
        if (values[col] !== undefined) req.instanceNode.value = values[col];
      }
      req.done();
    },
  );
  const zero64 = Buffer.alloc(8);
  b.table(
    'ifXTable', IFX_ENTRY,
    [
      [1, 'ifName', T.OctetString], [6, 'ifHCInOctets', T.Counter64], [7, 'ifHCInUcastPkts', T.Counter64],
      [10, 'ifHCOutOctets', T.Counter64], [11, 'ifHCOutUcastPkts', T.Counter64], [15, 'ifHighSpeed', T.Gauge],
      [18, 'ifAlias', T.OctetString],
    ],
    { augments: 'ifTable' },
    d.interfaces.map((i) => [i.ifIndex, i.name, zero64, zero64, zero64, zero64, i.speedMbps, i.description]),
    (req) => {
      const [col, ifIndex] = subIds(IFX_ENTRY, req.oid);
      const iface = ifByIndex.get(ifIndex ?? -1);
      if (iface && col !== undefined && [6, 7, 10, 11].includes(col)) {
        const c = traffic.counters(d, iface);
        const v = col === 6 ? c.inOctets : col === 7 ? c.inUcastPkts : col === 10 ? c.outOctets : c.outUcastPkts;
        req.instanceNode.value = counter64Buffer(v);
      }
      req.done();
    },
  );

  // IP-MIB (RFC 4293, deprecated-but-universal ipAddrTable and ipNetToMediaTable).
  b.scalar('ipForwarding', '1.3.6.1.2.1.4.1', T.Integer, 1);
  const addrs = d.interfaces.filter((i): i is LabInterface & { ipv4: NonNullable<LabInterface['ipv4']> } => !!i.ipv4);
  b.table(
    'ipAddrTable', '1.3.6.1.2.1.4.20.1',
    [[1, 'ipAdEntAddr', T.IpAddress], [2, 'ipAdEntIfIndex', T.Integer], [3, 'ipAdEntNetMask', T.IpAddress], [4, 'ipAdEntBcastAddr', T.Integer], [5, 'ipAdEntReasmMaxSize', T.Integer]],
    [{ columnName: 'ipAdEntAddr' }],
    addrs.map((i) => [i.ipv4.address, i.ifIndex, maskOf(i.ipv4.prefixLen), 1, 18024]),
  );
  b.table(
    'ipNetToMediaTable', '1.3.6.1.2.1.4.22.1',
    [[1, 'ipNetToMediaIfIndex', T.Integer], [2, 'ipNetToMediaPhysAddress', T.OctetString], [3, 'ipNetToMediaNetAddress', T.IpAddress], [4, 'ipNetToMediaType', T.Integer]],
    [{ columnName: 'ipNetToMediaIfIndex' }, { columnName: 'ipNetToMediaNetAddress' }],
    d.arp.map((a) => [a.ifIndex, mac(a.mac), a.ip, 3]),
  );

  // ENTITY-MIB (RFC 6933) chassis row.
  b.table(
    'entPhysicalTable', '1.3.6.1.2.1.47.1.1.1.1',
    [
      [1, 'entPhysicalIndex', T.Integer, NA], [2, 'entPhysicalDescr', T.OctetString], [3, 'entPhysicalVendorType', T.OID],
      [4, 'entPhysicalContainedIn', T.Integer], [5, 'entPhysicalClass', T.Integer], [6, 'entPhysicalParentRelPos', T.Integer],
      [7, 'entPhysicalName', T.OctetString], [8, 'entPhysicalHardwareRev', T.OctetString], [9, 'entPhysicalFirmwareRev', T.OctetString],
      [10, 'entPhysicalSoftwareRev', T.OctetString], [11, 'entPhysicalSerialNum', T.OctetString], [12, 'entPhysicalMfgName', T.OctetString],
      [13, 'entPhysicalModelName', T.OctetString], [14, 'entPhysicalAlias', T.OctetString], [15, 'entPhysicalAssetID', T.OctetString],
      [16, 'entPhysicalIsFRU', T.Integer],
    ],
    [{ columnName: 'entPhysicalIndex' }],
    [[1, d.spec.entDescr(d.serial), '0.0', 0, 3, -1, 'Chassis', d.spec.hardwareRev, d.spec.firmwareRev, d.spec.softwareRev, d.serial, d.spec.vendor, d.spec.model, '', '', 2]],
  );

  // LLDP-MIB (IEEE 802.1AB-2005): chassis ID subtype 4 (macAddress), port IDs as the platform sends them.
  const LLDP = '1.0.8802.1.1.2.1';
  const caps = lldpCaps(d.spec.isSwitch, true);
  b.scalar('lldpLocChassisIdSubtype', `${LLDP}.3.1`, T.Integer, 4);
  b.scalar('lldpLocChassisId', `${LLDP}.3.2`, T.OctetString, mac(d.baseMac));
  b.scalar('lldpLocSysName', `${LLDP}.3.3`, T.OctetString, rt.identity.hostname);
  b.scalar('lldpLocSysDesc', `${LLDP}.3.4`, T.OctetString, d.spec.sysDescr(d.hostname));
  b.scalar('lldpLocSysCapSupported', `${LLDP}.3.5`, T.OctetString, caps);
  b.scalar('lldpLocSysCapEnabled', `${LLDP}.3.6`, T.OctetString, caps);
  const lldpPorts = d.interfaces.filter((i) => i.ifType === 6);
  const remRows = d.lldp.map((n) => {
    const c = lldpCaps(n.capsBridge, n.capsRouter);
    const portId = n.portIdSubtype === 3 ? mac(n.portId) : n.portId;
    return [0, n.localIfIndex, n.remIndex, 4, mac(n.chassisIdMac), n.portIdSubtype, portId, n.portDescr, n.sysName, n.sysDescr, c, c];
  });
  // IANA address family 1 = ipV4; interface subtype 2 = ifIndex.
  const manRows = d.lldp.map((n) => [1, Buffer.from(n.mgmtAddress.split('.').map(Number)), 2, 1, '0.0', 0, n.localIfIndex, n.remIndex]);
  const absentPorts = new Set<number>();
  b.table(
    'lldpLocPortTable', `${LLDP}.3.7.1`,
    [[1, 'lldpLocPortNum', T.Integer, NA], [2, 'lldpLocPortIdSubtype', T.Integer], [3, 'lldpLocPortId', T.OctetString], [4, 'lldpLocPortDesc', T.OctetString]],
    [{ columnName: 'lldpLocPortNum' }],
    lldpPorts.map((i) => {
      const id = localPortId(d, i);
      return [i.ifIndex, id.subtype, id.value, i.name];
    }),
  );
  b.table(
    'lldpRemTable', `${LLDP}.4.1.1`,
    [
      [1, 'lldpRemTimeMark', T.TimeTicks, NA], [2, 'lldpRemLocalPortNum', T.Integer, NA], [3, 'lldpRemIndex', T.Integer, NA],
      [4, 'lldpRemChassisIdSubtype', T.Integer], [5, 'lldpRemChassisId', T.OctetString], [6, 'lldpRemPortIdSubtype', T.Integer],
      [7, 'lldpRemPortId', T.OctetString], [8, 'lldpRemPortDesc', T.OctetString], [9, 'lldpRemSysName', T.OctetString],
      [10, 'lldpRemSysDesc', T.OctetString], [11, 'lldpRemSysCapSupported', T.OctetString], [12, 'lldpRemSysCapEnabled', T.OctetString],
    ],
    [{ columnName: 'lldpRemTimeMark' }, { columnName: 'lldpRemLocalPortNum' }, { columnName: 'lldpRemIndex' }],
    remRows,
  );
  b.table(
    'lldpRemManAddrTable', `${LLDP}.4.2.1`,
    [
      [1, 'lldpRemManAddrSubtype', T.Integer, NA], [2, 'lldpRemManAddr', T.OctetString, NA], [3, 'lldpRemManAddrIfSubtype', T.Integer],
      [4, 'lldpRemManAddrIfId', T.Integer], [5, 'lldpRemManAddrOID', T.OID],
      // The first three index parts belong to lldpRemTable; declared here as local not-accessible columns.
      [101, 'lldpRemManAddrTimeMark', T.TimeTicks, NA], [102, 'lldpRemManAddrLocalPortNum', T.Integer, NA], [103, 'lldpRemManAddrIndex', T.Integer, NA],
    ],
    [
      { columnName: 'lldpRemManAddrTimeMark' }, { columnName: 'lldpRemManAddrLocalPortNum' }, { columnName: 'lldpRemManAddrIndex' },
      { columnName: 'lldpRemManAddrSubtype' }, { columnName: 'lldpRemManAddr' },
    ],
    manRows,
  );

  if (d.fdb) populateBridge(b, d);

  // HOST-RESOURCES-MIB (RFC 2790): CPU load and memory.
  b.scalar('hrMemorySize', '1.3.6.1.2.1.25.2.2', T.Integer, d.memTotalKb);
  b.table(
    'hrStorageTable', '1.3.6.1.2.1.25.2.3.1',
    [[1, 'hrStorageIndex', T.Integer], [2, 'hrStorageType', T.OID], [3, 'hrStorageDescr', T.OctetString], [4, 'hrStorageAllocationUnits', T.Integer], [5, 'hrStorageSize', T.Integer], [6, 'hrStorageUsed', T.Integer]],
    [{ columnName: 'hrStorageIndex' }],
    [[1, '1.3.6.1.2.1.25.2.1.2', 'Physical memory', 1024, d.memTotalKb, d.memUsedKb]],
  );
  b.table(
    'hrProcessorTable', '1.3.6.1.2.1.25.3.3.1',
    [[1, 'hrProcessorFrwID', T.OID], [2, 'hrProcessorLoad', T.Integer], [101, 'hrProcessorDeviceIndex', T.Integer, NA]],
    [{ columnName: 'hrProcessorDeviceIndex' }],
    [['0.0', d.cpuLoadPct, 768]],
    (req) => {
      if (subIds('1.3.6.1.2.1.25.3.3.1', req.oid)[0] === 2) req.instanceNode.value = traffic.cpuLoadPct(d);
      req.done();
    },
  );

  populateVendorScalars(b, d, traffic);

  const lldp: LldpControl = {
    peerRenamed: (peerId, hostname) => {
      d.lldp.forEach((n, k) => {
        if (n.remoteDeviceId !== peerId) return;
        remRows[k]![8] = hostname;
        if (!absentPorts.has(n.localIfIndex)) mib.setTableSingleCell('lldpRemTable', 9, [0, n.localIfIndex, n.remIndex], hostname);
      });
    },
    setPortNeighbours: (localIfIndex, present) => {
      if (present !== absentPorts.has(localIfIndex)) return;
      if (present) absentPorts.delete(localIfIndex);
      else absentPorts.add(localIfIndex);
      d.lldp.forEach((n, k) => {
        if (n.localIfIndex !== localIfIndex) return;
        if (present) {
          mib.addTableRow('lldpRemTable', remRows[k]!);
          mib.addTableRow('lldpRemManAddrTable', manRows[k]!);
        } else {
          mib.deleteTableRow('lldpRemTable', [0, n.localIfIndex, n.remIndex]);
          mib.deleteTableRow('lldpRemManAddrTable', [0, n.localIfIndex, n.remIndex, 1, manRows[k]![1]]);
        }
      });
    },
  };

  rt.onChange(() => {
    mib.setScalarValue('sysName', rt.identity.hostname);
    mib.setScalarValue('sysContact', rt.identity.contact);
    mib.setScalarValue('sysLocation', rt.identity.location);
    mib.setScalarValue('lldpLocSysName', rt.identity.hostname);
  });
  return lldp;
}

/**
 * The vendor scalars identification reads before sysDescr (which admins may overwrite): JUNIPER-MIB
 * jnxBoxDescr/jnxBoxSerialNo, MIKROTIK-MIB mtxrLicVersion/mtxrSerialNumber, FORTINET-CORE-MIB fnSysSerial and
 * FORTINET-FORTIGATE-MIB fgSysVersion/fgSysCpuUsage/fgSysMemUsage (format as in fortigate_100e.snmprec).
 */
function populateVendorScalars(b: MibBuilder, d: LabDevice, traffic: TrafficModel): void {
  if (d.platform === 'junos') {
    b.scalar('jnxBoxDescr', '1.3.6.1.4.1.2636.3.1.2', T.OctetString, d.spec.entDescr(d.serial));
    b.scalar('jnxBoxSerialNo', '1.3.6.1.4.1.2636.3.1.3', T.OctetString, d.serial);
  } else if (d.platform === 'routeros') {
    b.scalar('mtxrLicVersion', '1.3.6.1.4.1.14988.1.1.4.4', T.OctetString, d.spec.osVersion);
    b.scalar('mtxrSerialNumber', '1.3.6.1.4.1.14988.1.1.7.3', T.OctetString, d.serial);
    b.scalar('mtxrFirmwareVersion', '1.3.6.1.4.1.14988.1.1.7.4', T.OctetString, d.spec.firmwareRev);
  } else if (d.platform === 'fortios') {
    b.scalar('fnSysSerial', '1.3.6.1.4.1.12356.100.1.1.1', T.OctetString, d.serial);
    b.scalar('fgSysVersion', '1.3.6.1.4.1.12356.101.4.1.1', T.OctetString, d.spec.softwareRev.replace(/^FortiGate-\S+\s+/, ''));
    b.scalar('fgSysCpuUsage', '1.3.6.1.4.1.12356.101.4.1.3', T.Gauge, d.cpuLoadPct, (req) => {
      req.instanceNode.value = traffic.cpuLoadPct(d);
      req.done();
    });
    b.scalar('fgSysMemUsage', '1.3.6.1.4.1.12356.101.4.1.4', T.Gauge, Math.round((100 * d.memUsedKb) / d.memTotalKb));
  }
}

function localPortId(d: LabDevice, i: LabInterface): { subtype: number; value: string | Buffer } {
  if (d.platform === 'junos') return { subtype: 7, value: String(i.ifIndex) };
  if (d.platform === 'frr') return { subtype: 3, value: mac(i.mac) };
  return { subtype: 5, value: d.platform === 'iosxe' ? ciscoShortName(i.name) : i.name };
}

/** BRIDGE-MIB (RFC 4188) and Q-BRIDGE-MIB (RFC 4363) forwarding databases. */
function populateBridge(b: MibBuilder, d: LabDevice): void {
  const ports = d.interfaces.filter((i) => i.ifType === 6 && i.kind !== 'mgmt');
  const basePort = new Map(ports.map((i, n) => [i.ifIndex, n + 1]));
  b.scalar('dot1dBaseBridgeAddress', '1.3.6.1.2.1.17.1.1', T.OctetString, mac(d.baseMac));
  b.scalar('dot1dBaseNumPorts', '1.3.6.1.2.1.17.1.2', T.Integer, ports.length);
  b.scalar('dot1dBaseType', '1.3.6.1.2.1.17.1.3', T.Integer, 2);
  b.table(
    'dot1dBasePortTable', '1.3.6.1.2.1.17.1.4.1',
    [[1, 'dot1dBasePort', T.Integer], [2, 'dot1dBasePortIfIndex', T.Integer]],
    [{ columnName: 'dot1dBasePort' }],
    ports.map((i, n) => [n + 1, i.ifIndex]),
  );
  const fdb = (d.fdb ?? []).filter((e) => basePort.has(e.ifIndex));
  b.table(
    'dot1dTpFdbTable', '1.3.6.1.2.1.17.4.3.1',
    [[1, 'dot1dTpFdbAddress', T.OctetString], [2, 'dot1dTpFdbPort', T.Integer], [3, 'dot1dTpFdbStatus', T.Integer]],
    [{ columnName: 'dot1dTpFdbAddress', length: 6 }],
    fdb.map((e) => [mac(e.mac), basePort.get(e.ifIndex), 3]),
  );
  b.table(
    'dot1qTpFdbTable', '1.3.6.1.2.1.17.7.1.2.2.1',
    [[1, 'dot1qTpFdbAddress', T.OctetString, NA], [2, 'dot1qTpFdbPort', T.Integer], [3, 'dot1qTpFdbStatus', T.Integer], [101, 'dot1qFdbId', T.Integer, NA]],
    [{ columnName: 'dot1qFdbId' }, { columnName: 'dot1qTpFdbAddress', length: 6 }],
    fdb.map((e) => [mac(e.mac), basePort.get(e.ifIndex), 3, e.vlan]),
  );
}

export interface LabSnmpAgent {
  close(): Promise<void>;
  readonly lldp: LldpControl;
}

/** One net-snmp agent on the device's address: v2c community and one v3 authPriv (SHA/AES) user. */
export async function startSnmpAgent(
  rt: LabDeviceRuntime,
  traffic: TrafficModel,
  creds: LabCredentials,
  onError: (err: Error) => void = () => {},
): Promise<LabSnmpAgent> {
  const d = rt.device;
  const agent: SnmpAgent = createSnmpAgent({ address: d.address, port: d.snmpPort }, onError);
  const auth = agent.getAuthorizer();
  auth.addCommunity(creds.snmpV2cCommunity);
  auth.addUser({
    name: creds.snmpV3.user,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: creds.snmpV3.authKey,
    privProtocol: snmp.PrivProtocols.aes,
    privKey: creds.snmpV3.privKey,
  });
  const lldp = populateMib(agent.getMib(), rt, traffic);
  await Promise.all(
    Object.values(agent.listener.sockets).map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          socket.once('listening', () => resolve());
          socket.once('error', reject);
          // A dark device (pilot-gate-failure) drops every request, like a box that lost its control plane.
          socket.removeAllListeners('message');
          socket.on('message', (buffer: Buffer, rinfo) => {
            if (!rt.dark) agent.onMsg(socket, buffer, rinfo);
          });
        }),
    ),
  ).catch((err: unknown) => {
    agent.close();
    throw new Error(`SNMP agent for ${d.id} cannot bind ${d.address}:${d.snmpPort}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return {
    lldp,
    close: () => new Promise<void>((resolve) => {
      try {
        agent.close();
      } catch {
        // already closed
      }
      resolve();
    }),
  };
}
