import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { threatService } from '../../../electron/engine/lab/threat-emitter';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { pollUntil } from '../../support/poll-until';

const ok = requireTool('rsyslogd', 'rsyslogd (the syslog collector these tests use) is not installed');
// On an address of the lab's own 127.20/16 range, so fixed ports cannot clash with other suites.
const COLLECTOR = '127.20.102.250';
const SYSLOG_PORT = 16514;
const TRAP_PORT = 16162;

interface TrapSeen {
  source: string;
  trapOid: string;
  varbinds: Array<{ oid: string; value: string }>;
}

describe.skipIf(!ok)('lab threat detections reach real collectors', () => {
  let tmp: { dir: string; cleanup: () => void };
  let rsyslog: ChildProcess;
  let receiver: { close(cb?: () => void): void };
  let lab: RunningLab;
  const traps: TrapSeen[] = [];
  let outFile: string;

  beforeAll(async () => {
    tmp = makeTempDir('routewise-lab-threats-');
    outFile = path.join(tmp.dir, 'syslog.out');
    const conf = path.join(tmp.dir, 'rsyslog.conf');
    fs.writeFileSync(
      conf,
      [
        `global(workDirectory="${tmp.dir}")`,
        'module(load="imudp")',
        // One field per RFC 5424 part, as rsyslog's own RFC 5424 parser (pmrfc5424) understood them.
        'template(name="fields" type="string" string="%fromhost-ip%|%hostname%|%app-name%|%msgid%|%structured-data%|%msg%\\n")',
        'ruleset(name="lab") { action(type="omfile" file="' + outFile + '" template="fields") }',
        `input(type="imudp" address="${COLLECTOR}" port="${SYSLOG_PORT}" ruleset="lab")`,
      ].join('\n'),
    );
    rsyslog = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(tmp.dir, 'rsyslog.pid')], { stdio: 'ignore' });
    receiver = snmp.createReceiver({ port: TRAP_PORT, address: COLLECTOR, disableAuthorization: true }, (err: Error | null, data: { pdu: { varbinds: Array<{ oid: string; value: unknown }> }; rinfo: { address: string } }) => {
      if (err || !data) return;
      const vbs = data.pdu.varbinds.map((v) => ({ oid: v.oid, value: Buffer.isBuffer(v.value) ? v.value.toString('utf8') : String(v.value) }));
      traps.push({ source: data.rinfo.address, trapOid: vbs.find((v) => v.oid === '1.3.6.1.6.3.1.1.4.1.0')?.value ?? '', varbinds: vbs });
    });
    // rsyslog is up once it listens: poll for the socket with a deadline instead of sleeping.
    await pollUntil('rsyslogd listening', () => fs.readFileSync('/proc/net/udp', 'utf8').includes(`:${SYSLOG_PORT.toString(16).toUpperCase()} `), (v) => v, 10_000);
    lab = await startLab({
      options: LabStartInput.parse({
        devices: 12, base: '127.20.102.0', seed: 9, scenario: 'beaconing-host', timeScale: 60,
        collector: `${COLLECTOR}:${SYSLOG_PORT}`, trapCollector: `${COLLECTOR}:${TRAP_PORT}`, threatsPerMin: 300,
      }),
      services: [threatService()],
    });
  });

  afterAll(async () => {
    await lab?.stop();
    receiver?.close();
    rsyslog?.kill('SIGTERM');
    tmp?.cleanup();
  });

  const lines = () => (fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8').trim().split('\n').filter(Boolean) : []);

  it('FortiGate sends RFC 5424 syslog with its IPS key=value message, from its own address', async () => {
    const fgt = lab.model.devices.find((d) => d.platform === 'fortios')!;
    const line = (await pollUntil('FortiGate syslog', lines, (l) => l.some((x) => x.startsWith(`${fgt.address}|`)))).find((x) => x.startsWith(`${fgt.address}|`))!;
    const [, host, app, msgid, sd, msg] = line.split('|');
    expect(host).toBe(fgt.hostname);
    expect(app).toBe('-');
    expect(msgid).toBe('-');
    expect(sd).toBe('-');
    expect(msg).toMatch(/logid="0419016384" type="utm" subtype="ips"/);
    expect(msg).toContain(`devid="${fgt.serial}"`);
    expect(msg).toMatch(/srcip=10\.100\.\d+\.\d+ .*dstip=(198\.51\.100|203\.0\.113)\.\d+/);
  });

  it('Junos sends RT_IDP IDP_ATTACK_LOG_EVENT with junos@2636 structured data', async () => {
    const srx = lab.model.devices.find((d) => d.platform === 'junos' && d.spec.aiCapable)!;
    const all = await pollUntil('Junos syslog', lines, (l) => l.some((x) => x.includes('|RT_IDP|')));
    const line = all.find((x) => x.includes('|RT_IDP|'))!;
    const [from, , app, msgid, sd, msg] = line.split('|');
    expect(lab.model.devices.filter((d) => d.platform === 'junos').map((d) => d.address)).toContain(from);
    expect(app).toBe('RT_IDP');
    expect(msgid).toBe('IDP_ATTACK_LOG_EVENT');
    expect(sd).toMatch(/^\[junos@2636\.1\.1\.1\.2\.\d+ epoch-time="\d+" message-type="SIG" source-address="10\.100\./);
    expect(sd).toContain('action="DROP"');
    expect(msg).toContain('SIG Attack log <10.100.');
    expect(srx).toBeDefined();
  });

  it('sends SNMPv2c traps (fgTrapIpsSignature, jnxSyslogTrap) from the device addresses', async () => {
    const fgt = lab.model.devices.find((d) => d.platform === 'fortios')!;
    await pollUntil('traps', () => traps.length, (n) => traps.some((t) => t.trapOid === '1.3.6.1.4.1.12356.101.2.0.503') && traps.some((t) => t.trapOid === '1.3.6.1.4.1.2636.4.12.0.1') && n > 0);
    const f = traps.find((t) => t.trapOid === '1.3.6.1.4.1.12356.101.2.0.503')!;
    expect(f.source).toBe(fgt.address);
    expect(f.varbinds.find((v) => v.oid === '1.3.6.1.4.1.12356.100.1.1.1.0')?.value).toBe(fgt.serial);
    expect(f.varbinds.find((v) => v.oid === '1.3.6.1.4.1.12356.101.9.3.2.0')?.value).toMatch(/^10\.100\./);
  });

  it('beaconing-host: one host reports to the same C2 at a fixed period', async () => {
    const beacon = lab.model.faults.beacon!;
    // 60 lab-seconds at timeScale 60: one beacon a second per emitter; wait for three.
    const seen = await pollUntil('beacons', () => lines().filter((l) => l.includes(`srcip=${beacon.host.ip} `) && l.includes(`dstip=${beacon.c2Address} `)), (l) => l.length >= 3);
    expect(seen.every((l) => l.includes('attack="Cobalt.Strike.Beacon"'))).toBe(true);
  });
});
