import type { Varbind } from './varbind';

/**
 * The SNMP v1/v2c message subset of BER (X.690 §8) the hot path needs: GetRequest, GetNextRequest and
 * GetBulkRequest out, Response in (RFC 3416 §3, RFC 1157 §4). Replies decode straight into the engine's
 * Varbind shape (dotted OID strings, Counter64 as bigint, IpAddress as dotted quad, OCTET STRING as a
 * zero-copy Buffer view). Anything malformed throws a BerError; callers catch it — it never escapes a
 * socket handler. SNMPv3, traps and the lab agent stay on net-snmp.
 */
export class BerError extends Error {
  override readonly name = 'BerError';
}

export const PDU_GET = 0xa0;
export const PDU_GET_NEXT = 0xa1;
export const PDU_RESPONSE = 0xa2;
export const PDU_GET_BULK = 0xa5;

export type RequestPduType = typeof PDU_GET | typeof PDU_GET_NEXT | typeof PDU_GET_BULK;

/** msgVersion on the wire: 0 = SNMPv1, 1 = SNMPv2c. */
export type WireVersion = 0 | 1;

export interface RequestMessage {
  version: WireVersion;
  community: Buffer;
  pduType: RequestPduType;
  requestId: number;
  /** GETBULK non-repeaters (RFC 3416 §4.2.3); 0 for GET/GETNEXT. */
  nonRepeaters?: number;
  /** GETBULK max-repetitions; 0 for GET/GETNEXT. */
  maxRepetitions?: number;
  oids: readonly string[];
}

export interface ResponseMessage {
  version: number;
  community: Buffer;
  requestId: number;
  errorStatus: number;
  errorIndex: number;
  varbinds: Varbind[];
}

// Tag → the type names net-snmp uses (varbind.ts), so callers see the same Varbind whichever client read it.
const TYPE_NAMES: Record<number, string> = {
  0x01: 'Boolean',
  0x02: 'Integer',
  0x03: 'BitString',
  0x04: 'OctetString',
  0x05: 'Null',
  0x06: 'OID',
  0x40: 'IpAddress',
  0x41: 'Counter',
  0x42: 'Gauge',
  0x43: 'TimeTicks',
  0x44: 'Opaque',
  0x46: 'Counter64',
  0x80: 'NoSuchObject',
  0x81: 'NoSuchInstance',
  0x82: 'EndOfMibView',
};

// ---------------------------------------------------------------- encode

/**
 * Encode one request message into a single buffer (lengths computed first, then written once: a walk
 * sends thousands of these). OIDs must be valid dotted strings; anything else throws a BerError.
 */
export function encodeRequest(msg: RequestMessage): Buffer {
  const names = msg.oids.map(encodeOidContent);
  let listLen = 0;
  const vbLens: number[] = [];
  for (const name of names) {
    const vbLen = tlvLen(name.length) + 2; // name TLV + NULL TLV (05 00)
    vbLens.push(vbLen);
    listLen += tlvLen(vbLen);
  }
  const pduLen = intTlvLen(msg.requestId) + intTlvLen(msg.nonRepeaters ?? 0) + intTlvLen(msg.maxRepetitions ?? 0) + tlvLen(listLen);
  const msgLen = intTlvLen(msg.version) + tlvLen(msg.community.length) + tlvLen(pduLen);
  const out = Buffer.allocUnsafe(tlvLen(msgLen));
  let p = writeHeader(out, 0, 0x30, msgLen);
  p = writeInt(out, p, msg.version);
  p = writeHeader(out, p, 0x04, msg.community.length);
  p += msg.community.copy(out, p);
  p = writeHeader(out, p, msg.pduType, pduLen);
  p = writeInt(out, p, msg.requestId);
  p = writeInt(out, p, msg.nonRepeaters ?? 0);
  p = writeInt(out, p, msg.maxRepetitions ?? 0);
  p = writeHeader(out, p, 0x30, listLen);
  names.forEach((name, i) => {
    p = writeHeader(out, p, 0x30, vbLens[i] as number);
    p = writeHeader(out, p, 0x06, name.length);
    p += name.copy(out, p);
    out[p++] = 0x05;
    out[p++] = 0x00;
  });
  return out;
}

