import { describe, expect, it } from 'vitest';
import { encodeCommunityGet, encodeV3Discovery, packetTemplate, replyId } from '../../../electron/engine/discovery/sweep/liveness-ber';

describe('liveness BER', () => {
  it('reads back the request id of a v1/v2c GET, short and long length forms', () => {
    expect(replyId(encodeCommunityGet(1, 'public', 12345))).toEqual({ version: 1, id: 12345 });
    expect(replyId(encodeCommunityGet(0, 'x'.repeat(200), 0x7ffffffe))).toEqual({ version: 0, id: 0x7ffffffe });
    expect(replyId(encodeCommunityGet(1, 'y'.repeat(300), 128))).toEqual({ version: 1, id: 128 });
  });

  it('encodes a GET for sysObjectID.0 exactly as RFC 3416 lays it out', () => {
    // 30 len | 02 01 01 (v2c) | 04 06 "public" | a0 len | 02 01 07 (id) | 02 01 00 | 02 01 00 | 30 0e 30 0c 06 08 2b06010201010200 05 00
    expect(encodeCommunityGet(1, 'public', 7).toString('hex')).toBe(
      '302602010104067075626c6963a019020107020100020100300e300c06082b060102010102000500',
    );
  });

  it('reads back the msgID of a v3 discovery request', () => {
    const packet = encodeV3Discovery(4242);
    expect(replyId(packet)).toEqual({ version: 3, id: 4242 });
    expect(packet[0]).toBe(0x30);
  });

  it('stamps ids into a prebuilt packet exactly as encoding it afresh would', () => {
    const v2 = packetTemplate((id) => encodeCommunityGet(1, 'public', id));
    const v3 = packetTemplate(encodeV3Discovery);
    for (const id of [0x01000000, 0x12345678, 0x7fffffff]) {
      expect(v2.stamp(id).equals(encodeCommunityGet(1, 'public', id))).toBe(true);
      expect(v3.stamp(id).equals(encodeV3Discovery(id))).toBe(true);
    }
  });

  it.each([
    ['empty', ''],
    ['not a sequence', '0201ff'],
    ['truncated length', '3084ffffffff0201'],
    ['version 2', '300302010202'],
    ['length past the end', '30ff020101'],
  ])('returns undefined for %s', (_why, hex) => {
    expect(replyId(Buffer.from(hex, 'hex'))).toBeUndefined();
  });
});
