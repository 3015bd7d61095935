import type { Neighbor } from '../../../shared/domain/neighbor';
import type { DeviceRole, TopologyLink, TopologyNode } from '../../../shared/domain/topology';
import { normaliseIfName } from './interface-names';

/** What discovery knows about one scanned device, as the topology builder needs it. */
export interface DeviceObservation {
  id: string;
  label: string;
  sysName?: string;
  serial?: string;
  addresses: string[];
  /** lldpLocChassisId and any other chassis identifiers the device reports. */
  chassisIds: string[];
  interfaces: Array<{ ifIndex: number; name: string; descr?: string; alias?: string; mac?: string; speedMbps?: number }>;
  neighbors: Neighbor[];
  /** Bridge forwarding table: MACs learned per port (switches). */
  fdb?: Array<{ mac: string; ifName: string }>;
  /** ARP/ND cache: IP → MAC. */
  arp?: Array<{ ip: string; mac: string }>;
  role?: DeviceRole;
  segment?: string;
  site?: string;
  aiCapable?: boolean;
  platform?: string;
}

export interface ManualLink {
  /** The stored manual link's id; the map's link keeps it so the admin can remove it. */
  id?: string;
  a: { device: string; ifName: string };
  b: { device: string; ifName: string };
  speedMbps?: number;
}

export interface Topology {
  nodes: TopologyNode[];
  links: TopologyLink[];
  /** Device ids that were merged into another (same serial / chassis ID / sysName): merged → kept. */
  merged: Record<string, string>;
}

const normMac = (s: string | undefined) => {
  const hex = (s ?? '').toLowerCase().replace(/[^0-9a-f]/g, '');
  return hex.length === 12 && hex !== '000000000000' ? hex : undefined;
};
const normName = (s: string | undefined) => {
  const n = (s ?? '').trim().toLowerCase();
  if (!n || n === '<private>' || n === 'not advertised') return undefined;
  return /^\d+\.\d+\.\d+\.\d+$/.test(n) ? n : n.split('.')[0];
};

/**
 * Builds the link graph from what each device reports (LLDP, CDP), infers links from FDB for gear that speaks
 * neither, merges a device seen through several addresses, and keeps every link's evidence: which protocols saw
 * it, the speed of both ends, and whether only one side reported it.
 */
