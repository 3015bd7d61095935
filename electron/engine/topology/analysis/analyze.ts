import type {
  DeviceRole,
  Finding,
  LinkStats,
  Severity,
  TopologyLink,
  TopologyNode,
} from '../../../../shared/domain/topology';
import { findSeparations } from './cut-points';
import { buildGraph, type Graph, hopsFromAnchors } from './graph';
import { MinCutSolver } from './max-flow';
import { percentile } from './percentile';

export interface AnalysisThresholds {
  /** p95 utilisation (0..1) per direction above which a link is hot. */
  hotLinkUtil: number;
  /** Downstream:uplink capacity ratio allowed per role (Cisco campus guidance: access 20:1, distribution 4:1). */
  oversubscription: Record<Exclude<DeviceRole, 'unknown'>, number>;
  /** (errors + discards) / packets above which a link is reported. */
  errorRatio: number;
  /** Clients / capacity above which an access device is reported. */
  densityRatio: number;
}

export const DEFAULT_THRESHOLDS: AnalysisThresholds = {
  hotLinkUtil: 0.8,
  oversubscription: { access: 20, distribution: 4, core: 2, edge: 2 },
  errorRatio: 1e-4,
  densityRatio: 0.9,
};

export interface AnalysisInput {
  nodes: readonly TopologyNode[];
  links: readonly TopologyLink[];
  stats?: readonly LinkStats[];
  /** Capacity of client-facing ports per device (Mbps), counted as downstream for oversubscription. */
  edgePortCapacityMbps?: ReadonlyMap<string, number>;
  thresholds?: Partial<AnalysisThresholds>;
}

/** Every bottleneck finding for one topology snapshot. Pure: same input, same findings, in a stable order. */
export function analyzeTopology(input: AnalysisInput): Finding[] {
  const t = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const g = buildGraph(input.nodes, input.links);
  const nodeById = new Map(input.nodes.map((n) => [n.id, n]));
  const label = (id: string) => nodeById.get(id)?.label ?? id;
  const anchors = anchorIndexes(g, input.nodes);
  return [
    ...hotLinks(input, t, label),
    ...speedMismatches(input.links, label),
    ...errorLinks(input, t, label),
    ...oversubscription(g, input, anchors, t, label),
    ...singlePointsOfFailure(g, input, anchors, label),
    ...minCuts(g, input, anchors, label),
    ...density(input.nodes, t),
  ];
}

function anchorIndexes(g: Graph, nodes: readonly TopologyNode[]): number[] {
  const anchors = nodes.filter((n) => n.role === 'core' || n.role === 'edge').map((n) => g.index.get(n.id)!);
  if (anchors.length > 0) return anchors;
  // No roles known: the best-connected device stands in for the core.
  let best = 0;
  for (let v = 1; v < g.nodeIds.length; v++) {
    if (g.adjStart[v + 1]! - g.adjStart[v]! > g.adjStart[best + 1]! - g.adjStart[best]!) best = v;
  }
  return g.nodeIds.length ? [best] : [];
}

function linkLabel(l: TopologyLink, label: (id: string) => string): string {
  return `${label(l.a.device)} ${l.a.ifName} ↔ ${label(l.b.device)} ${l.b.ifName}`;
}

function hotLinks(input: AnalysisInput, t: AnalysisThresholds, label: (id: string) => string): Finding[] {
  const linkById = new Map(input.links.map((l) => [l.id, l]));
  const out: Finding[] = [];
  for (const s of input.stats ?? []) {
    const link = linkById.get(s.linkId);
    if (!link) continue;
    for (const [samples, from, to] of [
      [s.utilAtoB, link.a, link.b],
      [s.utilBtoA, link.b, link.a],
    ] as const) {
      const p95 = percentile(samples, 95);
      if (!(p95 > t.hotLinkUtil)) continue;
      out.push({
        kind: 'hot-link',
        severity: p95 >= 0.95 ? 'critical' : p95 >= 0.9 ? 'high' : 'medium',
        subject: { type: 'link', id: link.id, label: linkLabel(link, label) },
        evidence: {
          direction: `${label(from.device)} ${from.ifName} → ${label(to.device)} ${to.ifName}`,
          p95Util: round(p95, 3),
          samples: samples.length,
          speedMbps: link.speedMbps,
          p95Mbps: round(p95 * link.speedMbps, 1),
          threshold: t.hotLinkUtil,
        },
        recommendation: `Add capacity (a faster link or a LAG member) between ${label(from.device)} and ${label(to.device)}, or move traffic off it, before AI routers add telemetry and inspection load.`,
      });
    }
  }
  return out;
}

