// Sweep of a /20 (127.45.16.0/20, 4,094 addresses) where 20 Debian snmpd agents answer and the rest stay
// silent, 1 s timeout, 1 retry, three credential profiles (two wrong communities first). Runs inside its own
// network namespace whose nftables drop the ICMP port-unreachables, so silent addresses are silent as on a
// real network (without root: on the host's loopback, and said so). Prints wall and CPU time and what was
// found, beside onesixtyone and nmap -sU run on the same agents in the same run. Asserts nothing (timing
// targets live here, never in tests).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScanSummary } from '../../shared/api/scan';
import { createEngine } from '../../electron/engine/engine';
import { connectInProcess } from '../../electron/engine/rpc/in-process';
import { encodeCommunityGet } from '../../electron/engine/discovery/sweep/liveness-ber';
import type { SnmpCredential } from '../../electron/engine/discovery/sweep/prober';
import { snmpLiveness } from '../../electron/engine/discovery/sweep/snmp-liveness';
import { iterateTargets, planTargets } from '../../electron/engine/discovery/targets/targets';
import { SnmpdAgent } from '../integration/scan/snmpd-agents';

const PORT = 16590;
const AGENTS = 20;
const RANGE = '127.45.16.0/20';
const NETNS = 'rw-disc-sweep';
const IN_NETNS_ENV = 'ROUTEWISE_SWEEP_BENCH_IN_NETNS';
const COMMUNITIES = ['bench-wrong-1', 'bench-wrong-2', 'bench-right'];

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function sh(cmd: string, args: string[], input?: string): void {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error?.message || `exit ${r.status}`}`);
}

/** Re-runs this file inside a fresh namespace (lo up, ICMP unreachables dropped); false if that is not possible. */
function runInNamespace(): boolean {
  if (process.getuid?.() !== 0 || !have('ip') || !have('nft')) return false;
  spawnSync('ip', ['netns', 'del', NETNS], { stdio: 'ignore' }); // a killed earlier run
  try {
    sh('ip', ['netns', 'add', NETNS]);
    sh('ip', ['-n', NETNS, 'link', 'set', 'lo', 'up']);
    // Locally generated ICMP errors pass the output hook: dropping them there leaves closed ports silent.
    sh('ip', ['netns', 'exec', NETNS, 'nft', '-f', '-'], [
      'table inet rw_disc_sweep {',
      '  chain out {',
      '    type filter hook output priority 0; policy accept;',
      '    icmp type destination-unreachable drop',
      '    icmpv6 type destination-unreachable drop',
      '  }',
      '}',
      '',
    ].join('\n'));
    const r = spawnSync('ip', ['netns', 'exec', NETNS, process.execPath, ...process.execArgv, process.argv[1] ?? ''], {
      stdio: 'inherit',
      env: { ...process.env, [IN_NETNS_ENV]: '1' },
    });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
    return true;
  } finally {
    spawnSync('ip', ['netns', 'del', NETNS], { stdio: 'ignore' });
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(inNamespace: boolean): Promise<void> {
  if (!have('snmpd')) {
    console.log('skipped: snmpd is not installed');
    return;
  }
  console.log(
    inNamespace
      ? `namespace ${NETNS}: ICMP port-unreachables dropped by nftables, ${AGENTS} agents in ${RANGE}, 1 s timeout, 1 retry, ${COMMUNITIES.length} communities`
      : `not root (or no ip/nft): on the host's loopback, where closed ports answer ICMP unreachable; figures are not comparable`,
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-disc-sweepbench-'));
  const agents = Array.from(
    { length: AGENTS },
    (_, i) =>
      new SnmpdAgent(tmp, {
        address: `127.45.${16 + Math.floor((i * 200) / 256)}.${1 + ((i * 200) % 250)}`,
        port: PORT,
        community: 'bench-right',
        sysName: `bench-${i}`,
        sysDescr: `Linux bench-${i} 6.1.0 #1 SMP x86_64`,
      }),
  );
  const engine = await createEngine({ dataDir: path.join(tmp, 'data'), host: 'test', masterKey: randomBytes(32), log: () => undefined });
  const { client: api, close } = connectInProcess(engine, 'bench');
  try {
    await Promise.all(agents.map((a) => a.start()));
    await api.call('scope.add', { range: RANGE });
    const creds = [];
    for (const community of COMMUNITIES) creds.push((await api.call('credentials.create', { kind: 'snmp-v2c', label: community, community })).id);
    for (const concurrency of [64, 256]) {
      let scanId = '';
      const finished = new Promise<ScanSummary>((resolve) => api.on('scan.finished', (s) => s.id === scanId && resolve(s)));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      ({ scanId } = await api.call('scan.start', { targets: [RANGE], credentialIds: creds, snmpPort: PORT, timeoutMs: 1000, retries: 1, concurrency }));
      const s = await finished;
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      console.log(
        `routewise sweep (liveness pass + full identification, concurrency ${concurrency}): ${seconds(wallMs)} wall, ` +
          `${seconds((cpu.user + cpu.system) / 1000)} CPU, ${s.answered}/${AGENTS} agents found (${s.identified} identified), ${s.probed}/${s.total} probed`,
      );
    }
    // The liveness pass alone, on the same /20 (what onesixtyone and nmap -sU measure).
    const plan = await planTargets([RANGE], { defaultPort: PORT, resolve: async () => [] });
    const credentials = await Promise.all(creds.map((id) => engine.ctx.credentials.reveal(id)));
    const snmpCreds = credentials.filter((c): c is SnmpCredential => c.kind !== 'ssh');
    const t0 = performance.now();
    const answers = await snmpLiveness([...iterateTargets(plan)], snmpCreds, { timeoutMs: 1000, retries: 1, signal: new AbortController().signal });
    console.log(`routewise liveness pass alone: ${seconds(performance.now() - t0)} wall, ${answers.size}/${AGENTS} agents answered`);

    const hosts = path.join(tmp, 'hosts.txt');
    fs.writeFileSync(hosts, [...iterateTargets(plan)].map((t) => t.address).join('\n'));
    if (have('onesixtyone')) {
      // The same three communities and the same 4,094 addresses, from files as onesixtyone takes them.
      const communities = path.join(tmp, 'communities.txt');
      fs.writeFileSync(communities, `${COMMUNITIES.join('\n')}\n`);
      const t1 = performance.now();
      const r = spawnSync('onesixtyone', ['-w', '0', '-p', String(PORT), '-c', communities, '-i', hosts], { encoding: 'utf8' });
      const found = new Set((r.stdout.match(/^\S+(?= \[bench-right\])/gm) ?? []).map(String)).size;
      console.log(`onesixtyone -w0 (${COMMUNITIES.length} communities): ${seconds(performance.now() - t1)} wall, ${found}/${AGENTS} agents found`);
    } else {
      console.log('onesixtyone: not installed (apt-get install onesixtyone to compare)');
    }
    if (have('nmap')) {
      // nmap sends no SNMP payload to a non-standard port on its own: give it the right community's GET
      // (it tries one profile only, so it is the easier job), skip host discovery (every 127/8 address is local).
      const payload = encodeCommunityGet(1, 'bench-right', 0x1234).toString('hex');
      // One host group for the whole /20 is what makes nmap fast here; timeouts as ours (1 s, 1 retry).
      const tuning = ['--min-hostgroup', '4096', '--min-parallelism', '1024', '--max-retries', '1', '--initial-rtt-timeout', '1000ms', '--max-rtt-timeout', '1000ms'];
      const args = ['-sU', '-p', String(PORT), '-n', '-Pn', '--data', payload, ...tuning, '-oG', '-', '-iL', hosts];
      const t1 = performance.now();
      const r = spawnSync('nmap', args, { encoding: 'utf8' });
      const found = (r.stdout.match(/\/open\/udp\//g) ?? []).length;
      console.log(`nmap -sU --data <GET bench-right> ${tuning.join(' ')}: ${seconds(performance.now() - t1)} wall, ${found}/${AGENTS} agents found`);
    } else {
      console.log('nmap: not installed (apt-get install nmap to compare)');
    }
  } finally {
    close();
    await engine.close();
    await Promise.all(agents.map((a) => a.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.env[IN_NETNS_ENV] === '1') await main(true);
else if (!runInNamespace()) await main(false);