export function buildTopology(devices: readonly DeviceObservation[], manual: readonly ManualLink[] = []): Topology {
  const { kept, merged } = mergeDuplicates(devices);
  const byMac = new Map<string, DeviceObservation>();
  const byAddress = new Map<string, DeviceObservation>();
  const byName = new Map<string, DeviceObservation>();
  for (const d of kept) {
    for (const c of d.chassisIds) {
      const m = normMac(c);
      if (m) byMac.set(m, d);
    }
    for (const i of d.interfaces) {
      const m = normMac(i.mac);
      if (m && !byMac.has(m)) byMac.set(m, d);
    }
    for (const a of d.addresses) byAddress.set(a, d);
    const n = normName(d.sysName);
    if (n) byName.set(n, d);
  }
  // ARP tells us the MAC behind a managed device's address: useful when LLDP carries MACs only.
  for (const d of kept) {
    for (const e of d.arp ?? []) {
      const owner = byAddress.get(e.ip);
      const m = normMac(e.mac);
      if (owner && m && !byMac.has(m)) byMac.set(m, owner);
    }
  }

  const nodes = new Map<string, TopologyNode>();
  for (const d of kept) {
    nodes.set(d.id, {
      id: d.id, label: d.label, role: d.role ?? 'unknown', managed: true,
      ...(d.segment ? { segment: d.segment } : {}), ...(d.site ? { site: d.site } : {}),
      ...(d.aiCapable !== undefined ? { aiCapable: d.aiCapable } : {}),
      ...(d.platform ? { platform: d.platform } : {}), addresses: d.addresses,
    });
  }

  const links = new Map<string, TopologyLink & { reporters: Set<string> }>();
  const speedOf = (deviceId: string, ifName: string) => {
    const d = kept.find((x) => x.id === deviceId);
    const key = normaliseIfName(ifName);
    return d?.interfaces.find((i) => normaliseIfName(i.name) === key)?.speedMbps;
  };
  const addLink = (reporter: string, a: { device: string; ifName: string }, b: { device: string; ifName: string }, source: TopologyLink['sources'][number], speedHint?: number, id?: string) => {
    const ends = [a, b].sort((x, y) => `${x.device}\u0000${normaliseIfName(x.ifName)}`.localeCompare(`${y.device}\u0000${normaliseIfName(y.ifName)}`));
    const [first, second] = ends as [typeof a, typeof a];
    const key = `${first.device}\u0000${normaliseIfName(first.ifName)}\u0001${second.device}\u0000${normaliseIfName(second.ifName)}`;
    const existing = links.get(key);
    if (existing) {
      if (!existing.sources.includes(source)) existing.sources.push(source);
      existing.reporters.add(reporter);
      return;
    }
    const sa = speedOf(first.device, first.ifName);
    const sb = speedOf(second.device, second.ifName);
    const known = [sa, sb, speedHint].filter((s): s is number => s !== undefined && s > 0);
    links.set(key, {
      id: id ?? `link:${links.size + 1}`,
      a: { device: first.device, ifName: first.ifName, ...(sa !== undefined ? { speedMbps: sa } : {}) },
      b: { device: second.device, ifName: second.ifName, ...(sb !== undefined ? { speedMbps: sb } : {}) },
      speedMbps: known.length ? Math.min(...known) : 0,
      sources: [source],
      reporters: new Set([reporter]),
    });
  };

  for (const d of kept) {
    for (const n of d.neighbors) {
      if (!n.localIfName) continue;
      const remote = resolveRemote(n, byMac, byAddress, byName) ?? unmanagedNode(n, d.id, nodes);
      const remoteIf = remote.managed ? remoteInterfaceName(n, kept.find((x) => x.id === remote.id)!) : (n.remotePortId ?? n.remotePortDesc ?? '?');
      if (remote.id === d.id) continue;
      addLink(d.id, { device: d.id, ifName: n.localIfName }, { device: remote.id, ifName: remoteIf }, n.protocol);
    }
  }
  inferFromFdb(kept, byMac, links, addLink);
  for (const m of manual) {
    const a = merged[m.a.device] ?? m.a.device;
    const b = merged[m.b.device] ?? m.b.device;
    if (nodes.has(a) && nodes.has(b)) addLink('manual', { device: a, ifName: m.a.ifName }, { device: b, ifName: m.b.ifName }, 'manual', m.speedMbps, m.id);
  }

  countClients(kept, [...links.values()], nodes);

  const speaks = new Set(kept.filter((d) => d.neighbors.length > 0).map((d) => d.id));
  const out: TopologyLink[] = [];
  for (const l of links.values()) {
    const { reporters, ...link } = l;
    const bothSpeak = speaks.has(l.a.device) && speaks.has(l.b.device);
    const discovery = l.sources.some((s) => s === 'lldp' || s === 'cdp');
    if (discovery && bothSpeak && !(reporters.has(l.a.device) && reporters.has(l.b.device))) link.oneSided = true;
    out.push(link);
  }
  return { nodes: [...nodes.values()], links: out, merged };
}

function mergeDuplicates(devices: readonly DeviceObservation[]): { kept: DeviceObservation[]; merged: Record<string, string> } {
  const merged: Record<string, string> = {};
  const keptByKey = new Map<string, DeviceObservation>();
  const kept: DeviceObservation[] = [];
  for (const d of devices) {
    const keys = [
      d.serial && d.serial.length >= 4 ? `serial:${d.serial.toLowerCase()}` : undefined,
      ...d.chassisIds.map((c) => (normMac(c) ? `chassis:${normMac(c)}` : undefined)),
      normName(d.sysName) ? `name:${normName(d.sysName)}` : undefined,
    ].filter((k): k is string => !!k);
    // Serial and chassis ID identify a device; a shared sysName only when nothing contradicts it.
    const into = keys.map((k) => keptByKey.get(k)).find((x, i) => x && (!keys[i]!.startsWith('name:') || !conflicting(x, d)));
    if (into) {
      merged[d.id] = into.id;
      for (const a of d.addresses) if (!into.addresses.includes(a)) into.addresses.push(a);
      for (const n of d.neighbors) into.neighbors.push(n);
    } else {
      const copy = { ...d, addresses: [...d.addresses], neighbors: [...d.neighbors] };
      kept.push(copy);
      for (const k of keys) keptByKey.set(k, copy);
    }
  }
  return { kept, merged };
}

