import type { Neighbor } from '../../../shared/domain/neighbor';
import type { SnmpSession } from '../snmp/snmp-session';
import type { Varbind } from '../snmp/varbind';
import { parseCdpCache } from './neighbors/cdp';
import { localInterfaces } from './neighbors/if-names';
import { parseLldpLocal, parseLldpRemotes } from './neighbors/lldp';
import { macFrom, tableRows } from './neighbors/snmp-values';

/** What one device's SNMP agent says about its neighbourhood. */
export interface NeighbourhoodObservation {
  chassisIds: string[];
  neighbors: Neighbor[];
  fdb: Array<{ mac: string; ifName: string }>;
  arp: Array<{ ip: string; mac: string }>;
  /** Tables that could not be read (the device still counts, with what we got). */
  warnings: string[];
}

const WALKS = {
  lldpLocal: '1.0.8802.1.1.2.1.3',
  lldpRem: '1.0.8802.1.1.2.1.4.1',
  lldpRemMan: '1.0.8802.1.1.2.1.4.2',
  cdpCache: '1.3.6.1.4.1.9.9.23.1.2.1',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
  ifAlias: '1.3.6.1.2.1.31.1.1.1.18',
  arp: '1.3.6.1.2.1.4.22.1.2', // ipNetToMediaPhysAddress, index ifIndex.a.b.c.d
  basePortIfIndex: '1.3.6.1.2.1.17.1.4.1.2', // dot1dBasePortIfIndex
  fdbPort: '1.3.6.1.2.1.17.4.3.1.2', // dot1dTpFdbPort, index = MAC as 6 arcs
  qFdbPort: '1.3.6.1.2.1.17.7.1.2.2.1.2', // dot1qTpFdbPort, index = fdbId + MAC
} as const;

/**
 * Walks LLDP, CDP, IF-MIB names, ARP and the bridge FDB of one device. A table the agent lacks (most devices speak
 * only one of LLDP/CDP; routers have no FDB) is simply empty; a table that fails is a warning, not a failed device.
 */
export async function collectNeighbourhood(session: SnmpSession, signal?: AbortSignal): Promise<NeighbourhoodObservation> {
  const warnings: string[] = [];
  const walk = async (oid: string): Promise<Varbind[]> => {
    try {
      return await session.walk(oid, { signal, maxRows: 50_000 });
    } catch (err) {
      if (signal?.aborted) throw err;
      warnings.push(`${oid}: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  };
  const all: Varbind[] = [];
  for (const oid of Object.values(WALKS)) all.push(...(await walk(oid)));

  const ifaces = localInterfaces(all);
  const local = parseLldpLocal(all);
  const neighbors = [...parseLldpRemotes(all, local, ifaces), ...parseCdpCache(all, ifaces)];
  const ifName = (ifIndex: number) => {
    const i = ifaces.find((x) => x.ifIndex === ifIndex);
    return i?.name ?? i?.descr ?? String(ifIndex);
  };

  const arp: NeighbourhoodObservation['arp'] = [];
  for (const vb of all) {
    if (!vb.oid.startsWith(`${WALKS.arp}.`)) continue;
    const arcs = vb.oid.slice(WALKS.arp.length + 1).split('.');
    const mac = macFrom(vb.value);
    if (arcs.length === 5 && mac) arp.push({ ip: arcs.slice(1).join('.'), mac });
  }

  const bridgePortToIf = new Map<number, number>();
  for (const [index, row] of tableRows(all, '1.3.6.1.2.1.17.1.4.1')) {
    const ifIndex = row.get(2);
    if (typeof ifIndex === 'number') bridgePortToIf.set(Number(index), ifIndex);
  }
  const fdb: NeighbourhoodObservation['fdb'] = [];
  const addFdb = (macArcs: string[], bridgePort: unknown) => {
    if (macArcs.length !== 6 || typeof bridgePort !== 'number' || bridgePort === 0) return;
    const mac = macArcs.map((a) => Number(a).toString(16).padStart(2, '0')).join(':');
    fdb.push({ mac, ifName: ifName(bridgePortToIf.get(bridgePort) ?? bridgePort) });
  };
  for (const vb of all) {
    if (vb.oid.startsWith(`${WALKS.fdbPort}.`)) addFdb(vb.oid.slice(WALKS.fdbPort.length + 1).split('.'), vb.value);
    else if (vb.oid.startsWith(`${WALKS.qFdbPort}.`)) addFdb(vb.oid.slice(WALKS.qFdbPort.length + 1).split('.').slice(1), vb.value);
  }

  return {
    chassisIds: local.chassisId ? [local.chassisId] : [],
    neighbors,
    fdb,
    arp,
    warnings,
  };
}

