import type { DeviceRole, TopologyLink, TopologyNode } from '../../../../shared/domain/topology';

/** What the canvas draws: positioned nodes (devices, or collapsed groups) and link bundles between them. */
export interface MapNode {
  id: string;
  label: string;
  role: DeviceRole;
  x: number;
  y: number;
  managed: boolean;
  aiCapable: boolean;
  group?: string;
  /** A collapsed group stands for these device ids. */
  members?: string[];
}

/** All links between the same two map nodes, drawn as one line that opens to its members. */
export interface MapBundle {
  id: string;
  a: string;
  b: string;
  links: TopologyLink[];
  capacityMbps: number;
  /** 0..1, the busiest member; undefined when not polled. */
  utilisation?: number;
  oneSided: boolean;
  mismatch: boolean;
}

export const LAYER_ORDER: readonly DeviceRole[] = ['edge', 'core', 'distribution', 'access', 'unknown'];
const LAYER_GAP = 170;
const NODE_GAP = 90;

export type GroupBy = 'none' | 'segment' | 'site';

/**
 * Layered layout: one row per role (edge, core, distribution, access, then unmanaged/unknown), nodes of a group kept
 * together, and within a row ordered by the mean position of their neighbours in the rows above (one barycentre
 * sweep) to cut crossings. Positions the admin placed win over computed ones.
 */
export function layoutMap(
  nodes: readonly TopologyNode[],
  links: readonly TopologyLink[],
  opts: {
    groupBy: GroupBy;
    collapsed: ReadonlySet<string>;
    saved: Readonly<Record<string, { x: number; y: number }>>;
    utilisation?: Readonly<Record<string, number>>;
  },
): { nodes: MapNode[]; bundles: MapBundle[] } {
  const groupOf = (n: TopologyNode) => (opts.groupBy === 'segment' ? n.segment : opts.groupBy === 'site' ? n.site : undefined);
  // Collapsed groups become one node standing for their members.
  const repr = new Map<string, string>();
  const mapNodes = new Map<string, MapNode>();
  for (const n of nodes) {
    const g = groupOf(n);
    if (g && opts.collapsed.has(g)) {
      const id = `group:${g}`;
      repr.set(n.id, id);
      const existing = mapNodes.get(id);
      if (existing) {
        existing.members!.push(n.id);
        existing.aiCapable ||= !!n.aiCapable;
        if (LAYER_ORDER.indexOf(n.role) < LAYER_ORDER.indexOf(existing.role)) existing.role = n.role;
      } else {
        mapNodes.set(id, { id, label: `${g} (group)`, role: n.role, x: 0, y: 0, managed: true, aiCapable: !!n.aiCapable, group: g, members: [n.id] });
      }
    } else {
      repr.set(n.id, n.id);
      mapNodes.set(n.id, {
        id: n.id, label: n.label, role: n.managed ? n.role : 'unknown', x: 0, y: 0, managed: n.managed, aiCapable: !!n.aiCapable,
        ...(g ? { group: g } : {}),
      });
    }
  }
  for (const g of mapNodes.values()) if (g.members) g.label = `${g.group} (${g.members.length})`;

  const bundles = bundleLinks(links, repr, opts.utilisation);
  const neighbours = new Map<string, string[]>();
  for (const b of bundles) {
    (neighbours.get(b.a) ?? neighbours.set(b.a, []).get(b.a)!).push(b.b);
    (neighbours.get(b.b) ?? neighbours.set(b.b, []).get(b.b)!).push(b.a);
  }

  const rows = LAYER_ORDER.map((role) => [...mapNodes.values()].filter((n) => n.role === role));
  const placed = new Map<string, number>();
  rows.forEach((row, layer) => {
    const score = (n: MapNode) => {
      const xs = (neighbours.get(n.id) ?? []).map((m) => placed.get(m)).filter((x): x is number => x !== undefined);
      return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.POSITIVE_INFINITY;
    };
    // Groups stay contiguous: order groups by their members' mean score, members within a group by score.
    const groups = new Map<string, MapNode[]>();
    for (const n of row) (groups.get(n.group ?? '') ?? groups.set(n.group ?? '', []).get(n.group ?? '')!).push(n);
    const orderedGroups = [...groups.entries()]
      .map(([g, members]) => {
        const finite = members.map(score).filter(Number.isFinite);
        return { g, members, s: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : Number.POSITIVE_INFINITY };
      })
      .sort((x, y) => x.s - y.s || x.g.localeCompare(y.g));
    let i = 0;
    const total = row.length;
    for (const { members } of orderedGroups) {
      members.sort((a, b) => score(a) - score(b) || a.label.localeCompare(b.label));
      for (const n of members) {
        n.x = (i - (total - 1) / 2) * NODE_GAP;
        n.y = layer * LAYER_GAP;
        placed.set(n.id, n.x);
        i++;
      }
      i += 0.5; // a little air between groups
    }
  });
  for (const n of mapNodes.values()) {
    const p = opts.saved[n.id];
    if (p) {
      n.x = p.x;
      n.y = p.y;
    }
  }
  return { nodes: [...mapNodes.values()], bundles };
}

export function bundleLinks(links: readonly TopologyLink[], repr: ReadonlyMap<string, string>, utilisation: Readonly<Record<string, number>> = {}): MapBundle[] {
  const byPair = new Map<string, MapBundle>();
  for (const l of links) {
    const a = repr.get(l.a.device) ?? l.a.device;
    const b = repr.get(l.b.device) ?? l.b.device;
    if (a === b) continue; // inside a collapsed group
    const [x, y] = a < b ? [a, b] : [b, a];
    const id = `${x}\u0000${y}`;
    let bundle = byPair.get(id);
    if (!bundle) byPair.set(id, (bundle = { id, a: x, b: y, links: [], capacityMbps: 0, oneSided: false, mismatch: false }));
    bundle.links.push(l);
    bundle.capacityMbps += l.speedMbps;
    bundle.oneSided ||= !!l.oneSided;
    bundle.mismatch ||= l.a.speedMbps !== undefined && l.b.speedMbps !== undefined && l.a.speedMbps !== l.b.speedMbps;
    const u = utilisation[l.id];
    if (u !== undefined) bundle.utilisation = Math.max(bundle.utilisation ?? 0, u);
  }
  return [...byPair.values()];
}

/** Stroke width grows with the log of capacity: 100M thin, 100G thick, never absurd. */
export function bundleWidth(capacityMbps: number): number {
  if (capacityMbps <= 0) return 1;
  return Math.max(1, Math.min(9, 1 + Math.log10(capacityMbps / 100 + 1) * 2.6));
}

/** Green → amber → red by utilisation; grey when not polled. */
export function utilisationColour(u: number | undefined): string {
  if (u === undefined) return '#8a92a3';
  if (u >= 0.9) return '#d9363e';
  if (u >= 0.7) return '#e07b1f';
  if (u >= 0.4) return '#d8b31c';
  return '#2e9d5b';
}
