import { type Detection, type VendorParser, actionFromWord, cap, protoName, severityFrom0to10, severityFromWord, toIp, toPort } from './types';

/**
 * ArcSight Common Event Format (Micro Focus "Implementing ArcSight CEF", rev. 25):
 * CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension.
 * Header fields escape '|' and '\'; extension values escape '=', '\', and encode newlines as \n / \r.
 */
export const parseCef: VendorParser = ({ text }) => {
  const start = text.indexOf('CEF:');
  if (start < 0) return null;
  const header = splitCefHeader(text.slice(start + 4));
  if (!header) return null;
  const [, vendor, product, , classId, name, sev] = header.fields;
  const ext = parseCefExtension(header.rest);
  const labelled = labelledCustomFields(ext);
  const sevNum = Number(sev);
  const severity = Number.isFinite(sevNum) && sev !== '' ? severityFrom0to10(sevNum) : severityFromWord(sev === 'Very-High' ? 'critical' : sev);
  const confidence = Number(labelled.confidence ?? ext.cfp1 ?? NaN);
  return {
    format: 'cef',
    signature: cap(name || classId || 'CEF event', 1024),
    signatureId: classId,
    vendorCategory: ext.cat ?? labelled.category,
    severity,
    confidence: Number.isFinite(confidence) ? Math.round(Math.min(100, Math.max(0, confidence))) : undefined,
    srcIp: toIp(ext.src ?? ext.c6a2),
    srcPort: toPort(ext.spt),
    dstIp: toIp(ext.dst ?? ext.c6a3),
    dstPort: toPort(ext.dpt),
    protocol: protoName(ext.proto ?? ext.app),
    action: actionFromWord(ext.act ?? ext.outcome),
    time: cefTime(ext.rt ?? ext.end ?? ext.start),
    deviceName: ext.dvchost ?? ext.dvc ?? (vendor && product ? `${vendor} ${product}` : undefined),
    model: labelMatching(labelled, /model/),
    technique: techniqueOf(labelMatching(labelled, /technique|mitre|att&ck/)),
  } satisfies Detection;
};

function splitCefHeader(s: string): { fields: string[]; rest: string } | null {
  const fields: string[] = [];
  let cur = '';
  let i = 0;
  while (i < s.length && fields.length < 7) {
    const c = s[i] as string;
    if (c === '\\' && (s[i + 1] === '|' || s[i + 1] === '\\')) {
      cur += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '|') {
      fields.push(cur);
      cur = '';
    } else cur += c;
    i++;
  }
  if (fields.length < 7) return null;
  return { fields, rest: s.slice(i) };
}

export function parseCefExtension(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  // A key is a run of word characters preceded by start or a space and followed by an unescaped '='.
  const keyRe = /(?:^|\s)([A-Za-z][\w.[\]-]*)=/g;
  const keys: Array<{ key: string; valueStart: number; keyStart: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = keyRe.exec(s)) !== null) {
    const eqPos = m.index + m[0].length - 1;
    if (s[eqPos - 1] === '\\') continue;
    keys.push({ key: m[1] as string, valueStart: eqPos + 1, keyStart: m.index });
  }
  keys.forEach((k, idx) => {
    const end = idx + 1 < keys.length ? (keys[idx + 1] as { keyStart: number }).keyStart : s.length;
    const raw = s.slice(k.valueStart, end).trim();
    out[k.key] = raw.replace(/\\([=\\nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
  });
  return out;
}

/** csNLabel=foo csN=bar → { foo: bar } (lower-cased labels). */
function labelledCustomFields(ext: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ext)) {
    const m = /^(cs|cn|cfp|flexString|flexNumber)(\d)Label$/.exec(k);
    if (!m) continue;
    const value = ext[`${m[1]}${m[2]}`];
    if (value !== undefined) out[v.toLowerCase()] = value;
  }
  return out;
}

function labelMatching(labelled: Record<string, string>, re: RegExp): string | undefined {
  return Object.entries(labelled).find(([k]) => re.test(k))?.[1];
}

function techniqueOf(v: string | undefined): string | undefined {
  const m = v ? /\bT\d{4}(?:\.\d{3})?\b/.exec(v) : null;
  return m ? m[0] : undefined;
}

function cefTime(v: string | undefined): string | undefined {
  if (!v) return undefined;
  if (/^\d{12,13}$/.test(v)) return new Date(Number(v)).toISOString();
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
