import {
  type Insight,
  type InsightFormat,
  RAW_MAX_BYTES,
  SEVERITY_ID,
  type Severity,
} from '../../../shared/domain/insight';
import { categorise } from './data/categories';
import { techniqueFor } from './data/attack-techniques';
import { parseMessage } from './parsers';
import type { Detection } from './parsers/types';

/** One message as a receiver got it, before parsing. */
export interface ReceivedMessage {
  text: string;
  /** The sender's address (UDP/TCP peer, trap agent). */
  sender: string;
  receivedAt: Date;
  /** The original bytes as base64 when they were not valid UTF-8 (text then holds U+FFFD). */
  rawBase64?: string;
  truncated?: boolean;
  /** Set by the ingest once the sender's rate limit held this message back (counted once). */
  throttled?: boolean;
  /** Already parsed by the receiver (SNMP traps arrive as PDUs, not text). */
  detection?: Detection;
}

export type NormalisedInsight = Insight & { rawBase64?: string };

/** How sure a format's detections usually are, when the message itself says nothing (0-100). */
const DEFAULT_CONFIDENCE: Record<InsightFormat, number> = {
  'suricata-eve': 70,
  fortigate: 75,
  'panos-threat': 75,
  'junos-idp': 75,
  'junos-atp': 80,
  'iosxe-utd': 70,
  mikrotik: 30,
  cef: 60,
  leef: 60,
  'snmp-trap': 40,
  'local-anomaly': 50,
  unknown: 0,
};

/** Syslog severities 0-7 (RFC 5424 §6.2.1) onto ours, for detections that carry no severity of their own. */
const SYSLOG_SEVERITY: Severity[] = ['critical', 'critical', 'critical', 'high', 'medium', 'low', 'informational', 'informational'];

/** Strips control characters and caps a device-supplied string for display fields. */
export function displayText(s: string, max: number): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Caps raw text at RAW_MAX_BYTES of UTF-8 without splitting a character. */
export function capRaw(text: string): string {
  if (text.length * 3 <= RAW_MAX_BYTES) return text;
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= RAW_MAX_BYTES) return text;
  return buf.subarray(0, RAW_MAX_BYTES).toString('utf8').replace(/\uFFFD$/, '');
}

/** Pure: one received message → one insight (count 1, not yet deduplicated or correlated). */
export function normalise(msg: ReceivedMessage, id: string): NormalisedInsight {
  const parsed = parseMessage(msg.detection ? '' : msg.text, msg.receivedAt);
  const syslog = parsed.syslog;
  const detection = msg.detection ?? parsed.detection;
  const receivedIso = msg.receivedAt.toISOString();
  const raw = capRaw(msg.text);
  const base = detection ? fromDetection(detection, syslog.severity) : fromUnknown(syslog.msg || msg.text);
  const time = base.time && plausible(base.time, msg.receivedAt) ? base.time : (syslog.timestamp && plausible(syslog.timestamp, msg.receivedAt) ? syslog.timestamp : receivedIso);
  const insight: NormalisedInsight = {
    id,
    time,
    deviceAddress: msg.sender,
    deviceName: detection?.deviceName ? displayText(detection.deviceName, 255) : syslog.hostname ? displayText(syslog.hostname, 255) : undefined,
    severity: base.severity,
    severityId: SEVERITY_ID[base.severity],
    confidence: base.confidence,
    category: base.category,
    vendorCategory: base.vendorCategory,
    signature: base.signature,
    signatureId: base.signatureId,
    model: base.model,
    srcIp: base.srcIp,
    srcPort: base.srcPort,
    dstIp: base.dstIp,
    dstPort: base.dstPort,
    protocol: base.protocol,
    technique: base.technique,
    action: base.action,
    format: base.format,
    raw,
    count: 1,
    firstSeen: time,
    lastSeen: time,
    correlationId: null,
  };
  if (msg.rawBase64) insight.rawBase64 = msg.rawBase64;
  return insight;
}

type Core = Pick<
  Insight,
  'severity' | 'confidence' | 'category' | 'signature' | 'srcIp' | 'srcPort' | 'dstIp' | 'dstPort' | 'protocol' | 'technique' | 'action' | 'format'
> & { vendorCategory?: string; signatureId?: string; model?: string; time?: string };

function fromDetection(d: Detection, syslogSeverity: number | null): Core {
  const signature = displayText(d.signature, 1024) || `${d.format} detection`;
  const vendorCategory = d.vendorCategory ? displayText(d.vendorCategory, 256) : undefined;
  const category = categorise(signature, vendorCategory, d.category);
  const severity = d.severity ?? (syslogSeverity === null ? 'medium' : (SYSLOG_SEVERITY[syslogSeverity] ?? 'medium'));
  return {
    severity,
    confidence: Math.round(Math.min(100, Math.max(0, d.confidence ?? DEFAULT_CONFIDENCE[d.format]))),
    category,
    vendorCategory: vendorCategory || undefined,
    signature,
    signatureId: d.signatureId ? displayText(d.signatureId, 128) : undefined,
    model: d.model ? displayText(d.model, 256) : undefined,
    srcIp: d.srcIp,
    srcPort: d.srcPort,
    dstIp: d.dstIp,
    dstPort: d.dstPort,
    protocol: d.protocol,
    technique: techniqueFor(signature, category, d.technique),
    action: d.action,
    format: d.format,
    time: d.time,
  };
}

function fromUnknown(msg: string): Core {
  return {
    severity: 'informational',
    confidence: 0,
    category: 'unknown',
    signature: displayText(msg, 200) || '(empty message)',
    srcIp: null,
    srcPort: null,
    dstIp: null,
    dstPort: null,
    protocol: null,
    technique: null,
    action: 'unknown',
    format: 'unknown',
  };
}

/** Device clocks lie; a time more than a day in the future or before 2000 falls back to the receive time. */
function plausible(iso: string, receivedAt: Date): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > Date.UTC(2000, 0, 1) && t < receivedAt.getTime() + 86_400_000;
}