/** Same name, but a different serial or chassis ID: two devices that share a (default) hostname. */
function conflicting(a: DeviceObservation, b: DeviceObservation): boolean {
  if (a.serial && b.serial && a.serial.toLowerCase() !== b.serial.toLowerCase()) return true;
  const ca = new Set(a.chassisIds.map(normMac).filter(Boolean));
  const cb = b.chassisIds.map(normMac).filter(Boolean);
  return ca.size > 0 && cb.length > 0 && !cb.some((c) => ca.has(c));
}

function resolveRemote(
  n: Neighbor,
  byMac: Map<string, DeviceObservation>,
  byAddress: Map<string, DeviceObservation>,
  byName: Map<string, DeviceObservation>,
): TopologyNode | undefined {
  const m = normMac(n.remoteChassisId);
  const d =
    (m ? byMac.get(m) : undefined) ??
    n.remoteMgmtAddresses.map((a) => byAddress.get(a)).find((x) => x) ??
    (normName(n.remoteSysName) ? byName.get(normName(n.remoteSysName)!) : undefined);
  return d ? { id: d.id, label: d.label, role: d.role ?? 'unknown', managed: true } : undefined;
}

/** A neighbour nobody scanned: shown as an unmanaged node with what its neighbours say of it. */
function unmanagedNode(n: Neighbor, reporter: string, nodes: Map<string, TopologyNode>): TopologyNode {
  const key = normMac(n.remoteChassisId) ?? normName(n.remoteSysName) ?? normName(n.remoteChassisId) ?? n.remoteMgmtAddresses[0] ?? 'unknown';
  const id = `unmanaged:${key}`;
  const existing = nodes.get(id);
  if (existing) {
    if (!existing.reportedBy?.includes(reporter)) existing.reportedBy = [...(existing.reportedBy ?? []), reporter];
    for (const a of n.remoteMgmtAddresses) if (!existing.addresses?.includes(a)) existing.addresses = [...(existing.addresses ?? []), a];
    return existing;
  }
  const node: TopologyNode = {
    id, label: n.remoteSysName ?? n.remoteChassisId ?? key, role: 'unknown', managed: false,
    addresses: [...n.remoteMgmtAddresses], reportedBy: [reporter],
    ...(n.remotePlatform ? { platform: n.remotePlatform } : {}),
    ...(n.remoteSysDesc ? { description: n.remoteSysDesc } : {}),
  };
  nodes.set(id, node);
  return node;
}

/** The remote device's own name for the port the neighbour entry points at (by the port ID's subtype). */
function remoteInterfaceName(n: Neighbor, d: DeviceObservation): string {
  const id = n.remotePortId ?? '';
  const byName = (t: string | undefined) => {
    if (!t) return undefined;
    const k = normaliseIfName(t);
    return d.interfaces.find((i) => normaliseIfName(i.name) === k || (i.descr && normaliseIfName(i.descr) === k))?.name;
  };
  switch (n.remotePortIdSubtype) {
    case 'macAddress': {
      const m = normMac(id);
      const hit = d.interfaces.filter((i) => normMac(i.mac) === m);
      if (hit.length === 1) return hit[0]!.name;
      break;
    }
    case 'local': {
      if (/^\d+$/.test(id)) {
        const hit = d.interfaces.find((i) => i.ifIndex === Number(id));
        if (hit) return hit.name;
      }
      break;
    }
    case 'interfaceAlias': {
      const hit = d.interfaces.find((i) => i.alias === id);
      if (hit) return hit.name;
      break;
    }
    default:
      break;
  }
  return byName(id) ?? byName(n.remotePortDesc) ?? d.interfaces.find((i) => i.alias && i.alias === n.remotePortDesc)?.name ?? (id || n.remotePortDesc || '?');
}

/**
 * For gear without LLDP/CDP: a switch port whose forwarding table holds exactly one MAC, and that MAC belongs to a
 * managed device's interface, is a direct link (a port with many MACs is an uplink or a shared segment).
 */
