import { FAMILY_BITS, type Interval, parseAddress } from './address';

/**
 * The address-range syntax shared by scan targets and the scan scope:
 *   `10.0.0.0/24`, `2001:db8::/120`  CIDR (host bits are ignored, as nmap does)
 *   `10.0.0.1-10.0.0.80`             full range, either family
 *   `10.0.0.1-80`                    IPv4 range ending in the last octet
 *   `10.0.0.7`, `2001:db8::7`        one address
 * Returns undefined when `text` is none of these (it may still be a hostname).
 */
export function parseRangeSyntax(text: string): (Interval & { prefix?: number }) | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const addr = parseAddress(s.slice(0, slash));
    const prefixText = s.slice(slash + 1);
    if (!addr || !/^\d{1,3}$/.test(prefixText)) return undefined;
    const bits = FAMILY_BITS[addr.family];
    // `::ffff:10.0.0.0/104` is an IPv4 /8 written the IPv6 way.
    const mappedShift = addr.family === 4 && s.slice(0, slash).includes(':') ? 96 : 0;
    const prefix = Number(prefixText) - mappedShift;
    if (prefix < 0 || prefix > bits) return undefined;
    const hostBits = BigInt(bits - prefix);
    const start = (addr.value >> hostBits) << hostBits;
    return { family: addr.family, start, end: start + (1n << hostBits) - 1n, prefix };
  }
  const dash = s.indexOf('-');
  if (dash > 0) {
    const first = parseAddress(s.slice(0, dash));
    const rest = s.slice(dash + 1).trim();
    if (!first) return undefined;
    let last = parseAddress(rest);
    if (!last && first.family === 4 && /^\d{1,3}$/.test(rest) && Number(rest) <= 255) {
      last = { family: 4, value: (first.value & ~0xffn) | BigInt(Number(rest)) };
    }
    if (!last || last.family !== first.family || last.value < first.value) return undefined;
    return { family: first.family, start: first.value, end: last.value };
  }
  const one = parseAddress(s);
  return one ? { family: one.family, start: one.value, end: one.value } : undefined;
}
