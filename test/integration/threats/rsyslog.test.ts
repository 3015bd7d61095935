import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeCertificates, sendUdp, startTestEngine, type TestEngine, waitFor } from './threats-harness';

// rsyslog inputs 5520/5524/5525 (imudp), our receivers 5521 (UDP), 5522 (TCP), 5523 (TLS). Loopback only.
const IN_UDP = 5520;
const IN_TCP = 5524;
const IN_TLS = 5525;
const OUT_UDP = 5521;
const OUT_TCP = 5522;
const OUT_TLS = 5523;

const GTLS = '/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so';
const ok =
  requireTool('rsyslogd', 'rsyslog is not installed') &&
  requireTool('openssl', 'openssl is needed for the TLS certificate') &&
  (fs.existsSync(GTLS) || skipOrFail('rsyslog-gnutls is not installed (lmnsd_gtls.so missing)'));

/** A Suricata EVE alert as sagan/suricata log it through syslog; the signature names the path it takes. */
const eve = (via: string, sid: number) =>
  `<14>Mar  2 10:15:01 sensor-1 suricata[2211]: {"timestamp":"2024-03-02T10:15:01.123456+0000","event_type":"alert","src_ip":"203.0.113.50","src_port":44312,"dest_ip":"192.0.2.10","dest_port":22,"proto":"TCP","alert":{"action":"blocked","gid":1,"signature_id":${sid},"rev":1,"signature":"ET SCAN Potential SSH Scan via ${via}","category":"Attempted Information Leak","severity":2}}`;

describe.skipIf(!ok)('Debian rsyslog forwarding to the receivers (omfwd UDP, TCP octet-counted, TLS gtls)', () => {
  let t: TestEngine;
  let tmp: { dir: string; cleanup: () => void };
  let rsyslog: ChildProcess | undefined;
  let rsyslogErr = '';

  beforeAll(async () => {
    tmp = makeTempDir();
    const certs = makeCertificates(tmp.dir);
    t = await startTestEngine(path.join(tmp.dir, 'data'));
    await t.api.call('threats.listen', {
      syslogUdp: { port: OUT_UDP },
      syslogTcp: { port: OUT_TCP },
      syslogTls: { port: OUT_TLS, certFile: certs.cert, keyFile: certs.key },
    });
    const work = path.join(tmp.dir, 'rsyslog');
    fs.mkdirSync(work);
    const conf = path.join(tmp.dir, 'rsyslog.conf');
    fs.writeFileSync(
      conf,
      `global(workDirectory="${work}" defaultNetstreamDriverCAFile="${certs.ca}")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="${IN_UDP}" ruleset="toUdp")
input(type="imudp" address="127.0.0.1" port="${IN_TCP}" ruleset="toTcp")
input(type="imudp" address="127.0.0.1" port="${IN_TLS}" ruleset="toTls")
ruleset(name="toUdp") { action(type="omfwd" target="127.0.0.1" port="${OUT_UDP}" protocol="udp" template="RSYSLOG_SyslogProtocol23Format") }
ruleset(name="toTcp") { action(type="omfwd" target="127.0.0.1" port="${OUT_TCP}" protocol="tcp" tcp_framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format") }
ruleset(name="toTls") { action(type="omfwd" target="127.0.0.1" port="${OUT_TLS}" protocol="tcp" streamDriver="gtls" streamDriverMode="1" streamDriverAuthMode="x509/name" streamDriverPermittedPeers="localhost" template="RSYSLOG_SyslogProtocol23Format") }
`,
    );
    rsyslog = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(tmp.dir, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
    rsyslog.stderr?.on('data', (d: Buffer) => (rsyslogErr += d.toString()));
    rsyslog.stdout?.on('data', (d: Buffer) => (rsyslogErr += d.toString()));
  });

  afterAll(async () => {
    if (rsyslog && rsyslog.exitCode === null) {
      const exited = new Promise((r) => rsyslog?.once('exit', r));
      rsyslog.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    tmp?.cleanup();
  });

  it('receives what rsyslog forwards, parsed as Suricata EVE, over each transport', async () => {
    const want = [
      { port: IN_UDP, via: 'udp', sid: 9000001 },
      { port: IN_TCP, via: 'tcp', sid: 9000002 },
      { port: IN_TLS, via: 'tls', sid: 9000003 },
    ];
    // rsyslog may still be starting: resend until each insight shows up (dedup folds the repeats).
    const found = await waitFor(
      'all three insights via rsyslog',
      async () => {
        for (const w of want) await sendUdp(w.port, [eve(w.via, w.sid)]);
        const { insights } = await t.api.call('threats.list', { limit: 100, format: 'suricata-eve' });
        const hits = want.map((w) => insights.find((i) => i.signature === `ET SCAN Potential SSH Scan via ${w.via}`));
        return hits.every(Boolean) ? hits : undefined;
      },
      30_000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\nrsyslogd said: ${rsyslogErr.slice(0, 2000)}`);
    });
    for (const [n, hit] of found.entries()) {
      expect(hit).toMatchObject({
        format: 'suricata-eve',
        signatureId: `1:${want[n]?.sid}:1`,
        category: 'reconnaissance',
        technique: 'T1046',
        srcIp: '203.0.113.50',
        dstPort: 22,
        action: 'blocked',
        deviceAddress: '127.0.0.1',
      });
      // rsyslog re-framed it as RFC 5424 (RSYSLOG_SyslogProtocol23Format) and kept the JSON as MSG.
      expect(hit?.raw).toMatch(/^<14>1 \d{4}-\d{2}-\d{2}T/);
    }
  });
});
