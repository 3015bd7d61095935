#!/usr/bin/env node
// Bench: sustained syslog ingest over TCP — framing, parsing, normalising, dedup/correlation and SQLite storage —
// by `routewise threats listen`, beside Debian rsyslog receiving the same stream into a file. Prints figures,
// asserts nothing about time. Loopback only (ports 5560/5561).
//   npm run bench threats   or   node test/bench/threats-ingest.bench.mjs [events=100000]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const N = Number(process.argv[2] ?? 100_000);
const RW_PORT = 5560;
const RSYSLOG_PORT = 5561;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-threats-'));

/** Five real-world shapes, each made unique by n so that nothing is deduplicated: every event is a row. */
function event(n) {
  const a = `198.51.${(n >> 8) & 255}.${n & 255}`;
  switch (n % 5) {
    case 0:
      return `<14>1 2026-01-15T12:00:00Z sensor-1 suricata - - - {"timestamp":"2026-01-15T12:00:00.000000+0000","event_type":"alert","src_ip":"${a}","src_port":${1024 + (n % 60000)},"dest_ip":"192.0.2.10","dest_port":22,"proto":"TCP","alert":{"action":"blocked","gid":1,"signature_id":${3_000_000 + n},"rev":1,"signature":"ET SCAN bench ${n}","category":"Attempted Information Leak","severity":2}}`;
    case 1:
      return `<185>date=2026-01-15 time=12:00:00 devname="FGT" logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" severity="high" srcip=${a} dstip=192.0.2.20 srcport=40000 dstport=80 proto=6 action="dropped" attack="Bench.Attack.${n}" attackid=${n}`;
    case 2:
      return `<134>1 2026-01-15T12:00:00Z edge-1 ai-ips - - - CEF:0|Acme|EdgeGuard|1|${n}|Bench anomaly ${n}|7|src=${a} dst=192.0.2.9 dpt=443 act=blocked`;
    case 3:
      return `<188>Jan 15 12:00:00 isr: %IOSXE-4-PLATFORM: R0/0: UTD: [**] [Drop] [1:${n}:1] MALWARE-CNC bench ${n} [**] [Classification: A Network Trojan was Detected] [Priority: 1] {TCP} ${a}:4444 -> 192.0.2.80:443`;
    default:
      return `<38>Jan 15 12:00:00 host sshd[1]: bench message ${n} that no parser knows`;
  }
}

function frames() {
  const parts = [];
  for (let n = 0; n < N; n++) {
    const m = Buffer.from(event(n));
    parts.push(Buffer.from(`${m.length} `), m);
  }
  return Buffer.concat(parts);
}

async function blast(port, data) {
  const started = process.hrtime.bigint();
  await new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      // Write in 64 KB slices with backpressure: a sender that cannot outrun the receiver's TCP window.
      let off = 0;
      const pump = () => {
        while (off < data.length) {
          const ok = s.write(data.subarray(off, off + 65536));
          off += 65536;
          if (!ok) return s.once('drain', pump);
        }
        s.end(resolve);
      };
      pump();
    });
    s.on('error', reject);
  });
  return started;
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function waitUntil(probe, deadlineMs) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const v = probe();
    if (v) return process.hrtime.bigint();
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function benchRoutewise(data) {
  const dataDir = path.join(tmp, 'rw');
  const child = spawn(process.execPath, [path.join(root, 'bin/routewise.mjs'), '--data-dir', dataDir, '--json', 'threats', 'listen', '--syslog-tcp', String(RW_PORT), '--rate-limit', 'off', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await waitUntil(() => out.includes('"listening"'), 60_000);
  const db = new Database(path.join(dataDir, 'routewise.sqlite'), { readonly: true, fileMustExist: true });
  const count = db.prepare('select count(*) as n from threat_insights');
  const cpu0 = cpuSeconds(child.pid);
  const started = await blast(RW_PORT, data);
  let stored = 0;
  const done = await waitUntil(() => (stored = count.get().n) >= N, 600_000);
  const ended = done ?? process.hrtime.bigint();
  const cpu = cpuSeconds(child.pid) - cpu0;
  db.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { stored, seconds: Number(ended - started) / 1e9, cpu };
}

async function benchRsyslog(data) {
  if (spawnSync('sh', ['-c', 'command -v rsyslogd']).status !== 0) return null;
  const out = path.join(tmp, 'rsyslog-out.log');
  const conf = path.join(tmp, 'rsyslog.conf');
  fs.mkdirSync(path.join(tmp, 'rs-work'));
  fs.writeFileSync(
    conf,
    `global(workDirectory="${tmp}/rs-work")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="${RSYSLOG_PORT}" ruleset="toFile")
template(name="raw" type="string" string="%rawmsg%\\n")
ruleset(name="toFile") { action(type="omfile" file="${out}" template="raw") }
`,
  );
  const child = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(tmp, 'rsyslogd.pid')], { stdio: 'ignore' });
  await waitUntil(() => {
    const r = spawnSync('sh', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${RSYSLOG_PORT}`], { stdio: 'ignore' });
    return r.status === 0;
  }, 30_000);
  const probeLines = () => (fs.existsSync(out) ? countLines(out) : 0);
  const base = probeLines();
  const cpu0 = cpuSeconds(child.pid);
  const started = await blast(RSYSLOG_PORT, data);
  let lines = 0;
  const done = await waitUntil(() => (lines = probeLines() - base) >= N, 600_000);
  const ended = done ?? process.hrtime.bigint();
  const cpu = cpuSeconds(child.pid) - cpu0;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { stored: lines, seconds: Number(ended - started) / 1e9, cpu };
}

function countLines(file) {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

const data = frames();
const perCpu = (r) => (r.cpu > 0 ? `, ${Math.round(r.stored / r.cpu)} events per CPU-second` : '');
console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs (wall-clock rates suffer when others run; CPU-second rates less so)`);
console.log(`threats ingest bench: ${N} events (${(data.length / 1e6).toFixed(1)} MB) over one TCP connection, octet-counted, loopback`);
try {
  const rw = await benchRoutewise(data);
  console.log(
    `  routewise threats listen (parse + normalise + SQLite WAL store): ${rw.stored}/${N} stored in ${rw.seconds.toFixed(2)} s = ${Math.round(rw.stored / rw.seconds)} events/s${perCpu(rw)}, lost ${N - rw.stored}`,
  );
  const rs = await benchRsyslog(data);
  if (rs) {
    console.log(`  rsyslogd imtcp -> omfile (no parsing beyond syslog):       ${rs.stored}/${N} written in ${rs.seconds.toFixed(2)} s = ${Math.round(rs.stored / rs.seconds)} events/s${perCpu(rs)}, lost ${N - rs.stored}`);
  } else console.log('  rsyslogd: not installed, skipped');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