function lengthLen(n: number): number {
  return n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x1000000 ? 4 : 5;
}

function tlvLen(contentLen: number): number {
  return 1 + lengthLen(contentLen) + contentLen;
}

function writeHeader(out: Buffer, p: number, tag: number, len: number): number {
  out[p++] = tag;
  if (len < 0x80) {
    out[p++] = len;
    return p;
  }
  const n = lengthLen(len) - 1;
  out[p++] = 0x80 | n;
  for (let i = n - 1; i >= 0; i--) out[p++] = Math.floor(len / 2 ** (8 * i)) & 0xff;
  return p;
}

/** Content bytes of a two's-complement INTEGER, minimal (X.690 §8.3.2); SNMP's are 32-bit. */
function intContentLen(v: number): number {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new BerError(`cannot encode ${v} as an Integer32`);
  return v >= -0x80 && v < 0x80 ? 1 : v >= -0x8000 && v < 0x8000 ? 2 : v >= -0x800000 && v < 0x800000 ? 3 : 4;
}

function intTlvLen(v: number): number {
  return 2 + intContentLen(v);
}

function writeInt(out: Buffer, p: number, v: number): number {
  const n = intContentLen(v);
  out[p++] = 0x02;
  out[p++] = n;
  for (let i = n - 1; i >= 0; i--) out[p++] = (v >> (8 * i)) & 0xff;
  return p;
}

export function encodeLength(n: number): Buffer {
  const out = Buffer.allocUnsafe(1 + lengthLen(n));
  writeHeader(out, 0, 0, n);
  return out.subarray(1);
}

/** Two's-complement INTEGER TLV (X.690 §8.3), Integer32 range. */
export function encodeInt(value: number): Buffer {
  const out = Buffer.allocUnsafe(intTlvLen(value));
  writeInt(out, 0, value);
  return out;
}

/**
 * OBJECT IDENTIFIER content (X.690 §8.19): first two arcs as 40·X+Y, each arc base-128. Parsed by char
 * code, without split or regex; a leading '.' is accepted.
 */
export function encodeOidContent(oid: string): Buffer {
  const bytes: number[] = [];
  const bad = (): BerError => new BerError(`invalid OID ${JSON.stringify(oid.slice(0, 120))}`);
  let i = oid.charCodeAt(0) === 46 ? 1 : 0;
  let arcIndex = 0;
  let first = 0;
  const n = oid.length;
  while (i <= n) {
    let arc = 0;
    const from = i;
    while (i < n) {
      const c = oid.charCodeAt(i);
      if (c === 46) break;
      if (c < 48 || c > 57) throw bad();
      arc = arc * 10 + (c - 48);
      if (arc > 0xffffffff) throw bad();
      i++;
    }
    if (i === from) throw bad();
    if (arcIndex === 0) {
      if (arc > 2) throw bad();
      first = arc;
    } else if (arcIndex === 1) {
      if (first < 2 && arc >= 40) throw bad();
      pushArc(bytes, first * 40 + arc);
    } else pushArc(bytes, arc);
    arcIndex++;
    i++; // past the '.' (or past the end)
  }
  if (arcIndex < 2) throw bad();
  return Buffer.from(bytes);
}

function pushArc(bytes: number[], arc: number): void {
  if (arc < 0x80) {
    bytes.push(arc);
    return;
  }
  const at = bytes.length;
  bytes.push(arc % 128);
  for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) bytes.splice(at, 0, (v % 128) | 0x80);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** Encode a Response message: used by tests and the bench to forge agent replies with exact bytes. */
