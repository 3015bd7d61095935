import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/ai-traffic/policy-parse';
import { compilePolicy } from '../../../electron/engine/ai-traffic/router';
import { simulate } from '../../../electron/engine/ai-traffic/simulator';
import { parseTraceCsv, syntheticTrace, traceToCsv } from '../../../electron/engine/ai-traffic/trace';
import type { Policy } from '../../../shared/api/ai-traffic';

const backend = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  address: '127.0.0.1',
  port: 2500 + Number(id.replace(/\D/g, '') || 0),
  model: 'llama3',
  site: 'hq',
  capacity: { maxConcurrent: 4, tokensPerSec: 1000, prefillTokensPerSec: 1e8 },
  ...extra,
});

function policyOf(obj: Record<string, unknown>): Policy {
  const r = parsePolicy(JSON.stringify(obj));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

describe('policy validation', () => {
  it('names the exact field of an unknown backend, pool, segment and a bad CIDR', () => {
    const r = parsePolicy(
      JSON.stringify({
        backends: [backend('b1')],
        pools: [{ name: 'p', backends: ['b1', 'ghost'] }],
        rules: [{ match: { model: 'x', clientSegment: 'nope' }, pool: 'q' }],
        segments: [{ name: 's', cidrs: ['10.0.0.0/33'], site: 'hq' }],
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { path: 'pools[0].backends[1]', message: "unknown backend 'ghost' (known: b1)" },
        { path: 'rules[0].pool', message: "unknown pool 'q' (known: p)" },
        { path: 'rules[0].match.clientSegment', message: "unknown segment 'nope' (known: s)" },
        { path: 'segments[0].cidrs[0]', message: "'10.0.0.0/33' is neither an address nor a CIDR like 10.0.0.0/24" },
      ]),
    );
  });

  it('reports schema errors with their path, and YAML syntax errors', () => {
    const r = parsePolicy('pools:\n  - name: p\n    backends: []\nalgorithm: fastest\n');
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['pools[0].backends', 'algorithm']));
    const y = parsePolicy('pools: [\n');
    expect(y.issues[0]!.message).toMatch(/not valid YAML/);
  });

  it('refuses rule values and paths that could break out of a rendered proxy config', () => {
    const r = parsePolicy(
      JSON.stringify({
        backends: [backend('b1', { healthPath: '/h"\n    set x' })],
        pools: [{ name: 'p', backends: ['b1'] }],
        rules: [
          { match: { model: 'x; return 200' }, pool: 'p' },
          { match: { pathPrefix: '/v1 }' }, pool: 'p' },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path).sort()).toEqual(['backends[0].healthPath', 'rules[0].match.model', 'rules[1].match.pathPrefix']);
  });

  it('takes backends from the registry when the file declares none', () => {
    const r = parsePolicy('pools: [{name: p, backends: [b1]}]', [{ ...backend('b1'), healthy: true, version: undefined, healthPath: '/', weight: 1 } as never]);
    expect(r.ok).toBe(true);
  });
});

describe('routing', () => {
  const policy = policyOf({
    backends: [backend('b1'), backend('b2', { site: 'dc2' }), backend('b3', { model: 'mistral' }), backend('b4', { site: 'dc2', healthy: false })],
    pools: [
      { name: 'llama', backends: ['b1', 'b2', 'b4'] },
      { name: 'mistral', backends: ['b3'] },
      { name: 'v70', backends: ['b2'] },
    ],
    rules: [
      { match: { model: 'llama3', modelVersion: '70b' }, pool: 'v70' },
      { match: { model: 'mistral' }, pool: 'mistral' },
      { match: { pathPrefix: '/v1/embeddings' }, pool: 'mistral' },
    ],
    defaultPool: 'llama',
    segments: [
      { name: 'branch', cidrs: ['10.2.0.0/16'], site: 'dc2', failover: ['hq'] },
      { name: 'office', cidrs: ['10.1.0.0/16'], site: 'hq' },
    ],
  });
  const c = compilePolicy(policy);
  it('routes by model, model version and path, falling back to the default pool', () => {
    expect(policy.pools[c.route('10.1.0.5', 'mistral', '/v1/chat/completions')!.poolIndex]!.name).toBe('mistral');
    expect(policy.pools[c.route('10.1.0.5', 'llama3:70b', '/v1/chat/completions')!.poolIndex]!.name).toBe('v70');
    expect(policy.pools[c.route('10.1.0.5', 'llama3:8b', '/v1/chat/completions')!.poolIndex]!.name).toBe('llama');
    expect(policy.pools[c.route('10.1.0.5', 'llama3', '/v1/embeddings')!.poolIndex]!.name).toBe('mistral');
  });
  it('tries the nearest site first, skips unhealthy backends, then fails over', () => {
    const branch = c.route('10.2.3.4', 'llama3', '/v1/chat/completions')!;
    expect(branch.siteOrder).toEqual(['dc2', 'hq']);
    expect(branch.groups.map((g) => g.map((i) => c.backends[i]!.id))).toEqual([['b2'], ['b1']]);
    const office = c.route('10.1.3.4', 'llama3', '/v1/chat/completions')!;
    expect(office.groups[0]!.map((i) => c.backends[i]!.id)).toEqual(['b1']);
    const unknown = c.route('192.0.2.1', 'llama3', '/v1/chat/completions')!;
    expect(unknown.groups[0]!.map((i) => c.backends[i]!.id)).toEqual(['b1', 'b2']);
  });
});

describe('trace', () => {
  it('parses CSV with seconds or ISO times and says which line is wrong', () => {
    const rows = parseTraceCsv('time,client,model,prompt_tokens,output_tokens\n10.5,10.0.0.1,llama3,100,20\n10,10.0.0.2,mistral,5,5\n');
    expect(rows.map((r) => [r.timeMs, r.client])).toEqual([
      [0, '10.0.0.2'],
      [500, '10.0.0.1'],
    ]);
    const iso = parseTraceCsv('time,client,model,prompt_tokens,output_tokens,path\n2026-01-01T00:00:01Z,a,m,1,1,/v1/x\n2026-01-01T00:00:00Z,b,m,1,1,\n');
    expect(iso[1]).toMatchObject({ timeMs: 1000, path: '/v1/x' });
    expect(() => parseTraceCsv('time,client,model,prompt_tokens,output_tokens\n1,a,m,-3,1\n')).toThrow(/line 2: prompt_tokens '-3'/);
    expect(() => parseTraceCsv('time,client,model\n')).toThrow(/missing column 'prompt_tokens'/);
  });
  it('generates a seeded Poisson trace at the asked rate and mix that round-trips through CSV', () => {
    const spec = { seed: 7, requests: 20_000, ratePerSec: 100, models: { a: 3, b: 1 }, clients: ['10.0.0.1', '10.0.0.2'] };
    const t = syntheticTrace(spec);
    expect(syntheticTrace(spec)).toEqual(t);
    const rate = t.length / (t[t.length - 1]!.timeMs / 1000);
    expect(rate).toBeGreaterThan(95);
    expect(rate).toBeLessThan(105);
    const shareA = t.filter((r) => r.model === 'a').length / t.length;
    expect(shareA).toBeGreaterThan(0.73);
    expect(shareA).toBeLessThan(0.77);
    const back = parseTraceCsv(traceToCsv(t.slice(0, 50)));
    expect(back.map((r) => r.model)).toEqual(t.slice(0, 50).map((r) => r.model));
  });
});

describe('simulator', () => {
  const base = {
    backends: [backend('b1'), backend('b2'), backend('b3')],
    pools: [{ name: 'p', backends: ['b1', 'b2', 'b3'] }],
  };
  const trace = syntheticTrace({ seed: 3, requests: 3000, ratePerSec: 50, models: { llama3: 1 }, clients: Array.from({ length: 30 }, (_, i) => `10.0.0.${i + 1}`), meanOutputTokens: 50 });

  it('round-robin spreads evenly; weighted round-robin follows weights', () => {
    const rr = simulate(compilePolicy(policyOf({ ...base, algorithm: 'round-robin' })), trace);
    expect(rr.backends.map((b) => b.requests)).toEqual([1000, 1000, 1000]);
    const w = simulate(
      compilePolicy(policyOf({ ...base, algorithm: 'weighted-round-robin', backends: [backend('b1', { weight: 3 }), backend('b2'), backend('b3')] })),
      trace,
    );
    expect(w.backends.map((b) => b.requests)).toEqual([1800, 600, 600]);
  });

  it('least-connections and latency-aware send less to a slow backend than round-robin does', () => {
    const slow = { ...base, backends: [backend('b1', { capacity: { maxConcurrent: 4, tokensPerSec: 100, prefillTokensPerSec: 1e8 } }), backend('b2'), backend('b3')] };
    const rr = simulate(compilePolicy(policyOf({ ...slow, algorithm: 'round-robin' })), trace);
    const lc = simulate(compilePolicy(policyOf({ ...slow, algorithm: 'least-connections' })), trace);
    const la = simulate(compilePolicy(policyOf({ ...slow, algorithm: 'latency-aware' })), trace);
    expect(lc.backends[0]!.share).toBeLessThan(0.25);
    expect(la.backends[0]!.share).toBeLessThan(0.2);
    expect(lc.latencyMs.p95).toBeLessThan(rr.latencyMs.p95);
    expect(la.latencyMs.p95).toBeLessThan(rr.latencyMs.p95);
  });

  it('ip-hash keeps clients on one backend while bounding load to c × average', () => {
    // At low load the bound (c × (outstanding+1) / n, in whole requests) rarely bites, so clients stick.
    const calm = trace.map((r) => ({ ...r, timeMs: r.timeMs * 25 }));
    const ip = simulate(compilePolicy(policyOf({ ...base, algorithm: 'ip-hash' })), calm);
    const rr = simulate(compilePolicy(policyOf({ ...base, algorithm: 'round-robin' })), calm);
    expect(ip.affinity).toBeGreaterThan(0.95);
    expect(rr.affinity).toBeLessThan(0.6);
    // Under a burst that exceeds capacity the bound forces spill-over instead of one backend taking everything.
    const burst = trace.map((r) => ({ ...r, timeMs: r.timeMs / 50, client: '10.0.0.1' }));
    const hot = simulate(compilePolicy(policyOf({ ...base, algorithm: 'ip-hash', hashBalanceFactor: 1.25 })), burst);
    const servedBy = hot.backends.map((b) => (b.requests - b.rejects) / hot.served);
    expect(Math.max(...servedBy)).toBeLessThan(0.6);
  });

  it('queues up to the limit and rejects beyond it; latency includes the queue wait', () => {
    const one = policyOf({ backends: [backend('b1', { capacity: { maxConcurrent: 1, tokensPerSec: 10, prefillTokensPerSec: 1e8 } })], pools: [{ name: 'p', backends: ['b1'] }], queueLimit: 2 });
    const t = [0, 1, 2, 3, 4].map((i) => ({ timeMs: i, client: 'c', model: 'm', promptTokens: 0, outputTokens: 10 }));
    const r = simulate(compilePolicy(one), t);
    expect(r.served).toBe(3);
    expect(r.rejects).toBe(2);
    expect(r.latencyMs.p99).toBeCloseTo(3000 - 2, 6);
    expect(r.flags.map((f) => f.kind)).toContain('rejects');
  });

  it('loads the links on the shortest path from the segment to the site and flags hot or full links', () => {
    const p = policyOf({
      backends: [backend('b1', { site: 'dc' })],
      pools: [{ name: 'p', backends: ['b1'] }],
      segments: [{ name: 'office', cidrs: ['10.0.0.0/24'], site: 'dc', node: 'acc' }],
      sites: [{ name: 'dc', node: 'core' }],
      bytesPerToken: 4,
    });
    const topology = {
      nodes: [{ id: 'acc' }, { id: 'dist' }, { id: 'core' }, { id: 'other' }],
      links: [
        { id: 'L1', a: { device: 'acc' }, b: { device: 'dist' }, speedMbps: 0.01 },
        { id: 'L2', a: { device: 'dist' }, b: { device: 'core' }, speedMbps: 1000 },
        { id: 'L3', a: { device: 'core' }, b: { device: 'other' }, speedMbps: 1000 },
      ],
      hotLinkIds: ['L2'],
    };
    const r = simulate(compilePolicy(p), trace, { topology });
    expect(r.links.map((l) => l.linkId)).toEqual(['L1', 'L2']);
    const bytes = trace.reduce((a, t) => a + (t.promptTokens + t.outputTokens) * 4, 0);
    expect(r.links[0]!.bytes).toBe(bytes);
    expect(r.flags).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'link-over-threshold', subject: 'L1' }), expect.objectContaining({ kind: 'crosses-hot-link', subject: 'L2' })]),
    );
  });

  it('is deterministic', () => {
    const p = compilePolicy(policyOf({ ...base, algorithm: 'latency-aware' }));
    expect(simulate(p, trace)).toEqual(simulate(compilePolicy(policyOf({ ...base, algorithm: 'latency-aware' })), trace));
  });
});