function speedMismatches(links: readonly TopologyLink[], label: (id: string) => string): Finding[] {
  const out: Finding[] = [];
  for (const l of links) {
    const sa = l.a.speedMbps;
    const sb = l.b.speedMbps;
    const speedDiffers = sa !== undefined && sb !== undefined && sa > 0 && sb > 0 && sa !== sb;
    const duplexDiffers = l.a.duplex && l.b.duplex && l.a.duplex !== 'unknown' && l.b.duplex !== 'unknown' && l.a.duplex !== l.b.duplex;
    if (!speedDiffers && !duplexDiffers) continue;
    out.push({
      kind: 'speed-mismatch',
      severity: duplexDiffers ? 'high' : 'medium',
      subject: { type: 'link', id: l.id, label: linkLabel(l, label) },
      evidence: { aSpeedMbps: sa, bSpeedMbps: sb, aDuplex: l.a.duplex, bDuplex: l.b.duplex },
      recommendation: duplexDiffers
        ? 'Set both ends to the same duplex (prefer auto-negotiation on both); a duplex mismatch causes late collisions and CRC errors.'
        : `Both ends should run at the same speed; the link carries at most ${Math.min(sa!, sb!)} Mbps. Check optics, cabling and negotiation.`,
    });
  }
  return out;
}

function errorLinks(input: AnalysisInput, t: AnalysisThresholds, label: (id: string) => string): Finding[] {
  const linkById = new Map(input.links.map((l) => [l.id, l]));
  const out: Finding[] = [];
  for (const s of input.stats ?? []) {
    const link = linkById.get(s.linkId);
    if (!link || !s.packetsPerSec) continue;
    const bad = (s.errorsPerSec ?? 0) + (s.discardsPerSec ?? 0);
    const ratio = bad / s.packetsPerSec;
    if (!(ratio > t.errorRatio)) continue;
    out.push({
      kind: 'errors',
      severity: ratio > 1e-2 ? 'high' : ratio > 1e-3 ? 'medium' : 'low',
      subject: { type: 'link', id: link.id, label: linkLabel(link, label) },
      evidence: { errorsPerSec: s.errorsPerSec ?? 0, discardsPerSec: s.discardsPerSec ?? 0, packetsPerSec: s.packetsPerSec, ratio },
      recommendation: (s.errorsPerSec ?? 0) >= (s.discardsPerSec ?? 0)
        ? 'Errors point at the physical layer: clean or replace optics and cables, check for duplex mismatch.'
        : 'Discards point at congestion or QoS drops: check buffer usage and queueing on the egress interface.',
    });
  }
  return out;
}

function oversubscription(g: Graph, input: AnalysisInput, anchors: readonly number[], t: AnalysisThresholds, label: (id: string) => string): Finding[] {
  const dist = hopsFromAnchors(g, anchors);
  const up = new Float64Array(g.nodeIds.length);
  const down = new Float64Array(g.nodeIds.length);
  for (let e = 0; e < g.edgeA.length; e++) {
    const a = g.edgeA[e]!;
    const b = g.edgeB[e]!;
    if (a === b || dist[a] === -1 || dist[b] === -1 || dist[a] === dist[b]) continue;
    const [lower, upper] = dist[a]! > dist[b]! ? [a, b] : [b, a];
    up[lower] = up[lower]! + g.capacityMbps[e]!;
    down[upper] = down[upper]! + g.capacityMbps[e]!;
  }
  const out: Finding[] = [];
  for (const node of input.nodes) {
    if (node.role === 'unknown') continue;
    const v = g.index.get(node.id)!;
    const downstream = down[v]! + (input.edgePortCapacityMbps?.get(node.id) ?? 0);
    if (up[v] === 0 || downstream === 0) continue;
    const ratio = downstream / up[v]!;
    const allowed = t.oversubscription[node.role];
    if (ratio <= allowed) continue;
    out.push({
      kind: 'oversubscription',
      severity: ratio > allowed * 2 ? 'high' : 'medium',
      subject: { type: 'device', id: node.id, label: label(node.id) },
      evidence: { role: node.role, downstreamMbps: downstream, uplinkMbps: up[v], ratio: round(ratio, 2), allowedRatio: allowed },
      recommendation: `Uplinks of ${label(node.id)} carry ${round(ratio, 1)}:1 of downstream capacity (guideline ${allowed}:1 for ${node.role}); add or upgrade uplinks before adding AI routers below it.`,
    });
  }
  return out;
}

