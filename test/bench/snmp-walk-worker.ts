// Runs inside the bench's network namespace: bulk-walks ifTable and ifXTable with our SNMP session and
// prints one JSON line {wallMs, cpuMs, varbinds, warnings, warm}. Kept separate so its CPU figure excludes
// tsx startup. The first pass is a cold process (JIT warm-up included); `warm` is a second pass in the same
// process, as the long-running engine sees it.
import { openSnmpSession } from '../../electron/engine/snmp/snmp-session';

const [port, community, maxRep, client] = process.argv.slice(2);
const session = openSnmpSession(
  { host: '127.0.0.1', port: Number(port) },
  { id: 'bench', kind: 'snmp-v2c', label: 'bench', community: community ?? 'bench' },
  { timeoutMs: 5000, retries: 1, client: client === 'net-snmp' ? 'net-snmp' : 'lean' },
);

async function pass(): Promise<{ wallMs: number; cpuMs: number; varbinds: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let varbinds = 0;
  for (const base of ['1.3.6.1.2.1.2.2', '1.3.6.1.2.1.31.1.1']) {
    varbinds += (await session.walk(base, { maxRepetitions: Number(maxRep ?? 25), maxRows: 10_000_000 })).length;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, varbinds };
}

const cold = await pass();
const warm = await pass();
session.close();
console.log(JSON.stringify({ ...cold, warnings: session.warnings.length, warm }));
