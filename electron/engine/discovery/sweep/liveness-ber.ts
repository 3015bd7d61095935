/**
 * Just enough BER (X.690) to send one SNMP GET per (target, community), or an SNMPv3 discovery request,
 * and to read back who answered to which request. Full SNMP stays with net-snmp; this is the liveness
 * pre-pass of a sweep, where one socket fires thousands of tiny requests like onesixtyone does.
 */

/** sysObjectID.0 (SNMPv2-MIB, RFC 3418): every agent has it, and it is short. */
const SYS_OBJECT_ID_0 = [0x2b, 6, 1, 2, 1, 1, 2, 0];

function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

function integer(value: number): Buffer {
  // Minimal two's complement for non-negative values up to 2^31-1.
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

const octets = (b: Buffer | string): Buffer => tlv(0x04, Buffer.isBuffer(b) ? b : Buffer.from(b, 'utf8'));
const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const NULL = Buffer.from([0x05, 0x00]);

/** RFC 1157 / RFC 3416 GetRequest-PDU for sysObjectID.0; version 0 = v1, 1 = v2c. */
export function encodeCommunityGet(version: 0 | 1, community: string, requestId: number): Buffer {
  const varbinds = sequence(sequence(tlv(0x06, Buffer.from(SYS_OBJECT_ID_0)), NULL));
  const pdu = tlv(0xa0, Buffer.concat([integer(requestId), integer(0), integer(0), varbinds]));
  return sequence(integer(version), octets(community), pdu);
}

/**
 * RFC 3414 §4 discovery: an SNMPv3 GET with no user and no engine ID, flagged reportable. Any SNMPv3
 * agent answers with a Report (usmStatsUnknownEngineIDs) that carries our msgID, proving it is alive.
 */
export function encodeV3Discovery(msgId: number): Buffer {
  const header = sequence(integer(msgId), integer(65507), octets(Buffer.from([0x04])), integer(3));
  const usm = octets(sequence(octets(''), integer(0), integer(0), octets(''), octets(''), octets('')));
  const pdu = tlv(0xa0, Buffer.concat([integer(msgId), integer(0), integer(0), sequence()]));
  const scoped = sequence(octets(''), octets(''), pdu);
  return sequence(integer(3), header, usm, scoped);
}

interface Cursor {
  buf: Buffer;
  at: number;
}

function readHeader(c: Cursor): { tag: number; start: number; end: number } | undefined {
  const tag = c.buf[c.at];
  let lenByte = c.buf[c.at + 1];
  if (tag === undefined || lenByte === undefined) return undefined;
  let at = c.at + 2;
  let len = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n < 1 || n > 3) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) {
      lenByte = c.buf[at++];
      if (lenByte === undefined) return undefined;
      len = len * 256 + lenByte;
    }
  }
  if (at + len > c.buf.length) return undefined;
  return { tag, start: at, end: at + len };
}

function readInteger(c: Cursor): number | undefined {
  const h = readHeader(c);
  if (!h || h.tag !== 0x02 || h.end - h.start > 5 || h.end === h.start) return undefined;
  let v = 0;
  for (let i = h.start; i < h.end; i++) v = v * 256 + (c.buf[i] ?? 0);
  c.at = h.end;
  return v;
}

function enter(c: Cursor, tags: number[]): boolean {
  const h = readHeader(c);
  if (!h || !tags.includes(h.tag)) return false;
  c.at = h.start;
  return true;
}

function skip(c: Cursor): boolean {
  const h = readHeader(c);
  if (!h) return false;
  c.at = h.end;
  return true;
}

/**
 * The id our request carried, read back from a reply: request-id for v1/v2c (any PDU type, so error
 * replies count as alive too), msgID for v3. Undefined for anything that is not well-formed enough.
 */
export function replyId(buf: Buffer): { version: number; id: number } | undefined {
  const c: Cursor = { buf, at: 0 };
  if (!enter(c, [0x30])) return undefined;
  const version = readInteger(c);
  if (version === undefined) return undefined;
  if (version === 0 || version === 1) {
    if (!skip(c)) return undefined; // community
    if (!enter(c, [0xa2, 0xa8, 0xa0, 0xa3])) return undefined;
    const id = readInteger(c);
    return id === undefined ? undefined : { version, id };
  }
  if (version === 3) {
    if (!enter(c, [0x30])) return undefined;
    const id = readInteger(c);
    return id === undefined ? undefined : { version, id };
  }
  return undefined;
}

/** Request ids in this range always encode as exactly four content octets (X.690 §8.3.2 minimal form). */
export const TEMPLATE_ID_MIN = 0x01000000;
export const TEMPLATE_ID_MAX = 0x7fffffff;

/**
 * A request built once and stamped with a fresh id per send: a sweep sends tens of thousands of them, and
 * re-encoding each costs more than the send. Returns the packet and the offsets of the id's four octets.
 */
export function packetTemplate(build: (id: number) => Buffer): { packet: Buffer; stamp: (id: number) => Buffer } {
  const probeA = build(0x01020304);
  const probeB = build(0x05060708);
  const offsets: number[] = [];
  for (let i = 0; i + 3 < probeA.length; i++) {
    if (probeA[i] === 1 && probeA[i + 1] === 2 && probeA[i + 2] === 3 && probeA[i + 3] === 4 && probeB[i] === 5) offsets.push(i);
  }
  return {
    packet: probeA,
    stamp: (id) => {
      const out = Buffer.from(probeA);
      for (const at of offsets) out.writeUInt32BE(id, at);
      return out;
    },
  };
}
