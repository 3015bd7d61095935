// Interface polling throughput against the built-in lab's SNMP agents on loopback (issue 5 "polling scale").
// Starts a lab of POLL_BENCH_DEVICES devices (default 200), scans it, runs poll cycles back to back and reports
// devices/s and varbinds/s, then what that means for a 60 s cycle. Reference: LibreNMS documents about 1,000 devices
// per poller on a 300 s cycle (3.3 devices/s). The lab's agents run in the same 2 cores, so this is a lower bound.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { makeTempDir } from '../support/temp-dir';

const run = promisify(execFile);
const DEVICES = Number(process.env.POLL_BENCH_DEVICES ?? 200);
const BASE = '127.28.0.0';
const tmp = makeTempDir('routewise-poll-bench-');
const env = { ...process.env, ROUTEWISE_MASTER_KEY: 'd'.repeat(64), ROUTEWISE_DATA_DIR: tmp.dir };
const cli = async (...args: string[]) =>
  JSON.parse((await run(process.execPath, ['bin/routewise.mjs', '--json', ...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 600_000 })).stdout) as Record<string, unknown>;

try {
  const lab = (await cli('lab', 'start', '--devices', String(DEVICES), '--base', BASE, '--threats-per-min', '0')) as {
    devices: Array<{ address: string; snmpPort: number }>;
    credentials: { snmpV2cCommunity: string };
  };
  await cli('scope', 'add', `${BASE}/16`);
  const first = lab.devices[0]!.address;
  const last = lab.devices.at(-1)!.address;
  const scan = (await cli('scan', `${first}-${last}`, '--community', lab.credentials.snmpV2cCommunity, '--snmp-port', String(lab.devices[0]!.snmpPort), '--timeout', '3000')) as {
    devices: Array<{ interfaces: unknown[] }>;
  };
  const interfaces = scan.devices.reduce((n, d) => n + d.interfaces.length, 0);
  // Interval 1 s: every cycle overruns on purpose, so cycles run back to back and measure raw throughput.
  const poll = (await cli('poll', '--interval', '1', '--duration', '4', '--timeout', '3000', '--concurrency', '64')) as {
    cycles: Array<{ durationMs: number; polled: number; devices: number; samples: number; failed: unknown[] }>;
  };
  const steady = poll.cycles.slice(1);
  const ms = steady.reduce((t, c) => t + c.durationMs, 0) / Math.max(1, steady.length);
  const perSec = (scan.devices.length / ms) * 1000;
  console.log(`poll scale: lab of ${scan.devices.length} devices, ${interfaces} interfaces (${(interfaces / scan.devices.length).toFixed(1)} per device)`);
  for (const c of poll.cycles) console.log(`  cycle: ${c.polled}/${c.devices} devices in ${c.durationMs} ms, ${c.samples} interface samples, ${c.failed.length} failed`);
  console.log(`  routewise poller      ${perSec.toFixed(0)} devices/s → ${Math.floor(perSec * 60)} devices per 60 s cycle at this interface count`);
  console.log(`  LibreNMS (documented) 3.3 devices/s → 1,000 devices per 300 s cycle per poller`);
  console.log('  (agents are the lab\'s own net-snmp agents on the same 2 cores; 10,000 x 50-interface devices were not run here)');
} finally {
  await cli('lab', 'stop').catch(() => undefined);
  tmp.cleanup();
}
