import dgram from 'node:dgram';

/**
 * A deliberately bad SNMPv2c agent for robustness tests, built on raw BER (X.690) so it can send what
 * no real library would: malformed and truncated messages, walks that go backwards or never end,
 * oversized strings. The community selects the behaviour.
 */
export type HostileMode = 'malformed' | 'truncated' | 'loop' | 'endless' | 'huge' | 'silent';

// ---- BER encoding (definite lengths) ----
function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(content.length), content]);
function int(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v !== 0 && v !== -1);
  if (n >= 0 && (bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}
function oid(s: string): Buffer {
  const arcs = s.split('.').map(Number);
  const out = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
  for (const a of arcs.slice(2)) {
    const chunk: number[] = [a & 0x7f];
    for (let v = Math.floor(a / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
export type BerValue = { tag: 'octets'; value: Buffer } | { tag: 'oid'; value: string } | { tag: 'int'; value: number } | { tag: 'noSuchObject' | 'endOfMibView' };
function value(v: BerValue): Buffer {
  switch (v.tag) {
    case 'octets':
      return tlv(0x04, v.value);
    case 'oid':
      return oid(v.value);
    case 'int':
      return int(v.value);
    case 'noSuchObject':
      return Buffer.from([0x80, 0x00]);
    case 'endOfMibView':
      return Buffer.from([0x82, 0x00]);
  }
}
export function response(community: string, reqId: number, varbinds: [string, BerValue][]): Buffer {
  const vbl = seq(...varbinds.map(([o, v]) => seq(oid(o), value(v))));
  return seq(int(1), tlv(0x04, Buffer.from(community)), tlv(0xa2, Buffer.concat([int(reqId), int(0), int(0), vbl])));
}

// ---- minimal BER decoding of a request ----
interface Tlv {
  tag: number;
  start: number;
  end: number;
}
function readTlv(b: Buffer, off: number): Tlv {
  const tag = b[off] ?? 0;
  let l = b[off + 1] ?? 0;
  let start = off + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + (b[off + 2 + i] ?? 0);
    start += n;
  }
  return { tag, start, end: start + l };
}
function children(b: Buffer, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = t.start; off < t.end; ) {
    const c = readTlv(b, off);
    out.push(c);
    off = c.end;
  }
  return out;
}
function decodeInt(b: Buffer, t: Tlv): number {
  let v = (b[t.start] ?? 0) & 0x80 ? -1 : 0;
  for (let i = t.start; i < t.end; i++) v = v * 256 + (b[i] ?? 0);
  return v;
}
function decodeOid(b: Buffer, t: Tlv): string {
  const first = b[t.start] ?? 0;
  const arcs = [Math.floor(first / 40), first % 40];
  let v = 0;
  for (let i = t.start + 1; i < t.end; i++) {
    const byte = b[i] ?? 0;
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}
export interface SnmpRequest {
  community: string;
  pduType: number; // 0xa0 get, 0xa1 getnext, 0xa5 getbulk
  reqId: number;
  maxRepetitions: number;
  oids: string[];
}
export function parseRequest(b: Buffer): SnmpRequest {
  const msg = readTlv(b, 0);
  const [, comm, pdu] = children(b, msg);
  if (!comm || !pdu) throw new Error('short message');
  const [rid, , maxRep, vbl] = children(b, pdu);
  if (!rid || !maxRep || !vbl) throw new Error('short pdu');
  const oids = children(b, vbl).map((vb) => {
    const [o] = children(b, vb);
    return o ? decodeOid(b, o) : '';
  });
  return { community: b.subarray(comm.start, comm.end).toString(), pduType: pdu.tag, reqId: decodeInt(b, rid), maxRepetitions: decodeInt(b, maxRep), oids };
}

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';

export function hostileReply(req: SnmpRequest, opts: { hugeBytes: number; sysDescr: string }): Buffer | undefined {
  const mode = req.community as HostileMode;
  const isWalk = req.pduType === 0xa1 || req.pduType === 0xa5;
  switch (mode) {
    case 'silent':
      return undefined;
    case 'malformed':
      // A SEQUENCE claiming 4 GB of content, then junk.
      return Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01, 0xde, 0xad, 0xbe, 0xef]);
    case 'truncated': {
      const full = response(req.community, req.reqId, req.oids.map((o) => [o, { tag: 'octets', value: Buffer.from('cut here') }]));
      return full.subarray(0, full.length - 5);
    }
    case 'loop': {
      if (!isWalk) break;
      // Two rows, then the second again: OIDs stop increasing.
      const base = req.oids[0] ?? '1.3';
      const root = base.split('.').length > 10 ? base.split('.').slice(0, 11).join('.') : base;
      return response(req.community, req.reqId, [
        [`${root}.1`, { tag: 'int', value: 1 }],
        [`${root}.2`, { tag: 'int', value: 2 }],
        [`${root}.2`, { tag: 'int', value: 2 }],
      ]);
    }
    case 'endless': {
      if (!isWalk) break;
      // Always the next integer under the requested column: a table that never ends.
      // ifDescr-like column: 10 arcs, then the row index.
      const parts = (req.oids[0] ?? '1.3.6.1.2.1.2.2.1.2').split('.');
      const column = parts.slice(0, 10).join('.');
      const next = parts.length > 10 ? Number(parts[10]) + 1 : 1;
      const n = Math.max(1, Math.min(req.maxRepetitions, 50));
      return response(req.community, req.reqId, Array.from({ length: n }, (_, i) => [`${column}.${next + i}`, { tag: 'int', value: next + i }] as [string, BerValue]));
    }
    case 'huge':
      break;
  }
  if (isWalk) return response(req.community, req.reqId, req.oids.map((o) => [o, { tag: 'endOfMibView' }]));
  return response(
    req.community,
    req.reqId,
    req.oids.map((o): [string, BerValue] => {
      if (o === SYS_DESCR) return [o, { tag: 'octets', value: mode === 'huge' ? Buffer.alloc(opts.hugeBytes, 0x41) : Buffer.from(opts.sysDescr) }];
      if (o === SYS_OBJECT_ID) return [o, { tag: 'oid', value: '1.3.6.1.4.1.8072.3.2.10' }];
      return [o, { tag: 'noSuchObject' }];
    }),
  );
}

/** Start the agent on 127.0.0.1:port; every request is answered per its community's mode. */
export async function startHostileAgent(port: number, opts: { hugeBytes?: number; sysDescr?: string } = {}): Promise<{ close: () => Promise<void>; requests: () => number }> {
  const sock = dgram.createSocket('udp4');
  let count = 0;
  const o = { hugeBytes: opts.hugeBytes ?? 60_000, sysDescr: opts.sysDescr ?? 'Linux hostile 6.1.0 #1 SMP x86_64' };
  sock.on('message', (msg, rinfo) => {
    count++;
    let reply: Buffer | undefined;
    try {
      reply = hostileReply(parseRequest(msg), o);
    } catch {
      return;
    }
    if (reply) sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, '127.0.0.1', () => resolve());
  });
  return { requests: () => count, close: () => new Promise((r) => sock.close(() => r())) };
}
