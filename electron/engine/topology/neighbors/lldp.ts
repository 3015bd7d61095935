import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Varbind } from '../../snmp/varbind';
import { addressFrom, bytes, int, macFrom, tableRows, text } from './snmp-values';

// LLDP-MIB (IEEE 802.1AB-2005 Annex F): lldpLocalSystemData, lldpRemTable, lldpRemManAddrTable.
export const LLDP_OIDS = {
  locChassisIdSubtype: '1.0.8802.1.1.2.1.3.1',
  locChassisId: '1.0.8802.1.1.2.1.3.2',
  locSysName: '1.0.8802.1.1.2.1.3.3',
  locPortEntry: '1.0.8802.1.1.2.1.3.7.1',
  remEntry: '1.0.8802.1.1.2.1.4.1.1',
  remManAddrEntry: '1.0.8802.1.1.2.1.4.2.1',
} as const;

const CHASSIS_SUBTYPES = ['unknown', 'chassisComponent', 'interfaceAlias', 'portComponent', 'macAddress', 'networkAddress', 'interfaceName', 'local'] as const;
const PORT_SUBTYPES = ['unknown', 'interfaceAlias', 'portComponent', 'macAddress', 'networkAddress', 'interfaceName', 'agentCircuitId', 'local'] as const;

export interface LldpLocalPort {
  portNum: number;
  portIdSubtype: (typeof PORT_SUBTYPES)[number];
  portId?: string;
  portDesc?: string;
}

export interface LldpLocal {
  chassisIdSubtype?: (typeof CHASSIS_SUBTYPES)[number];
  chassisId?: string;
  sysName?: string;
  ports: LldpLocalPort[];
}

/** The IF-MIB names of the reporting device's own interfaces, to turn LLDP local port numbers into interfaces. */
export interface LocalInterface {
  ifIndex: number;
  name?: string;
  descr?: string;
  alias?: string;
}

/**
 * lldpLocPortNum is not an ifIndex by definition (802.1AB: "a local port number"), though many agents use the
 * ifIndex. Match the local port's ID or description against ifName/ifDescr/ifAlias first, then try it as an ifIndex.
 */
export function resolveLocalIfName(portNum: number, port: LldpLocalPort | undefined, ifaces: readonly LocalInterface[]): string | undefined {
  const byText = (t: string | undefined) =>
    t === undefined ? undefined : ifaces.find((i) => i.name === t || i.descr === t || i.alias === t);
  const candidates = port ? [port.portIdSubtype === 'macAddress' ? undefined : port.portId, port.portDesc] : [];
  for (const c of candidates) {
    const hit = byText(c);
    if (hit) return hit.name ?? hit.descr;
  }
  if ((port?.portIdSubtype === 'local' || port?.portIdSubtype === 'unknown') && port.portId && /^\d+$/.test(port.portId)) {
    const hit = ifaces.find((i) => i.ifIndex === Number(port.portId));
    if (hit) return hit.name ?? hit.descr;
  }
  const byIndex = ifaces.find((i) => i.ifIndex === portNum);
  if (byIndex) return byIndex.name ?? byIndex.descr;
  return port ? (port.portIdSubtype === 'interfaceName' ? port.portId : (port.portDesc ?? port.portId)) : undefined;
}

/** An ID value decoded the way its subtype says: MACs as aa:bb:…, network addresses as IPs, the rest as text. */
export function decodeId(subtype: string | undefined, value: Varbind['value']): string | undefined {
  if (subtype === 'macAddress') return macFrom(value) ?? text(value);
  if (subtype === 'networkAddress') {
    const b = bytes(value);
    return (b && addressFrom(b)) ?? text(value);
  }
  return text(value);
}

