import { describe, expect, it } from 'vitest';
import type { StoredInsight } from '../../../shared/api/threats';
import { toCef, toElasticBulk, toHecBatch } from '../../../electron/engine/threats/forwarders/formats';
import { syslogAddress } from '../../../electron/engine/threats/forwarders/targets';
import { parseMessage } from '../../../electron/engine/threats/parsers';

const insight: StoredInsight = {
  seq: 7,
  id: 'abc-123',
  time: '2026-01-15T12:00:00.000Z',
  deviceAddress: '192.0.2.1',
  severity: 'high',
  severityId: 4,
  confidence: 80,
  category: 'brute-force',
  signature: 'SSH | brute = force \\ test',
  signatureId: '1:2:3',
  srcIp: '203.0.113.5',
  srcPort: 40000,
  dstIp: '192.0.2.22',
  dstPort: 22,
  protocol: 'tcp',
  technique: 'T1110.001',
  action: 'dropped',
  format: 'iosxe-utd',
  raw: 'line one\nline=two',
  count: 3,
  firstSeen: '2026-01-15T12:00:00.000Z',
  lastSeen: '2026-01-15T12:00:09.000Z',
  correlationId: null,
};

describe('SIEM formats', () => {
  it('writes CEF that a CEF reader gets the same fields back from (escaping included)', () => {
    const cef = toCef(insight);
    expect(cef).not.toContain('\n');
    const back = parseMessage(cef).detection;
    expect(back).toMatchObject({
      format: 'cef',
      signature: 'SSH | brute = force \\ test',
      signatureId: '1:2:3',
      severity: 'high',
      srcIp: '203.0.113.5',
      srcPort: 40000,
      dstIp: '192.0.2.22',
      dstPort: 22,
      action: 'dropped',
      technique: 'T1110.001',
      confidence: 80,
      time: '2026-01-15T12:00:00.000Z',
    });
  });

  it('writes HEC events with the insight id as an indexed field', () => {
    const lines = toHecBatch([insight, { ...insight, id: 'def' }], 'sec').split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ time: 1768478400, host: '192.0.2.1', index: 'sec', sourcetype: 'routewise:insight', fields: { insight_id: 'abc-123' } });
    expect((lines[0]?.event as Record<string, unknown>).seq).toBeUndefined();
  });

  it('writes Elastic bulk "create" actions keyed by insight id', () => {
    const ndjson = toElasticBulk([insight], 'idx');
    const [action, doc, rest] = ndjson.split('\n');
    expect(JSON.parse(action ?? '')).toEqual({ create: { _index: 'idx', _id: 'abc-123' } });
    expect(JSON.parse(doc ?? '')).toMatchObject({ '@timestamp': insight.time, id: 'abc-123', technique: 'T1110.001' });
    expect(rest).toBe('');
  });

  it('reads CEF target addresses', () => {
    expect(syslogAddress('127.0.0.1:5514')).toEqual({ host: '127.0.0.1', port: 5514, secure: false });
    expect(syslogAddress('tls://[::1]:6514')).toEqual({ host: '::1', port: 6514, secure: true });
    expect(() => syslogAddress('http://x:1')).toThrow();
  });
});

describe('forward target keys', () => {
  it('never keep URL credentials in the cursor name', async () => {
    const { targetKey } = await import('../../../electron/engine/threats/forwarders/forwarder-registry');
    expect(targetKey('elastic', 'https://elastic:s3cret@127.0.0.1:9200/')).toBe('elastic:https://127.0.0.1:9200/');
    expect(targetKey('cef', '127.0.0.1:5514')).toBe('cef:127.0.0.1:5514');
  });
});
