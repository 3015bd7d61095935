// Bulk walk of ifTable + ifXTable from Debian's snmpd serving ~5,000 interfaces (2,500 veth pairs in a
// network namespace this bench creates and deletes), our session beside `snmpbulkwalk -Cr25`, same agent,
// same run, rounds interleaved. Two rows for us: the lean BER client v1/v2c sessions use now, and the net-snmp
// client they used before (issue 3). Prints wall and CPU time and varbind counts side by side; asserts nothing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PAIRS = Number(process.env.ROUTEWISE_BENCH_VETH_PAIRS ?? 2500);
const PORT = 16440;
const NS = `rw-perf-walk-${process.pid}`;
const ROUNDS = Number(process.env.ROUTEWISE_BENCH_ROUNDS ?? 3);
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function timed(cmd: string[]): { wallMs: number; cpuMs: number; stdout: string } {
  // /usr/bin/time reports the child's user+sys CPU; wall from our clock.
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...cmd], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-500)}`);
  const [u, s] = (r.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
  return { wallMs, cpuMs: ((u ?? 0) + (s ?? 0)) * 1000, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  for (const t of ['ip', 'snmpd', 'snmpbulkwalk']) {
    if (!have(t)) {
      console.log(`skipped: ${t} is not installed`);
      return;
    }
  }
  if (process.getuid?.() !== 0) {
    console.log('skipped: creating a network namespace needs root');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-snmpbench-'));
  let snmpd: ReturnType<typeof spawn> | undefined;
  execFileSync('ip', ['netns', 'add', NS]);
  try {
    execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
    const batch = path.join(tmp, 'veth.batch');
    fs.writeFileSync(batch, Array.from({ length: PAIRS }, (_, i) => `link add va${i} type veth peer name vb${i}`).join('\n') + '\n');
    const t0 = performance.now();
    execFileSync('ip', ['-n', NS, '-batch', batch]);
    const ifCount = execFileSync('ip', ['-n', NS, '-o', 'link'], { encoding: 'utf8' }).trim().split('\n').length;
    console.log(`namespace ${NS}: ${ifCount} interfaces (${PAIRS} veth pairs + lo) in ${(performance.now() - t0).toFixed(0)} ms`);

    const conf = path.join(tmp, 'snmpd.conf');
    fs.writeFileSync(conf, [`agentAddress udp:127.0.0.1:${PORT}`, 'rocommunity bench 127.0.0.1', ''].join('\n'));
    snmpd = spawn('ip', ['netns', 'exec', NS, 'snmpd', '-f', '-C', '-c', conf, `--persistentDir=${tmp}/persist`, '-Lf', `${tmp}/snmpd.log`, '-I', '-smux', '-M', tmp, '-m', ''], { stdio: 'ignore' });
    // Wait until the agent answers (poll, deadline 30 s).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = spawnSync('ip', ['netns', 'exec', NS, 'snmpget', '-v2c', '-c', 'bench', '-t', '0.5', '-r', '0', '-On', `127.0.0.1:${PORT}`, '1.3.6.1.2.1.1.5.0']);
      if (r.status === 0) break;
      if (Date.now() > deadline) throw new Error('snmpd did not answer within 30 s');
    }

    type Run = { wallMs: number; cpuMs: number; varbinds: number };
    const ref: Run[] = [];
    const ours: Run[] = [];
    const oursWarm: Run[] = [];
    const before: Run[] = [];
    const beforeWarm: Run[] = [];
    const worker = (client: 'lean' | 'net-snmp'): Run & { warm: Run } => {
      const w = spawnSync('ip', ['netns', 'exec', NS, process.execPath, '--import', 'tsx', path.join(here, 'snmp-walk-worker.ts'), String(PORT), 'bench', '25', client], {
        cwd: root,
        encoding: 'utf8',
      });
      if (w.status !== 0) throw new Error(`worker failed: ${w.stderr.slice(-800)}`);
      return JSON.parse(w.stdout.trim().split('\n').at(-1) ?? '{}') as Run & { warm: Run };
    };
    for (let round = 0; round < ROUNDS; round++) {
      let wallMs = 0;
      let cpuMs = 0;
      let varbinds = 0;
      for (const base of ['1.3.6.1.2.1.2.2', '1.3.6.1.2.1.31.1.1']) {
        const r = timed(['ip', 'netns', 'exec', NS, 'snmpbulkwalk', '-v2c', '-c', 'bench', '-Cr25', '-On', '-t', '5', `127.0.0.1:${PORT}`, base]);
        wallMs += r.wallMs;
        cpuMs += r.cpuMs;
        varbinds += r.stdout.split('\n').filter((l) => l.startsWith('.')).length;
      }
      ref.push({ wallMs, cpuMs, varbinds });
      const lean = worker('lean');
      ours.push(lean);
      oursWarm.push(lean.warm);
      const old = worker('net-snmp');
      before.push(old);
      beforeWarm.push(old.warm);
    }
    const row = (name: string, xs: typeof ref): string =>
      `${name.padEnd(34)} ${median(xs.map((x) => x.wallMs)).toFixed(0).padStart(8)} ${median(xs.map((x) => x.cpuMs)).toFixed(0).padStart(8)} ${String(median(xs.map((x) => x.varbinds))).padStart(9)}`;
    console.log(`median of ${ROUNDS} rounds, ifTable + ifXTable, max-repetitions 25`);
    console.log(`${'walker'.padEnd(34)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'varbinds'.padStart(9)}`);
    console.log(row('snmpbulkwalk -Cr25 (Net-SNMP C)', ref));
    console.log(row('routewise lean BER, cold process', ours));
    console.log(row('routewise lean BER, warm (2nd walk)', oursWarm));
    console.log(row('before: net-snmp, cold process', before));
    console.log(row('before: net-snmp, warm (2nd walk)', beforeWarm));
    const ratio = (xs: Run[]): string =>
      `wall ${(median(xs.map((x) => x.wallMs)) / median(ref.map((x) => x.wallMs))).toFixed(2)}x, cpu ${(median(xs.map((x) => x.cpuMs)) / median(ref.map((x) => x.cpuMs))).toFixed(2)}x`;
    console.log(`ratio ours/reference: lean cold ${ratio(ours)}, warm ${ratio(oursWarm)}; net-snmp cold ${ratio(before)}, warm ${ratio(beforeWarm)}`);
    console.log('(reference CPU includes its process start-up; ours excludes Node/tsx start-up; "cold" includes JIT warm-up, "warm" is a long-running engine)');
  } finally {
    // Wait for snmpd to exit: it writes its persistent state on the way out, racing the rmSync below.
    if (snmpd && snmpd.exitCode === null) {
      const exited = new Promise((r) => snmpd?.once('exit', r));
      snmpd.kill('SIGTERM');
      await exited;
    }
    spawnSync('ip', ['netns', 'del', NS]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
