/**
 * Dinic's max-flow on an undirected capacitated graph (each link usable in either direction up to its capacity),
 * for many source sets against one fixed sink set: the arc structure is built once and only capacities are reset
 * per query, so a min cut for every segment of a 10,000-device network stays cheap.
 */
export interface FlowNetwork {
  readonly nodeCount: number;
  readonly edges: ReadonlyArray<{ a: number; b: number; capacity: number }>;
}

export interface MinCut {
  readonly value: number;
  /** Indexes into network.edges that cross the cut. */
  readonly cutEdges: number[];
}

const EPS = 1e-9;

export class MinCutSolver {
  private readonly n: number;
  private readonly S: number;
  private readonly T: number;
  private readonly head: Int32Array;
  private readonly to: Int32Array;
  private readonly next: Int32Array;
  private readonly baseCap: Float64Array;
  private readonly cap: Float64Array;
  private readonly level: Int32Array;
  private readonly it: Int32Array;
  private readonly queue: Int32Array;
  private readonly sourceArcStart: number;
  private readonly edgeCount: number;

  constructor(
    private readonly net: FlowNetwork,
    sinks: readonly number[],
    maxSources: number,
  ) {
    this.n = net.nodeCount + 2;
    this.S = net.nodeCount;
    this.T = net.nodeCount + 1;
    this.edgeCount = net.edges.length;
    const arcs = 2 * (net.edges.length + sinks.length + maxSources);
    this.head = new Int32Array(this.n).fill(-1);
    this.to = new Int32Array(arcs);
    this.next = new Int32Array(arcs);
    this.baseCap = new Float64Array(arcs);
    let k = 0;
    const addArc = (u: number, v: number, c: number, rc: number) => {
      this.to[k] = v;
      this.baseCap[k] = c;
      this.next[k] = this.head[u]!;
      this.head[u] = k++;
      this.to[k] = u;
      this.baseCap[k] = rc;
      this.next[k] = this.head[v]!;
      this.head[v] = k++;
    };
    // Arcs 2e and 2e+1 are the two directions of edge e: the cut is read back from them.
    for (const e of net.edges) addArc(e.a, e.b, e.capacity, e.capacity);
    for (const t of sinks) addArc(t, this.T, Number.POSITIVE_INFINITY, 0);
    this.sourceArcStart = k;
    this.cap = new Float64Array(arcs);
    this.level = new Int32Array(this.n);
    this.it = new Int32Array(this.n);
    this.queue = new Int32Array(this.n);
  }

  solve(sources: readonly number[]): MinCut {
    const { S, head, to, next, cap, it } = this;
    // Attach this query's source arcs to S (S's list holds only them).
    head[S] = -1;
    let k = this.sourceArcStart;
    for (const s of sources) {
      to[k] = s;
      next[k] = head[S]!;
      head[S] = k;
      this.baseCap[k] = Number.POSITIVE_INFINITY;
      to[k + 1] = S;
      next[k + 1] = -1; // reverse arcs into S are never needed for the cut: S is always on the source side
      this.baseCap[k + 1] = 0;
      k += 2;
    }
    cap.set(this.baseCap.subarray(0, k));
    let value = 0;
    while (this.bfs()) {
      for (let v = 0; v < this.n; v++) it[v] = head[v]!;
      for (let f = this.augment(); f > 0; f = this.augment()) {
        value += f;
        if (!Number.isFinite(value)) return { value, cutEdges: [] };
      }
    }
    // Nodes reachable from S in the residual graph form the source side of a minimum cut.
    const reach = new Uint8Array(this.n);
    const stack = [S];
    reach[S] = 1;
    while (stack.length) {
      const u = stack.pop()!;
      for (let a = head[u]!; a !== -1; a = next[a]!) {
        if (cap[a]! > EPS && !reach[to[a]!]) {
          reach[to[a]!] = 1;
          stack.push(to[a]!);
        }
      }
    }
    const cutEdges: number[] = [];
    for (let e = 0; e < this.edgeCount; e++) {
      const edge = this.net.edges[e]!;
      if (reach[edge.a] !== reach[edge.b]) cutEdges.push(e);
    }
    return { value, cutEdges };
  }

  private bfs(): boolean {
    const { S, T, head, to, next, cap, level, queue } = this;
    level.fill(-1);
    let h = 0;
    let t = 0;
    level[S] = 0;
    queue[t++] = S;
    while (h < t) {
      const u = queue[h++]!;
      // Nothing beyond T's level can be on a shortest augmenting path.
      if (level[T] !== -1 && level[u]! >= level[T]!) break;
      for (let a = head[u]!; a !== -1; a = next[a]!) {
        const v = to[a]!;
        if (cap[a]! > EPS && level[v] === -1) {
          level[v] = level[u]! + 1;
          queue[t++] = v;
        }
      }
    }
    return level[T] !== -1;
  }

  /** One augmenting path in the level graph, found iteratively (deep chains must not overflow the stack). */
  private augment(): number {
    const { S, T, to, next, cap, level, it } = this;
    const path: number[] = [];
    let u = S;
    for (;;) {
      if (u === T) {
        let f = Number.POSITIVE_INFINITY;
        for (const a of path) f = Math.min(f, cap[a]!);
        for (const a of path) {
          cap[a] = cap[a]! - f;
          cap[a ^ 1] = cap[a ^ 1]! + f;
        }
        return f;
      }
      let advanced = false;
      for (; it[u] !== -1; it[u] = next[it[u]!]!) {
        const a = it[u]!;
        const v = to[a]!;
        if (cap[a]! > EPS && level[v] === level[u]! + 1) {
          path.push(a);
          u = v;
          advanced = true;
          break;
        }
      }
      if (!advanced) {
        if (u === S) return 0;
        level[u] = -1; // dead end: prune it from this phase
        const a = path.pop()!;
        u = to[a ^ 1]!;
        it[u] = next[it[u]!]!;
      }
    }
  }
}

/** One-off min cut between a source set and a sink set. */
export function minCut(net: FlowNetwork, sources: readonly number[], sinks: readonly number[]): MinCut {
  return new MinCutSolver(net, sinks, sources.length).solve(sources);
}
