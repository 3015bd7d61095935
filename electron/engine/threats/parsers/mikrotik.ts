import { type VendorParser, cap, protoName, toIp, toPort } from './types';

/**
 * MikroTik RouterOS firewall "log=yes" lines (RouterOS manual, "IP/Firewall/Filter", action=log and
 * log-prefix): "[prefix ]<chain>: in:<if> out:<if>, [connection-state:<s> ][src-mac <mac>, ]proto <P>[ (<flags>)],
 * <src>:<sport>-><dst>:<dport>[, NAT (...)->...], len <n>". The topic list ("firewall,info") may precede it.
 */
const LINE_RE =
  /(?:^|\s)(?:firewall,\w+\s+)?(?:(.{1,64}?)\s+)?(\S+): in:(\S+) out:(.+?), (?:connection-(?:state|mark):\S+ )*(?:src-mac ([0-9a-fA-F:]{17}), )?proto (\w+)(?: \(([^)]*)\))?, \[?([0-9a-fA-F.:]+?)\]?(?::(\d+))?->\[?([0-9a-fA-F.:]+?)\]?(?::(\d+))?,(?: NAT .*?,)? len (\d+)/;

const MAX_LINE = 4096;

export const parseMikrotik: VendorParser = ({ syslog, text }) => {
  if (text.length > MAX_LINE || !text.includes(': in:')) return null;
  const m = LINE_RE.exec(syslog.msg) ?? LINE_RE.exec(text);
  if (!m) return null;
  const prefix = (m[1] ?? '').replace(/^firewall,\w+\s*/, '').trim();
  const chain = m[2] as string;
  const signature = prefix ? `${prefix} (${chain})` : `firewall log ${chain}`;
  const lower = prefix.toLowerCase();
  return {
    format: 'mikrotik',
    signature: cap(signature, 1024),
    vendorCategory: prefix || chain,
    category: 'policy-violation',
    severity: 'low',
    // A firewall log says only "a rule matched"; the admin's prefix is the best hint at intent.
    confidence: prefix ? 50 : 30,
    srcIp: toIp(m[8]),
    srcPort: toPort(m[9]),
    dstIp: toIp(m[10]),
    dstPort: toPort(m[11]),
    protocol: protoName(m[6]),
    action: /drop/.test(lower) ? 'dropped' : /block|reject|deny|tarpit/.test(lower) ? 'blocked' : /accept|allow/.test(lower) ? 'allowed' : 'alerted',
    deviceName: syslog.hostname ?? undefined,
  };
};
