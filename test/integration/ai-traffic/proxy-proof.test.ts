import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/ai-traffic/policy-parse';
import { renderPolicy } from '../../../electron/engine/ai-traffic/render';
import { DEBIAN_NJS_MODULE } from '../../../electron/engine/ai-traffic/render-nginx';
import { compilePolicy } from '../../../electron/engine/ai-traffic/router';
import { simulate } from '../../../electron/engine/ai-traffic/simulator';
import { syntheticTrace } from '../../../electron/engine/ai-traffic/trace';
import type { Policy, PolicyInput, SimulationReport, TraceRequest } from '../../../shared/api/ai-traffic';
import { requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { type Answer, type FakeBackend, replay, startFakeBackend } from './fake-backends';
import { startProxy } from './proxy-process';

/**
 * PROOF: the rendered HAProxy and nginx configurations run for real on loopback in front of small HTTP
 * backends; bounded request bursts (300) are replayed open-loop from a trace, the distribution is
 * measured from the backends' answers, and the simulator is run on the same trace and backends.
 *
 * Tolerances (absolute, on shares of requests):
 * - round-robin: 0.02 — both proxies rotate exactly; the slack covers a request HAProxy redistributes.
 * - least-connections: 0.07 — the proxies see connection counts a few hundred µs later than the
 *   simulator (TCP accept, event loop, timer jitter on 2 shared cores), which moves ties between equal
 *   backends; the slow backend's share is the quantity that matters and is asserted separately.
 * - ip-hash without a bound: affinity exactly 1 in both — the proxies and the simulator use different hash
 *   functions, so which backend a client lands on differs; stickiness (the property) must agree.
 * - ip-hash with HAProxy's bounded load: affinity within 0.10 — spill-over depends on how many requests are
 *   in flight at each arrival, which timing jitter moves; the simulator uses HAProxy's own slot formula.
 * - model routing (HAProxy: body; nginx: X-Model header, and the body through njs) and failover: exact — they are decisions, not statistics.
 */

const haveHaproxy = requireTool('haproxy');
const haveNginx = requireTool('nginx');
const haveNjs = haveNginx && (fs.existsSync(DEBIAN_NJS_MODULE) || skipOrFail(`nginx body routing needs njs (${DEBIAN_NJS_MODULE}; apt-get install libnginx-mod-http-js)`));

const FAST = { tokensPerSec: 1000, prefillTokensPerSec: 1_000_000 };
const SLOW = { tokensPerSec: 100, prefillTokensPerSec: 1_000_000 };
// Backends are node http servers: no concurrency limit worth modelling.
const UNLIMITED = 1000;

type Target = 'haproxy' | 'nginx';
const PORT: Record<Target, number> = { haproxy: 2580, nginx: 2581 };

function parse(p: PolicyInput): Policy {
  const r = parsePolicy(JSON.stringify(p));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

async function throughProxy<T>(target: Target, policy: Policy, fn: (port: number) => Promise<T>, opts: { nginxNjs?: boolean } = {}): Promise<T> {
  const { dir, cleanup } = makeTempDir('routewise-ai-proxy-');
  const port = policy.frontend.port;
  const rendered = renderPolicy(policy, target, opts);
  const config = rendered.config;
  const file = path.join(dir, target === 'haproxy' ? 'haproxy.cfg' : 'nginx.conf');
  fs.writeFileSync(file, config);
  for (const f of rendered.files) fs.writeFileSync(path.join(dir, f.name), f.content);
  const proc =
    target === 'haproxy'
      ? await startProxy('haproxy', ['-f', file, '-db'], port, dir)
      : await startProxy('nginx', ['-p', `${dir}/`, '-c', file, '-g', `daemon off;${process.getuid?.() === 0 ? ' user root;' : ''}`], port, dir);
  try {
    return await fn(port);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- ${target} output ---\n${proc.output()}\n--- config ---\n${config}`);
  } finally {
    await proc.stop();
    cleanup();
  }
}

function shares(answers: Answer[], ids: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = answers.filter((a) => a.backend === id).length / answers.length;
  return out;
}

function simShares(r: SimulationReport): Record<string, number> {
  return Object.fromEntries(r.backends.map((b) => [b.id, b.requests / r.requests]));
}

function affinity(answers: Answer[]): number {
  const per = new Map<string, Map<string, number>>();
  for (const a of answers) {
    if (!a.backend) continue;
    const m = per.get(a.client) ?? new Map<string, number>();
    m.set(a.backend, (m.get(a.backend) ?? 0) + 1);
    per.set(a.client, m);
  }
  let top = 0;
  let all = 0;
  for (const m of per.values()) {
    top += Math.max(...m.values());
    for (const v of m.values()) all += v;
  }
  return top / all;
}

function backendSpec(b: FakeBackend, speed: typeof FAST, site = 'hq') {
  return { id: b.id, address: '127.0.0.1', port: b.port, model: b.model, site, capacity: { maxConcurrent: UNLIMITED, ...speed } };
}

function trace(opts: { seed: number; requests: number; ratePerSec: number; clients: string[]; models?: Record<string, number>; outputTokens?: number }): TraceRequest[] {
  const t = syntheticTrace({ seed: opts.seed, requests: opts.requests, ratePerSec: opts.ratePerSec, models: opts.models ?? { llama3: 1 }, clients: opts.clients, meanPromptTokens: 50, meanOutputTokens: 20 });
  // Fixed output length: the service time is then a property of the backend, which makes shares comparable.
  return t.map((r) => ({ ...r, outputTokens: opts.outputTokens ?? 20 }));
}

describe.skipIf(!haveHaproxy && !haveNginx)('AI traffic policies through real HAProxy and nginx', () => {
  let f1: FakeBackend, f2: FakeBackend, f3: FakeBackend, s1: FakeBackend, m1: FakeBackend;
  beforeAll(async () => {
    [f1, f2, f3, s1, m1] = await Promise.all([
      startFakeBackend({ id: 'f1', model: 'llama3', ...FAST }),
      startFakeBackend({ id: 'f2', model: 'llama3', ...FAST }),
      startFakeBackend({ id: 'f3', model: 'llama3', ...FAST }),
      startFakeBackend({ id: 's1', model: 'llama3', ...SLOW }),
      startFakeBackend({ id: 'm1', model: 'mistral', ...FAST }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([f1, f2, f3, s1, m1].filter(Boolean).map((b) => b.stop()));
  });

  const targets = ([haveHaproxy ? 'haproxy' : undefined, haveNginx ? 'nginx' : undefined] as const).filter((t): t is Target => t !== undefined);

  describe.each(targets)('%s', (target) => {
    it('round-robin: even shares across a fast and a slow backend, as simulated', async () => {
      const p = parse({ name: 'rr', algorithm: 'round-robin', frontend: { port: PORT[target] }, backends: [backendSpec(f1, FAST), backendSpec(f2, FAST), backendSpec(s1, SLOW)], pools: [{ name: 'llama', backends: ['f1', 'f2', 's1'] }] });
      const t = trace({ seed: 11, requests: 300, ratePerSec: 150, clients: ['127.0.0.1'] });
      const answers = await throughProxy(target, p, (port) => replay(port, t));
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const measured = shares(answers, ['f1', 'f2', 's1']);
      const simulated = simShares(simulate(compilePolicy(p), t));
      for (const id of ['f1', 'f2', 's1']) {
        expect(Math.abs(measured[id]! - 1 / 3), `${id} share ${measured[id]}`).toBeLessThanOrEqual(0.02);
        expect(Math.abs(measured[id]! - simulated[id]!), `${id}: measured ${measured[id]} simulated ${simulated[id]}`).toBeLessThanOrEqual(0.02);
      }
    });

    it('least-connections: the slow backend gets less, and the simulator predicts how much', async () => {
      const p = parse({ name: 'lc', algorithm: 'least-connections', frontend: { port: PORT[target] }, backends: [backendSpec(f1, FAST), backendSpec(f2, FAST), backendSpec(s1, SLOW)], pools: [{ name: 'llama', backends: ['f1', 'f2', 's1'] }] });
      // 50 output tokens: 50 ms on a fast backend, 500 ms on the slow one — long enough that scheduling
      // jitter on busy shared cores (a few ms) does not blur the difference the balancer acts on.
      const t = trace({ seed: 12, requests: 300, ratePerSec: 40, clients: ['127.0.0.1'], outputTokens: 50 });
      const answers = await throughProxy(target, p, (port) => replay(port, t));
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const measured = shares(answers, ['f1', 'f2', 's1']);
      const simulated = simShares(simulate(compilePolicy(p), t));
      console.log(`${target} least-connections shares: measured ${JSON.stringify(measured)} simulated ${JSON.stringify(simulated)}`);
      // Round-robin would give the slow backend 1/3.
      expect(measured.s1!).toBeLessThan(0.26);
      for (const id of ['f1', 'f2', 's1']) expect(Math.abs(measured[id]! - simulated[id]!), `${id}: measured ${measured[id]} simulated ${simulated[id]}`).toBeLessThanOrEqual(0.07);
    });

    it('ip-hash (plain consistent hashing): each client address sticks to one backend, clients spread over several', async () => {
      const p = parse({ name: 'hash', algorithm: 'ip-hash', hashBalanceFactor: 0, frontend: { port: PORT[target] }, backends: [backendSpec(f1, FAST), backendSpec(f2, FAST), backendSpec(f3, FAST)], pools: [{ name: 'llama', backends: ['f1', 'f2', 'f3'] }] });
      const clients = Array.from({ length: 20 }, (_, i) => `127.0.0.${10 + i}`);
      const t = trace({ seed: 13, requests: 300, ratePerSec: 60, clients });
      const answers = await throughProxy(target, p, (port) => replay(port, t));
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const measuredAffinity = affinity(answers);
      const sim = simulate(compilePolicy(p), t);
      expect(measuredAffinity).toBe(1);
      expect(sim.affinity).toBe(1);
      expect(new Set(answers.map((a) => a.backend)).size).toBeGreaterThanOrEqual(2);
    });

    it.runIf(target === 'haproxy')('ip-hash with bounded load (hash-balance-factor 125): clients spill off busy backends as the simulator predicts', async () => {
      const p = parse({ name: 'hash-bounded', algorithm: 'ip-hash', hashBalanceFactor: 1.25, frontend: { port: PORT[target] }, backends: [backendSpec(f1, FAST), backendSpec(f2, FAST), backendSpec(f3, FAST)], pools: [{ name: 'llama', backends: ['f1', 'f2', 'f3'] }] });
      const clients = Array.from({ length: 20 }, (_, i) => `127.0.0.${10 + i}`);
      // Same ~1.2 requests in flight as 60/s × 20 ms, but 50 ms each: less sensitive to scheduling jitter.
      const t = trace({ seed: 13, requests: 300, ratePerSec: 24, clients, outputTokens: 50 });
      const answers = await throughProxy(target, p, (port) => replay(port, t));
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const measured = affinity(answers);
      const sim = simulate(compilePolicy(p), t);
      console.log(`${target} bounded ip-hash affinity: measured ${measured.toFixed(3)} simulated ${sim.affinity.toFixed(3)}`);
      // The bound is in whole requests: with ~1 request in flight, a client's server is often "full".
      expect(measured).toBeLessThan(1);
      expect(sim.affinity).toBeLessThan(1);
      expect(Math.abs(measured - sim.affinity), `measured ${measured} simulated ${sim.affinity}`).toBeLessThanOrEqual(0.1);
      const top = Math.max(...Object.values(shares(answers, ['f1', 'f2', 'f3'])));
      expect(top).toBeLessThan(0.5);
    });

    /** Model and path rules through the proxy: every answer from a backend of the pool the simulator's router picks. */
    const expectModelRouting = async (replayOpts: { modelHeader?: boolean }, proxyOpts: { nginxNjs?: boolean }): Promise<void> => {
      const p = parse({
        name: 'models',
        algorithm: 'round-robin',
        frontend: { port: PORT[target] },
        backends: [backendSpec(f1, FAST), backendSpec(f2, FAST), backendSpec(m1, FAST)],
        pools: [
          { name: 'llama', backends: ['f1', 'f2'] },
          { name: 'small', backends: ['m1'] },
        ],
        rules: [
          { match: { model: 'mistral' }, pool: 'small' },
          { match: { pathPrefix: '/v1/embeddings' }, pool: 'small' },
        ],
        defaultPool: 'llama',
      });
      const base = trace({ seed: 14, requests: 300, ratePerSec: 150, clients: ['127.0.0.1'], models: { 'llama3:8b': 2, 'llama3:70b': 1, mistral: 1 } });
      const t = base.map((r, i) => (i % 10 === 0 ? { ...r, path: '/v1/embeddings' } : r));
      const answers = await throughProxy(target, p, (port) => replay(port, t, replayOpts), proxyOpts);
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const c = compilePolicy(p);
      const pools = { llama: ['f1', 'f2'], small: ['m1'] } as Record<string, string[]>;
      const wrong = answers.filter((a, i) => {
        const r = t[i]!;
        const pool = p.pools[c.route(r.client, r.model, r.path ?? '/v1/chat/completions')!.poolIndex]!.name;
        return !pools[pool]!.includes(a.backend ?? '');
      });
      expect(wrong).toEqual([]);
      const sim = simulate(c, t);
      const measuredSmall = answers.filter((a) => a.backend === 'm1').length;
      expect(measuredSmall).toBe(sim.backends.find((b) => b.id === 'm1')!.requests);
      expect(measuredSmall).toBeGreaterThan(50);
    };

    it(`routes by model (${target === 'haproxy' ? 'JSON body' : 'X-Model header'}) and by path to the right pool, exactly as the simulator's router`, () =>
      expectModelRouting({ modelHeader: target === 'nginx' }, {}));

    it.runIf(target === 'nginx' && haveNjs)('routes by the JSON body model through njs, without any header, exactly as the simulator\'s router', () =>
      expectModelRouting({}, { nginxNjs: true }));

    it('fails over: a stopped backend is avoided, then the next site takes over when the nearest has none', async () => {
      const [g1, g2, g3] = await Promise.all([
        startFakeBackend({ id: 'g1', model: 'llama3', ...FAST }),
        startFakeBackend({ id: 'g2', model: 'llama3', ...FAST }),
        startFakeBackend({ id: 'g3', model: 'llama3', ...FAST }),
      ]);
      try {
        const spec = (healthy: boolean[]) =>
          parse({
            name: 'failover',
            algorithm: 'round-robin',
            frontend: { port: PORT[target] },
            backends: [
              { ...backendSpec(g1, FAST, 'hq'), healthy: healthy[0] },
              { ...backendSpec(g2, FAST, 'hq'), healthy: healthy[1] },
              { ...backendSpec(g3, FAST, 'dc2'), healthy: healthy[2] },
            ],
            pools: [{ name: 'llama', backends: ['g1', 'g2', 'g3'] }],
            segments: [{ name: 'office', cidrs: ['127.0.0.0/8'], site: 'hq', failover: ['dc2'] }],
          });
        const p = spec([true, true, true]);
        const t = trace({ seed: 15, requests: 60, ratePerSec: 100, clients: ['127.0.0.1'] });
        const usedBy = (answers: Answer[]) => [...new Set(answers.map((a) => a.backend ?? `status ${a.status}`))].sort();
        const simUsed = (q: Policy) => simulate(compilePolicy(q), t).backends.filter((b) => b.requests > 0).map((b) => b.id).sort();
        await throughProxy(target, p, async (port) => {
          const all = await replay(port, t);
          expect(usedBy(all)).toEqual(['g1', 'g2']);
          expect(simUsed(p)).toEqual(['g1', 'g2']);

          await g1.stop();
          const one = await replay(port, t);
          expect(usedBy(one)).toEqual(['g2']);
          expect(simUsed(spec([false, true, true]))).toEqual(['g2']);

          await g2.stop();
          // HAProxy uses backup servers once health checks mark the active ones down (inter 1s, fall 2):
          // poll with a deadline until the next site answers.
          const deadline = Date.now() + 15_000;
          for (;;) {
            const probe = await replay(port, t.slice(0, 1));
            if (probe[0]!.backend === 'g3') break;
            if (Date.now() > deadline) throw new Error(`no failover to g3 within 15 s (last: ${JSON.stringify(probe[0])})`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          const dc2 = await replay(port, t);
          expect(usedBy(dc2)).toEqual(['g3']);
          expect(simUsed(spec([false, false, true]))).toEqual(['g3']);
        });
      } finally {
        await Promise.all([g1, g2, g3].map((b) => b.stop().catch(() => undefined)));
      }
    });
  });
});
