import type { LinkStats, TopologyLink, TopologyNode } from '../../shared/domain/topology';

/**
 * A deterministic synthetic campus/WAN of `devices` devices and about 4 links per device: 4 core, 1 distribution per
 * 50 access switches (pairs), access switches dual-homed with 2-member LAGs to both distribution switches of their pod,
 * and a share of single-homed branches. Used by the analysis benchmark and the map benchmark.
 */
export function syntheticNetwork(devices: number, seed = 1): { nodes: TopologyNode[]; links: TopologyLink[]; stats: LinkStats[] } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const nodes: TopologyNode[] = [];
  const links: TopologyLink[] = [];
  const add = (a: string, b: string, speedMbps: number) =>
    links.push({
      id: `l${links.length}`,
      a: { device: a, ifName: `if${links.length}a`, speedMbps },
      b: { device: b, ifName: `if${links.length}b`, speedMbps },
      speedMbps,
      sources: ['lldp'],
    });
  for (let i = 0; i < 4; i++) nodes.push({ id: `core${i}`, label: `core${i}`, role: 'core', managed: true });
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) add(`core${i}`, `core${j}`, 100_000);
  const pods = Math.max(1, Math.ceil((devices - 4) / 52));
  let made = 4;
  for (let p = 0; p < pods && made < devices; p++) {
    const d = [`dist${p}a`, `dist${p}b`];
    for (const id of d) {
      nodes.push({ id, label: id, role: 'distribution', managed: true, segment: `pod${p}` });
      made++;
      add(id, `core${p % 4}`, 40_000);
      add(id, `core${(p + 1) % 4}`, 40_000);
    }
    add(d[0]!, d[1]!, 40_000);
    for (let k = 0; k < 50 && made < devices; k++, made++) {
      const id = `acc${p}-${k}`;
      const single = rand() < 0.1;
      nodes.push({
        id, label: id, role: 'access', managed: true, segment: `pod${p}-seg${k % 10}`,
        clientCount: Math.floor(rand() * 52), clientCapacity: 48,
      });
      add(id, d[0]!, 10_000);
      add(id, d[0]!, 10_000);
      if (!single) {
        add(id, d[1]!, 10_000);
        add(id, d[1]!, 10_000);
      }
    }
  }
  const stats: LinkStats[] = links.map((l) => ({
    linkId: l.id,
    utilAtoB: Array.from({ length: 60 }, () => rand() * rand()),
    utilBtoA: Array.from({ length: 60 }, () => rand() * 0.5),
    errorsPerSec: rand() < 0.01 ? 3 : 0,
    discardsPerSec: 0,
    packetsPerSec: 10_000,
  }));
  return { nodes, links, stats };
}
