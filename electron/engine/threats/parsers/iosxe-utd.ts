import { type VendorParser, cap, protoName, toIp, toPort } from './types';

/**
 * Cisco IOS-XE UTD (Snort IPS/IDS container) alerts as the router logs them:
 * "%IOSXE-4-PLATFORM: R0/0: UTD: [**] [Drop] [1:30561:1] <msg> [**] [Classification: ...] [Priority: 1]
 * [VRF: x] {UDP} a:p -> b:p" (Snort IPS for Cisco 4000 ISR / CSR1000v configuration guide, "Snort IPS
 * syslog"). The [Drop]/[wdrop] marker is present in IPS mode only. Snort priority 1 is the most severe.
 */
const UTD_RE =
  /%IOSXE-\d-PLATFORM: (?:\S+: )?(?:UTD|snort(?:\[\d+\])?|utd\S*):\s*(?:\[\*\*\]\s*)?(?:\[(Drop|drop|wdrop|Alert|alert)\]\s*)?\[(\d+):(\d+):(\d+)\]\s*(.*?)\s*(?:\[\*\*\]\s*)?(?:\[Classification: ([^\]]*)\]\s*)?(?:\[Priority: (\d+)\]\s*)?(?:\[VRF: ([^\]]*)\]\s*)?\{(\w+)\}\s*(\S+?)(?::(\d+))?\s*->\s*(\S+?)(?::(\d+))?\s*$/;

const PRIORITY = { 1: 'high', 2: 'medium', 3: 'low', 4: 'informational' } as const;

/** Alerts are short; bounding the input keeps the regex linear-time on hostile lines. */
const MAX_LINE = 4096;

export const parseIosxeUtd: VendorParser = ({ text }) => {
  if (text.length > MAX_LINE || !text.includes('%IOSXE-') || !text.includes('->')) return null;
  const m = UTD_RE.exec(text.trimEnd());
  if (!m) return null;
  const marker = (m[1] ?? '').toLowerCase();
  const priority = Number(m[7] ?? 3) as keyof typeof PRIORITY;
  // IPv4 "a.b.c.d:port"; IPv6 addresses carry their own colons, so only take a port after the last one of a v4.
  return {
    format: 'iosxe-utd',
    signature: cap(m[5] || `sid ${m[3]}`, 1024),
    signatureId: `${m[2]}:${m[3]}:${m[4]}`,
    vendorCategory: m[6],
    severity: PRIORITY[priority] ?? 'low',
    srcIp: toIp(m[10]),
    srcPort: toPort(m[11]),
    dstIp: toIp(m[12]),
    dstPort: toPort(m[13]),
    protocol: protoName(m[9]),
    action: marker === 'drop' ? 'dropped' : marker === 'wdrop' ? 'alerted' : 'alerted',
  };
};
