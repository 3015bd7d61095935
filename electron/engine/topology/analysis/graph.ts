import type { TopologyLink, TopologyNode } from '../../../../shared/domain/topology';

/**
 * Compact undirected multigraph over node indexes. Parallel links stay separate edges, so two links between the
 * same pair of devices are (correctly) not a bridge.
 */
export interface Graph {
  readonly nodeIds: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Edge endpoints and capacity (Mbps), by edge index = link index in the input. */
  readonly edgeA: Int32Array;
  readonly edgeB: Int32Array;
  readonly capacityMbps: Float64Array;
  /** CSR adjacency: for node v, neighbours are adjNode[adjStart[v] .. adjStart[v+1]) via edge adjEdge[...]. */
  readonly adjStart: Int32Array;
  readonly adjNode: Int32Array;
  readonly adjEdge: Int32Array;
}

export function buildGraph(nodes: readonly TopologyNode[], links: readonly TopologyLink[]): Graph {
  const index = new Map<string, number>();
  const nodeIds: string[] = [];
  for (const n of nodes) {
    if (!index.has(n.id)) {
      index.set(n.id, nodeIds.length);
      nodeIds.push(n.id);
    }
  }
  // Links may name devices that are not in the node list (unmanaged neighbours): add them.
  for (const l of links) {
    for (const id of [l.a.device, l.b.device]) {
      if (!index.has(id)) {
        index.set(id, nodeIds.length);
        nodeIds.push(id);
      }
    }
  }
  const m = links.length;
  const edgeA = new Int32Array(m);
  const edgeB = new Int32Array(m);
  const capacityMbps = new Float64Array(m);
  const degree = new Int32Array(nodeIds.length + 1);
  links.forEach((l, i) => {
    const a = index.get(l.a.device)!;
    const b = index.get(l.b.device)!;
    edgeA[i] = a;
    edgeB[i] = b;
    capacityMbps[i] = l.speedMbps;
    if (a !== b) {
      degree[a]!++;
      degree[b]!++;
    }
  });
  const adjStart = new Int32Array(nodeIds.length + 1);
  for (let v = 0; v < nodeIds.length; v++) adjStart[v + 1] = adjStart[v]! + degree[v]!;
  const fill = adjStart.slice(0, nodeIds.length);
  const adjNode = new Int32Array(adjStart[nodeIds.length]!);
  const adjEdge = new Int32Array(adjStart[nodeIds.length]!);
  for (let e = 0; e < m; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    if (a === b) continue;
    adjNode[fill[a]!] = b;
    adjEdge[fill[a]!++] = e;
    adjNode[fill[b]!] = a;
    adjEdge[fill[b]!++] = e;
  }
  return { nodeIds, index, edgeA, edgeB, capacityMbps, adjStart, adjNode, adjEdge };
}

/** Hop distance from the nearest anchor (core/edge) for every node; -1 when unreachable. */
export function hopsFromAnchors(g: Graph, anchors: readonly number[]): Int32Array {
  const dist = new Int32Array(g.nodeIds.length).fill(-1);
  const queue = new Int32Array(g.nodeIds.length);
  let head = 0;
  let tail = 0;
  for (const a of anchors) {
    if (dist[a] === -1) {
      dist[a] = 0;
      queue[tail++] = a;
    }
  }
  while (head < tail) {
    const v = queue[head++]!;
    for (let k = g.adjStart[v]!; k < g.adjStart[v + 1]!; k++) {
      const w = g.adjNode[k]!;
      if (dist[w] === -1) {
        dist[w] = dist[v]! + 1;
        queue[tail++] = w;
      }
    }
  }
  return dist;
}
