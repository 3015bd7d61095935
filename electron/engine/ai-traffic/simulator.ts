import type { SimulationReport, TraceRequest } from '../../../shared/api/ai-traffic';
import { type Balancer, type BalancerState, fnv1a, makeBalancer } from './balancers';
import type { CompiledPolicy } from './router';
import { shortestLinkPath, type SimTopology } from './topology-paths';

const DEFAULT_PATH = '/v1/chat/completions';

/** Min-heap of (finish time, request index), as two parallel arrays to keep 1M-request runs allocation-free. */
class CompletionHeap {
  private t = new Float64Array(1024);
  private r = new Int32Array(1024);
  size = 0;
  push(time: number, req: number): void {
    if (this.size === this.t.length) {
      const t = new Float64Array(this.size * 2);
      t.set(this.t);
      this.t = t;
      const r = new Int32Array(this.size * 2);
      r.set(this.r);
      this.r = r;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.t[p]! <= time) break;
      this.t[i] = this.t[p]!;
      this.r[i] = this.r[p]!;
      i = p;
    }
    this.t[i] = time;
    this.r[i] = req;
  }
  peekTime(): number {
    return this.size ? this.t[0]! : Infinity;
  }
  pop(): number {
    const req = this.r[0]!;
    const lastT = this.t[--this.size]!;
    const lastR = this.r[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.t[c + 1]! < this.t[c]!) c++;
      if (this.t[c]! >= lastT) break;
      this.t[i] = this.t[c]!;
      this.r[i] = this.r[c]!;
      i = c;
    }
    this.t[i] = lastT;
    this.r[i] = lastR;
    return req;
  }
}

/** FIFO of request indices per backend. */
class Fifo {
  private buf = new Int32Array(16);
  private head = 0;
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.length; i++) b[i] = this.buf[(this.head + i) % this.buf.length]!;
      this.buf = b;
      this.head = 0;
    }
    this.buf[(this.head + this.length++) % this.buf.length] = v;
  }
  shift(): number {
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) % this.buf.length;
    this.length--;
    return v;
  }
}

