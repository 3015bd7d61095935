import type { InterfaceInfo } from '../../../../shared/domain/device';
import { oidSuffix } from '../../snmp/oid';
import type { Varbind } from '../../snmp/varbind';
import { decodeOctets, displayText } from './device-text';

/** IF-MIB columns (RFC 2863 §6): ifTable 1.3.6.1.2.1.2.2.1.N and ifXTable 1.3.6.1.2.1.31.1.1.1.N. */
export const IF_COLUMNS = {
  descr: '1.3.6.1.2.1.2.2.1.2',
  type: '1.3.6.1.2.1.2.2.1.3',
  mtu: '1.3.6.1.2.1.2.2.1.4',
  speed: '1.3.6.1.2.1.2.2.1.5',
  physAddress: '1.3.6.1.2.1.2.2.1.6',
  adminStatus: '1.3.6.1.2.1.2.2.1.7',
  operStatus: '1.3.6.1.2.1.2.2.1.8',
  name: '1.3.6.1.2.1.31.1.1.1.1',
  highSpeed: '1.3.6.1.2.1.31.1.1.1.15',
  alias: '1.3.6.1.2.1.31.1.1.1.18',
} as const;
export type IfColumn = keyof typeof IF_COLUMNS;

const ADMIN = ['unknown', 'up', 'down', 'testing'] as const;
const OPER = ['unknown', 'up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'] as const;

/** ifSpeed is a Gauge32 in bit/s that saturates at 4,294,967,295 (RFC 2863): ifHighSpeed (Mbit/s) wins. */
function speedMbps(speed: unknown, highSpeed: unknown): number | undefined {
  if (typeof highSpeed === 'number' && highSpeed > 0) return highSpeed;
  if (typeof speed === 'number' && speed > 0 && speed < 4_294_967_295) return speed / 1_000_000;
  return undefined;
}

/** "aa:bb:cc:dd:ee:ff" for a 6-byte ifPhysAddress; other lengths (tunnels, FC WWNs) as colon hex too. */
export function formatMac(value: unknown): string | undefined {
  if (!Buffer.isBuffer(value) || value.length === 0 || value.length > 20) return undefined;
  if (value.every((b) => b === 0)) return undefined;
  return [...value].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Join the per-column walks into one InterfaceInfo per ifIndex (index from each OID's suffix). */
export function buildInterfaces(columns: Partial<Record<IfColumn, Varbind[]>>, maxInterfaces = 100_000): InterfaceInfo[] {
  const byIndex = new Map<number, Partial<Record<IfColumn, Varbind['value']>>>();
  for (const [col, vbs] of Object.entries(columns) as [IfColumn, Varbind[]][]) {
    for (const vb of vbs) {
      const idx = Number(oidSuffix(vb.oid, IF_COLUMNS[col]));
      if (!Number.isSafeInteger(idx) || idx <= 0) continue;
      let row = byIndex.get(idx);
      if (!row) {
        if (byIndex.size >= maxInterfaces) continue;
        row = {};
        byIndex.set(idx, row);
      }
      row[col] = vb.value;
    }
  }
  const out: InterfaceInfo[] = [];
  for (const [ifIndex, r] of [...byIndex.entries()].sort((a, b) => a[0] - b[0])) {
    const descr = r.descr !== undefined ? displayText(decodeOctets(r.descr)) : undefined;
    const name = r.name !== undefined ? displayText(decodeOctets(r.name)) : undefined;
    const alias = r.alias !== undefined ? displayText(decodeOctets(r.alias)) : undefined;
    const info: InterfaceInfo = { ifIndex, name: name || descr || `ifIndex ${ifIndex}` };
    if (descr) info.descr = descr;
    if (alias) info.alias = alias;
    if (typeof r.type === 'number') info.type = r.type;
    if (typeof r.mtu === 'number') info.mtu = r.mtu;
    const speed = speedMbps(r.speed, r.highSpeed);
    if (speed !== undefined) info.speedMbps = speed;
    const mac = formatMac(r.physAddress);
    if (mac) info.mac = mac;
    if (typeof r.adminStatus === 'number') info.adminStatus = ADMIN[r.adminStatus] ?? 'unknown';
    if (typeof r.operStatus === 'number') info.operStatus = OPER[r.operStatus] ?? 'unknown';
    out.push(info);
  }
  return out;
}
