import dgram from 'node:dgram';
import type { LabDevice, LabHost } from './lab-model-types';
import type { LabContext, LabService, LabServiceFactory } from './lab-runner';
import { snmp } from './net-snmp-boundary';
import { seededRandom, type SeededRandom } from './seeded-random';
import { emitsDetections } from './topology-model';

export interface Detection {
  readonly signature: string;
  readonly signatureId: number;
  readonly severity: 'critical' | 'high' | 'medium';
  readonly srcIp: string;
  readonly srcPort: number;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly at: Date;
}

/** Destinations are TEST-NET addresses (RFC 5737) that only ever appear inside the log text. */
const SIGNATURES = [
  { fortinet: 'Cobalt.Strike.Beacon', junos: 'HTTP:TROJAN:COBALT-STRIKE-BEACON', id: 48864, severity: 'critical' },
  { fortinet: 'Apache.Log4j.Error.Log.Remote.Code.Execution', junos: 'HTTP:MISC:LOG4J-JNDI-RCE', id: 51006, severity: 'critical' },
  { fortinet: 'MS.SMB.Server.SMB1.Trans2.Secondary.Handling.Code.Execution', junos: 'SMB:EXPLOIT:MS17-010-RCE', id: 43796, severity: 'high' },
  { fortinet: 'Mirai.Botnet', junos: 'TROJAN:MIRAI-BOTNET-ACTIVITY', id: 44019, severity: 'high' },
  { fortinet: 'SSH.Connection.Brute.Force', junos: 'SSH:BRUTE-LOGIN', id: 16060, severity: 'medium' },
] as const;
const TEST_NETS = ['198.51.100', '203.0.113'] as const;

function syslogTime(d: Date): string {
  return d.toISOString();
}

/** FortiGate IPS log as key=value (FortiOS Log Message Reference, logid 0419016384 "attack"), in RFC 5424. */
export function fortigateIpsSyslog(dev: LabDevice, hostname: string, det: Detection): string {
  // Facility local7 (23), severity alert (1): PRI = 23 * 8 + 1 (RFC 5424 §6.2.1).
  const date = det.at.toISOString();
  const kv = [
    `date=${date.slice(0, 10)}`, `time=${date.slice(11, 19)}`, `devname="${hostname}"`, `devid="${dev.serial}"`,
    `eventtime=${det.at.getTime()}000000`, 'tz="+0000"', 'logid="0419016384"', 'type="utm"', 'subtype="ips"', 'eventtype="signature"',
    'level="alert"', 'vd="root"', `severity="${det.severity}"`, `srcip=${det.srcIp}`, `srcport=${det.srcPort}`, 'srcintf="port3"', 'srcintfrole="lan"',
    `dstip=${det.dstIp}`, `dstport=${det.dstPort}`, 'dstintf="port1"', 'dstintfrole="wan"', 'proto=6', 'service="HTTPS"', 'policyid=1',
    'action="dropped"', 'direction="outgoing"', `attack="${SIG_NAME.get(det.signatureId)?.fortinet ?? det.signature}"`, `attackid=${det.signatureId}`,
    'profile="default"', `ref="http://www.fortinet.com/ids/VID${det.signatureId}"`, `msg="${det.signature}"`, 'crscore=50', 'crlevel="critical"',
  ];
  return `<185>1 ${syslogTime(det.at)} ${hostname} - - - - ${kv.join(' ')}`;
}

/** The RT_IDP IDP_ATTACK_LOG_EVENT attributes (Junos System Log Messages Reference), in the device's order. */
function junosIdpAttributes(det: Detection): Array<readonly [string, string]> {
  return [
    ['epoch-time', String(Math.floor(det.at.getTime() / 1000))], ['message-type', 'SIG'], ['source-address', det.srcIp],
    ['source-port', String(det.srcPort)], ['destination-address', det.dstIp], ['destination-port', String(det.dstPort)],
    ['protocol-name', 'TCP'], ['service-name', 'SERVICE_IDP'], ['application-name', 'HTTPS'], ['rule-name', '1'],
    ['rulebase-name', 'IPS'], ['policy-name', 'Recommended'], ['repeat-count', '0'], ['action', 'DROP'],
    ['threat-severity', det.severity.toUpperCase()], ['attack-name', SIG_NAME.get(det.signatureId)?.junos ?? det.signature],
    ['source-zone-name', 'trust'], ['destination-zone-name', 'untrust'], ['alert', 'no'],
  ];
}