export function encodeResponse(msg: Omit<ResponseMessage, 'varbinds'> & { varbinds: Array<{ oid: string; tag: number; content: Buffer }> }): Buffer {
  const vbs = msg.varbinds.map((vb) => tlv(0x30, Buffer.concat([tlv(0x06, encodeOidContent(vb.oid)), tlv(vb.tag, vb.content)])));
  const pdu = tlv(PDU_RESPONSE, Buffer.concat([encodeInt(msg.requestId), encodeInt(msg.errorStatus), encodeInt(msg.errorIndex), tlv(0x30, Buffer.concat(vbs))]));
  return tlv(0x30, Buffer.concat([encodeInt(msg.version), tlv(0x04, msg.community), pdu]));
}

// ---------------------------------------------------------------- decode

/**
 * Reads TLVs from one datagram. Every read checks the bounds of its enclosing TLV, so a short, overlong
 * or lying length is an error, never an out-of-range read.
 */
class Reader {
  pos: number;
  constructor(
    readonly b: Buffer,
    start: number,
    public end: number,
    /** Clamp overlong lengths to what is there instead of failing (peekRequestId on a cut datagram). */
    private readonly lenient = false,
  ) {
    this.pos = start;
  }

  /** Read a tag and length; returns the content's end offset (content starts at this.pos). */
  header(expectTag: number, what: string): number {
    const b = this.b;
    if (this.pos >= this.end) throw new BerError(`truncated: ${what} missing`);
    const tag = b[this.pos] as number;
    if (tag !== expectTag) throw new BerError(`${what}: expected tag 0x${expectTag.toString(16)}, got 0x${tag.toString(16)}`);
    return this.lengthAfterTag(what);
  }

  /** Read any tag; returns it (content end in this.contentEnd). */
  anyHeader(what: string): number {
    if (this.pos >= this.end) throw new BerError(`truncated: ${what} missing`);
    const tag = this.b[this.pos] as number;
    if ((tag & 0x1f) === 0x1f) throw new BerError(`${what}: multi-byte tags are not used by SNMP`);
    this.contentEnd = this.lengthAfterTag(what);
    return tag;
  }

  contentEnd = 0;

  private lengthAfterTag(what: string): number {
    const b = this.b;
    let p = this.pos + 1;
    if (p >= this.end) throw new BerError(`truncated: ${what} has no length`);
    let len = b[p++] as number;
    if (len & 0x80) {
      const n = len & 0x7f;
      // 0x80 is BER's indefinite form, which SNMP forbids (RFC 3417 §8); more than 4 bytes cannot fit a datagram.
      if (n === 0) throw new BerError(`${what}: indefinite length is not allowed in SNMP`);
      if (n > 4) throw new BerError(`${what}: length of ${n} bytes is too long`);
      if (p + n > this.end) throw new BerError(`truncated: ${what} length cut short`);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (b[p++] as number);
    }
    let end = p + len;
    if (end > this.end && this.lenient) end = this.end;
    if (end > this.end) throw new BerError(`truncated: ${what} claims ${len} bytes, ${this.end - p} left`);
    this.pos = p;
    return end;
  }

  int(what: string): number {
    const end = this.header(0x02, what);
    const v = readSigned(this.b, this.pos, end, what);
    this.pos = end;
    return v;
  }
}

function readSigned(b: Buffer, start: number, end: number, what: string): number {
  const len = end - start;
  if (len < 1) throw new BerError(`${what}: empty INTEGER`);
  if (len > 6) {
    // Beyond 48 bits a Number would lose precision; SNMP INTEGERs are 32-bit, so such a value is malformed.
    throw new BerError(`${what}: INTEGER of ${len} bytes is out of range`);
  }
  let v = (b[start] as number) & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 256 + (b[i] as number);
  return v;
}

/** Unsigned32 family (Counter32, Gauge32, TimeTicks): the low 32 bits, as net-snmp reads them. */
function readUnsigned32(b: Buffer, start: number, end: number, what: string): number {
  const len = end - start;
  if (len < 1 || len > 5) throw new BerError(`${what}: unsigned 32-bit value of ${len} bytes`);
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + (b[i] as number);
  return v % 0x1_0000_0000;
}

