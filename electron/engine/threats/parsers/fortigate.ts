import { parseKeyValues } from './key-value';
import { type Detection, type VendorParser, actionFromWord, cap, protoName, severityFromWord, toIp, toPort } from './types';

/**
 * FortiGate UTM logs (FortiOS Log Reference: type="utm" with subtype "ips", "anomaly", "app-ctrl",
 * "virus", "webfilter"; eventtype "botnet" inside subtype "ips"). Sent as key=value over syslog, often
 * without any syslog header after the PRI.
 */
export const parseFortigate: VendorParser = ({ text }) => {
  if (!/\blogid="?\d{10}"?/.test(text) || !/\btype="?utm"?/.test(text)) return null;
  const kv = parseKeyValues(text.slice(text.search(/\b(date|logid|devname|logver)=/)));
  const subtype = kv.subtype ?? '';
  if (!['ips', 'anomaly', 'app-ctrl', 'virus', 'webfilter', 'dns'].includes(subtype)) return null;
  const eventtype = kv.eventtype ?? '';
  let category: Detection['category'];
  let signature = kv.attack ?? kv.virus ?? kv.app ?? kv.qname ?? kv.msg ?? subtype;
  if (eventtype === 'botnet' || /botnet/i.test(kv.msg ?? '')) category = 'botnet-c2';
  else if (subtype === 'anomaly') category = /flood|scan|sweep/i.test(signature) ? undefined : 'denial-of-service';
  else if (subtype === 'app-ctrl') category = 'policy-violation';
  else if (subtype === 'virus') category = 'malware';
  if (subtype === 'app-ctrl' && kv.app) signature = `${kv.appcat ? `${kv.appcat}: ` : ''}${kv.app}`;
  const time = fortiTime(kv);
  const severity = severityFromWord(kv.severity) ?? severityFromWord(kv.crlevel) ?? severityFromWord(kv.apprisk) ?? severityFromWord(kv.level);
  return {
    format: 'fortigate',
    signature: cap(signature, 1024),
    signatureId: kv.attackid ?? kv.appid ?? kv.logid,
    vendorCategory: [subtype, eventtype, kv.appcat].filter(Boolean).join('/'),
    category,
    severity,
    srcIp: toIp(kv.srcip),
    srcPort: toPort(kv.srcport),
    dstIp: toIp(kv.dstip),
    dstPort: toPort(kv.dstport),
    protocol: protoName(kv.proto),
    action: actionFromWord(kv.action),
    time,
    deviceName: kv.devname,
  };
};

function fortiTime(kv: Record<string, string>): string | undefined {
  // eventtime is epoch in s, ms, us or ns depending on FortiOS version; date/time are local device time.
  if (kv.eventtime && /^\d+$/.test(kv.eventtime)) {
    const digits = kv.eventtime.length;
    const n = Number(kv.eventtime.slice(0, 13).padEnd(13, '0'));
    const ms = digits <= 10 ? Number(kv.eventtime) * 1000 : n;
    const d = new Date(ms);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  if (kv.date && kv.time) {
    const d = new Date(`${kv.date}T${kv.time}Z`);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return undefined;
}
