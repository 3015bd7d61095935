import { describe, expect, it } from 'vitest';
import {
  BerError,
  decodeOidContent,
  decodeResponse,
  encodeInt,
  encodeLength,
  encodeOidContent,
  encodeRequest,
  encodeResponse,
  PDU_GET,
  PDU_GET_BULK,
  PDU_GET_NEXT,
  peekRequestId,
} from '../../../electron/engine/snmp/ber-codec';
// An independent BER reader/writer (the hostile-agent test's), so the codec is not checked against itself.
import { parseRequest, response as independentResponse } from '../../integration/snmprec/hostile-agent';

const COMMUNITY = Buffer.from('public');
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** A Response with one varbind whose value is the raw TLV content given. */
const reply = (tag: number, content: Buffer, oid = '1.3.6.1.2.1.1.3.0'): Buffer =>
  encodeResponse({ version: 1, community: COMMUNITY, requestId: 77, errorStatus: 0, errorIndex: 0, varbinds: [{ oid, tag, content }] });

describe('BER request encoding (RFC 3416 PDUs, X.690)', () => {
  it('encodes a v2c GetRequest byte for byte as Net-SNMP does', () => {
    // Recorded: `snmpget -v2c -c public -d 127.0.0.1 1.3.6.1.2.1.1.5.0` (Net-SNMP 5.9) sent these bytes, request-id 0x725cd189.
    const b = encodeRequest({ version: 1, community: COMMUNITY, pduType: PDU_GET, requestId: 0x725cd189, oids: ['1.3.6.1.2.1.1.5.0'] });
    expect(b).toEqual(hex('3029 020101 0406 7075626c6963 a01c 0204725cd189 020100 020100 300e 300c 0608 2b06010201010500 0500'));
  });

  it('encodes GETBULK non-repeaters, max-repetitions and several varbinds as snmpbulkget does', () => {
    // Recorded: `snmpbulkget -v2c -c public -Cn0 -Cr25 -d … ifInOctets ifOutOctets`, request-id 0x6f3bb94b.
    const b = encodeRequest({ version: 1, community: COMMUNITY, pduType: PDU_GET_BULK, requestId: 0x6f3bb94b, nonRepeaters: 0, maxRepetitions: 25, oids: ['1.3.6.1.2.1.2.2.1.10', '.1.3.6.1.2.1.2.2.1.16'] });
    expect(b).toEqual(
      hex('3039 020101 0406 7075626c6963 a52c 02046f3bb94b 020100 020119 301e 300d 0609 2b060102010202010a 0500 300d 0609 2b0601020102020110 0500'),
    );
  });

  it('round-trips request-ids across the Integer32 range and long-form lengths', () => {
    for (const id of [0, 1, 127, 128, 255, 256, 32767, 32768, 0x7fffff, 0x800000, 0x7fffffff]) {
      const b = encodeRequest({ version: 0, community: COMMUNITY, pduType: PDU_GET_NEXT, requestId: id, oids: ['1.3.6.1'] });
      expect(parseRequest(b)).toMatchObject({ reqId: id, pduType: PDU_GET_NEXT, community: 'public', oids: ['1.3.6.1'] });
    }
    // 40 OIDs push the varbind list past 127 and past 255 bytes: 0x81 and 0x82 length forms
    const oids = Array.from({ length: 40 }, (_, i) => `1.3.6.1.4.1.2636.3.1.13.1.8.${i}.${i * 1000}`);
    const b = encodeRequest({ version: 1, community: COMMUNITY, pduType: PDU_GET, requestId: 9, oids });
    expect(b.length).toBeGreaterThan(256);
    expect(parseRequest(b).oids).toEqual(oids);
  });

  it('encodes lengths and integers minimally', () => {
    expect(encodeLength(5)).toEqual(hex('05'));
    expect(encodeLength(127)).toEqual(hex('7f'));
    expect(encodeLength(128)).toEqual(hex('8180'));
    expect(encodeLength(256)).toEqual(hex('820100'));
    expect(encodeLength(70000)).toEqual(hex('83011170'));
    expect(encodeInt(0)).toEqual(hex('020100'));
    expect(encodeInt(127)).toEqual(hex('02017f'));
    expect(encodeInt(128)).toEqual(hex('02020080'));
    expect(encodeInt(-1)).toEqual(hex('0201ff'));
    expect(encodeInt(-129)).toEqual(hex('0202ff7f'));
    expect(encodeInt(-0x80000000)).toEqual(hex('020480000000'));
    expect(() => encodeInt(0x80000000)).toThrow(BerError);
  });

  it('encodes OIDs per X.690 §8.19 and refuses invalid ones', () => {
    expect(encodeOidContent('1.3.6.1.4.1.2636')).toEqual(hex('2b06010401 944c'));
    expect(encodeOidContent('2.999.3')).toEqual(hex('883703'));
    expect(encodeOidContent('1.3.6.4294967295')).toEqual(hex('2b06 8fffffff7f'));
    for (const bad of ['', '1', '1.', '1..3', '1.3.x', '3.1', '1.40', '1.3.6.4294967296', '1.3.-1']) expect(() => encodeOidContent(bad), bad).toThrow(BerError);
    for (const oid of ['0.0', '1.3.6.1.2.1.1.1.0', '2.999.3', '1.3.6.1.4.1.9.9.48.1.1.1.5.1', '1.3.6.4294967295.128.16384.2097152']) {
      const c = encodeOidContent(oid);
      expect(decodeOidContent(c, 0, c.length)).toBe(oid);
    }
  });
});

