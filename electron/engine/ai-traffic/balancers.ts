import type { BalanceAlgorithm } from '../../../shared/api/ai-traffic';

/** What a balancer may look at: live per-backend counters kept by the simulator. */
export interface BalancerState {
  /** Requests assigned and not finished (running + queued), per backend index. */
  readonly outstanding: Int32Array;
  /** EWMA of observed latency per backend, ms (0 = no sample yet). */
  readonly ewmaMs: Float64Array;
  readonly weights: Int32Array;
}

/** Picks one backend index from a non-empty candidate group. One instance per (pool, site group). */
export type Balancer = (clientHash: number) => number;

/** FNV-1a 32-bit: cheap and well spread for addresses. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3 finaliser: spreads ring points so virtual nodes of one backend do not cluster. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export function makeBalancer(
  algorithm: BalanceAlgorithm,
  group: readonly number[],
  state: BalancerState,
  opts: { hashBalanceFactor: number; backendKeys: readonly string[] },
): Balancer {
  const n = group.length;
  const { outstanding, ewmaMs, weights } = state;
  if (n === 1) return () => group[0]!;
  switch (algorithm) {
    case 'round-robin': {
      let next = 0;
      return () => {
        const b = group[next]!;
        next = next + 1 === n ? 0 : next + 1;
        return b;
      };
    }
    case 'weighted-round-robin': {
      // Smooth weighted round-robin (nginx ngx_http_upstream_get_peer): interleaves instead of bursting.
      const current = new Float64Array(n);
      let total = 0;
      for (const b of group) total += weights[b]!;
      return () => {
        let best = 0;
        for (let i = 0; i < n; i++) {
          current[i]! += weights[group[i]!]!;
          if (current[i]! > current[best]!) best = i;
        }
        current[best]! -= total;
        return group[best]!;
      };
    }
    case 'least-connections': {
      // HAProxy leastconn: fewest outstanding per weight; equal ones take turns.
      let start = 0;
      return () => {
        let best = -1;
        let bestLoad = Infinity;
        for (let k = 0; k < n; k++) {
          const i = (start + k) % n;
          const b = group[i]!;
          const load = (outstanding[b]! + 1) / weights[b]!;
          if (load < bestLoad) {
            bestLoad = load;
            best = i;
          }
        }
        start = best + 1 === n ? 0 : best + 1;
        return group[best]!;
      };
    }
    case 'latency-aware': {
      // Peak-EWMA (as in Finagle/Linkerd): expected wait = latency EWMA × (outstanding + 1); unmeasured first.
      let start = 0;
      return () => {
        let best = -1;
        let bestCost = Infinity;
        for (let k = 0; k < n; k++) {
          const i = (start + k) % n;
          const b = group[i]!;
          const cost = (ewmaMs[b]! * (outstanding[b]! + 1)) / weights[b]!;
          if (cost < bestCost) {
            bestCost = cost;
            best = i;
          }
        }
        start = best + 1 === n ? 0 : best + 1;
        return group[best]!;
      };
    }
    case 'ip-hash': {
      // Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam, SODA 2018): walk the ring from
      // the client's point and take the first backend whose load stays within c × the average (HAProxy's
      // hash-balance-factor is the same bound, in percent).
      const vnodesPerWeight = 100;
      const points: Array<[number, number]> = [];
      for (const b of group) {
        const key = fnv1a(opts.backendKeys[b]!);
        for (let v = 0; v < vnodesPerWeight * weights[b]!; v++) points.push([mix32(key ^ mix32(v + 1)), b]);
      }
      points.sort((x, y) => x[0] - y[0]);
      const ringHash = Uint32Array.from(points, (p) => p[0]);
      const ringBackend = Int32Array.from(points, (p) => p[1]);
      const m = ringHash.length;
      let totalWeight = 0;
      for (const b of group) totalWeight += weights[b]!;
      // Weight accumulated before each member: HAProxy hands out the remainder slots in ring-member order.
      const cumulative = new Int32Array(outstanding.length);
      let acc = 0;
      for (const b of group) {
        cumulative[b] = acc;
        acc += weights[b]!;
      }
      const factorPct = Math.round(opts.hashBalanceFactor * 100);
      // HAProxy 2.6 chash_server_is_eligible(): slots = ceil((served + 1) × factor), split by weight,
      // never 0; a server is eligible while its outstanding requests are below its slots.
      const eligible = (b: number, served: number): boolean => {
        if (factorPct === 0) return true;
        const totSlots = Math.floor(((served + 1) * factorPct + 99) / 100);
        const perWeight = Math.floor(totSlots / totalWeight);
        const remainder = totSlots % totalWeight;
        const w = weights[b]!;
        const cw = cumulative[b]!;
        let slots = w * perWeight + Math.floor(((cw + w) * remainder) / totalWeight) - Math.floor((cw * remainder) / totalWeight);
        if (slots === 0) slots = 1;
        return outstanding[b]! < slots;
      };
      return (clientHash) => {
        const h = mix32(clientHash);
        let lo = 0;
        let hi = m;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ringHash[mid]! < h) lo = mid + 1;
          else hi = mid;
        }
        let served = 0;
        for (const b of group) served += outstanding[b]!;
        for (let k = 0; k < m; k++) {
          const b = ringBackend[(lo + k) % m]!;
          if (eligible(b, served)) return b;
        }
        return ringBackend[lo % m]!;
      };
    }
  }
}
