import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { trapToDetection } from '../../../electron/engine/threats/receivers/trap-receiver';

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
