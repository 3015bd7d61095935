import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/ai-traffic/policy-parse';
import { renderPolicy } from '../../../electron/engine/ai-traffic/render';
import type { BalanceAlgorithm, Policy, PolicyInput } from '../../../shared/api/ai-traffic';

const b = (id: string, port: number, site: string, extra: Record<string, unknown> = {}) => ({
  id,
  address: '127.0.0.1',
  port,
  model: 'llama3',
  site,
  capacity: { maxConcurrent: 4, tokensPerSec: 50 },
  ...extra,
});

function policy(algorithm: BalanceAlgorithm, extra: Partial<PolicyInput> = {}): Policy {
  const r = parsePolicy(
    JSON.stringify({
      name: 'demo',
      algorithm,
      frontend: { port: 2590 },
      backends: [b('a1', 2501, 'hq', { weight: 3 }), b('a2', 2502, 'dc2'), b('m1', 2503, 'hq', { model: 'mistral', healthy: false })],
      pools: [
        { name: 'llama', backends: ['a1', 'a2'] },
        { name: 'small', backends: ['m1'] },
      ],
      rules: [
        { match: { model: 'mistral' }, pool: 'small' },
        { match: { model: 'llama3', modelVersion: '8b' }, pool: 'small' },
      ],
      defaultPool: 'llama',
      segments: [{ name: 'office', cidrs: ['10.1.0.0/16'], site: 'hq', failover: ['dc2'] }],
      ...extra,
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

describe('renderers', () => {
  it('HAProxy: body model ACLs in rule order, per-segment backend with the far site as backup, bounded-load hashing', () => {
    const { config, notes } = renderPolicy(policy('ip-hash'), 'haproxy');
    expect(config).toContain("http-request set-var(txn.model) req.body,json_query('$.model')");
    expect(config.indexOf('use_backend pool_small if rule0_model')).toBeLessThan(config.indexOf('use_backend pool_small if rule1_model'));
    expect(config).toContain('acl rule1_model var(txn.model) -m str llama3:8b');
    expect(config).toMatch(/backend pool_llama__office\n[\s\S]*?server a1 127\.0\.0\.1:2501 check inter 1s fall 2 rise 2 weight 3\n\s+server a2 127\.0\.0\.1:2502 [^\n]* backup/);
    expect(config).toContain('hash-balance-factor 125');
    expect(config).toMatch(/server m1 [^\n]* disabled/);
    expect(notes.join(' ')).toMatch(/one backup tier/);
    expect(renderPolicy(policy('ip-hash', { hashBalanceFactor: 0 }), 'haproxy').config).not.toContain('hash-balance-factor');
  });

  it('nginx: one ordered regex map over uri|X-Model|segment, upstreams per algorithm, honest note about the body', () => {
    const { config, notes } = renderPolicy(policy('least-connections'), 'nginx');
    expect(config).toContain('map "$uri|$http_x_model|$ai_segment" $ai_pool');
    expect(config).toContain('"~^[^|]*\\|mistral(:[^|]*)?\\|[^|]*$" small;');
    expect(config).toContain('"~^[^|]*\\|llama3:8b\\|[^|]*$" small;');
    expect(config).toMatch(/upstream p_llama \{\n\s+zone p_llama 64k;\n\s+least_conn;\n\s+server 127\.0\.0\.1:2501 weight=3/);
    expect(config).toMatch(/upstream p_llama__office \{[\s\S]*?server 127\.0\.0\.1:2502 weight=1 max_fails=1 fail_timeout=5s backup;/);
    expect(config).toMatch(/server 127\.0\.0\.1:2503 weight=1 max_fails=1 fail_timeout=5s down;/);
    expect(notes[0]).toMatch(/X-Model header/);
    const hashed = renderPolicy(policy('ip-hash'), 'nginx').config;
    expect(hashed).toContain('hash $remote_addr consistent;');
    expect(hashed).not.toMatch(/backup/);
  });

  it('nginx with njs: body model read by a js_content handler into $ai_model, proxied from a named location', () => {
    const { config, files, notes } = renderPolicy(policy('round-robin'), 'nginx', { nginxNjs: true });
    expect(config).toMatch(/^load_module \/usr\/lib\/nginx\/modules\/ngx_http_js_module\.so;$/m);
    expect(config).toContain('js_import ai from routewise-ai-route.js;');
    expect(config).toContain('map "$uri|$ai_model|$ai_segment" $ai_pool');
    expect(config).toMatch(/location \/ \{\n\s+js_content ai\.route;\n\s+\}\n\s+location @ai_proxy \{\n\s+proxy_pass http:\/\/\$ai_upstream;/);
    expect(files.map((f) => f.name)).toEqual(['routewise-ai-route.js']);
    expect(files[0]!.content).toContain("r.internalRedirect('@ai_proxy')");
    expect(notes[0]).toMatch(/JSON body through njs/);
    expect(renderPolicy(policy('round-robin'), 'nginx').files).toEqual([]);
  });

  it('IPVS: the scheduler per algorithm, one virtual service per pool, weight 0 for a down backend', () => {
    const sched = (a: BalanceAlgorithm) => /-s (\w+)/.exec(renderPolicy(policy(a), 'ipvs').config)![1];
    expect(['round-robin', 'weighted-round-robin', 'least-connections', 'ip-hash', 'latency-aware'].map((a) => sched(a as BalanceAlgorithm))).toEqual(['rr', 'wrr', 'wlc', 'sh', 'sed']);
    const cfg = renderPolicy(policy('weighted-round-robin'), 'ipvs').config;
    expect(cfg).toContain('ipvsadm -A -t 127.0.0.1:2590 -s wrr');
    expect(cfg).toContain('ipvsadm -a -t 127.0.0.1:2590 -r 127.0.0.1:2501 -m -w 3');
    expect(cfg).toContain('ipvsadm -a -t 127.0.0.1:2591 -r 127.0.0.1:2503 -m -w 0');
  });

  it('FortiOS: server-load-balance VIPs with the matching ldb-method and a health monitor', () => {
    const method = (a: BalanceAlgorithm) => /set ldb-method (\S+)/.exec(renderPolicy(policy(a), 'fortios').config)![1];
    expect(['round-robin', 'weighted-round-robin', 'least-connections', 'ip-hash', 'latency-aware'].map((a) => method(a as BalanceAlgorithm))).toEqual([
      'round-robin',
      'weighted',
      'least-session',
      'static',
      'least-rtt',
    ]);
    const cfg = renderPolicy(policy('round-robin'), 'fortios').config;
    expect(cfg).toContain('set type server-load-balance');
    expect(cfg).toContain('set http-get "/v1/models"');
    expect(cfg).toMatch(/set ip 127\.0\.0\.1\n\s+set port 2503\n\s+set weight 1\n\s+set status disable/);
  });
});