/** The human-readable IDP text Junos puts after the structured data (and into jnxSyslogMessage). */
function junosIdpText(det: Detection): string {
  const attrs = new Map(junosIdpAttributes(det));
  return `IDP: at ${attrs.get('epoch-time')}, SIG Attack log <${det.srcIp}/${det.srcPort}->${det.dstIp}/${det.dstPort}> for TCP protocol and service SERVICE_IDP application HTTPS by rule 1 of rulebase IPS in policy Recommended. attack: repeat=0, action=DROP, threat-severity=${attrs.get('threat-severity')}, name=${attrs.get('attack-name')}`;
}

/** Junos RT_IDP structured syslog (IDP_ATTACK_LOG_EVENT) in RFC 5424 with the junos@2636 SD-ID. */
export function junosIdpSyslog(dev: LabDevice, hostname: string, det: Detection): string {
  const sd = junosIdpAttributes(det).map(([k, v]) => `${k}="${v}"`).join(' ');
  // daemon (3) * 8 + warning (4) = 28.
  return `<28>1 ${syslogTime(det.at)} ${hostname} RT_IDP - IDP_ATTACK_LOG_EVENT [junos@${dev.spec.sysObjectID.replace(/^1\.3\.6\.1\.4\.1\./, '')} ${sd}] ${junosIdpText(det)}`;
}

const SIG_NAME = new Map<number, (typeof SIGNATURES)[number]>(SIGNATURES.map((s) => [s.id, s]));

export function randomDetection(rnd: SeededRandom, hosts: readonly LabHost[], at: Date): Detection {
  const sig = rnd.pick(SIGNATURES);
  const host = hosts.length ? rnd.pick(hosts) : { ip: '10.100.0.10' };
  return {
    signature: sig.fortinet, signatureId: sig.id, severity: sig.severity,
    srcIp: host.ip, srcPort: rnd.int(32768, 60999),
    dstIp: `${rnd.pick(TEST_NETS)}.${rnd.int(1, 254)}`, dstPort: rnd.pick([443, 80, 445, 22]), at,
  };
}

/** FORTINET-FORTIGATE-MIB fgTrapIpsSignature and JUNIPER-SYSLOG-MIB jnxSyslogTrap varbinds. */
export function trapFor(dev: LabDevice, hostname: string, det: Detection): { oid: string; varbinds: Array<{ oid: string; type: number; value: unknown }> } {
  const T = snmp.ObjectType;
  if (dev.platform === 'fortios') {
    return {
      oid: '1.3.6.1.4.1.12356.101.2.0.503',
      varbinds: [
        { oid: '1.3.6.1.4.1.12356.100.1.1.1.0', type: T.OctetString, value: dev.serial },
        { oid: '1.3.6.1.2.1.1.5.0', type: T.OctetString, value: hostname },
        { oid: '1.3.6.1.4.1.12356.101.9.3.1.0', type: T.Integer, value: det.signatureId },
        { oid: '1.3.6.1.4.1.12356.101.9.3.2.0', type: T.IpAddress, value: det.srcIp },
        { oid: '1.3.6.1.4.1.12356.101.9.3.3.0', type: T.OctetString, value: det.signature },
      ],
    };
  }
  // JUNIPER-SYSLOG-MIB: one jnxSyslogTable row (jnxSyslogId 1) and its jnxSyslogAvTable pairs.
  const pairs = junosIdpAttributes(det).flatMap(([attribute, value], i) => [
    { oid: `1.3.6.1.4.1.2636.3.35.1.2.1.2.1.${i + 1}`, type: T.OctetString, value: attribute },
    { oid: `1.3.6.1.4.1.2636.3.35.1.2.1.3.1.${i + 1}`, type: T.OctetString, value },
  ]);
  return {
    oid: '1.3.6.1.4.1.2636.4.12.0.1',
    varbinds: [
      { oid: '1.3.6.1.4.1.2636.3.35.1.1.1.2.1', type: T.OctetString, value: 'IDP_ATTACK_LOG_EVENT' },
      { oid: '1.3.6.1.4.1.2636.3.35.1.1.1.4.1', type: T.Integer, value: 4 },
      { oid: '1.3.6.1.4.1.2636.3.35.1.1.1.7.1', type: T.OctetString, value: 'RT_IDP' },
      { oid: '1.3.6.1.4.1.2636.3.35.1.1.1.8.1', type: T.OctetString, value: hostname },
      { oid: '1.3.6.1.4.1.2636.3.35.1.1.1.9.1', type: T.OctetString, value: junosIdpText(det) },
      ...pairs,
    ],
  };
}

