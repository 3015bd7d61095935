import type { TopologyLink, TopologyNode } from '../../../../shared/domain/topology';
import { findSeparations } from './cut-points';
import { buildGraph } from './graph';

export interface SegmentCoverage {
  segment: string;
  devices: number;
  /** Labels of AI-capable devices that see ALL of the segment's traffic towards the core/edge (it is in the segment, or every path crosses it). */
  fullySeenBy: string[];
  /** AI-capable devices that see the traffic of only some of the segment's devices. */
  partlySeenBy: string[];
  blindSpot: boolean;
}

/**
 * Readiness for AI routers: which segments' traffic an AI-capable device in-line would see. A device sees a segment's
 * upstream traffic when it is in the segment or separates the segment from every core/edge device (the same
 * separation analysis as for single points of failure); a segment nobody sees is a blind spot.
 */
export function aiCoverage(nodes: readonly TopologyNode[], links: readonly TopologyLink[]): SegmentCoverage[] {
  const g = buildGraph(nodes, links);
  let anchors = nodes.filter((n) => n.role === 'core' || n.role === 'edge').map((n) => g.index.get(n.id)!);
  if (anchors.length === 0 && g.nodeIds.length) anchors = [0];
  const ai = new Set(nodes.filter((n) => n.aiCapable && n.managed).map((n) => n.id));
  const cutOffBy = new Map<string, Set<string>>();
  for (const s of findSeparations(g, anchors)) {
    if (s.kind !== 'device') continue;
    const id = g.nodeIds[s.at]!;
    if (ai.has(id)) cutOffBy.set(id, new Set(s.cutOff.map((v) => g.nodeIds[v]!)));
  }
  const label = new Map(nodes.map((n) => [n.id, n.label]));
  const segments = new Map<string, TopologyNode[]>();
  for (const n of nodes) if (n.segment && n.managed) (segments.get(n.segment) ?? segments.set(n.segment, []).get(n.segment)!).push(n);
  const out: SegmentCoverage[] = [];
  for (const [segment, members] of [...segments].sort(([a], [b]) => a.localeCompare(b))) {
    const full: string[] = [];
    const part: string[] = [];
    for (const id of ai) {
      const behind = cutOffBy.get(id) ?? new Set<string>();
      const seen = members.filter((m) => m.id === id || behind.has(m.id)).length;
      if (seen === members.length) full.push(id);
      else if (seen > 0) part.push(id);
    }
    const names = (ids: string[]) => ids.map((id) => label.get(id) ?? id).sort();
    out.push({ segment, devices: members.length, fullySeenBy: names(full), partlySeenBy: names(part), blindSpot: full.length === 0 && part.length === 0 });
  }
  return out;
}
