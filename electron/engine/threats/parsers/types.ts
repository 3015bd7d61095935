import type { InsightAction, InsightCategory, InsightFormat, Severity } from '../../../../shared/domain/insight';
import type { SyslogMessage } from './syslog';

/** What a vendor parser extracts from one message, before normalisation fills defaults and mappings. */
export interface Detection {
  format: Exclude<InsightFormat, 'unknown'>;
  signature: string;
  signatureId?: string;
  /** The vendor's category words, mapped to ours by the category table. */
  vendorCategory?: string;
  /** Set when the format itself says which of our categories it is (e.g. a botnet event type). */
  category?: InsightCategory;
  severity?: Severity;
  confidence?: number;
  srcIp: string | null;
  srcPort: number | null;
  dstIp: string | null;
  dstPort: number | null;
  protocol: string | null;
  action: InsightAction;
  /** ISO 8601 event time from the payload, when it has one. */
  time?: string;
  deviceName?: string;
  model?: string;
  technique?: string;
}

export interface ParseInput {
  /** The whole message as received (decoded), header included. */
  text: string;
  syslog: SyslogMessage;
}

export type VendorParser = (input: ParseInput) => Detection | null;

export function toPort(v: string | number | undefined | null): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

/** Keeps only something that looks like an IPv4/IPv6 address; device text is never trusted. */
export function toIp(v: string | undefined | null): string | null {
  if (!v) return null;
  const s = v.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s;
  if (/^[0-9a-fA-F:.]{2,45}$/.test(s) && s.includes(':')) return s.toLowerCase();
  return null;
}

export function cap(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

export function protoName(v: string | number | undefined | null): string | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : NaN;
  // IANA protocol numbers for the common cases.
  if (n === 6) return 'tcp';
  if (n === 17) return 'udp';
  if (n === 1) return 'icmp';
  if (n === 58) return 'ipv6-icmp';
  if (!Number.isNaN(n)) return String(n);
  return cap(String(v).toLowerCase(), 32);
}

export function severityFromWord(word: string | undefined): Severity | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase();
  if (w.startsWith('crit') || w === 'emergency' || w === 'alert') return 'critical';
  if (w === 'high' || w === 'major' || w === 'error') return 'high';
  if (w === 'medium' || w === 'warning' || w === 'minor' || w === 'moderate') return 'medium';
  if (w === 'low' || w === 'notice') return 'low';
  if (w.startsWith('info') || w === 'debug') return 'informational';
  return undefined;
}

/** CEF/LEEF 0-10 scale, per the ArcSight CEF spec: 0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High. */
export function severityFrom0to10(n: number): Severity | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  if (n >= 1) return 'low';
  return 'informational';
}

/** Vendors' action words onto our five. */
export function actionFromWord(word: string | undefined): InsightAction {
  if (!word) return 'unknown';
  const w = word.toLowerCase();
  if (/^(drop|dropped|drop-packet|drop-all-packets|drop_session|drop-connection|discard)/.test(w)) return 'dropped';
  if (/(block|deny|denied|reject|reset|close|clear_session|quarantine|sinkhole|blocked)/.test(w)) return 'blocked';
  if (/^(allow|allowed|pass|accept|permit|permitted|none|ignore)/.test(w)) return 'allowed';
  if (/^(alert|alerted|detected|monitor|log|notify|recommended|wouldhavedropped)/.test(w)) return 'alerted';
  return 'unknown';
}