export function parseLldpLocal(varbinds: readonly Varbind[]): LldpLocal {
  const scalar = (oid: string) => varbinds.find((vb) => vb.oid === `${oid}.0` || vb.oid === oid)?.value ?? null;
  const chassisIdSubtype = CHASSIS_SUBTYPES[int(scalar(LLDP_OIDS.locChassisIdSubtype)) ?? 0] ?? 'unknown';
  const ports: LldpLocalPort[] = [];
  for (const [index, row] of tableRows(varbinds, LLDP_OIDS.locPortEntry)) {
    const portNum = Number(index);
    if (!Number.isInteger(portNum)) continue;
    const portIdSubtype = PORT_SUBTYPES[int(row.get(2) ?? null) ?? 0] ?? 'unknown';
    ports.push({
      portNum,
      portIdSubtype,
      portId: decodeId(portIdSubtype, row.get(3) ?? null),
      portDesc: text(row.get(4) ?? null),
    });
  }
  return {
    chassisIdSubtype,
    chassisId: decodeId(chassisIdSubtype, scalar(LLDP_OIDS.locChassisId)),
    sysName: text(scalar(LLDP_OIDS.locSysName)),
    ports: ports.sort((a, b) => a.portNum - b.portNum),
  };
}

/**
 * lldpRemTable rows. The standard index is lldpRemTimeMark.lldpRemLocalPortNum.lldpRemIndex; some agents drop
 * the time mark (TP-Link: localPort.remIndex) or key by a single number (RouterOS 6): both are accepted.
 */
export function parseLldpRemotes(varbinds: readonly Varbind[], local?: LldpLocal, ifaces: readonly LocalInterface[] = []): Neighbor[] {
  const mgmt = new Map<string, string[]>();
  for (const vb of varbinds) {
    if (!vb.oid.startsWith(`${LLDP_OIDS.remManAddrEntry}.`)) continue;
    // <entry>.<column>.<timeMark>.<localPort>.<remIndex>.<addrSubtype>.<addrLen>.<addr bytes…>
    const arcs = vb.oid.slice(LLDP_OIDS.remManAddrEntry.length + 1).split('.').map(Number);
    if (arcs.length < 6) continue;
    const [, t, p, r, family, len, ...addr] = arcs as [number, number, number, number, number, number, ...number[]];
    if (addr.length !== len) continue;
    const ip = family === 1 || family === 2 ? addressFrom(Buffer.from([family, ...addr])) : undefined;
    if (!ip) continue;
    const key = `${t}.${p}.${r}`;
    const list = mgmt.get(key) ?? [];
    if (!list.includes(ip)) list.push(ip);
    mgmt.set(key, list);
  }

  const portByNum = new Map((local?.ports ?? []).map((p) => [p.portNum, p]));
  const out: Neighbor[] = [];
  for (const [index, row] of tableRows(varbinds, LLDP_OIDS.remEntry)) {
    const parts = index.split('.').map(Number);
    const localPortNum = parts.length >= 3 ? parts[1] : parts.length === 2 ? parts[0] : undefined;
    const chassisSubtype = CHASSIS_SUBTYPES[int(row.get(4) ?? null) ?? 0] ?? 'unknown';
    const portSubtype = PORT_SUBTYPES[int(row.get(6) ?? null) ?? 0] ?? 'unknown';
    const localPort = localPortNum !== undefined ? portByNum.get(localPortNum) : undefined;
    const neighbor: Neighbor = {
      protocol: 'lldp',
      remoteChassisIdSubtype: chassisSubtype,
      remoteChassisId: decodeId(chassisSubtype, row.get(5) ?? null),
      remotePortIdSubtype: portSubtype,
      remotePortId: decodeId(portSubtype, row.get(7) ?? null),
      remotePortDesc: text(row.get(8) ?? null),
      remoteSysName: text(row.get(9) ?? null),
      remoteSysDesc: text(row.get(10) ?? null),
      remoteMgmtAddresses: mgmt.get(parts.length >= 3 ? index : '') ?? [],
    };
    if (localPortNum !== undefined) neighbor.localPortNum = localPortNum;
    const localName = localPortNum !== undefined ? resolveLocalIfName(localPortNum, localPort, ifaces) : undefined;
    if (localName) neighbor.localIfName = localName;
    if (neighbor.remoteChassisId || neighbor.remoteSysName || neighbor.remotePortId) out.push(neighbor);
  }
  return out;
}
