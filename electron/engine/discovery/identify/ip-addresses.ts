import ipaddr from 'ipaddr.js';
import { oidArcs, oidSuffix } from '../../snmp/oid';
import type { Varbind } from '../../snmp/varbind';

/** IP-MIB (RFC 4293) columns. ipAddrTable is the deprecated IPv4 table most agents still fill. */
export const IP_COLUMNS = {
  ipAdEntIfIndex: '1.3.6.1.2.1.4.20.1.2',
  ipAdEntNetMask: '1.3.6.1.2.1.4.20.1.3',
  ipAddressIfIndex: '1.3.6.1.2.1.4.34.1.3',
  ipAddressPrefix: '1.3.6.1.2.1.4.34.1.5',
} as const;

function maskBits(mask: unknown): number | undefined {
  if (typeof mask !== 'string' || !/^\d+\.\d+\.\d+\.\d+$/.test(mask)) return undefined;
  const n = mask.split('.').reduce((acc, o) => (acc << 8) | Number(o), 0) >>> 0;
  const bits = n.toString(2);
  return /^1*0*$/.test(bits.padStart(32, '0')) ? (bits.match(/1/g)?.length ?? 0) : undefined;
}

/** ipAddressTable index: InetAddressType.length.octets (RFC 4001): 1 = ipv4, 2 = ipv6, 3/4 = with zone. */
function inetAddressFromIndex(arcs: number[]): string | undefined {
  const [type, len, ...bytes] = arcs;
  if (len === undefined || bytes.length < len) return undefined;
  const b = bytes.slice(0, len);
  if ((type === 1 || type === 3) && len >= 4) return b.slice(0, 4).join('.');
  if ((type === 2 || type === 4) && len >= 16 && b.every((x) => x >= 0 && x <= 255)) {
    return ipaddr.fromByteArray(b.slice(0, 16)).toString();
  }
  return undefined;
}

/** Map ifIndex → ["192.0.2.1/24", "2001:db8::1/64"], from whichever IP-MIB tables the agent fills. */
export function addressesByIfIndex(cols: Partial<Record<keyof typeof IP_COLUMNS, Varbind[]>>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (ifIndex: unknown, cidr: string): void => {
    if (typeof ifIndex !== 'number') return;
    const list = out.get(ifIndex) ?? [];
    if (!list.includes(cidr)) list.push(cidr);
    out.set(ifIndex, list);
  };
  const masks = new Map<string, number | undefined>();
  for (const vb of cols.ipAdEntNetMask ?? []) masks.set(oidSuffix(vb.oid, IP_COLUMNS.ipAdEntNetMask), maskBits(vb.value));
  for (const vb of cols.ipAdEntIfIndex ?? []) {
    const addr = oidSuffix(vb.oid, IP_COLUMNS.ipAdEntIfIndex);
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(addr)) continue;
    const bits = masks.get(addr);
    add(vb.value, bits === undefined ? addr : `${addr}/${bits}`);
  }
  const prefixLen = new Map<string, number>();
  for (const vb of cols.ipAddressPrefix ?? []) {
    // RowPointer into ipAddressPrefixTable; its last arc is the prefix length.
    if (typeof vb.value === 'string') {
      const last = oidArcs(vb.value).at(-1);
      if (last !== undefined && Number.isSafeInteger(last) && last <= 128) prefixLen.set(oidSuffix(vb.oid, IP_COLUMNS.ipAddressPrefix), last);
    }
  }
  for (const vb of cols.ipAddressIfIndex ?? []) {
    const suffix = oidSuffix(vb.oid, IP_COLUMNS.ipAddressIfIndex);
    const addr = inetAddressFromIndex(oidArcs(suffix));
    if (!addr) continue;
    const len = prefixLen.get(suffix);
    const cidr = len === undefined ? addr : `${addr}/${len}`;
    const known = out.get(vb.value as number)?.some((a) => a.split('/')[0] === addr);
    if (!known) add(vb.value, cidr);
  }
  return out;
}
