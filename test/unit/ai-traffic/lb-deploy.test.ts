import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/ai-traffic/policy-parse';
import { buildDeployPlan, deployGates, policyTemplate } from '../../../electron/engine/ai-traffic/policy-deploy';
import { renderPolicy } from '../../../electron/engine/ai-traffic/render';
import type { CliTransport } from '../../../electron/engine/drivers/cli-transport';
import { bundleConfig, LinuxLbDriver, parseBundle, parseIpLink } from '../../../electron/engine/drivers/linux-lb-driver';
import { backendHealthGate, latencyGate, parseFortiosRealServers, percentile } from '../../../electron/engine/rollout/data-plane-gates';
import type { Driver } from '../../../electron/engine/drivers/driver';
import { renderTemplate } from '../../../electron/engine/rollout/templates/template-library';
import type { ExecResult } from '../../../electron/engine/ssh/ssh-session';
import { type Policy, PolicyDeployRequest, type PolicyInput } from '../../../shared/api/ai-traffic';

const b = (id: string, port: number, site: string, extra: Record<string, unknown> = {}) => ({
  id,
  address: '127.60.0.9',
  port,
  model: 'llama3',
  site,
  capacity: { maxConcurrent: 4, tokensPerSec: 50 },
  ...extra,
});

function policy(extra: Partial<PolicyInput> = {}): Policy {
  const r = parsePolicy(
    JSON.stringify({
      name: 'Demo_Policy',
      algorithm: 'ip-hash',
      frontend: { address: '0.0.0.0', port: 2790 },
      backends: [b('a1', 2701, 'hq', { weight: 3 }), b('a2', 2702, 'dc2', { healthPath: '/healthz' }), b('m1', 2703, 'hq', { model: 'mistral', healthy: false })],
      pools: [
        { name: 'llama', backends: ['a1', 'a2'] },
        { name: 'small', backends: ['m1'] },
      ],
      rules: [{ match: { model: 'mistral' }, pool: 'small' }],
      defaultPool: 'llama',
      segments: [{ name: 'office', cidrs: ['10.1.0.0/16'], site: 'hq', failover: ['dc2'] }],
      ...extra,
    } satisfies PolicyInput),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

/** Records every command; answers from a script of (pattern → result). */
function scripted(answers: Array<[RegExp, Partial<ExecResult>]>): CliTransport & { log: string[] } {
  const log: string[] = [];
  return {
    hostPort: '127.60.0.1:22',
    log,
    run: () => Promise.reject(new Error('no interactive shell')),
    exec: (command: string) => {
      log.push(command);
      const a = answers.find(([re]) => re.test(command))?.[1] ?? {};
      return Promise.resolve({ stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.exitCode ?? 0 });
    },
    close: () => Promise.resolve(),
  };
}

describe('policy deploy planning', () => {
  it('carries the rendered HAProxy and nginx configs through the rollout template unchanged (raw block)', () => {
    for (const target of ['haproxy', 'nginx'] as const) {
      const config = renderPolicy(policy(), target).config;
      expect(config).toMatch(/\{/);
      const t = policyTemplate(policy(), target, config);
      expect(t.spec.name).toBe('ai-policy-demo-policy');
      const { rendered } = renderTemplate(t.spec, {}, ['linux']);
      expect(rendered[0]!.config).toBe(config);
    }
  });

  it('gates every backend the policy uses and does not mark down, at its own health path; latency through the frontend port', () => {
    const g = deployGates(policy(), PolicyDeployRequest.parse({ text: 'x', target: 'haproxy', hosts: [{ address: '127.60.0.1', credentialId: 'c', configPath: '/etc/haproxy/haproxy.cfg' }] }));
    expect(g.backendHealth?.backends).toEqual([
      { id: 'a1', url: 'http://127.60.0.9:2701/v1/models' },
      { id: 'a2', url: 'http://127.60.0.9:2702/healthz' },
    ]);
    expect(g.latency).toMatchObject({ url: 'http://{address}:2790/v1/models', requests: 20, p95MaxMs: 1000 });
    expect(g.snmpReachable).toBe(false);
  });

  it('refuses a policy whose frontend only listens on loopback, and a pilot that is not a host', async () => {
    const req = { text: 'x', target: 'haproxy' as const, hosts: [{ address: '127.60.0.1', credentialId: 'c', configPath: '/etc/haproxy/haproxy.cfg' }] };
    const openDriver = () => Promise.reject(new Error('not needed'));
    await expect(buildDeployPlan(req, policy({ frontend: { address: '127.0.0.1', port: 2790 } }), { openDriver, actor: 't' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(buildDeployPlan({ ...req, pilot: '127.60.0.2' }, policy(), { openDriver, actor: 't' })).rejects.toThrow(/not one of the hosts/);
  });

  it('plans pilot first and waves over the rest, with the gates and the rendered change per host', async () => {
    const hosts = ['127.60.0.1', '127.60.0.2', '127.60.0.3', '127.60.0.4'].map((address) => ({ address, credentialId: 'c', configPath: '/etc/haproxy/haproxy.cfg' }));
    const { plan, changes } = await buildDeployPlan({ text: 'x', target: 'haproxy', hosts, pilot: '127.60.0.3', waves: ['50%', '100%'] }, policy(), {
      openDriver: () => Promise.reject(new Error('offline')),
      actor: 't',
    });
    expect(plan.phases.map((p) => p.devices)).toEqual([['127.60.0.3'], ['127.60.0.1', '127.60.0.2'], ['127.60.0.4']]);
    expect(plan.template.mode).toBe('replace');
    expect(changes.get('127.60.0.1')).toBe(renderPolicy(policy(), 'haproxy').config);
    expect(plan.options.gates.latency?.url).toBe('http://{address}:2790/v1/models');
  });
});

describe('Linux load-balancer driver (scripted host)', () => {
  it('schedules the revert job on the host before it installs and reloads the candidate', async () => {
    const cli = scripted([
      [/^cat -- /, { stdout: 'old config\n' }],
      [/echo \$! >/, { stdout: '4242\n' }],
      [/echo cancelled/, { stdout: 'cancelled\n' }],
    ]);
    const d = new LinuxLbDriver({ cli, kind: 'haproxy', configPath: '/etc/haproxy/haproxy.cfg', reloadCommand: 'systemctl reload haproxy', stateDir: '/var/tmp/rw' });
    await d.loadCandidate('new config\n', 'replace');
    expect(await d.diff()).toMatch(/^-old config\n\+new config$/m);
    await d.commit({ revertAfterSec: 90 });
    const i = (re: RegExp) => cli.log.findIndex((c) => re.test(c));
    expect(i(/cp -p -- '\/etc\/haproxy\/haproxy.cfg' '\/var\/tmp\/rw'\/backup.conf/)).toBeGreaterThanOrEqual(0);
    expect(i(/sleep 90; sh/)).toBeGreaterThan(i(/backup.conf/));
    expect(i(/haproxy -c -q -f '\/var\/tmp\/rw\/candidate.conf' && cp -- /)).toBeGreaterThan(i(/sleep 90; sh/));
    expect(cli.log.find((c) => c.includes('candidate.conf') && c.includes('&& cp --'))).toContain("sh -c 'systemctl reload haproxy'");
    await d.confirm();
    expect(cli.log.at(-1)).toMatch(/kill -- -"\$pid"/);
  });

  it('refuses a merge (a config file is replaced whole) and a commit whose check fails keeps the revert pending', async () => {
    const cli = scripted([
      [/echo \$! >/, { stdout: '17\n' }],
      [/-c -q -f .*candidate.conf' && cp/, { exitCode: 1, stderr: "[ALERT] parsing [candidate.conf:3]: unknown keyword 'nonsense'" }],
      [/revert.sh && echo reverted/, { stdout: 'reverted\n' }],
    ]);
    const d = new LinuxLbDriver({ cli, kind: 'haproxy', configPath: '/etc/haproxy/haproxy.cfg' });
    await expect(d.loadCandidate('x', 'merge')).rejects.toMatchObject({ code: 'unsupported' });
    await d.loadCandidate('nonsense\n', 'replace');
    await expect(d.commit({ revertAfterSec: 60 })).rejects.toMatchObject({ code: 'commit-failed', message: expect.stringContaining("unknown keyword 'nonsense'") as unknown });
    await d.rollback();
    expect(cli.log.at(-1)).toContain('revert.sh && echo reverted');
  });

  it('stages a large candidate in chunks that each stay far below the 128 KiB argument limit, and they add up to the text', async () => {
    const cli = scripted([]);
    const d = new LinuxLbDriver({ cli, kind: 'nginx', configPath: '/etc/nginx/nginx.conf', stateDir: '/var/tmp/rw' });
    const text = Array.from({ length: 4000 }, (_, i) => `    server 10.0.${i % 250}.${i % 200}:8000 weight=1; # it's #${i}`).join('\n');
    await d.loadCandidate(text, 'replace');
    await d.validate();
    const writes = cli.log.filter((c) => c.startsWith('printf %s '));
    expect(writes.length).toBeGreaterThan(3);
    expect(Math.max(...writes.map((w) => Buffer.byteLength(w)))).toBeLessThan(64 * 1024);
    const unquote = (q: string) => q.slice(1, -1).split(`'\\''`).join("'");
    expect(writes.map((w) => unquote(/^printf %s ('.*') >> /s.exec(w)![1]!)).join('')).toBe(text);
    expect(cli.log.at(-1)).toBe("nginx -t -q -c '/var/tmp/rw/candidate.conf'");
  });

  it('reads `ip -o link` into interface states', () => {
    const text = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
      '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000',
      '3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000',
    ].join('\n');
    expect(parseIpLink(text)).toEqual([
      { name: 'lo', adminUp: true, operUp: true },
      { name: 'eth0', adminUp: true, operUp: true },
      { name: 'eth1', adminUp: false, operUp: false },
    ]);
  });
});

describe('latency gate against a real HTTP server on loopback', () => {
  let server: http.Server;
  let port = 0;
  let delayMs = 0;
  let status = 200;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      setTimeout(() => {
        res.statusCode = status;
        res.end('ok');
      }, delayMs);
    });
    await new Promise<void>((r) => server.listen(0, '127.60.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('passes under the limit, fails over it, and fails on any non-2xx answer', async () => {
    const url = `http://{address}:${port}/v1/models`;
    delayMs = 40;
    const slow = await latencyGate({ url, requests: 5, p95MaxMs: 30, timeoutMs: 2000 }, '127.60.0.1');
    expect(slow.ok).toBe(false);
    expect(slow.detail).toMatch(/p95 (4\d|[5-9]\d|\d{3,})\.\d ms over 5 request/);
    const fine = await latencyGate({ url, requests: 5, p95MaxMs: 5000, timeoutMs: 2000 }, '127.60.0.1');
    expect(fine.ok).toBe(true);
    delayMs = 0;
    status = 503;
    const bad = await latencyGate({ url, requests: 3, p95MaxMs: 5000, timeoutMs: 2000 }, '127.60.0.1');
    expect(bad).toMatchObject({ ok: false, detail: expect.stringContaining('3 of 3 request(s)') as unknown });
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
  });
});

describe('backend-health gate (output of the host script)', () => {
  const cfg = { backends: [{ id: 'a', url: 'http://127.60.0.9:2701/v1/models' }, { id: 'b', url: "http://127.60.0.9:2702/x?y=1&z=2" }], timeoutMs: 2000 };
  const driverAnswering = (out: string, seen: string[] = []) => ({ show: (cmd: string) => (seen.push(cmd), Promise.resolve(out)) }) as unknown as Driver;

  it('passes when every backend answered 2xx, and quotes each URL on the command line', async () => {
    const seen: string[] = [];
    const r = await backendHealthGate(cfg, driverAnswering('@@rw 0 200\n@@rw 1 204\n', seen));
    expect(r).toEqual({ ok: true, detail: '2 backend(s) answer their health path from the host' });
    expect(seen[0]).toContain("'http://127.60.0.9:2702/x?y=1&z=2'");
    expect(seen[0]).toContain('--max-time 2.0');
  });

  it('names each backend that did not answer or answered an error; a host without curl fails the gate', async () => {
    expect(await backendHealthGate(cfg, driverAnswering('@@rw 0 000\n@@rw 1 503\n'))).toEqual({ ok: false, detail: 'not healthy from the host: a (no answer), b (HTTP 503)' });
    expect(await backendHealthGate(cfg, driverAnswering('@@rw 0 200\n'))).toMatchObject({ ok: false, detail: 'not healthy from the host: b (no answer)' });
    expect(await backendHealthGate(cfg, driverAnswering('curl is not installed on this host\n'))).toMatchObject({ ok: false, detail: expect.stringContaining('curl is not installed') as unknown });
  });
});

describe('config bundle (a config file and its companion files as one text)', () => {
  it('round-trips any content exactly, an absent file included, and a config alone when there are no companions', () => {
    const tricky = 'x\n#@routewise-file b.js 3\nabc\r\n\u00e9'; // a marker inside a companion does not split it
    const b = { main: 'http {}\n', files: [{ name: 'a.js', content: tricky }, { name: 'b.js', content: null }, { name: 'c.js', content: '' }] };
    const text = bundleConfig(b);
    expect(parseBundle(text, ['a.js', 'b.js', 'c.js'])).toEqual(b);
    expect(bundleConfig({ main: 'cfg', files: [] })).toBe('cfg');
    expect(parseBundle('cfg', [])).toEqual({ main: 'cfg', files: [] });
  });

  it('refuses a config alone, other names, a truncated companion, and a config that contains the marker', () => {
    expect(() => parseBundle('http {}\n', ['a.js'])).toThrow(/got a config alone/);
    expect(() => parseBundle(bundleConfig({ main: 'm', files: [{ name: 'x.js', content: 'y' }] }), ['a.js'])).toThrow(/do not match/);
    expect(() => parseBundle('m\n#@routewise-file a.js 10\nabc', ['a.js'])).toThrow(/shorter than its stated length/);
    expect(() => bundleConfig({ main: 'm\n#@routewise-file z 1\n', files: [{ name: 'a.js', content: '' }] })).toThrow(/bundle marker/);
  });

  it('the driver refuses a companion name that is a path or one of its own state files', () => {
    const cli = scripted([]);
    expect(() => new LinuxLbDriver({ cli, kind: 'nginx', configPath: '/etc/nginx/nginx.conf', companions: ['../evil.js'] })).toThrow(/not a plain file name/);
    expect(() => new LinuxLbDriver({ cli, kind: 'nginx', configPath: '/etc/nginx/nginx.conf', companions: ['revert.sh'] })).toThrow(/not a plain file name/);
  });
});

describe('FortiOS deploy planning and the FortiGate real-server gate', () => {
  it('plans a FortiOS deploy as a merge of commands without comment lines, gated on the FortiGate monitors, no latency gate', async () => {
    const hosts = ['127.61.0.1', '127.61.0.2'].map((address) => ({ address, credentialId: 'c' }));
    const p = policy({ frontend: { address: '198.19.162.10', port: 2790 } });
    const { plan, changes } = await buildDeployPlan({ text: 'x', target: 'fortios', hosts }, p, { openDriver: () => Promise.reject(new Error('offline')), actor: 't' });
    expect(plan.template.mode).toBe('merge');
    expect(plan.devices.map((d) => d.platform)).toEqual(['fortios', 'fortios']);
    const change = changes.get('127.61.0.1')!;
    expect(change.split('\n').filter((l) => l.trim().startsWith('#'))).toEqual([]);
    expect(change).toBe(renderPolicy(p, 'fortios').config.split('\n').slice(1).join('\n'));
    expect(plan.options.gates.latency).toBeUndefined();
    expect(plan.options.gates.backendHealth?.backends.length).toBeGreaterThan(0);
    expect(plan.notes.some((n) => n.startsWith('fortios: '))).toBe(true);
    expect(() => PolicyDeployRequest.parse({ text: 'x', target: 'fortios', hosts: [{ address: '127.61.0.1', credentialId: 'c', configPath: '/x/y' }] })).toThrow(/has no config file/);
    expect(() => PolicyDeployRequest.parse({ text: 'x', target: 'nginx', hosts: [{ address: '127.61.0.1', credentialId: 'c' }] })).toThrow(/needs configPath/);
  });

  const listing = [
    'alloc=2',
    '------------------------------',
    'vf=0 name=rw-ai-main/1 class=4 type=1 198.19.162.10:(2790-2790), protocol=6',
    'total=2 alive=1 power=1 ptr=4194304',
    'ip=127.61.250.1-127.61.250.1/2701 adm_status=0 holddown_interval=300 max_connections=0 weight=1 option=01',
    'alive=1 health=1 active_sessions=0 total_sessions=0 total_bytes=0 delay=0',
    'ip=127.61.250.1-127.61.250.1/2702 adm_status=0 holddown_interval=300 max_connections=0 weight=1 option=01',
    'alive=0 health=0 active_sessions=0 total_sessions=0 total_bytes=0 delay=0',
  ].join('\n');

  it('reads `diagnose firewall vip realserver list`', () => {
    expect(parseFortiosRealServers(listing)).toEqual(new Map([['127.61.250.1:2701', true], ['127.61.250.1:2702', false]]));
  });

  it('passes when every backend is alive; names the dead and the unconfigured after the wait', async () => {
    const fgt = (out: string) => ({ platform: 'fortios', show: () => Promise.resolve(out) }) as unknown as Driver;
    const ok = await backendHealthGate({ backends: [{ id: 'a', url: 'http://127.61.250.1:2701/v1/models' }], timeoutMs: 100 }, fgt(listing));
    expect(ok).toMatchObject({ ok: true, detail: expect.stringContaining('1 real server(s) alive') as unknown });
    const bad = await backendHealthGate({ backends: [{ id: 'a', url: 'http://127.61.250.1:2701/' }, { id: 'b', url: 'http://127.61.250.1:2702/' }, { id: 'c', url: 'http://127.61.250.9:80/' }], timeoutMs: 100 }, fgt(listing));
    expect(bad).toEqual({ ok: false, detail: "not alive per the FortiGate's health monitors after 100 ms: b (dead), c (not configured)" });
  });
});