function inferFromFdb(
  devices: readonly DeviceObservation[],
  byMac: Map<string, DeviceObservation>,
  links: Map<string, TopologyLink>,
  addLink: (reporter: string, a: { device: string; ifName: string }, b: { device: string; ifName: string }, source: 'arp-fdb') => void,
): void {
  const linkedPorts = new Set<string>();
  for (const l of links.values()) {
    linkedPorts.add(`${l.a.device}\u0000${normaliseIfName(l.a.ifName)}`);
    linkedPorts.add(`${l.b.device}\u0000${normaliseIfName(l.b.ifName)}`);
  }
  for (const sw of devices) {
    const macsByPort = new Map<string, Set<string>>();
    for (const e of sw.fdb ?? []) {
      const m = normMac(e.mac);
      if (!m) continue;
      const set = macsByPort.get(e.ifName) ?? new Set<string>();
      set.add(m);
      macsByPort.set(e.ifName, set);
    }
    for (const [port, macs] of macsByPort) {
      if (macs.size !== 1 || linkedPorts.has(`${sw.id}\u0000${normaliseIfName(port)}`)) continue;
      const mac = [...macs][0]!;
      const other = byMac.get(mac);
      if (!other || other.id === sw.id) continue;
      const iface = other.interfaces.find((i) => normMac(i.mac) === mac);
      if (!iface || linkedPorts.has(`${other.id}\u0000${normaliseIfName(iface.name)}`)) continue;
      addLink(sw.id, { device: sw.id, ifName: port }, { device: other.id, ifName: iface.name }, 'arp-fdb');
    }
  }
}

/**
 * Device density: clients are the MACs a switch learned on ports that are not links to other network devices;
 * its capacity is the number of such ports. Only devices with a forwarding table get these numbers.
 */
function countClients(devices: readonly DeviceObservation[], links: readonly TopologyLink[], nodes: Map<string, TopologyNode>): void {
  const linkPorts = new Set<string>();
  for (const l of links) {
    linkPorts.add(`${l.a.device}\u0000${normaliseIfName(l.a.ifName)}`);
    linkPorts.add(`${l.b.device}\u0000${normaliseIfName(l.b.ifName)}`);
  }
  for (const d of devices) {
    if (!d.fdb?.length) continue;
    const isAccessPort = (ifName: string) => !linkPorts.has(`${d.id}\u0000${normaliseIfName(ifName)}`);
    const clients = new Set(d.fdb.filter((e) => isAccessPort(e.ifName)).map((e) => normMac(e.mac)).filter(Boolean));
    const ports = d.interfaces.filter((i) => isAccessPort(i.name) && !/^(vlan|lo|loopback|mgmt|management|null|tunnel|bridge|po|port-channel|ae)/i.test(i.name)).length;
    const node = nodes.get(d.id);
    if (!node) continue;
    node.clientCount = clients.size;
    if (ports > 0) node.clientCapacity = ports;
  }
}

export interface TopologyChanges {
  addedDevices: string[];
  removedDevices: string[];
  addedLinks: string[];
  removedLinks: string[];
  speedChanged: Array<{ link: string; fromMbps: number; toMbps: number }>;
}

/** "What changed since the last scan": links are compared by their two ends, not by id. */
export function diffTopology(before: Pick<Topology, 'nodes' | 'links'>, after: Pick<Topology, 'nodes' | 'links'>): TopologyChanges {
  const key = (l: TopologyLink) =>
    [`${l.a.device}:${normaliseIfName(l.a.ifName)}`, `${l.b.device}:${normaliseIfName(l.b.ifName)}`].sort().join(' <-> ');
  const beforeNodes = new Set(before.nodes.map((n) => n.id));
  const afterNodes = new Set(after.nodes.map((n) => n.id));
  const beforeLinks = new Map(before.links.map((l) => [key(l), l]));
  const afterLinks = new Map(after.links.map((l) => [key(l), l]));
  return {
    addedDevices: [...afterNodes].filter((id) => !beforeNodes.has(id)).sort(),
    removedDevices: [...beforeNodes].filter((id) => !afterNodes.has(id)).sort(),
    addedLinks: [...afterLinks.keys()].filter((k) => !beforeLinks.has(k)).sort(),
    removedLinks: [...beforeLinks.keys()].filter((k) => !afterLinks.has(k)).sort(),
    speedChanged: [...afterLinks]
      .filter(([k, l]) => beforeLinks.has(k) && beforeLinks.get(k)!.speedMbps !== l.speedMbps)
      .map(([k, l]) => ({ link: k, fromMbps: beforeLinks.get(k)!.speedMbps, toMbps: l.speedMbps }))
      .sort((x, y) => x.link.localeCompare(y.link)),
  };
}
