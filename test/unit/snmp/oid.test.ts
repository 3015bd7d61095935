import { describe, expect, it } from 'vitest';
import { compareOids, isUnder, isValidOid, oidSuffix } from '../../../electron/engine/snmp/oid';
import { bufferToBigint, fromNetSnmpVarbind } from '../../../electron/engine/snmp/varbind';

describe('OID order (RFC 3416 lexicographic by arc)', () => {
  it('compares arcs numerically, not as text', () => {
    expect(compareOids('1.3.6.1.2.1.2.2.1.2.10', '1.3.6.1.2.1.2.2.1.2.9')).toBeGreaterThan(0);
    expect(compareOids('1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.2.1')).toBeLessThan(0);
    expect(compareOids('1.3.6.1', '.1.3.6.1')).toBe(0);
  });
  it('knows subtrees and suffixes', () => {
    expect(isUnder('1.3.6.1.2.1.2.2.1.2.7', '1.3.6.1.2.1.2.2.1.2')).toBe(true);
    expect(isUnder('1.3.6.1.2.1.2.2.1.20', '1.3.6.1.2.1.2.2.1.2')).toBe(false);
    expect(isUnder('1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.2')).toBe(false);
    expect(oidSuffix('1.3.6.1.2.1.4.20.1.2.10.0.0.1', '1.3.6.1.2.1.4.20.1.2')).toBe('10.0.0.1');
  });
  it('validates', () => {
    expect(isValidOid('1.3.6.1')).toBe(true);
    expect(isValidOid('1.3.x')).toBe(false);
    expect(isValidOid('1')).toBe(false);
  });
});

describe('varbind conversion', () => {
  it('turns Counter64 bytes into a bigint, whatever their length', () => {
    expect(bufferToBigint(Buffer.from('00ffffffffffffffff', 'hex'))).toBe(2n ** 64n - 1n);
    expect(bufferToBigint(Buffer.from('0100', 'hex'))).toBe(256n);
    expect(fromNetSnmpVarbind({ oid: '1.3.6.1.2.1.31.1.1.1.6.1', type: 70, value: Buffer.from('0000000100000000', 'hex') })).toEqual({
      oid: '1.3.6.1.2.1.31.1.1.1.6.1',
      type: 'Counter64',
      value: 4294967296n,
    });
  });
  it('names exceptions and nulls their value', () => {
    expect(fromNetSnmpVarbind({ oid: '1.3.6.1.2.1.1.99.0', type: 129, value: null })).toEqual({ oid: '1.3.6.1.2.1.1.99.0', type: 'NoSuchInstance', value: null });
  });
});
