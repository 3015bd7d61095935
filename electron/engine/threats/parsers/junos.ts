import { type Detection, type VendorParser, actionFromWord, cap, protoName, severityFromWord, toIp, toPort } from './types';

/**
 * Juniper SRX security logs in structured-data format ("set security log format sd-syslog"): RFC 5424 with
 * an SD-ID of junos@2636.*. IDP: RT_IDP / IDP_ATTACK_LOG_EVENT (Junos OS System Log Messages Reference,
 * "RT_IDP_ATTACK_LOG"); ATP Cloud: RT_AAMW / AAMW_ACTION_LOG and RT_SECINTEL / SECINTEL_ACTION_LOG.
 * The brief (non-structured) IDP form "IDP_ATTACK_LOG_EVENT: IDP: At <epoch>, SIG Attack log <a/p->b/p> ..."
 * is read too.
 */
export const parseJunos: VendorParser = ({ text, syslog }) => {
  const sd = syslog.structuredData.find((e) => e.id.startsWith('junos@2636'));
  const fromSd = sd ? junosEventFromAttributes(syslog.msgId ?? '', sd.params, syslog.hostname ?? undefined) : null;
  return fromSd ?? junosBriefIdp(text, syslog.hostname ?? undefined);
};

/**
 * A Junos security event from its name and attribute-value pairs: the junos@2636 structured data of a syslog
 * line, or the jnxSyslogAvTable pairs of a JUNIPER-SYSLOG-MIB jnxSyslogTrap (same attribute names).
 */
export function junosEventFromAttributes(eventName: string, p: Readonly<Record<string, string>>, hostname: string | undefined): Detection | null {
  const tag = eventName;
  if (/^IDP_ATTACK_LOG_EVENT/.test(tag)) {
    return {
      format: 'junos-idp',
      signature: cap(p['attack-name'] ?? 'IDP attack', 1024),
      vendorCategory: p['message-type'],
      // IDP signatures are attack signatures; ANOMALY entries are protocol anomalies.
      category: p['message-type'] === 'ANOMALY' ? 'anomaly' : 'exploit',
      severity: severityFromWord(p['threat-severity']),
      srcIp: toIp(p['source-address']),
      srcPort: toPort(p['source-port']),
      dstIp: toIp(p['destination-address']),
      dstPort: toPort(p['destination-port']),
      protocol: protoName(p['protocol-name']),
      action: actionFromWord(p.action),
      time: epochIso(p['epoch-time']),
      deviceName: hostname,
    };
  }
  if (/^(AAMW_ACTION_LOG|SECINTEL_ACTION_LOG|AAMW_MALWARE_EVENT_LOG)/.test(tag)) {
    const secintel = tag.startsWith('SECINTEL');
    const verdict = Number(p['verdict-number'] ?? p['threat-severity'] ?? NaN);
    const category: Detection['category'] = secintel
      ? /^cc$/i.test(p.category ?? '') ? 'botnet-c2' : undefined
      : 'malware';
    return {
      format: 'junos-atp',
      signature: cap(
        secintel
          ? `SecIntel ${p.category ?? ''} ${p['feed-name'] ?? ''}`.replace(/\s+/g, ' ').trim()
          : p['malware-info'] && p['malware-info'] !== 'N/A' ? p['malware-info'] : `ATP verdict ${p['verdict-number'] ?? '?'} ${p['file-category'] ?? ''}`.trim(),
        1024,
      ),
      signatureId: p['sample-sha256'],
      vendorCategory: secintel ? p.category : p['file-category'],
      category,
      // ATP verdicts and SecIntel threat levels run 1-10 (Juniper ATP Cloud guide: 8-10 malicious).
      severity: Number.isFinite(verdict) ? (verdict >= 9 ? 'critical' : verdict >= 7 ? 'high' : verdict >= 4 ? 'medium' : 'low') : undefined,
      confidence: Number.isFinite(verdict) ? Math.min(100, Math.max(10, verdict * 10)) : undefined,
      srcIp: toIp(p['source-address']),
      srcPort: toPort(p['source-port']),
      dstIp: toIp(p['destination-address']),
      dstPort: toPort(p['destination-port']),
      protocol: protoName(p['protocol-id']),
      action: actionFromWord(p.action),
      deviceName: hostname,
      model: 'Juniper ATP Cloud',
    };
  }
  return null;
}

/**
 * The brief (non-structured) IDP text. Junos releases differ in the attack fields' punctuation: "action DROP,
 * threat-severity CRITICAL, name X," and "action=DROP, threat-severity=HIGH, name=X," are both in the field.
 */
export function junosBriefIdp(text: string, hostname: string | undefined): Detection | null {
  const brief =
    /IDP: [Aa]t (\d+), (\S+) Attack log <([^/]+)\/(\d+)->([^/]+)\/(\d+)> for (\S+) protocol.*?action[= ](\S+?), threat-severity[= ](\S+?), name[= ](\S+?)(?:,|$)/.exec(
      text,
    );
  if (brief) {
    return {
      format: 'junos-idp',
      signature: cap(brief[10] as string, 1024),
      vendorCategory: brief[2],
      category: brief[2] === 'ANOMALY' ? 'anomaly' : 'exploit',
      severity: severityFromWord(brief[9]),
      srcIp: toIp(brief[3]),
      srcPort: toPort(brief[4]),
      dstIp: toIp(brief[5]),
      dstPort: toPort(brief[6]),
      protocol: protoName(brief[7]),
      action: actionFromWord(brief[8]),
      time: epochIso(brief[1]),
      deviceName: hostname,
    };
  }
  return null;
}

function epochIso(s: string | undefined): string | undefined {
  if (!s || !/^\d{9,10}$/.test(s)) return undefined;
  return new Date(Number(s) * 1000).toISOString();
}
