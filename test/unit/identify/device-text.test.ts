import { describe, expect, it } from 'vitest';
import { decodeOctets, displayText, isMostlyPrintable, rawText, RAW_TEXT_CAP } from '../../../electron/engine/discovery/identify/device-text';
import { buildInterfaces, formatMac } from '../../../electron/engine/discovery/identify/interface-table';
import { entityRows, pickChassis } from '../../../electron/engine/discovery/identify/entity-chassis';
import { addressesByIfIndex } from '../../../electron/engine/discovery/identify/ip-addresses';

describe('device strings are data', () => {
  it('keeps markup as literal text', () => {
    const s = '<img src=x onerror=alert(1)>';
    expect(displayText(decodeOctets(Buffer.from(s)))).toBe(s);
  });
  it('strips ANSI sequences and control characters, folds line breaks', () => {
    expect(displayText('\u001b[31mRED\u001b[0m\u0007 line1\r\nline2\u0000')).toBe('RED line1 line2');
  });
  it('caps raw text at 4 KB and display text shorter', () => {
    const big = Buffer.alloc(1024 * 1024, 0x41);
    expect(decodeOctets(big)).toHaveLength(RAW_TEXT_CAP);
    expect(rawText('a'.repeat(10_000))).toHaveLength(RAW_TEXT_CAP);
    expect(displayText('b'.repeat(10_000))).toHaveLength(256);
  });
  it('falls back to Latin-1 for invalid UTF-8', () => {
    expect(decodeOctets(Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]))).toBe('München');
  });
  it('tells text from binary blobs', () => {
    expect(isMostlyPrintable(Buffer.from('GigabitEthernet1/0/1'))).toBe(true);
    expect(isMostlyPrintable(Buffer.from('434841535349530000000000', 'hex'))).toBe(false);
  });
});

const vb = (oid: string, type: string, value: string | number | Buffer | null) => ({ oid, type, value });

describe('IF-MIB rows', () => {
  it('joins columns by ifIndex and prefers ifHighSpeed over a saturated ifSpeed', () => {
    const ifs = buildInterfaces({
      descr: [vb('1.3.6.1.2.1.2.2.1.2.3', 'OctetString', Buffer.from('HundredGigE0/0/0/1'))],
      speed: [vb('1.3.6.1.2.1.2.2.1.5.3', 'Gauge', 4294967295)],
      highSpeed: [vb('1.3.6.1.2.1.31.1.1.1.15.3', 'Gauge', 100000)],
      physAddress: [vb('1.3.6.1.2.1.2.2.1.6.3', 'OctetString', Buffer.from('001b21aabbcc', 'hex'))],
      adminStatus: [vb('1.3.6.1.2.1.2.2.1.7.3', 'Integer', 1)],
      operStatus: [vb('1.3.6.1.2.1.2.2.1.8.3', 'Integer', 7)],
      name: [vb('1.3.6.1.2.1.31.1.1.1.1.3', 'OctetString', Buffer.from('Hu0/0/0/1'))],
      alias: [vb('1.3.6.1.2.1.31.1.1.1.18.3', 'OctetString', Buffer.from('<b>uplink</b>\u0007'))],
    });
    expect(ifs).toEqual([
      { ifIndex: 3, name: 'Hu0/0/0/1', descr: 'HundredGigE0/0/0/1', alias: '<b>uplink</b>', speedMbps: 100000, mac: '00:1b:21:aa:bb:cc', adminStatus: 'up', operStatus: 'lowerLayerDown' },
    ]);
  });
  it('computes Mbit/s from ifSpeed when ifHighSpeed is absent, and hides all-zero MACs', () => {
    const [itf] = buildInterfaces({ speed: [vb('1.3.6.1.2.1.2.2.1.5.1', 'Gauge', 100_000_000)], physAddress: [vb('1.3.6.1.2.1.2.2.1.6.1', 'OctetString', Buffer.alloc(6))] });
    expect(itf).toEqual({ ifIndex: 1, name: 'ifIndex 1', speedMbps: 100 });
    expect(formatMac(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('ENTITY-MIB chassis', () => {
  const e = (col: number, idx: number, type: string, value: string | number | Buffer) => vb(`1.3.6.1.2.1.47.1.1.1.1.${col}.${idx}`, type, typeof value === 'string' ? Buffer.from(value) : value);
  it('picks the first chassis, not the stack root, and drops binary descr', () => {
    const rows = entityRows([
      e(2, 1, 'OctetString', 'Catalyst C29xx Switch Stack'), e(4, 1, 'Integer', 0), e(5, 1, 'Integer', 11),
      e(2, 1001, 'OctetString', Buffer.from('0000ff00', 'hex')), e(4, 1001, 'Integer', 1), e(5, 1001, 'Integer', 3),
      e(11, 1001, 'OctetString', 'FCW1929B68S'), e(13, 1001, 'OctetString', 'WS-C2960X-48FPS-L'),
      e(5, 2001, 'Integer', 3), e(13, 2001, 'OctetString', 'WS-C2960X-24PS-L'),
    ]);
    expect(pickChassis(rows)).toEqual({ index: 1001, containedIn: 1, class: 3, serial: 'FCW1929B68S', modelName: 'WS-C2960X-48FPS-L' });
  });
});

describe('IP-MIB addresses', () => {
  it('reads ipAddrTable with masks and ipAddressTable IPv6 with prefix lengths', () => {
    const m = addressesByIfIndex({
      ipAdEntIfIndex: [vb('1.3.6.1.2.1.4.20.1.2.192.0.2.1', 'Integer', 5)],
      ipAdEntNetMask: [vb('1.3.6.1.2.1.4.20.1.3.192.0.2.1', 'IpAddress', '255.255.255.0')],
      ipAddressIfIndex: [
        vb('1.3.6.1.2.1.4.34.1.3.1.4.192.0.2.1', 'Integer', 5),
        vb('1.3.6.1.2.1.4.34.1.3.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1', 'Integer', 5),
      ],
      ipAddressPrefix: [vb('1.3.6.1.2.1.4.34.1.5.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1', 'OID', '1.3.6.1.2.1.4.32.1.5.5.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.0.64')],
    });
    expect(m.get(5)).toEqual(['192.0.2.1/24', '2001:db8::1/64']);
  });
});
