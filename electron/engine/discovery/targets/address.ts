import ipaddr from 'ipaddr.js';

/** An IP address as a number, so ranges can be iterated and merged without materialising them. */
export type Family = 4 | 6;

export interface Interval {
  family: Family;
  /** Inclusive bounds. */
  start: bigint;
  end: bigint;
}

export const FAMILY_BITS: Record<Family, number> = { 4: 32, 6: 128 };

/**
 * Parses one literal address. IPv4 must be four-part dotted decimal (ipaddr.js would otherwise accept
 * `10.1` or `0x0a000001`, which admins never mean); IPv4-mapped IPv6 (`::ffff:10.0.0.1`) becomes IPv4.
 */
export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  const s = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) {
    return { family: 4, value: bytesToBigint(ipaddr.IPv4.parse(s).toByteArray()) };
  }
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return undefined;
  const v6 = ipaddr.IPv6.parse(s);
  if (v6.isIPv4MappedAddress()) return { family: 4, value: bytesToBigint(v6.toIPv4Address().toByteArray()) };
  return { family: 6, value: bytesToBigint(v6.toByteArray()) };
}

export function formatAddress(family: Family, value: bigint): string {
  const bytes = bigintToBytes(value, family === 4 ? 4 : 16);
  const addr = ipaddr.fromByteArray(bytes);
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

export function intervalSize(i: Interval): bigint {
  return i.end - i.start + 1n;
}

/** Sorts and merges overlapping or adjacent intervals per family: the basis of lazy dedupe. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) =>
    a.family !== b.family ? a.family - b.family : a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  );
  const out: Interval[] = [];
  for (const cur of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === cur.family && cur.start <= last.end + 1n) {
      if (cur.end > last.end) last.end = cur.end;
    } else {
      out.push({ ...cur });
    }
  }
  return out;
}

/** Parts of `wanted` not covered by `cover` (both merged). */
export function subtractIntervals(wanted: readonly Interval[], cover: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const w of wanted) {
    let cursor = w.start;
    for (const c of cover) {
      if (c.family !== w.family || c.end < cursor || c.start > w.end) continue;
      if (c.start > cursor) out.push({ family: w.family, start: cursor, end: c.start - 1n });
      cursor = c.end + 1n;
      if (cursor > w.end) break;
    }
    if (cursor <= w.end) out.push({ family: w.family, start: cursor, end: w.end });
  }
  return out;
}

export function containsAddress(merged: readonly Interval[], family: Family, value: bigint): boolean {
  // Scopes hold a handful of ranges: a linear scan beats keeping an index in sync.
  return merged.some((i) => i.family === family && i.start <= value && value <= i.end);
}

/** `10.0.0.0/24`, `10.0.0.5-10.0.0.9` or `10.0.0.5` (the shortest form that says it exactly). */
export function formatInterval(i: Interval): string {
  if (i.start === i.end) return formatAddress(i.family, i.start);
  const size = intervalSize(i);
  const bits = FAMILY_BITS[i.family];
  const hostBits = size.toString(2).length - 1;
  if (size === 1n << BigInt(hostBits) && i.start % size === 0n) {
    return `${formatAddress(i.family, i.start)}/${bits - hostBits}`;
  }
  return `${formatAddress(i.family, i.start)}-${formatAddress(i.family, i.end)}`;
}

function bytesToBigint(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function bigintToBytes(value: bigint, length: number): number[] {
  const out = new Array<number>(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