describe('BER Response decoding', () => {
  it('decodes every SNMP varbind type into the engine Varbind shape (as varbind.ts documents it)', () => {
    const cases: Array<{ tag: number; content: Buffer; type: string; value: unknown }> = [
      { tag: 0x02, content: hex('7f'), type: 'Integer', value: 127 },
      { tag: 0x02, content: hex('ff'), type: 'Integer', value: -1 },
      { tag: 0x02, content: hex('80000000'), type: 'Integer', value: -0x80000000 },
      { tag: 0x02, content: hex('7fffffff'), type: 'Integer', value: 0x7fffffff },
      { tag: 0x04, content: Buffer.from('Linux rtr1'), type: 'OctetString', value: Buffer.from('Linux rtr1') },
      { tag: 0x04, content: Buffer.alloc(0), type: 'OctetString', value: Buffer.alloc(0) },
      { tag: 0x05, content: Buffer.alloc(0), type: 'Null', value: null },
      { tag: 0x06, content: encodeOidContent('1.3.6.1.4.1.8072.3.2.10'), type: 'OID', value: '1.3.6.1.4.1.8072.3.2.10' },
      { tag: 0x40, content: hex('c0a80001'), type: 'IpAddress', value: '192.168.0.1' },
      { tag: 0x41, content: hex('00ffffffff'), type: 'Counter', value: 4294967295 },
      { tag: 0x41, content: hex('ffffffff'), type: 'Counter', value: 4294967295 },
      { tag: 0x42, content: hex('00'), type: 'Gauge', value: 0 },
      { tag: 0x43, content: hex('0a3f'), type: 'TimeTicks', value: 2623 },
      { tag: 0x44, content: hex('9f780441200000'), type: 'Opaque', value: hex('9f780441200000') },
      { tag: 0x46, content: hex('00'), type: 'Counter64', value: 0n },
      { tag: 0x46, content: hex('01'), type: 'Counter64', value: 1n },
      { tag: 0x46, content: hex('00ffffffffffffffff'), type: 'Counter64', value: 18446744073709551615n },
      { tag: 0x46, content: hex('ffffffffffffffff'), type: 'Counter64', value: 18446744073709551615n },
      { tag: 0x46, content: hex('0100000000000000'), type: 'Counter64', value: 72057594037927936n },
      { tag: 0x46, content: hex('20000000000000'), type: 'Counter64', value: 2n ** 53n },
      { tag: 0x46, content: hex('20000000000001'), type: 'Counter64', value: 2n ** 53n + 1n },
      { tag: 0x46, content: hex('00ffffffffffff'), type: 'Counter64', value: 2n ** 48n - 1n },
      { tag: 0x80, content: Buffer.alloc(0), type: 'NoSuchObject', value: null },
      { tag: 0x81, content: Buffer.alloc(0), type: 'NoSuchInstance', value: null },
      { tag: 0x82, content: Buffer.alloc(0), type: 'EndOfMibView', value: null },
    ];
    for (const c of cases) {
      const buf = reply(c.tag, c.content);
      expect(decodeResponse(buf).varbinds[0], c.type).toEqual({ oid: '1.3.6.1.2.1.1.3.0', type: c.type, value: c.value });
    }
  });

  it('decodes replies written by an independent encoder', () => {
    const b = independentResponse('lab', 31337, [
      ['1.3.6.1.2.1.1.1.0', { tag: 'octets', value: Buffer.from('Cisco IOS XE') }],
      ['1.3.6.1.2.1.1.2.0', { tag: 'oid', value: '1.3.6.1.4.1.9.1.2494' }],
      ['1.3.6.1.2.1.2.1.0', { tag: 'int', value: 300 }],
      ['1.3.6.1.2.1.1.9.0', { tag: 'noSuchObject' }],
      ['1.3.6.1.2.1.1.10.0', { tag: 'endOfMibView' }],
    ]);
    const m = decodeResponse(b);
    expect(m.requestId).toBe(31337);
    expect(m.community.toString()).toBe('lab');
    expect(m.varbinds).toEqual([
      { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: Buffer.from('Cisco IOS XE') },
      { oid: '1.3.6.1.2.1.1.2.0', type: 'OID', value: '1.3.6.1.4.1.9.1.2494' },
      { oid: '1.3.6.1.2.1.2.1.0', type: 'Integer', value: 300 },
      { oid: '1.3.6.1.2.1.1.9.0', type: 'NoSuchObject', value: null },
      { oid: '1.3.6.1.2.1.1.10.0', type: 'EndOfMibView', value: null },
    ]);
  });

  it('reads the envelope: version, community, request-id, error status and index', () => {
    const b = encodeResponse({ version: 0, community: Buffer.from('x'), requestId: 0x7fffffff, errorStatus: 2, errorIndex: 3, varbinds: [] });
    expect(decodeResponse(b)).toMatchObject({ version: 0, requestId: 0x7fffffff, errorStatus: 2, errorIndex: 3, varbinds: [] });
    expect(decodeResponse(b).community.toString()).toBe('x');
    expect(peekRequestId(b)).toBe(0x7fffffff);
  });

  it('accepts long-form lengths, including non-minimal ones some agents send', () => {
    // message length written as 0x82 0x00 0x1c instead of 0x1c
    const short = reply(0x02, hex('05'));
    const long = Buffer.concat([hex('30 82'), Buffer.from([0, short[1] as number]), short.subarray(2)]);
    expect(decodeResponse(long).varbinds[0]?.value).toBe(5);
  });

  it('rejects every truncation of a valid reply with a BerError, never a RangeError or a crash', () => {
    const full = encodeResponse({
      version: 1,
      community: COMMUNITY,
      requestId: 4242,
      errorStatus: 0,
      errorIndex: 0,
      varbinds: [
        { oid: '1.3.6.1.2.1.31.1.1.1.6.1', tag: 0x46, content: hex('00ffffffffffffffff') },
        { oid: '1.3.6.1.2.1.1.1.0', tag: 0x04, content: Buffer.from('a'.repeat(300)) },
      ],
    });
    expect(decodeResponse(full).varbinds).toHaveLength(2);
    for (let n = 0; n < full.length; n++) expect(() => decodeResponse(full.subarray(0, n)), `first ${n} bytes`).toThrow(BerError);
  });

  it('rejects malformed encodings with a reason', () => {
    const bad: Array<[string, Buffer, RegExp]> = [
      ['4 GB SEQUENCE', hex('3084ffffffff 020101'), /claims/],
      ['indefinite length', hex('3080 020101 0000'), /indefinite/],
      ['5-byte length', hex('3085 0000000010'), /too long/],
      ['not a SEQUENCE', hex('0201 01'), /expected tag 0x30/],
      ['GetRequest instead of Response', encodeRequest({ version: 1, community: COMMUNITY, pduType: PDU_GET, requestId: 1, oids: ['1.3.6.1'] }), /Response PDU/],
      ['empty INTEGER value', reply(0x02, Buffer.alloc(0)), /empty INTEGER/],
      ['7-byte INTEGER', reply(0x02, hex('01000000000000')), /out of range/],
      ['IpAddress of 5 bytes', reply(0x40, hex('0102030405')), /not 4/],
      ['Counter32 of 6 bytes', reply(0x41, hex('010000000000')), /6 bytes/],
      ['Counter64 of 10 bytes', reply(0x46, hex('00010000000000000000')), /10 bytes/],
      ['Counter64 of 9 bytes not led by 0', reply(0x46, hex('010000000000000000')), /9 bytes/],
      ['OID value cut inside an arc', reply(0x06, hex('2b0681')), /sub-identifier/],
      ['OID arc beyond 2^32-1', reply(0x06, hex('2b 9080808000')), /out of range/],
      ['Null with content', reply(0x05, hex('00')), /has content/],
    ];
    for (const [what, buf, reason] of bad) {
      let err: unknown;
      try {
        decodeResponse(buf);
      } catch (e) {
        err = e;
      }
      expect(err, what).toBeInstanceOf(BerError);
      expect((err as Error).message, what).toMatch(reason);
    }
    // A varbind with bytes after its value, and an empty OID name
    const vb = hex('300a 0603 2b0601 0201 05 ffff');
    const wrap = (inner: Buffer): Buffer => {
      const list = Buffer.concat([hex('30'), encodeLength(inner.length), inner]);
      const pduBody = Buffer.concat([hex('020101 020100 020100'), list]);
      const pdu = Buffer.concat([hex('a2'), encodeLength(pduBody.length), pduBody]);
      const body = Buffer.concat([hex('020101 0401 78'), pdu]);
      return Buffer.concat([hex('30'), encodeLength(body.length), body]);
    };
    expect(() => decodeResponse(wrap(vb))).toThrow(/stray bytes/);
    expect(() => decodeResponse(wrap(hex('3004 0600 0500')))).toThrow(/empty OBJECT IDENTIFIER/);
  });

  it('never throws anything but a BerError on random or bit-flipped input', () => {
    let seed = 12345;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const base = reply(0x46, hex('00ffffffffffffffff'), '1.3.6.1.2.1.31.1.1.1.6.42');
    for (let i = 0; i < 5000; i++) {
      const b = Buffer.from(base);
      for (let k = 0; k < 1 + (i % 4); k++) b[rnd() % b.length] = rnd() & 0xff;
      const junk = Buffer.from(Array.from({ length: rnd() % 64 }, () => rnd() & 0xff));
      for (const input of [b, junk]) {
        try {
          decodeResponse(input);
        } catch (err) {
          expect(err).toBeInstanceOf(BerError);
        }
        expect(() => peekRequestId(input)).not.toThrow();
      }
    }
  });
});

describe('peekRequestId', () => {
  it('names the request of a reply cut short, so it can fail at once', () => {
    const full = reply(0x04, Buffer.from('cut here'));
    expect(peekRequestId(full.subarray(0, full.length - 5))).toBe(77);
    expect(peekRequestId(hex('3084ffffffff 020101 deadbeef'))).toBeUndefined();
  });
});
