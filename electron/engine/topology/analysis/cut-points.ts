import type { Graph } from './graph';

/** A single device or link whose loss cuts `cutOff` nodes off from every anchor. */
export interface Separation {
  /** Node index of an articulation point, or edge index of a bridge. */
  readonly at: number;
  readonly kind: 'device' | 'link';
  /** Node indexes that lose every path to the anchors (excluding the failed device itself). */
  readonly cutOff: readonly number[];
}

/**
 * Single points of failure relative to the anchors (core/edge devices). Runs Tarjan's lowlink DFS (iteratively:
 * 10,000-node chains would overflow the JS stack) from a virtual root joined to every anchor, so an articulation
 * point or bridge found here is exactly one whose failure separates some devices from all of the core/edge.
 */
export function findSeparations(g: Graph, anchors: readonly number[]): Separation[] {
  const n = g.nodeIds.length;
  const root = n; // virtual node adjacent to every anchor
  const disc = new Int32Array(n + 1).fill(-1);
  const low = new Int32Array(n + 1);
  const order: number[] = []; // preorder: node at position disc[v]
  const subtreeEnd = new Int32Array(n + 1); // last preorder index inside v's subtree
  const parentEdge = new Int32Array(n + 1).fill(-2);
  const results: Separation[] = [];
  const anchorSet = new Set(anchors);

  // Iterative DFS state: node and position in its adjacency (anchors' list is virtual for the root).
  const stackNode: number[] = [];
  const stackPos: number[] = [];
  let time = 0;

  const neighbourCount = (v: number) => (v === root ? anchors.length : g.adjStart[v + 1]! - g.adjStart[v]!);
  const neighbourAt = (v: number, i: number): [number, number] => {
    if (v === root) return [anchors[i]!, -1 - i]; // virtual edges get negative ids
    const k = g.adjStart[v]! + i;
    return [g.adjNode[k]!, g.adjEdge[k]!];
  };

  disc[root] = low[root] = time++;
  order.push(root);
  stackNode.push(root);
  stackPos.push(0);
  while (stackNode.length > 0) {
    const top = stackNode.length - 1;
    const v = stackNode[top]!;
    const i = stackPos[top]!;
    if (i < neighbourCount(v)) {
      stackPos[top] = i + 1;
      const [w, edge] = neighbourAt(v, i);
      if (edge === parentEdge[v]) continue;
      if (disc[w] === -1) {
        parentEdge[w] = edge;
        disc[w] = low[w] = time++;
        // An anchor reached through real links still has its virtual edge to the root: a back edge.
        if (v !== root && anchorSet.has(w)) low[w] = disc[root]!;
        order.push(w);
        stackNode.push(w);
        stackPos.push(0);
      } else if (disc[w]! < low[v]!) {
        low[v] = disc[w]!;
      }
      continue;
    }
    // v is finished
    subtreeEnd[v] = time - 1;
    stackNode.pop();
    stackPos.pop();
    if (stackNode.length === 0) break;
    const parent = stackNode[stackNode.length - 1]!;
    if (low[v]! < low[parent]!) low[parent] = low[v]!;
    if (parent === root) continue; // anchors hang off the virtual root; the root itself cannot fail
    const subtree = () => order.slice(disc[v]!, subtreeEnd[v]! + 1).filter((x) => x !== root);
    if (low[v]! > disc[parent]!) results.push({ at: parentEdge[v]!, kind: 'link', cutOff: subtree() });
    if (low[v]! >= disc[parent]!) results.push({ at: parent, kind: 'device', cutOff: subtree() });
  }
  return mergeDeviceSeparations(results);
}

/** One articulation point may separate several child subtrees; report it once with all of them. */
function mergeDeviceSeparations(list: Separation[]): Separation[] {
  const byDevice = new Map<number, number[]>();
  const out: Separation[] = [];
  for (const s of list) {
    if (s.kind === 'link') out.push(s);
    else byDevice.set(s.at, [...(byDevice.get(s.at) ?? []), ...s.cutOff]);
  }
  for (const [at, cutOff] of byDevice) out.push({ at, kind: 'device', cutOff });
  return out;
}
