import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canUseNetns, NetnsHosts } from '../../support/netns';
import { requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';

const execFileAsync = promisify(execFile);
const BIN = path.resolve('bin/routewise.mjs');

// Three Linux hosts in network namespaces, joined in a triangle by veth pairs, each running Debian's snmpd with
// lldpd as its AgentX subagent: real LLDP, real LLDP-MIB, nothing written by us on the device side.
const HOSTS = {
  core: { mgmt: '198.19.0.11' },
  dist: { mgmt: '198.19.0.12' },
  acc: { mgmt: '198.19.0.13' },
} as const;
type Host = keyof typeof HOSTS;
const LINKS: Array<[Host, string, string, Host, string, string]> = [
  ['core', 'rwd-c-d', '198.18.0.1/30', 'dist', 'rwd-d-c', '198.18.0.2/30'],
  ['dist', 'rwd-d-a', '198.18.0.5/30', 'acc', 'rwd-a-d', '198.18.0.6/30'],
  ['core', 'rwd-c-a', '198.18.0.9/30', 'acc', 'rwd-a-c', '198.18.0.10/30'],
];

const ready = canUseNetns
  ? ['snmpd', 'lldpd', 'lldpcli', 'snmpwalk', 'iperf3'].every((t) => requireTool(t))
  : skipOrFail('network namespaces need root');

describe.skipIf(!ready)('topology from real lldpd + snmpd in network namespaces', () => {
  const hosts = new NetnsHosts('rwtopo-');
  const tmp = makeTempDir('routewise-topo-');
  const ns = {} as Record<Host, string>;
  const cli = async (...args: string[]) => {
    const { stdout } = await execFileAsync(process.execPath, [BIN, '--data-dir', path.join(tmp.dir, 'data'), '--json', ...args], {
      env: { ...process.env, ROUTEWISE_MASTER_KEY: 'a'.repeat(64) },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    // lldpd drops privileges (user _lldpd) before it connects to snmpd's AgentX socket: the folder must be traversable.
    fs.chmodSync(tmp.dir, 0o755);
    hosts.managementBridge('rwtopo-br', '198.19.0.1/24');
    for (const [name, h] of Object.entries(HOSTS) as Array<[Host, (typeof HOSTS)[Host]]>) {
      ns[name] = hosts.addHost(name);
      hosts.attachToBridge(ns[name], 'rwtopo-br', 'rwm0', `rwtopo-m-${name}`, `${h.mgmt}/24`);
    }
    for (const [a, ifA, cidrA, b, ifB, cidrB] of LINKS) hosts.link(ns[a], ifA, cidrA, ns[b], ifB, cidrB);
    for (const [name, h] of Object.entries(HOSTS) as Array<[Host, (typeof HOSTS)[Host]]>) {
      const dir = path.join(tmp.dir, name);
      fs.mkdirSync(dir, { mode: 0o755 });
      fs.writeFileSync(
        path.join(dir, 'snmpd.conf'),
        [`agentAddress udp:${h.mgmt}:161`, 'rocommunity rwtopo 198.19.0.0/24', 'master agentx', `agentXSocket ${dir}/agentx.sock`, 'agentXPerms 0777 0755', `sysName ${name}`, 'sysLocation lab-site'].join('\n'),
      );
      hosts.spawn(ns[name], 'snmpd', ['-f', '-Lo', '-C', '-c', `${dir}/snmpd.conf`, '-p', `${dir}/snmpd.pid`], `${dir}/snmpd.log`);
      await until(() => fs.existsSync(`${dir}/agentx.sock`), 15_000, `snmpd in ${name} did not open its AgentX socket`);
      hosts.spawn(ns[name], 'lldpd', ['-d', '-x', '-X', `${dir}/agentx.sock`, '-u', `${dir}/lldpd.sock`, '-I', 'rwd-*'], `${dir}/lldpd.log`);
      await until(() => fs.existsSync(`${dir}/lldpd.sock`), 15_000, `lldpd in ${name} did not start`);
      // lldpd takes the (shared) UTS hostname: give each host its own, and speak every second.
      await until(() => {
        hosts.exec(ns[name], 'lldpcli', ['-u', `${dir}/lldpd.sock`, 'configure', 'system', 'hostname', name]);
        return true;
      }, 15_000, `lldpcli cannot reach lldpd in ${name}`);
      hosts.exec(ns[name], 'lldpcli', ['-u', `${dir}/lldpd.sock`, 'configure', 'lldp', 'tx-interval', '1']);
    }
    // Wait until every host's LLDP-MIB shows its two neighbours.
    for (const [name, h] of Object.entries(HOSTS)) {
      await until(() => {
        const out = hosts.exec(ns[name as Host], 'snmpwalk', ['-v2c', '-c', 'rwtopo', '-On', h.mgmt, '1.0.8802.1.1.2.1.4.1.1.9']);
        return (out.match(/STRING/g) ?? []).length >= 2;
      }, 60_000, `lldpd on ${name} did not learn its neighbours`);
    }
  }, 180_000);

  afterAll(async () => {
    await hosts.teardown();
    tmp.cleanup();
  });

  it('discovers exactly the veth links, with both ends named as the hosts name them', async () => {
    await cli('scope', 'add', '198.19.0.0/24');
    const scan = (await cli('scan', '198.19.0.11-198.19.0.13', '--community', 'rwtopo', '--timeout', '1500')) as { devices: unknown[] };
    expect(scan.devices).toHaveLength(3);
    const topo = (await cli('topology')) as {
      nodes: Array<{ id: string; label: string; managed: boolean }>;
      links: Array<{ a: { device: string; ifName: string }; b: { device: string; ifName: string }; speedMbps: number; sources: string[]; oneSided?: boolean }>;
    };
    const label = new Map(topo.nodes.map((n) => [n.id, n.label]));
    const found = topo.links.map((l) => [`${label.get(l.a.device)}:${l.a.ifName}`, `${label.get(l.b.device)}:${l.b.ifName}`].sort().join(' <-> ')).sort();
    const expected = LINKS.map(([a, ifA, , b, ifB]) => [`${a}:${ifA}`, `${b}:${ifB}`].sort().join(' <-> ')).sort();
    expect(found).toEqual(expected);
    expect(topo.links.every((l) => l.sources.includes('lldp') && !l.oneSided)).toBe(true);
    expect(topo.nodes.filter((n) => !n.managed)).toEqual([]);
  });

  it('an iperf3 flow on one link makes it the one hot link', async () => {
    const server = hosts.spawn(ns.acc, 'iperf3', ['-s', '-1', '-B', '198.18.0.6'], path.join(tmp.dir, 'iperf3-server.log'));
    await new Promise((r) => setTimeout(r, 500));
    // Bounded: 14 s at most 2 Gbit/s, on a link inside the test's own namespaces.
    const client = hosts.spawn(ns.dist, 'iperf3', ['-c', '198.18.0.6', '-B', '198.18.0.5', '-t', '14', '-b', '2G'], path.join(tmp.dir, 'iperf3-client.log'));
    const poll = (await cli('poll', '--interval', '2', '--duration', '12', '--timeout', '1500')) as { cycles: Array<{ samples: number }> };
    expect(poll.cycles.length).toBeGreaterThanOrEqual(5);
    await new Promise<void>((r) => (client.exitCode !== null ? r() : client.once('exit', () => r())));
    server.kill('SIGKILL');
    const { findings } = (await cli('analyze', '--window', '2m', '--hot', '0.03')) as {
      findings: Array<{ kind: string; subject: { label: string }; evidence: Record<string, unknown> }>;
    };
    // The polled series are there: the hot interface's utilisation, and CPU/memory from snmpd's HOST-RESOURCES.
    const inv = (await cli('inventory')) as { devices?: Array<{ id: string; sysName: string }>; items?: Array<{ id: string; sysName: string }> };
    const dist = (inv.devices ?? inv.items ?? []).find((d) => d.sysName === 'dist')!;
    const series = (await cli('metrics', '--device', dist.id, '--if', 'rwd-d-a', '--since', '5m')) as { points: Array<{ outUtil: number | null }> };
    expect(series.points.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...series.points.map((p) => p.outUtil ?? 0))).toBeGreaterThan(0.03);
    const health = (await cli('metrics', '--device', dist.id, '--since', '5m')) as { points: Array<{ cpuPct: number | null; memPct: number | null }> };
    expect(health.points.some((p) => p.memPct !== null)).toBe(true);
    const hot = findings.filter((f) => f.kind === 'hot-link');
    expect(hot.length).toBeGreaterThanOrEqual(1);
    for (const f of hot) expect(f.subject.label).toMatch(/dist rwd-d-a ↔ acc rwd-a-d|acc rwd-a-d ↔ dist rwd-d-a/);
  });
});

async function until(check: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 300));
  }
}
