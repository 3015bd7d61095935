import { z } from 'zod';
import { type Detection, type VendorParser, actionFromWord, cap, protoName, toIp, toPort } from './types';

/**
 * Suricata EVE JSON, event_type "alert" (Suricata docs, "Eve JSON Format", output/eve/eve-json-format).
 * Sagan writes the same format. alert.severity is 1 (highest) .. 3/4; rule metadata may carry
 * "confidence" and "signature_severity" (ET Open metadata convention).
 */
const EveAlert = z.object({
  timestamp: z.string().optional(),
  event_type: z.literal('alert'),
  src_ip: z.string().optional(),
  src_port: z.number().optional(),
  dest_ip: z.string().optional(),
  dest_port: z.number().optional(),
  proto: z.union([z.string(), z.number()]).optional(),
  host: z.string().optional(),
  alert: z.object({
    action: z.string().optional(),
    gid: z.number().optional(),
    signature_id: z.number().optional(),
    rev: z.number().optional(),
    signature: z.string().optional(),
    category: z.string().optional(),
    severity: z.number().optional(),
    metadata: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

const SEVERITY: Record<number, Detection['severity']> = { 1: 'high', 2: 'medium', 3: 'low', 4: 'informational' };
const CONFIDENCE: Record<string, number> = { high: 90, medium: 60, low: 30 };

export const parseSuricataEve: VendorParser = ({ text, syslog }) => {
  const body = syslog.msg.trimStart().startsWith('{') ? syslog.msg : text.slice(Math.max(0, text.indexOf('{')));
  if (!body.trimStart().startsWith('{') || !body.includes('"event_type"')) return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = EveAlert.safeParse(json);
  if (!parsed.success) return null;
  const e = parsed.data;
  const a = e.alert;
  const meta = a.metadata ?? {};
  const sigSeverity = meta.signature_severity?.[0]?.toLowerCase();
  const confidence = CONFIDENCE[meta.confidence?.[0]?.toLowerCase() ?? ''];
  const time = e.timestamp ? new Date(e.timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : null;
  return {
    format: 'suricata-eve',
    signature: cap(a.signature ?? `sid ${a.signature_id ?? '?'}`, 1024),
    signatureId: a.signature_id === undefined ? undefined : `${a.gid ?? 1}:${a.signature_id}:${a.rev ?? 0}`,
    vendorCategory: a.category,
    severity: sigSeverity === 'critical' || sigSeverity === 'major' ? 'critical' : SEVERITY[a.severity ?? 3],
    confidence,
    srcIp: toIp(e.src_ip),
    srcPort: toPort(e.src_port),
    dstIp: toIp(e.dest_ip),
    dstPort: toPort(e.dest_port),
    protocol: protoName(e.proto),
    action: actionFromWord(a.action),
    time: time && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined,
    deviceName: e.host,
  };
};
