import type { StoredInsight } from '../../../../shared/api/threats';
import { ENGINE_VERSION } from '../../version';

/** Our severities onto CEF's 0-10 (ArcSight CEF spec: 0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High). */
const CEF_SEVERITY: Record<StoredInsight['severity'], number> = { informational: 1, low: 3, medium: 5, high: 8, critical: 10 };

/** CEF header fields escape '\' and '|'; newlines are not allowed there. */
function cefHeader(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** CEF extension values escape '\' and '=', and encode CR/LF as \r / \n. */
function cefValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** One insight as a CEF event (ArcSight "Implementing ArcSight CEF", rev. 25), no syslog header. */
export function toCef(i: StoredInsight): string {
  const ext: Array<[string, string | number | null | undefined]> = [
    ['rt', Date.parse(i.time)],
    ['externalId', i.id],
    ['dvc', i.deviceAddress],
    ['dvchost', i.deviceName],
    ['src', i.srcIp],
    ['spt', i.srcPort],
    ['dst', i.dstIp],
    ['dpt', i.dstPort],
    ['proto', i.protocol?.toUpperCase()],
    ['act', i.action],
    ['cat', i.category],
    ['cnt', i.count],
    ['cs1Label', 'mitreTechnique'],
    ['cs1', i.technique],
    ['cs2Label', 'sourceFormat'],
    ['cs2', i.format],
    ['cs3Label', 'correlationId'],
    ['cs3', i.correlationId],
    ['cs4Label', 'model'],
    ['cs4', i.model],
    ['cfp1Label', 'confidence'],
    ['cfp1', i.confidence],
    ['msg', i.raw.slice(0, 1023)],
  ];
  const extension = ext
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${cefValue(String(v))}`)
    .join(' ');
  const header = ['CEF:0', 'Routewise', 'Routewise', ENGINE_VERSION, i.signatureId ?? i.category, i.signature, String(CEF_SEVERITY[i.severity])]
    .map((f, idx) => (idx === 0 ? f : cefHeader(f)))
    .join('|');
  return `${header}|${extension}`;
}

/** CEF inside an RFC 5424 syslog line (facility local4, severity from ours), LF-terminated for TCP. */
export function toCefSyslogLine(i: StoredInsight, hostname = 'routewise'): string {
  const sev = { informational: 6, low: 5, medium: 4, high: 3, critical: 2 }[i.severity];
  const pri = 20 * 8 + sev;
  return `<${pri}>1 ${new Date().toISOString()} ${hostname} routewise - insight - ${toCef(i)}\n`;
}

function eventDoc(i: StoredInsight): Record<string, unknown> {
  const { seq: _seq, ...rest } = i;
  return rest;
}

/** Splunk HTTP Event Collector: concatenated event objects (Splunk docs, "Format events for HTTP Event Collector"). */
export function toHecBatch(insights: StoredInsight[], index?: string): string {
  return insights
    .map((i) =>
      JSON.stringify({
        time: Date.parse(i.time) / 1000,
        host: i.deviceAddress,
        source: 'routewise',
        sourcetype: 'routewise:insight',
        ...(index ? { index } : {}),
        event: eventDoc(i),
        fields: { insight_id: i.id },
      }),
    )
    .join('\n');
}

/**
 * Elasticsearch _bulk NDJSON with "create" and the insight id as _id: a re-sent event is refused with 409
 * instead of duplicated, which makes redelivery after a crash idempotent.
 */
export function toElasticBulk(insights: StoredInsight[], index: string): string {
  return insights
    .map((i) => `${JSON.stringify({ create: { _index: index, _id: i.id } })}\n${JSON.stringify({ '@timestamp': i.time, ...eventDoc(i) })}\n`)
    .join('');
}
