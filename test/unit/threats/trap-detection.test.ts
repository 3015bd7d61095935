import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { junosIdpSyslog, randomDetection, trapFor } from '../../../electron/engine/lab/threat-emitter';
import { seededRandom } from '../../../electron/engine/lab/seeded-random';
import { buildLabModel, emitsDetections } from '../../../electron/engine/lab/topology-model';
import { parseMessage } from '../../../electron/engine/threats/parsers';
import { trapToDetection } from '../../../electron/engine/threats/receivers/trap-receiver';

type TrapNotification = Parameters<typeof trapToDetection>[0];

const rinfo = { address: '192.0.2.1', port: 50000 };

describe('SNMP trap → detection', () => {
  it('names SNMPv2 traps by snmpTrapOID.0 and keeps every varbind in the raw text', () => {
    const { detection, text } = trapToDetection({
      rinfo,
      pdu: {
        type: 167,
        varbinds: [
          { oid: '1.3.6.1.2.1.1.3.0', type: snmp.ObjectType.TimeTicks, value: 1234 },
          { oid: '1.3.6.1.6.3.1.1.4.1.0', type: snmp.ObjectType.OID, value: '1.3.6.1.4.1.12356.101.2.0.504' },
          { oid: '1.3.6.1.4.1.12356.101.9.3.1.0', type: snmp.ObjectType.OctetString, value: Buffer.from('tcp_syn_flood') },
          { oid: '1.3.6.1.4.1.12356.101.9.3.2.0', type: snmp.ObjectType.IpAddress, value: '198.51.100.23' },
          { oid: '1.3.6.1.4.1.9999.1', type: snmp.ObjectType.OctetString, value: Buffer.from([0x00, 0xff, 0x10]) },
        ],
      },
    });
    expect(detection).toMatchObject({
      format: 'snmp-trap',
      signature: 'fgTrapIpsAnomaly: tcp_syn_flood',
      signatureId: '1.3.6.1.4.1.12356.101.2.0.504',
      category: 'denial-of-service',
      srcIp: '198.51.100.23',
      action: 'alerted',
    });
    expect(text).toContain('1.3.6.1.4.1.9999.1 = 0x00ff10');
    expect(text).not.toContain('1.3.6.1.2.1.1.3.0');
  });

  it('maps SNMPv1 generic traps (RFC 1157) onto the SNMPv2 notification names', () => {
    const { detection } = trapToDetection({
      rinfo,
      pdu: { type: 164, enterprise: '1.3.6.1.4.1.8072.3.2.10', genericTrap: 4, specificTrap: 0, varbinds: [] },
    });
    expect(detection).toMatchObject({ signature: 'authenticationFailure', category: 'brute-force', severity: 'medium' });
    const { detection: linkDown } = trapToDetection({
      rinfo,
      pdu: { type: 164, enterprise: '1.3.6.1.4.1.8072.3.2.10', genericTrap: 2, specificTrap: 0, varbinds: [] },
    });
    expect(linkDown).toMatchObject({ signature: 'linkDown', category: 'anomaly', severity: 'informational' });
  });
});

describe('JUNIPER-SYSLOG-MIB jnxSyslogTrap → the same detection as the syslog line', () => {
  const model = buildLabModel({ devices: 12, base: '127.0.0.0', seed: 1, scenario: 'none', snmpPort: 16161, sshPort: 2222 });
  const srx = model.devices.find((d) => d.platform === 'junos' && emitsDetections(d));
  const det = randomDetection(seededRandom(7), model.hosts, new Date('2026-11-25T12:00:00Z'));

  /** What net-snmp's receiver hands over: strings as Buffers. */
  function received(varbinds: Array<{ oid: string; type: number; value: unknown }>): TrapNotification['pdu']['varbinds'] {
    return varbinds.map((v) => ({ ...v, value: typeof v.value === 'string' ? Buffer.from(v.value) : v.value }));
  }

  it('reads the attribute-value pairs the lab SRX sends, agreeing with the parsed syslog line', () => {
    expect(srx, 'the lab has a Junos device that emits detections').toBeDefined();
    const trap = trapFor(srx!, 'edge-srx', det);
    const { detection } = trapToDetection({
      rinfo,
      pdu: { type: 167, varbinds: [{ oid: '1.3.6.1.6.3.1.1.4.1.0', type: snmp.ObjectType.OID, value: trap.oid }, ...received(trap.varbinds)] },
    });
    const fromSyslog = parseMessage(junosIdpSyslog(srx!, 'edge-srx', det)).detection;
    expect(fromSyslog?.format).toBe('junos-idp');
    expect(detection.format).toBe('snmp-trap');
    for (const field of ['signature', 'severity', 'category', 'srcIp', 'srcPort', 'dstIp', 'dstPort', 'protocol', 'action', 'time', 'deviceName'] as const) {
      expect(detection[field], field).toEqual(fromSyslog?.[field]);
    }
    expect(detection.srcIp).toBe(det.srcIp);
    expect(detection.dstPort).toBe(det.dstPort);
  });

  it('falls back to the message text when the device sends no pairs, and keeps hostile attribute names as data', () => {
    const trap = trapFor(srx!, 'edge-srx', det);
    const withoutPairs = trap.varbinds.filter((v) => !v.oid.startsWith('1.3.6.1.4.1.2636.3.35.1.2.'));
    const hostile = [
      { oid: '1.3.6.1.4.1.2636.3.35.1.2.1.2.1.90', type: snmp.ObjectType.OctetString, value: '__proto__' },
      { oid: '1.3.6.1.4.1.2636.3.35.1.2.1.3.1.90', type: snmp.ObjectType.OctetString, value: 'polluted' },
    ];
    const { detection } = trapToDetection({
      rinfo,
      pdu: { type: 167, varbinds: [{ oid: '1.3.6.1.6.3.1.1.4.1.0', type: snmp.ObjectType.OID, value: trap.oid }, ...received([...withoutPairs, ...hostile])] },
    });
    expect(detection).toMatchObject({ format: 'snmp-trap', srcIp: det.srcIp, srcPort: det.srcPort, dstIp: det.dstIp, action: 'dropped', severity: det.severity });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
