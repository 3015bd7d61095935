// Sweep of a /20 on loopback (127.0.16.0/20, 4,094 addresses) where 20 Debian snmpd agents answer and the
// rest stay silent, 1 s timeout, 1 retry, three credential profiles (two wrong communities first). Prints
// wall and CPU time and what was found, beside nmap -sU and onesixtyone when they are installed.
// Asserts nothing (timing targets live here, never in tests).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScanSummary } from '../../shared/api/scan';
import { createEngine } from '../../electron/engine/engine';
import { connectInProcess } from '../../electron/engine/rpc/in-process';
import type { SnmpCredential } from '../../electron/engine/discovery/sweep/prober';
import { snmpLiveness } from '../../electron/engine/discovery/sweep/snmp-liveness';
import { iterateTargets, planTargets } from '../../electron/engine/discovery/targets/targets';
import { SnmpdAgent } from '../integration/scan/snmpd-agents';

const PORT = 16190;
const AGENTS = 20;
const RANGE = '127.0.16.0/20';

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  if (!have('snmpd')) {
    console.log('skipped: snmpd is not installed');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-sweepbench-'));
  const agents = Array.from(
    { length: AGENTS },
    (_, i) =>
      new SnmpdAgent(tmp, {
        address: `127.0.${16 + Math.floor((i * 200) / 256)}.${1 + ((i * 200) % 250)}`,
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
    for (const community of ['bench-wrong-1', 'bench-wrong-2', 'bench-right']) {
      creds.push((await api.call('credentials.create', { kind: 'snmp-v2c', label: community, community })).id);
    }
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
        `routewise sweep (liveness pass + full identification, concurrency ${concurrency}): ${(wallMs / 1000).toFixed(2)} s wall, ` +
          `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ${s.answered}/${AGENTS} agents found, ${s.probed}/${s.total} probed`,
      );
    }
    // The liveness pass alone, on the same /20 (what onesixtyone and nmap -sU measure).
    const plan = await planTargets([RANGE], { defaultPort: PORT, resolve: async () => [] });
    const credentials = await Promise.all(creds.map((id) => engine.ctx.credentials.reveal(id)));
    const snmpCreds = credentials.filter((c): c is SnmpCredential => c.kind !== 'ssh');
    const t0 = performance.now();
    const answers = await snmpLiveness([...iterateTargets(plan)], snmpCreds, { timeoutMs: 1000, retries: 1, signal: new AbortController().signal });
    console.log(`routewise liveness pass alone: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${answers.size}/${AGENTS} agents answered`);
    if (have('onesixtyone')) {
      // The same three communities and the same 4,094 addresses, from files as onesixtyone takes them.
      const hosts = path.join(tmp, 'hosts.txt');
      const communities = path.join(tmp, 'communities.txt');
      fs.writeFileSync(hosts, [...iterateTargets(plan)].map((t) => t.address).join('\n'));
      fs.writeFileSync(communities, 'bench-wrong-1\nbench-wrong-2\nbench-right\n');
      const t0 = performance.now();
      const r = spawnSync('onesixtyone', ['-w', '0', '-p', String(PORT), '-c', communities, '-i', hosts], { encoding: 'utf8' });
      const found = (r.stdout.match(/\[bench-right\]/g) ?? []).length;
      console.log(`onesixtyone -w0: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${found}/${AGENTS} agents found`);
    } else {
      console.log('onesixtyone: not installed (apt-get install onesixtyone to compare)');
    }
    if (have('nmap')) {
      const t0 = performance.now();
      spawnSync('nmap', ['-sU', '-p', String(PORT), '-n', '--min-rate', '5000', '--max-retries', '1', RANGE], { encoding: 'utf8' });
      console.log(`nmap -sU: ${((performance.now() - t0) / 1000).toFixed(2)} s wall`);
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

await main();