function readCounter64(b: Buffer, start: number, end: number, what: string): bigint {
  const len = end - start;
  if (len < 1 || len > 9 || (len === 9 && b[start] !== 0)) throw new BerError(`${what}: Counter64 of ${len} bytes`);
  if (len <= 6) {
    let v = 0;
    for (let i = start; i < end; i++) v = v * 256 + (b[i] as number);
    return BigInt(v);
  }
  // Split so each half stays an exact Number: high part up to 3 bytes (plus a leading 0), low part 6 bytes.
  let hi = 0;
  for (let i = start; i < end - 6; i++) hi = hi * 256 + (b[i] as number);
  let lo = 0;
  for (let i = end - 6; i < end; i++) lo = lo * 256 + (b[i] as number);
  return (BigInt(hi) << 48n) | BigInt(lo);
}

// Dotted OIDs are written as ASCII into this scratch buffer and read back with one latin1 slice: a flat
// string in one native call, where ~12 concatenations per OID made rope strings that every later
// startsWith/compare had to flatten (measured: the walk's largest own cost after the codec itself).
// An OID of 128 arcs of 10 digits fits in 1,408 bytes; longer ones fall back to concatenation.
const OID_SCRATCH = Buffer.allocUnsafe(2048);

/** OID content → dotted string (X.690 §8.19). Arcs above 2^32-1 are malformed for SNMP (RFC 2578 §3.5). */
export function decodeOidContent(b: Buffer, start: number, end: number, what = 'OID'): string {
  if (end <= start) throw new BerError(`${what}: empty OBJECT IDENTIFIER`);
  if ((b[end - 1] as number) & 0x80) throw new BerError(`truncated: ${what} ends inside a sub-identifier`);
  // Each content byte yields at most 3 output chars ('.' + up to 2 digits per 7 bits, roughly); the first
  // byte yields two arcs. Beyond the scratch size, build the string piecewise.
  if ((end - start) * 4 + 8 > OID_SCRATCH.length) return decodeOidSlow(b, start, end, what);
  const out = OID_SCRATCH;
  let p = 0;
  let arc = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const byte = b[i] as number;
    arc = arc * 128 + (byte & 0x7f);
    if (byte & 0x80) {
      if (arc > 0x1ffffff) throw new BerError(`${what}: sub-identifier out of range`);
      continue;
    }
    if (first) {
      // The first sub-identifier carries two arcs: 40·X+Y, X ∈ {0,1,2}.
      const x = arc < 40 ? 0 : arc < 80 ? 1 : 2;
      out[p++] = 48 + x;
      out[p++] = 46;
      p = writeDecimal(out, p, arc - x * 40);
      first = false;
    } else {
      if (arc > 0xffffffff) throw new BerError(`${what}: sub-identifier out of range`);
      out[p++] = 46;
      p = writeDecimal(out, p, arc);
    }
    arc = 0;
  }
  return out.toString('latin1', 0, p);
}

function writeDecimal(out: Buffer, p: number, v: number): number {
  if (v < 10) {
    out[p] = 48 + v;
    return p + 1;
  }
  let digits = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
  for (let i = digits - 1, t = v; i >= 0; i--, t = Math.floor(t / 10)) out[p + i] = 48 + (t % 10);
  return p + digits;
}

function decodeOidSlow(b: Buffer, start: number, end: number, what: string): string {
  let out = '';
  let arc = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const byte = b[i] as number;
    arc = arc * 128 + (byte & 0x7f);
    if (byte & 0x80) {
      if (arc > 0x1ffffff) throw new BerError(`${what}: sub-identifier out of range`);
      continue;
    }
    if (first) {
      const x = arc < 40 ? 0 : arc < 80 ? 1 : 2;
      out = `${x}.${arc - x * 40}`;
      first = false;
    } else {
      if (arc > 0xffffffff) throw new BerError(`${what}: sub-identifier out of range`);
      out += `.${arc}`;
    }
    arc = 0;
  }
  return out;
}

