import type { Platform } from '../../../shared/domain/device';
import type { DeviceRole, TopologyLink, TopologyNode } from '../../../shared/domain/topology';

export interface Segment {
  name: string;
  /** Managed device ids (topology node ids) in this segment. */
  deviceIds: string[];
  site: string | null;
  clientCount: number;
  /** 0..1: share of shortest paths between other devices that pass through this segment's devices (betweenness). */
  centrality: number;
  roles: DeviceRole[];
  tags: string[];
  /** 0..100, higher = more depends on it. */
  criticality: number;
  /** How the score was made, for the admin. */
  breakdown: string;
}

const ROLE_WEIGHT: Record<DeviceRole, number> = { core: 1, distribution: 0.7, edge: 0.6, access: 0.3, unknown: 0.2 };
/** Tags that make a segment critical whatever its topology says. */
const CRITICAL_TAGS = /^(critical|production|prod|datacenter|dc|core|pci|medical|ot|scada)$/i;

/** Brandes' betweenness centrality on the undirected link graph, normalised to 0..1 by the largest value. */
export function betweenness(nodeIds: readonly string[], links: readonly TopologyLink[]): Map<string, number> {
  const adj = new Map<string, Set<string>>(nodeIds.map((n) => [n, new Set<string>()]));
  for (const l of links) {
    if (l.a.device === l.b.device || !adj.has(l.a.device) || !adj.has(l.b.device)) continue;
    adj.get(l.a.device)!.add(l.b.device);
    adj.get(l.b.device)!.add(l.a.device);
  }
  const cb = new Map<string, number>(nodeIds.map((n) => [n, 0]));
  for (const s of nodeIds) {
    const stack: string[] = [];
    const pred = new Map<string, string[]>(nodeIds.map((n) => [n, []]));
    const sigma = new Map<string, number>(nodeIds.map((n) => [n, 0]));
    const dist = new Map<string, number>(nodeIds.map((n) => [n, -1]));
    sigma.set(s, 1);
    dist.set(s, 0);
    const queue = [s];
    for (let qi = 0; qi < queue.length; qi++) {
      const v = queue[qi]!;
      stack.push(v);
      for (const w of adj.get(v)!) {
        if (dist.get(w)! < 0) {
          queue.push(w);
          dist.set(w, dist.get(v)! + 1);
        }
        if (dist.get(w) === dist.get(v)! + 1) {
          sigma.set(w, sigma.get(w)! + sigma.get(v)!);
          pred.get(w)!.push(v);
        }
      }
    }
    const delta = new Map<string, number>(nodeIds.map((n) => [n, 0]));
    while (stack.length > 0) {
      const w = stack.pop()!;
      for (const v of pred.get(w)!) delta.set(v, delta.get(v)! + (sigma.get(v)! / sigma.get(w)!) * (1 + delta.get(w)!));
      if (w !== s) cb.set(w, cb.get(w)! + delta.get(w)!);
    }
  }
  const max = Math.max(0, ...cb.values());
  return new Map([...cb].map(([k, v]) => [k, max > 0 ? v / max : 0]));
}

/**
 * Segments from the map: managed nodes grouped by their segment (sysLocation, else the /24 of the address —
 * see topology/infer-roles.ts defaultSegment). Criticality (0..100) = 40·centrality + 20·device share +
 * 20·client share + 20·role weight (core 1 … access 0.3), raised to at least 90 by a critical tag.
 */