interface TrapSession {
  trap(oid: string, varbinds: unknown[], cb: (err: Error | null) => void): void;
  close(): void;
  on(event: 'error', fn: (err: Error) => void): void;
}

/**
 * AI-capable lab firewalls/routers that have an IPS (FortiOS, Junos) report detections to the collector:
 * RFC 5424 syslog over UDP and an SNMPv2c trap each, sent from the device's own address. The
 * beaconing-host scenario adds a detection from one host every period, always to the same C2.
 */
export function threatService(): LabServiceFactory {
  return {
    name: 'threats',
    async start(lab: LabContext): Promise<LabService> {
      const collector = lab.options.collector;
      if (!collector || lab.options.threatsPerMin <= 0) return { close: async () => {} };
      const [host, portText] = collector.split(':');
      const port = Number(portText);
      const [trapHost, trapPortText] = (lab.options.trapCollector ?? collector).split(':');
      const emitters = lab.model.devices.filter(emitsDetections);
      const timers: NodeJS.Timeout[] = [];
      const closers: Array<() => void> = [];
      const rnd = seededRandom(lab.model.seed ^ 0x5eed);
      for (const dev of emitters) {
        const rt = lab.runtimes.get(dev.id)!;
        const socket = dgram.createSocket('udp4');
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(0, dev.address, () => resolve());
        });
        socket.on('error', (err) => lab.log(`threats ${dev.id}: ${err.message}`));
        const session = snmp.createSession(trapHost, lab.model.credentials.snmpV2cCommunity, {
          version: snmp.Version2c, trapPort: Number(trapPortText), sourceAddress: dev.address,
        }) as unknown as TrapSession;
        session.on('error', (err) => lab.log(`threats ${dev.id}: ${err.message}`));
        closers.push(() => socket.close(), () => session.close());
        const emit = (det: Detection) => {
          if (rt.dark) return;
          const hostname = rt.identity.hostname;
          const line = dev.platform === 'fortios' ? fortigateIpsSyslog(dev, hostname, det) : junosIdpSyslog(dev, hostname, det);
          socket.send(Buffer.from(line), port, host);
          const trap = trapFor(dev, hostname, det);
          session.trap(trap.oid, trap.varbinds, (err) => err && lab.log(`threats ${dev.id}: trap: ${err.message}`));
        };
        timers.push(setInterval(() => emit(randomDetection(rnd, lab.model.hosts, new Date())), 60_000 / lab.options.threatsPerMin));
        const beacon = lab.model.faults.beacon;
        if (beacon) {
          timers.push(
            setInterval(() => {
              emit({ signature: 'Cobalt.Strike.Beacon', signatureId: 48864, severity: 'critical', srcIp: beacon.host.ip, srcPort: 49152, dstIp: beacon.c2Address, dstPort: beacon.c2Port, at: new Date() });
            }, (beacon.periodSec * 1000) / lab.options.timeScale),
          );
        }
      }
      return {
        close: async () => {
          for (const t of timers) clearInterval(t);
          for (const c of closers) {
            try {
              c();
            } catch {
              // already closed
            }
          }
        },
      };
    },
  };
}