function decodeValue(tag: number, b: Buffer, start: number, end: number, oid: string): Varbind['value'] {
  switch (tag) {
    case 0x02:
      return readSigned(b, start, end, `Integer value of ${oid}`);
    case 0x04:
    case 0x44:
    case 0x03:
      return b.subarray(start, end);
    case 0x05:
      if (end !== start) throw new BerError(`Null value of ${oid} has content`);
      return null;
    case 0x06:
      return decodeOidContent(b, start, end, `OID value of ${oid}`);
    case 0x40:
      if (end - start !== 4) throw new BerError(`IpAddress value of ${oid} has ${end - start} bytes, not 4`);
      return `${b[start]}.${b[start + 1]}.${b[start + 2]}.${b[start + 3]}`;
    case 0x41:
    case 0x42:
    case 0x43:
      return readUnsigned32(b, start, end, `${TYPE_NAMES[tag]} value of ${oid}`);
    case 0x46:
      return readCounter64(b, start, end, `Counter64 value of ${oid}`);
    case 0x80:
    case 0x81:
    case 0x82:
      return null;
    case 0x01:
      if (end - start !== 1) throw new BerError(`Boolean value of ${oid} has ${end - start} bytes`);
      return b[start] ? 1 : 0;
    default:
      return b.subarray(start, end);
  }
}

/**
 * Read only the envelope up to the request-id, leniently (a datagram cut short still names its request),
 * so a reply whose varbinds are broken fails its own request at once instead of letting it time out.
 * Returns undefined when not even that parses.
 */
export function peekRequestId(b: Buffer): number | undefined {
  try {
    const r = new Reader(b, 0, b.length, true);
    r.end = r.header(0x30, 'message');
    r.int('version');
    r.pos = r.header(0x04, 'community');
    const tag = r.anyHeader('PDU');
    r.end = r.contentEnd;
    if (tag !== PDU_RESPONSE) return undefined;
    return r.int('request-id');
  } catch {
    return undefined;
  }
}

/** Decode one Response message; throws BerError on anything malformed or not a Response. */
export function decodeResponse(b: Buffer): ResponseMessage {
  const r = new Reader(b, 0, b.length);
  r.end = r.header(0x30, 'message');
  const version = r.int('version');
  const communityEnd = r.header(0x04, 'community');
  const community = b.subarray(r.pos, communityEnd);
  r.pos = communityEnd;
  const pduTag = r.anyHeader('PDU');
  if (pduTag !== PDU_RESPONSE) throw new BerError(`expected a Response PDU (0xa2), got 0x${pduTag.toString(16)}`);
  r.end = r.contentEnd;
  const requestId = r.int('request-id');
  const errorStatus = r.int('error-status');
  const errorIndex = r.int('error-index');
  const listEnd = r.header(0x30, 'varbind list');
  r.end = listEnd;
  const varbinds: Varbind[] = [];
  while (r.pos < listEnd) {
    const vbEnd = r.header(0x30, 'varbind');
    const outer = r.end;
    r.end = vbEnd;
    const nameEnd = r.header(0x06, 'varbind name');
    const oid = decodeOidContent(b, r.pos, nameEnd, 'varbind name');
    r.pos = nameEnd;
    const tag = r.anyHeader(`value of ${oid}`);
    const valueEnd = r.contentEnd;
    if (valueEnd !== vbEnd) throw new BerError(`varbind ${oid}: ${vbEnd - valueEnd} stray bytes after the value`);
    const value = decodeValue(tag, b, r.pos, valueEnd, oid);
    varbinds.push({ oid, type: TYPE_NAMES[tag] ?? `type-${tag}`, value });
    r.pos = vbEnd;
    r.end = outer;
  }
  return { version, community, requestId, errorStatus, errorIndex, varbinds };
}
