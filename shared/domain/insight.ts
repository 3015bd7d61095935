import { z } from 'zod';

/**
 * An Insight is one normalised threat detection, whatever device or format reported it. The shape follows
 * OCSF's Detection Finding (class_uid 2004, https://schema.ocsf.io/classes/detection_finding) where it fits:
 * severity/severity_id, confidence_score, finding signature, src/dst endpoints, MITRE ATT&CK technique,
 * disposition (our `action`), raw_data, count and first/last seen. Every string inside came from a device
 * or the network: render it as text, never as HTML.
 */

/** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical (0 Unknown and 6 Fatal unused). */
export const Severity = z.enum(['informational', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const SEVERITY_ID: Readonly<Record<Severity, number>> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

export function severityFromId(id: number): Severity {
  const found = (Object.entries(SEVERITY_ID) as Array<[Severity, number]>).find(([, v]) => v === id);
  return found ? found[0] : 'informational';
}

/** What the device did about it (OCSF disposition, reduced to what devices report). */
export const InsightAction = z.enum(['allowed', 'blocked', 'dropped', 'alerted', 'unknown']);
export type InsightAction = z.infer<typeof InsightAction>;

/**
 * Plain-language categories: each has an explanation and a response playbook (threats.explain), so staff
 * can act without the vendor's vocabulary. Vendor categories map onto these.
 */
export const InsightCategory = z.enum([
  'brute-force',
  'exploit',
  'malware',
  'botnet-c2',
  'reconnaissance',
  'denial-of-service',
  'web-attack',
  'policy-violation',
  'data-exfiltration',
  'anomaly',
  'unknown',
]);
export type InsightCategory = z.infer<typeof InsightCategory>;

/** Which parser produced the insight. 'unknown' = nothing recognised it; the raw message is kept. */
export const InsightFormat = z.enum([
  'suricata-eve',
  'fortigate',
  'panos-threat',
  'junos-idp',
  'junos-atp',
  'iosxe-utd',
  'mikrotik',
  'cef',
  'leef',
  'snmp-trap',
  /** Computed on this machine from polled interface counters (traffic baselines), not reported by a device. */
  'local-anomaly',
  'unknown',
]);
export type InsightFormat = z.infer<typeof InsightFormat>;

/** Raw messages are capped so a hostile sender cannot fill the store with one line. */
export const RAW_MAX_BYTES = 64 * 1024;

/** MITRE ATT&CK (sub-)technique id, e.g. T1110 or T1110.001. */
export const TechniqueId = z.string().regex(/^T\d{4}(\.\d{3})?$/);

export const Insight = z.object({
  id: z.string().min(1).max(64),
  /** When the device saw it (ISO 8601); the receive time when the message carried none. */
  time: z.string(),
  /** Who sent the message (the syslog/trap sender's address). */
  deviceAddress: z.string(),
  /** The inventory device, once an address matches one. */
  deviceId: z.string().optional(),
  /** The hostname the message carried, if any (data; not trusted to identify the device). */
  deviceName: z.string().max(255).optional(),
  severity: Severity,
  severityId: z.number().int().min(0).max(6),
  /** 0-100, OCSF confidence_score: how sure the detector (or our mapping) is. */
  confidence: z.number().int().min(0).max(100),
  category: InsightCategory,
  /** The vendor's own category text, kept for experts. */
  vendorCategory: z.string().max(256).optional(),
  signature: z.string().max(1024),
  signatureId: z.string().max(128).optional(),
  /** The AI/ML model or engine that made the detection, when the device names it. */
  model: z.string().max(256).optional(),
  srcIp: z.string().max(64).nullable(),
  srcPort: z.number().int().min(0).max(65535).nullable(),
  dstIp: z.string().max(64).nullable(),
  dstPort: z.number().int().min(0).max(65535).nullable(),
  protocol: z.string().max(32).nullable(),
  technique: TechniqueId.nullable(),
  action: InsightAction,
  format: InsightFormat,
  raw: z.string(),
  /** Deduplicated repeats: a burst of the same detection is one insight with a count. */
  count: z.number().int().min(1),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Shared by insights about the same source address seen by more than one device. */
  correlationId: z.string().nullable(),
});
export type Insight = z.infer<typeof Insight>;

/** A response playbook for one category, for admins who do not speak the vendor's jargon. */
export const Playbook = z.object({
  category: InsightCategory,
  title: z.string(),
  explanation: z.string(),
  urgency: z.string(),
  steps: z.array(z.string()),
});
export type Playbook = z.infer<typeof Playbook>;

/** The MITRE ATT&CK technique, named. */
export const TechniqueInfo = z.object({
  id: TechniqueId,
  name: z.string(),
  tactic: z.string(),
  url: z.string(),
});
export type TechniqueInfo = z.infer<typeof TechniqueInfo>;