function singlePointsOfFailure(g: Graph, input: AnalysisInput, anchors: readonly number[], label: (id: string) => string): Finding[] {
  const nodeById = new Map(input.nodes.map((n) => [n.id, n]));
  const out: Finding[] = [];
  for (const sep of findSeparations(g, anchors)) {
    const cut = sep.cutOff.map((v) => g.nodeIds[v]!);
    const segments = [...new Set(cut.map((id) => nodeById.get(id)?.segment).filter((s): s is string => !!s))].sort();
    const severity: Severity = cut.length >= 10 || segments.length > 1 ? 'high' : 'medium';
    if (sep.kind === 'device') {
      const id = g.nodeIds[sep.at]!;
      out.push({
        kind: 'spof',
        severity,
        subject: { type: 'device', id, label: label(id) },
        evidence: { cutOffDevices: cut.map(label).sort(), segments },
        recommendation: `If ${label(id)} fails, ${cut.length} device(s) lose every path to the core/edge. Dual-home them to a second device.`,
      });
    } else {
      const link = input.links[sep.at]!;
      out.push({
        kind: 'spof',
        severity,
        subject: { type: 'link', id: link.id, label: linkLabel(link, label) },
        evidence: { cutOffDevices: cut.map(label).sort(), segments },
        recommendation: `This link is the only path for ${cut.length} device(s); add a redundant link (ideally to another upstream device).`,
      });
    }
  }
  return out;
}

function minCuts(g: Graph, input: AnalysisInput, anchors: readonly number[], label: (id: string) => string): Finding[] {
  const anchorSet = new Set(anchors);
  const bySegment = new Map<string, number[]>();
  for (const n of input.nodes) {
    if (!n.segment) continue;
    const v = g.index.get(n.id)!;
    bySegment.set(n.segment, [...(bySegment.get(n.segment) ?? []), v]);
  }
  const net = {
    nodeCount: g.nodeIds.length,
    edges: Array.from(g.edgeA, (a, e) => ({ a, b: g.edgeB[e]!, capacity: g.capacityMbps[e]! })),
  };
  const out: Finding[] = [];
  const largest = Math.max(0, ...[...bySegment.values()].map((m) => m.length));
  const solver = new MinCutSolver(net, anchors, largest);
  for (const [segment, members] of [...bySegment].sort(([x], [y]) => x.localeCompare(y))) {
    if (members.some((v) => anchorSet.has(v))) continue; // the segment contains the core/edge itself
    const cut = solver.solve(members);
    if (!Number.isFinite(cut.value)) continue;
    const links = cut.cutEdges.map((e) => input.links[e]!);
    out.push({
      kind: 'min-cut',
      severity: cut.value === 0 ? 'critical' : links.length === 1 ? 'medium' : 'info',
      subject: { type: 'segment', id: segment, label: segment },
      evidence: { capacityMbps: cut.value, links: links.map((l) => linkLabel(l, label)), linkIds: links.map((l) => l.id) },
      recommendation:
        cut.value === 0
          ? `Segment ${segment} has no path to the core/edge.`
          : `At most ${cut.value} Mbps can leave segment ${segment} towards the core/edge; these ${links.length} link(s) are the bottleneck: upgrade them first.`,
    });
  }
  return out;
}

function density(nodes: readonly TopologyNode[], t: AnalysisThresholds): Finding[] {
  const out: Finding[] = [];
  for (const n of nodes) {
    if (n.clientCount === undefined || n.clientCapacity === undefined) continue;
    const ratio = n.clientCount / n.clientCapacity;
    if (!(ratio > t.densityRatio)) continue;
    out.push({
      kind: 'density',
      severity: ratio > 1 ? 'high' : 'medium',
      subject: { type: 'device', id: n.id, label: n.label },
      evidence: { clients: n.clientCount, capacity: n.clientCapacity, ratio: round(ratio, 2) },
      recommendation: `${n.label} serves ${n.clientCount} clients for ${n.clientCapacity} ports; split the segment or add an access device.`,
    });
  }
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
