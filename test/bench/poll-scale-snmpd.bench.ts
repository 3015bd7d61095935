// Polling scale at the issue's size (issue 5): N devices (default 10,000) x 50 interfaces on a 60 s cycle.
// Debian snmpd processes in a network namespace this bench creates (198.18.0.0/15, no default route, deleted at the end)
// listen on N UDP ports (100 each) and sees 50 interfaces (25 veth pairs); the inventory holds N devices, one per port.
// Prints the cycle time the Routewise poller needs beside the 60 s budget. Needs root, snmpd and iproute2.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { leanTransportStats } from '../../electron/engine/snmp/lean-transport';
import { runLocalAnomalyDetection } from '../../electron/engine/threats/local-anomaly-job';
import { rollupAndPrune } from '../../electron/engine/topology/metrics/retention';
import { connectInProcess } from '../../electron/engine/rpc/in-process';
import { NetnsHosts } from '../support/netns';
import { makeTempDir } from '../support/temp-dir';

const DEVICES = Number(process.env.POLL_SCALE_DEVICES ?? 10_000);
const CYCLE_SEC = Number(process.env.POLL_SCALE_CYCLE_SEC ?? 60);
const FIRST_PORT = 20_000;
const AGENT = '198.18.140.2';

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) return void console.log('poll-scale-snmpd skipped: needs root for the network namespace');
  const tmp = makeTempDir('routewise-poll-scale-');
  fs.chmodSync(tmp.dir, 0o755);
  const hosts = new NetnsHosts('rw-perf-poll-');
  try {
    const ns = hosts.addHost('agent');
    hosts.managementBridge('rw-perf-pbr', '198.18.140.1/24');
    hosts.attachToBridge(ns, 'rw-perf-pbr', 'rwm0', 'rw-perf-pm0', `${AGENT}/24`);
    for (let i = 0; i < 25; i++) execFileSync('ip', ['-n', ns, 'link', 'add', `vx${i}a`, 'type', 'veth', 'peer', 'name', `vx${i}b`]);
    for (let i = 0; i < 25; i++) for (const s of ['a', 'b']) execFileSync('ip', ['-n', ns, 'link', 'set', `vx${i}${s}`, 'up']);
    const ports = Array.from({ length: DEVICES }, (_, i) => FIRST_PORT + i);
    // One snmpd listens on at most 128 addresses (measured here): run one per 100 ports, all seeing the same interfaces.
    const agents = chunks(ports, 100).map((group, k) => {
      const conf = path.join(tmp.dir, `snmpd-${k}.conf`);
      fs.writeFileSync(conf, [...chunks(group, 50).map((c) => `agentAddress ${c.map((p) => `udp:${AGENT}:${p}`).join(',')}`), 'rocommunity rwpoll 198.18.140.0/24', `sysName poll-scale-${k}`].join('\n'));
      return spawn('ip', ['netns', 'exec', ns, 'snmpd', '-f', '-Lo', '-C', '-c', conf, '-p', path.join(tmp.dir, `snmpd-${k}.pid`)], { stdio: 'ignore', detached: true });
    });
    await new Promise((r) => setTimeout(r, 3000 + DEVICES / 5));

    const engine = await createEngine({ dataDir: path.join(tmp.dir, 'data'), host: 'test', masterKey: Buffer.alloc(32, 9) });
    const { client } = connectInProcess(engine, 'bench');
    const cred = await client.call('credentials.create', { kind: 'snmp-v2c', label: 'bench', community: 'rwpoll' });
    const now = new Date().toISOString();
    await engine.ctx.store.db.insertInto('scans').values({ id: 'bench', started_at: now, finished_at: now, status: 'completed', actor: 'bench', targets_json: '[]', options_json: '{}', total: 0, probed: 0, answered: 0, identified: 0, unreachable_count: 0, unreachable_json: '[]', error: null }).execute();
    await engine.ctx.store.db.transaction().execute(async (trx) => {
      for (const [i, port] of ports.entries()) {
        await trx.insertInto('devices').values({
          id: `d${i}`, address: AGENT, port, address_key: String(i).padStart(12, '0'), hostname: null, sys_name: `dev${i}`, sys_descr: null, sys_object_id: null,
          vendor: null, platform: 'linux', os_version: null, model: null, serial: null, facts_json: '{}', ai_json: null, ai_capable: 0,
          credential_id: cred.id, ssh_credential_id: null, warnings_json: '[]', first_seen: now, last_seen: now, last_scan_id: 'bench',
        }).execute();
      }
    });
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    // Two cycles: the first learns each device (no rates yet), the second is the steady state that must fit the budget.
    const res = await client.call('metrics.poll', { intervalSec: CYCLE_SEC, durationSec: 2 * CYCLE_SEC, timeoutMs: 5000, retries: 1, concurrency: 256 });
    const wallMs = Date.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const first = res.cycles[0]!;
    const c = res.cycles.at(-1)!;
    console.log(`poll scale (snmpd in a namespace, ${DEVICES} devices x ~52 interfaces, ${CYCLE_SEC} s cycle):`);
    console.log(`  first cycle        ${(first.durationMs / 1000).toFixed(1)} s (learning: every CPU/memory source tried)`);
    console.log(`  routewise poller   steady cycle ${(c.durationMs / 1000).toFixed(1)} s for ${c.polled}/${c.devices} devices (${c.failed.length} failed), ${c.samples} samples, engine CPU for both ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, wall ${(wallMs / 1000).toFixed(1)} s`);
    // Each cycle also runs anomaly detection and the rollup (topology-area.ts); time them alone on the same data.
    const tPost = Date.now();
    await runLocalAnomalyDetection(engine.ctx, Date.parse(c.startedAt));
    await rollupAndPrune(engine.ctx.store, Date.now());
    console.log(`  of which           ~${((Date.now() - tPost) / 1000).toFixed(1)} s post-cycle work (anomaly detection + rollup over the cycle's samples, timed again alone)`);
    const st = leanTransportStats();
    console.log(`  SNMP requests      ${st.requests} (${(st.requests / (2 * DEVICES)).toFixed(1)} per device poll), ${st.resends} resends after a timeout, ${st.timeouts} timed out, ${st.malformed} malformed`);
    console.log(`  budget             ${CYCLE_SEC} s → ${c.durationMs <= CYCLE_SEC * 1000 ? 'fits' : `OVERRUNS by ${((c.durationMs - CYCLE_SEC * 1000) / 1000).toFixed(1)} s`}`);
    const reasons = new Map<string, number>();
    for (const f of c.failed) reasons.set(f.error.replace(/\d+/g, 'N').slice(0, 100), (reasons.get(f.error.replace(/\d+/g, 'N').slice(0, 100)) ?? 0) + 1);
    for (const [r, n] of reasons) console.log(`  failed x${n}: ${r}`);
    console.log('  reference          LibreNMS documents about 1,000 devices per poller on a 300 s cycle');
    await engine.close();
    for (const a of agents) {
      try {
        if (a.pid) process.kill(-a.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  } finally {
    await hosts.teardown();
    tmp.cleanup();
  }
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

await main();
