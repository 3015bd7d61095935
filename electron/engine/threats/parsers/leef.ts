import { type VendorParser, actionFromWord, cap, protoName, severityFrom0to10, toIp, toPort } from './types';

/**
 * IBM QRadar Log Event Extended Format (IBM "LEEF" documentation, versions 1.0 and 2.0):
 * LEEF:1.0|Vendor|Product|Version|EventID|attributes separated by TAB;
 * LEEF:2.0|Vendor|Product|Version|EventID|DelimiterCharacter|attributes. The 2.0 delimiter may be given as a
 * character or as hex ("x09", "0x5e"). sev is 1-10.
 */
export const parseLeef: VendorParser = ({ text }) => {
  const start = text.indexOf('LEEF:');
  if (start < 0) return null;
  const s = text.slice(start + 5);
  const parts = s.split('|');
  const version = parts[0] ?? '';
  if (!/^[12]\.0$/.test(version) || parts.length < 6) return null;
  const [, vendor, product, , eventId] = parts;
  let delimiter = '\t';
  let attrStart = 5;
  if (version === '2.0' && parts.length >= 7) {
    const d = parts[5] ?? '';
    if (/^(0?x)[0-9a-fA-F]{2,4}$/.test(d)) delimiter = String.fromCharCode(parseInt(d.replace(/^0?x/, ''), 16));
    else if (d.length === 1) delimiter = d;
    attrStart = 6;
  }
  const attrText = parts.slice(attrStart).join('|');
  const attrs: Record<string, string> = {};
  for (const pair of attrText.split(delimiter)) {
    const eq = pair.indexOf('=');
    if (eq > 0) attrs[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  const sev = Number(attrs.sev);
  return {
    format: 'leef',
    signature: cap(attrs.name ?? attrs.msg ?? eventId ?? 'LEEF event', 1024),
    signatureId: eventId,
    vendorCategory: attrs.cat,
    severity: Number.isFinite(sev) && attrs.sev !== undefined ? severityFrom0to10(sev) : undefined,
    srcIp: toIp(attrs.src),
    srcPort: toPort(attrs.srcPort),
    dstIp: toIp(attrs.dst),
    dstPort: toPort(attrs.dstPort),
    protocol: protoName(attrs.proto),
    action: actionFromWord(attrs.action ?? attrs.act),
    time: leefTime(attrs.devTime),
    deviceName: vendor && product ? `${vendor} ${product}` : undefined,
  };
};

function leefTime(v: string | undefined): string | undefined {
  if (!v) return undefined;
  if (/^\d{12,13}$/.test(v)) return new Date(Number(v)).toISOString();
  // Default devTimeFormat is "MMM dd yyyy HH:mm:ss" (optionally .SSS and a zone), which Date parses.
  const d = new Date(/(Z|[+-]\d{2}:?\d{2}|[A-Z]{3})$/.test(v) ? v : `${v} UTC`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