export function serviceTimeMs(b: { capacity: { tokensPerSec: number; prefillTokensPerSec: number } }, promptTokens: number, outputTokens: number): number {
  return (promptTokens / b.capacity.prefillTokensPerSec + outputTokens / b.capacity.tokensPerSec) * 1000;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface SimulateOptions {
  topology?: SimTopology;
  /** Latency EWMA seeds per backend id (from live probes), ms. */
  initialLatencyMs?: Readonly<Record<string, number>>;
}

/**
 * Replays a trace (sorted by time) through a compiled policy. Pure and deterministic: same inputs, same
 * report. Each backend runs up to maxConcurrent requests at once, queues up to queueLimit more, and rejects
 * the rest; a request's service time is prompt/prefill speed + output/decode speed.
 */
export function simulate(compiled: CompiledPolicy, trace: readonly TraceRequest[], opts: SimulateOptions = {}): SimulationReport {
  const { policy, backends } = compiled;
  const nb = backends.length;
  const n = trace.length;
  const state: BalancerState = {
    outstanding: new Int32Array(nb),
    ewmaMs: new Float64Array(nb),
    weights: Int32Array.from(backends, (b) => b.weight),
  };
  backends.forEach((b, i) => (state.ewmaMs[i] = opts.initialLatencyMs?.[b.id] ?? 0));
  const backendKeys = backends.map((b) => `${b.address}:${b.port}`);
  const running = new Int32Array(nb);
  const queues = backends.map(() => new Fifo());
  const maxQueue = new Int32Array(nb);
  const requests = new Float64Array(nb);
  const rejects = new Float64Array(nb);
  const busyMs = new Float64Array(nb);
  const queueLimit = backends.map((b) => b.queueLimit ?? policy.queueLimit);
  const assigned = new Int32Array(n).fill(-1);
  const finish = new Float64Array(n);
  const latency = new Float64Array(n);
  let served = 0;
  let rejected = 0;
  let unroutable = 0;
  const alpha = policy.latencyEwmaAlpha;

  const balancers = new Map<number[], Balancer>();
  // Intern clients once: index, hash and segment per distinct address, not per request.
  const clientIndex = new Map<string, number>();
  const clientOf = new Int32Array(n);
  const hashes: number[] = [];
  const segments: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = trace[i]!.client;
    let idx = clientIndex.get(c);
    if (idx === undefined) {
      idx = hashes.length;
      clientIndex.set(c, idx);
      hashes.push(fnv1a(c));
      segments.push(compiled.segmentOf(c));
    }
    clientOf[i] = idx;
  }

  // Link accounting: one path per (segment, site) pair.
  const topo = opts.topology;
  const linkBytes = new Float64Array(topo?.links.length ?? 0);
  const endMs = n ? trace[n - 1]!.timeMs : 0;
  const seconds = Math.max(1, Math.ceil(endMs / 1000) + 1);
  const linkSecond = topo ? topo.links.map(() => new Float64Array(seconds + 64)) : [];
  const pathCache = new Map<string, number[] | undefined>();
  const siteNode = new Map(policy.sites.map((s) => [s.name, s.node]));
  const pathFor = (segmentIndex: number, backend: number): number[] | undefined => {
    if (!topo || segmentIndex < 0) return undefined;
    const key = `${segmentIndex}|${backend}`;
    if (pathCache.has(key)) return pathCache.get(key);
    const from = policy.segments[segmentIndex]!.node;
    const to = siteNode.get(backends[backend]!.site);
    const p = from && to ? shortestLinkPath(topo, from, to) : undefined;
    pathCache.set(key, p);
    return p;
  };
  const addBytes = (path: number[] | undefined, bytes: number, atMs: number) => {
    if (!path) return;
    const s = Math.min(Math.floor(atMs / 1000), linkSecond[0]!.length - 1);
    for (const l of path) {
      linkBytes[l]! += bytes;
      linkSecond[l]![s]! += bytes;
    }
  };
  const segOfReq = new Int32Array(n);

  const heap = new CompletionHeap();
  const start = (req: number, b: number, now: number) => {
    const r = trace[req]!;
    const st = serviceTimeMs(backends[b]!, r.promptTokens, r.outputTokens);
    running[b]!++;
    busyMs[b]! += st;
    finish[req] = now + st;
    heap.push(now + st, req);
  };
  const complete = (req: number) => {
    const b = assigned[req]!;
    const now = finish[req]!;
    running[b]!--;
    state.outstanding[b]!--;
    const lat = now - trace[req]!.timeMs;
    latency[req] = lat;
    served++;
    state.ewmaMs[b] = state.ewmaMs[b] === 0 ? lat : alpha * lat + (1 - alpha) * state.ewmaMs[b]!;
    const r = trace[req]!;
    addBytes(pathFor(segOfReq[req]!, b), r.outputTokens * policy.bytesPerToken, now);
    if (queues[b]!.length) start(queues[b]!.shift(), b, now);
  };

  for (let req = 0; req < n; req++) {
    const r = trace[req]!;
    while (heap.peekTime() <= r.timeMs) complete(heap.pop());
    const ci = clientOf[req]!;
    const route = compiled.routeFor(segments[ci]!, r.model, r.path ?? DEFAULT_PATH);
    if (!route || route.groups.length === 0) {
      unroutable++;
      assigned[req] = -2;
      continue;
    }
    const group = route.groups[0]!;
    let bal = balancers.get(group);
    if (!bal) {
      const algo = policy.pools[route.poolIndex]!.algorithm ?? policy.algorithm;
      bal = makeBalancer(algo, group, state, { hashBalanceFactor: policy.hashBalanceFactor, backendKeys });
      balancers.set(group, bal);
    }
    const b = bal(hashes[ci]!);
    requests[b]!++;
    segOfReq[req] = route.segmentIndex;
    if (running[b]! < backends[b]!.capacity.maxConcurrent) {
      assigned[req] = b;
      state.outstanding[b]!++;
      start(req, b, r.timeMs);
    } else if (queues[b]!.length < queueLimit[b]!) {
      assigned[req] = b;
      state.outstanding[b]!++;
      queues[b]!.push(req);
      if (queues[b]!.length > maxQueue[b]!) maxQueue[b] = queues[b]!.length;
    } else {
      rejects[b]!++;
      rejected++;
      assigned[req] = -3;
      continue;
    }
    addBytes(pathFor(route.segmentIndex, b), r.promptTokens * policy.bytesPerToken, r.timeMs);
  }
  let lastMs = endMs;
  while (heap.size) {
    const req = heap.pop();
    lastMs = Math.max(lastMs, finish[req]!);
    complete(req);
  }

  // Latency percentiles over served requests.
  const lat = new Float64Array(served);
  let k = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (assigned[i]! >= 0) {
      lat[k++] = latency[i]!;
      sum += latency[i]!;
    }
  }
  lat.sort();

  // Affinity: per client, the share on its most used backend, weighted by the client's requests.
  // Dense (client × backend) counts when they fit, sparse otherwise.
  let top = 0;
  const nc = hashes.length;
  if (nc * nb <= 20_000_000) {
    const counts = new Int32Array(nc * nb);
    for (let i = 0; i < n; i++) if (assigned[i]! >= 0) counts[clientOf[i]! * nb + assigned[i]!]!++;
    for (let c = 0; c < nc; c++) {
      let best = 0;
      for (let b = 0; b < nb; b++) if (counts[c * nb + b]! > best) best = counts[c * nb + b]!;
      top += best;
    }
  } else {
    const counts = new Map<number, number>();
    const best = new Int32Array(nc);
    for (let i = 0; i < n; i++) {
      if (assigned[i]! < 0) continue;
      const key = clientOf[i]! * nb + assigned[i]!;
      const v = (counts.get(key) ?? 0) + 1;
      counts.set(key, v);
      if (v > best[clientOf[i]!]!) best[clientOf[i]!] = v;
    }
    for (const v of best) top += v;
  }

  const durationMs = Math.max(1, lastMs);
  const hot = new Set(topo?.hotLinkIds ?? []);
  const labelOf = new Map(topo?.nodes.map((x) => [x.id, x.label ?? x.id]) ?? []);
  const links: SimulationReport['links'] = [];
  topo?.links.forEach((l, i) => {
    if (linkBytes[i] === 0) return;
    let peak = 0;
    for (const v of linkSecond[i]!) if (v > peak) peak = v;
    const peakMbps = (peak * 8) / 1e6;
    links.push({
      linkId: l.id,
      label: `${labelOf.get(l.a.device) ?? l.a.device} – ${labelOf.get(l.b.device) ?? l.b.device}`,
      bytes: linkBytes[i]!,
      avgMbps: (linkBytes[i]! * 8) / 1e6 / (durationMs / 1000),
      peakMbps,
      speedMbps: l.speedMbps,
      peakUtil: l.speedMbps > 0 ? peakMbps / l.speedMbps : Infinity,
      hot: hot.has(l.id),
    });
  });
  const flags: SimulationReport['flags'] = [];
  for (const l of links) {
    if (l.peakUtil > policy.linkUtilThreshold)
      flags.push({ kind: 'link-over-threshold', subject: l.linkId, message: `${l.label}: ${l.peakMbps.toFixed(1)} Mb/s peak of ${l.speedMbps} Mb/s (${(l.peakUtil * 100).toFixed(0)}% > ${(policy.linkUtilThreshold * 100).toFixed(0)}%)` });
    if (l.hot) flags.push({ kind: 'crosses-hot-link', subject: l.linkId, message: `${l.label} is already hot in the bottleneck analysis and would carry ${l.avgMbps.toFixed(2)} Mb/s more on average` });
  }
  if (rejected) flags.push({ kind: 'rejects', subject: policy.name, message: `${rejected} of ${n} requests rejected (queues full)` });
  if (unroutable) flags.push({ kind: 'unroutable', subject: policy.name, message: `${unroutable} of ${n} requests matched no pool with a healthy backend` });

  return {
    policy: policy.name,
    algorithm: policy.algorithm,
    requests: n,
    served,
    rejects: rejected,
    unroutable,
    latencyMs: { p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), p99: percentile(lat, 0.99), mean: served ? sum / served : 0 },
    affinity: served ? top / served : 0,
    backends: backends.map((b, i) => ({
      id: b.id,
      site: b.site,
      requests: requests[i]!,
      share: n ? requests[i]! / n : 0,
      rejects: rejects[i]!,
      maxQueue: maxQueue[i]!,
      busyShare: busyMs[i]! / (durationMs * b.capacity.maxConcurrent),
    })),
    links,
    flags,
  };
}
