import type { DeviceRole, TopologyLink, TopologyNode } from '../../../shared/domain/topology';

const FIREWALL_PLATFORMS = new Set(['fortios', 'panos', 'asa', 'gaia', 'sonicwall']);

/**
 * Layer roles when the admin has not set them: firewalls are edge; the best-connected managed devices are core;
 * managed devices with a single managed neighbour are access; the rest distribution. Roles the admin set win.
 */
export function inferRoles(nodes: TopologyNode[], links: readonly TopologyLink[], explicit: ReadonlyMap<string, DeviceRole> = new Map()): void {
  const managed = new Set(nodes.filter((n) => n.managed).map((n) => n.id));
  const neighbours = new Map<string, Set<string>>();
  for (const l of links) {
    if (!managed.has(l.a.device) || !managed.has(l.b.device) || l.a.device === l.b.device) continue;
    (neighbours.get(l.a.device) ?? neighbours.set(l.a.device, new Set()).get(l.a.device)!).add(l.b.device);
    (neighbours.get(l.b.device) ?? neighbours.set(l.b.device, new Set()).get(l.b.device)!).add(l.a.device);
  }
  const degree = (id: string) => neighbours.get(id)?.size ?? 0;
  const maxDegree = Math.max(0, ...[...managed].filter((id) => !FIREWALL_PLATFORMS.has(platformOf(nodes, id))).map(degree));
  for (const n of nodes) {
    if (!n.managed) continue;
    const set = explicit.get(n.id);
    if (set) n.role = set;
    else if (FIREWALL_PLATFORMS.has(n.platform ?? '')) n.role = 'edge';
    else if (roleFromName(n.label)) n.role = roleFromName(n.label)!;
    else if (maxDegree >= 2 && degree(n.id) === maxDegree) n.role = 'core';
    else if (degree(n.id) <= 1) n.role = 'access';
    else n.role = 'distribution';
  }
}

/** Naming conventions admins use everywhere ("core1", "dc1-dist-a", "bldg2-acc-07", "edge-fw1"). */
export function roleFromName(name: string): DeviceRole | undefined {
  const n = name.toLowerCase();
  if (/(^|[^a-z])(edge|fw|firewall|border|wan|inet|gw)([^a-z]|$)/.test(n) || /^(edge|fw)/.test(n)) return 'edge';
  if (/(^|[^a-z])(core|spine|cr)\d*([^a-z]|$)/.test(n)) return 'core';
  if (/(^|[^a-z])(dist|distribution|agg|aggregation)\d*([^a-z]|$)/.test(n)) return 'distribution';
  if (/(^|[^a-z])(acc|access|leaf|idf|tor)\d*([^a-z]|$)/.test(n)) return 'access';
  return undefined;
}

function platformOf(nodes: readonly TopologyNode[], id: string): string {
  return nodes.find((n) => n.id === id)?.platform ?? '';
}

/** Segment of a device when none is set: its site (sysLocation), else its management /24. */
export function defaultSegment(address: string | undefined, location: string | undefined): string | undefined {
  const loc = location?.trim();
  if (loc && loc !== '<private>' && loc.length <= 64) return loc;
  const m = /^(\d+\.\d+\.\d+)\.\d+$/.exec(address ?? '');
  return m ? `${m[1]}.0/24` : undefined;
}