export function buildSegments(nodes: readonly TopologyNode[], links: readonly TopologyLink[], tagsBySegment: Readonly<Record<string, string[]>> = {}): Segment[] {
  const managed = nodes.filter((n) => n.managed);
  const central = betweenness(managed.map((n) => n.id), links);
  const groups = new Map<string, TopologyNode[]>();
  for (const n of managed) {
    const name = n.segment ?? n.site ?? 'unassigned';
    (groups.get(name) ?? groups.set(name, []).get(name)!).push(n);
  }
  const totalDevices = Math.max(1, managed.length);
  const totalClients = Math.max(1, managed.reduce((t, n) => t + (n.clientCount ?? 0), 0));
  const out: Segment[] = [];
  for (const [name, members] of groups) {
    const centrality = Math.max(0, ...members.map((m) => central.get(m.id) ?? 0));
    const clientCount = members.reduce((t, n) => t + (n.clientCount ?? 0), 0);
    const roles = [...new Set(members.map((m) => m.role))];
    const roleWeight = Math.max(...roles.map((r) => ROLE_WEIGHT[r]));
    const tags = tagsBySegment[name] ?? [];
    const parts = {
      centrality: 40 * centrality,
      devices: (20 * members.length) / totalDevices,
      clients: (20 * clientCount) / totalClients,
      role: 20 * roleWeight,
    };
    let score = parts.centrality + parts.devices + parts.clients + parts.role;
    const critical = tags.find((t) => CRITICAL_TAGS.test(t));
    if (critical) score = Math.max(score, 90);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    out.push({
      name,
      deviceIds: members.map((m) => m.id),
      site: members.find((m) => m.site)?.site ?? null,
      clientCount,
      centrality: r1(centrality * 100) / 100,
      roles,
      tags,
      criticality: r1(score),
      breakdown:
        `centrality ${r1(parts.centrality)} + devices ${r1(parts.devices)} (${members.length}) + clients ${r1(parts.clients)} (${clientCount})` +
        ` + role ${r1(parts.role)} (${roles.join('/')})${critical ? `; tag "${critical}" raises it to at least 90` : ''}`,
    });
  }
  return out.sort((a, b) => a.criticality - b.criticality || a.name.localeCompare(b.name));
}

export interface PilotCandidate {
  deviceId: string;
  platform: Platform;
}

export interface PilotSuggestion {
  /** Segment names, least critical first (one when a single segment covers every platform). */
  segments: string[];
  deviceIds: string[];
  reasoning: string;
}

/**
 * The least critical segment that still contains every targeted platform. When no single segment does, the
 * least critical segments are added one by one until every platform is covered, and the reasoning says so.
 * Only targeted devices inside the chosen segments become the pilot.
 */
export function suggestPilot(targets: readonly PilotCandidate[], segments: readonly Segment[]): PilotSuggestion {
  const platforms = [...new Set(targets.map((t) => t.platform))].sort();
  if (targets.length === 0) return { segments: [], deviceIds: [], reasoning: 'no targets, no pilot' };
  const targetIn = (s: Segment) => targets.filter((t) => s.deviceIds.includes(t.deviceId));
  const relevant = segments.filter((s) => targetIn(s).length > 0);
  const covers = (s: Segment) => platforms.every((p) => targetIn(s).some((t) => t.platform === p));
  const full = relevant.filter(covers);
  const rank = (s: Segment) => `${s.name} (criticality ${s.criticality}: ${s.breakdown})`;
  if (full.length > 0) {
    const best = full[0]!;
    const others = full.slice(1, 3).map((s) => `${s.name} ${s.criticality}`).join(', ');
    return {
      segments: [best.name],
      deviceIds: targetIn(best).map((t) => t.deviceId),
      reasoning:
        `pilot segment ${rank(best)} is the least critical of the ${full.length} segment(s) that contain every targeted platform (${platforms.join(', ')})` +
        (others ? `; next were ${others}` : '') +
        (relevant.length > full.length ? `; ${relevant.length - full.length} less complete segment(s) lack a platform` : ''),
    };
  }
  const chosen: Segment[] = [];
  const missing = new Set(platforms);
  for (const s of relevant) {
    const adds = targetIn(s).filter((t) => missing.has(t.platform));
    if (adds.length === 0) continue;
    chosen.push(s);
    for (const t of adds) missing.delete(t.platform);
    if (missing.size === 0) break;
  }
  const chosenIds = new Set(chosen.map((s) => s.name));
  return {
    segments: chosen.map((s) => s.name),
    deviceIds: targets.filter((t) => relevant.some((s) => chosenIds.has(s.name) && s.deviceIds.includes(t.deviceId))).map((t) => t.deviceId),
    reasoning:
      `no single segment contains every targeted platform (${platforms.join(', ')}); the pilot combines the least critical segments that together do: ` +
      chosen.map(rank).join('; ') +
      (missing.size > 0 ? `; platforms without a segment: ${[...missing].join(', ')}` : ''),
  };
}
