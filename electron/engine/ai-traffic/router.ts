import ipaddr from 'ipaddr.js';
import type { Policy, PolicyBackend } from '../../../shared/api/ai-traffic';

/** The pool a request belongs to, and the backend groups to try for it, nearest site first. */
export interface Route {
  ruleIndex: number;
  poolIndex: number;
  segmentIndex: number;
  /** Backend indices (into `policy.backends`) grouped by site, in preference order. */
  groups: number[][];
  siteOrder: string[];
}

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly backends: readonly PolicyBackend[];
  /** -1 when no rule and no default pool applies. */
  route(client: string, model: string, path: string): Route | undefined;
  /** The same, for a client already mapped to its segment (-1: none); cached per (model, path, segment). */
  routeFor(segmentIndex: number, model: string, path: string): Route | undefined;
  segmentOf(client: string): number;
}

/** `llama3:70b` → ['llama3', '70b']; the OpenAI `model` field carries the version after a colon. */
export function splitModel(model: string): [string, string | undefined] {
  const i = model.indexOf(':');
  return i < 0 ? [model, undefined] : [model.slice(0, i), model.slice(i + 1)];
}

type Matcher = (addr: ipaddr.IPv4 | ipaddr.IPv6) => boolean;

function cidrMatcher(text: string): Matcher {
  const [net, bits] = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), ipaddr.parse(text).kind() === 'ipv4' ? 32 : 128];
  return (addr) => {
    const a = addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
    return a.kind() === net.kind() && a.match(net, bits);
  };
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const backends = policy.backends ?? [];
  const backendIndex = new Map(backends.map((b, i) => [b.id, i]));
  const segMatchers = policy.segments.map((s) => s.cidrs.map(cidrMatcher));
  const segCache = new Map<string, number>();
  const segmentOf = (client: string): number => {
    let s = segCache.get(client);
    if (s !== undefined) return s;
    s = -1;
    if (ipaddr.isValid(client)) {
      const addr = ipaddr.parse(client);
      s = segMatchers.findIndex((ms) => ms.some((m) => m(addr)));
    }
    segCache.set(client, s);
    return s;
  };
  const defaultPool = policy.defaultPool ? policy.pools.findIndex((p) => p.name === policy.defaultPool) : 0;
  // Groups per (pool, segment): computed once, health is fixed for a compiled policy.
  const groupCache = new Map<number, { groups: number[][]; siteOrder: string[] }>();
  const groupsFor = (poolIndex: number, segmentIndex: number) => {
    const key = poolIndex * 100_003 + segmentIndex + 1;
    const hit = groupCache.get(key);
    if (hit) return hit;
    const members = policy.pools[poolIndex]!.backends.map((id) => backendIndex.get(id)!).filter((i) => backends[i]!.healthy);
    let result: { groups: number[][]; siteOrder: string[] };
    if (segmentIndex < 0) {
      result = { groups: members.length ? [members] : [], siteOrder: [] };
    } else {
      const seg = policy.segments[segmentIndex]!;
      const order = [seg.site, ...seg.failover.filter((s) => s !== seg.site)];
      for (const i of members) if (!order.includes(backends[i]!.site)) order.push(backends[i]!.site);
      const groups: number[][] = [];
      const siteOrder: string[] = [];
      for (const site of order) {
        const g = members.filter((i) => backends[i]!.site === site);
        if (g.length) {
          groups.push(g);
          siteOrder.push(site);
        }
      }
      result = { groups, siteOrder };
    }
    groupCache.set(key, result);
    return result;
  };
  // Nested maps instead of a joined string key: no string building per request on the simulator's hot path.
  const routeCache = new Map<string, Map<string, Array<Route | null>>>();
  const routeFor = (segmentIndex: number, model: string, path: string): Route | undefined => {
    let byPath = routeCache.get(model);
    if (!byPath) routeCache.set(model, (byPath = new Map()));
    let bySeg = byPath.get(path);
    if (!bySeg) byPath.set(path, (bySeg = []));
    const hit = bySeg[segmentIndex + 1];
    if (hit !== undefined) return hit ?? undefined;
    const [base, version] = splitModel(model);
    const seg = segmentIndex >= 0 ? policy.segments[segmentIndex] : undefined;
    const ruleIndex = policy.rules.findIndex(({ match: m }) => {
      if (m.pathPrefix !== undefined && !path.startsWith(m.pathPrefix)) return false;
      if (m.model !== undefined && m.model !== base) return false;
      if (m.modelVersion !== undefined && m.modelVersion !== version) return false;
      if (m.clientSegment !== undefined && seg?.name !== m.clientSegment) return false;
      if (m.clientSite !== undefined && seg?.site !== m.clientSite) return false;
      return true;
    });
    const poolIndex = ruleIndex >= 0 ? policy.pools.findIndex((p) => p.name === policy.rules[ruleIndex]!.pool) : defaultPool;
    const r = poolIndex < 0 ? undefined : { ruleIndex, poolIndex, segmentIndex, ...groupsFor(poolIndex, segmentIndex) };
    bySeg[segmentIndex + 1] = r ?? null;
    return r;
  };
  const route = (client: string, model: string, path: string) => routeFor(segmentOf(client), model, path);
  return { policy, backends, route, routeFor, segmentOf };
}
