import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Varbind } from '../../snmp/varbind';
import type { LocalInterface } from './lldp';
import { addressFrom, bytes, int, tableRows, text } from './snmp-values';

// CISCO-CDP-MIB cdpCacheEntry, indexed by cdpCacheIfIndex.cdpCacheDeviceIndex.
export const CDP_CACHE_ENTRY = '1.3.6.1.4.1.9.9.23.1.2.1.1';

export function parseCdpCache(varbinds: readonly Varbind[], ifaces: readonly LocalInterface[] = []): Neighbor[] {
  const out: Neighbor[] = [];
  for (const [index, row] of tableRows(varbinds, CDP_CACHE_ENTRY)) {
    const ifIndex = Number(index.split('.')[0]);
    const addrType = int(row.get(3) ?? null); // CiscoNetworkProtocol: 1 = ip
    const addrBytes = bytes(row.get(4) ?? null);
    const address = addrType === 1 && addrBytes ? addressFrom(addrBytes) : undefined;
    const deviceId = text(row.get(6) ?? null);
    const neighbor: Neighbor = {
      protocol: 'cdp',
      localPortNum: Number.isInteger(ifIndex) ? ifIndex : undefined,
      // CDP's Device-ID is the hostname (often with a domain, or a serial on some platforms).
      remoteChassisIdSubtype: 'local',
      remoteChassisId: deviceId,
      remoteSysName: deviceId,
      remotePortIdSubtype: 'interfaceName',
      remotePortId: text(row.get(7) ?? null),
      remoteSysDesc: text(row.get(5) ?? null),
      remotePlatform: text(row.get(8) ?? null),
      remoteMgmtAddresses: address ? [address] : [],
    };
    const iface = ifaces.find((i) => i.ifIndex === ifIndex);
    const localName = iface?.name ?? iface?.descr;
    if (localName) neighbor.localIfName = localName;
    if (neighbor.localPortNum === undefined) delete neighbor.localPortNum;
    if (deviceId || neighbor.remotePortId) out.push(neighbor);
  }
  return out;
}
