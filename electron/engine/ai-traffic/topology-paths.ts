/** The slice of the measured topology the simulator needs. */
export interface SimTopology {
  nodes: ReadonlyArray<{ id: string; label?: string }>;
  links: ReadonlyArray<{ id: string; a: { device: string }; b: { device: string }; speedMbps: number }>;
  /** Link ids the bottleneck analysis already reports as hot. */
  hotLinkIds: readonly string[];
}

/**
 * Shortest path (fewest hops, BFS) between two nodes as link indices; among equal-hop paths the one found
 * first (links in their stored order) wins, so results are deterministic. Undefined when disconnected.
 */
export function shortestLinkPath(topo: SimTopology, from: string, to: string): number[] | undefined {
  if (from === to) return [];
  const adj = new Map<string, Array<[string, number]>>();
  topo.links.forEach((l, i) => {
    if (!adj.has(l.a.device)) adj.set(l.a.device, []);
    if (!adj.has(l.b.device)) adj.set(l.b.device, []);
    adj.get(l.a.device)!.push([l.b.device, i]);
    adj.get(l.b.device)!.push([l.a.device, i]);
  });
  const via = new Map<string, [string, number]>();
  const seen = new Set([from]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const [next, link] of adj.get(node) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      via.set(next, [node, link]);
      if (next === to) {
        const path: number[] = [];
        let cur = to;
        while (cur !== from) {
          const [prev, l] = via.get(cur)!;
          path.push(l);
          cur = prev;
        }
        return path.reverse();
      }
      queue.push(next);
    }
  }
  return undefined;
}
