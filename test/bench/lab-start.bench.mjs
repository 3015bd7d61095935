// Lab scale: start time and memory for 50, 200 and 500 devices (SNMP agents + SSH servers), and SNMP GET
// latency from Debian's snmpget while snmpbulkwalk loads the lab, beside the same snmpget against Debian's
// snmpd. Prints figures; never asserts a time (aim from issue 4: 500 devices up in < 10 s, < 1 GB RSS).
// Each size runs in a fresh child process so RSS is its own. Loopback only: 127.20.200.0/22 and 127.20.250.1.
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const SIZES = (process.env.LAB_BENCH_SIZES ?? '50,200,500').split(',').map(Number);
const COMMUNITY = 'routewise-lab';

function have(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

async function getLatencies(targets, count) {
  const ms = [];
  for (let i = 0; i < count; i++) {
    const t = targets[i % targets.length];
    const t0 = performance.now();
    await run('snmpget', ['-v2c', '-c', COMMUNITY, '-t', '2', '-r', '1', '-On', t, '.1.3.6.1.2.1.1.3.0']);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)], p95: ms[Math.floor(ms.length * 0.95)] };
}

/** snmpbulkwalk of IF-MIB over every device, round-robin, until stopped: the "load". */
function startLoad(targets) {
  let stop = false;
  let walks = 0;
  const loop = async () => {
    for (let i = 0; !stop; i++) {
      await run('snmpbulkwalk', ['-v2c', '-c', COMMUNITY, '-t', '2', '-r', '1', targets[i % targets.length], '.1.3.6.1.2.1.2.2']).catch(() => undefined);
      walks++;
    }
  };
  const loops = [loop(), loop()];
  return async () => {
    stop = true;
    await Promise.all(loops);
    return walks;
  };
}

async function child(devices) {
  const { startLab } = await import('../../electron/engine/lab/lab-runner.ts');
  const { sshService } = await import('../../electron/engine/lab/ssh-server.ts');
  const { LabStartInput } = await import('../../shared/api/lab.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'routewise-lab-bench-'));
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const lab = await startLab({ options: LabStartInput.parse({ devices, base: '127.20.200.0', seed: 1 }), services: [sshService(dataDir)] });
  const startMs = performance.now() - t0;
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  const targets = lab.devices.map((d) => `${d.address}:${d.snmpPort}`);
  const idle = await getLatencies(targets, 40);
  const stopLoad = startLoad(targets);
  const loaded = await getLatencies(targets, 40);
  const walks = await stopLoad();
  const t1 = performance.now();
  await lab.stop();
  const stopMs = performance.now() - t1;
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ devices, startMs, stopMs, rssMb: rss / 2 ** 20, rssDeltaMb: (rss - rss0) / 2 ** 20, idle, loaded, walks })}\n`);
}

async function snmpdReference() {
  if (!have('snmpd')) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'routewise-lab-bench-snmpd-'));
  const conf = path.join(dir, 'snmpd.conf');
  fs.writeFileSync(conf, `agentAddress udp:127.20.250.1:16161\nrocommunity ${COMMUNITY} 127.0.0.0/8\n`);
  const snmpd = spawn('snmpd', ['-f', '-Lo', '-C', '-c', conf, '-p', path.join(dir, 'snmpd.pid'), '-M', '/dev/null'], { stdio: 'ignore' });
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await run('snmpget', ['-v2c', '-c', COMMUNITY, '-t', '0.5', '-r', '0', '127.20.250.1:16161', '.1.3.6.1.2.1.1.3.0']).then(() => true, () => false);
      if (ok) break;
      if (Date.now() > deadline) return undefined;
    }
    return await getLatencies(['127.20.250.1:16161'], 40);
  } finally {
    snmpd.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv[2] === '--child') return child(Number(process.argv[3]));
  if (!have('snmpget') || !have('snmpbulkwalk')) {
    console.log('skipped: Debian snmp tools (snmpget, snmpbulkwalk) are not installed');
    return;
  }
  const rows = [];
  for (const n of SIZES) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', self, '--child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = r.stdout.trim().split('\n').pop();
    if (r.status !== 0 || !line?.startsWith('{')) {
      console.log(`${n} devices: failed (${r.status ?? r.signal})\n${r.stderr.slice(-2000)}`);
      continue;
    }
    rows.push(JSON.parse(line));
  }
  const ref = await snmpdReference();
  const f = (x) => x.toFixed(1);
  console.log('devices  start(s)  stop(s)  RSS(MB)  GET p50/p95 idle (ms)  GET p50/p95 under bulkwalk load (ms)  walks');
  for (const r of rows) {
    console.log(`${String(r.devices).padStart(7)}  ${f(r.startMs / 1000).padStart(8)}  ${f(r.stopMs / 1000).padStart(7)}  ${f(r.rssMb).padStart(7)}  ${`${f(r.idle.p50)}/${f(r.idle.p95)}`.padStart(22)}  ${`${f(r.loaded.p50)}/${f(r.loaded.p95)}`.padStart(37)}  ${r.walks}`);
  }
  console.log(ref ? `reference: Debian snmpd, same snmpget: p50 ${f(ref.p50)} ms, p95 ${f(ref.p95)} ms` : 'reference: snmpd not available');
  console.log('aim (issue 4): 500 devices up in < 10 s and < 1 GB RSS');
}

await main();
