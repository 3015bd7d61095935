import { splitCsv } from './csv';
import { type Detection, type VendorParser, actionFromWord, cap, protoName, severityFromWord, toIp, toPort } from './types';

/**
 * PAN-OS THREAT log in the default syslog (CSV) format. Field order from "Threat Log Fields", PAN-OS 9.1
 * Administrator's Guide (docs.paloaltonetworks.com/pan-os/9-1/pan-os-admin/monitoring/use-syslog-for-monitoring/
 * syslog-field-descriptions/threat-log-fields); 10.x only appends fields, so the indexes below hold there too.
 */
const F = {
  receiveTime: 1,
  serial: 2,
  type: 3,
  subtype: 4,
  generatedTime: 6,
  src: 7,
  dst: 8,
  rule: 11,
  app: 14,
  sport: 24,
  dport: 25,
  proto: 29,
  action: 30,
  misc: 31,
  threatId: 32,
  category: 33,
  severity: 34,
  direction: 35,
  deviceName: 59,
  threatCategory: 69,
} as const;

const SUBTYPE_CATEGORY: Record<string, Detection['category']> = {
  vulnerability: 'exploit',
  spyware: 'botnet-c2',
  virus: 'malware',
  wildfire: 'malware',
  'wildfire-virus': 'malware',
  scan: 'reconnaissance',
  flood: 'denial-of-service',
  url: 'policy-violation',
  file: 'policy-violation',
  data: 'data-exfiltration',
};

const RECORD_RE = /(?:^|[\s>])(\d+,\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2},[^,]*,THREAT,.*)$/s;

export const parsePanosThreat: VendorParser = ({ text }) => {
  if (!text.includes(',THREAT,')) return null;
  const m = RECORD_RE.exec(text);
  if (!m) return null;
  const f = splitCsv(m[1] as string);
  if (f.length < 36 || f[F.type] !== 'THREAT') return null;
  const get = (i: number) => f[i] ?? '';
  const subtype = get(F.subtype);
  // Threat ID is "Name(12345)" since PAN-OS 6.1; URL logs carry "(9999)" and the URL in misc.
  const tid = /^(.*)\((\d+)\)$/.exec(get(F.threatId));
  const name = tid && tid[1] ? tid[1] : subtype === 'url' ? `URL ${get(F.misc)}` : get(F.threatId);
  const thrCategory = get(F.threatCategory);
  const generated = panTime(get(F.generatedTime));
  return {
    format: 'panos-threat',
    signature: cap(name || `${subtype} threat`, 1024),
    signatureId: tid ? tid[2] : undefined,
    vendorCategory: [subtype, thrCategory, get(F.category)].filter((s) => s && s !== 'any' && s !== 'unknown').join('/'),
    category: SUBTYPE_CATEGORY[subtype],
    severity: severityFromWord(get(F.severity)),
    srcIp: toIp(get(F.src)),
    srcPort: toPort(get(F.sport)),
    dstIp: toIp(get(F.dst)),
    dstPort: toPort(get(F.dport)),
    protocol: protoName(get(F.proto)),
    action: actionFromWord(get(F.action)),
    time: generated,
    deviceName: get(F.deviceName) || get(F.serial) || undefined,
  };
};

/** "2012/04/10 04:39:56" in the firewall's local time; we have no zone, so read it as UTC. */
function panTime(s: string): string | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) {
    const d = new Date(s);
    return s && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
  }
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)).toISOString();
}
