/**
 * Syslog header parsing: RFC 5424 (with structured data) and RFC 3164 ("BSD syslog"), leniently, because
 * real devices deviate (Cisco prefixes a sequence number, FortiGate sends no header at all). Whatever is not
 * recognised stays in `msg`; nothing is dropped.
 */

export interface SdElement {
  id: string;
  params: Record<string, string>;
}

export interface SyslogMessage {
  header: 'rfc5424' | 'rfc3164' | 'none';
  pri: number | null;
  facility: number | null;
  /** Syslog severity 0 (emergency) .. 7 (debug), RFC 5424 §6.2.1. */
  severity: number | null;
  /** ISO 8601 when the header carried a usable time. */
  timestamp: string | null;
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  msgId: string | null;
  structuredData: SdElement[];
  msg: string;
}

const PRI_RE = /^<(\d{1,3})>/;

export function parseSyslog(line: string, now: Date = new Date()): SyslogMessage {
  const text = line.replace(/[\r\n]+$/, '');
  const priMatch = PRI_RE.exec(text);
  const pri = priMatch ? Number(priMatch[1]) : null;
  const validPri = pri !== null && pri <= 191 ? pri : null;
  const base: SyslogMessage = {
    header: 'none',
    pri: validPri,
    facility: validPri === null ? null : validPri >> 3,
    severity: validPri === null ? null : validPri & 7,
    timestamp: null,
    hostname: null,
    appName: null,
    procId: null,
    msgId: null,
    structuredData: [],
    msg: text,
  };
  if (!priMatch || validPri === null) return base;
  const rest = text.slice(priMatch[0].length);
  if (/^1 /.test(rest)) {
    const parsed = parse5424(rest.slice(2));
    if (parsed) return { ...base, ...parsed, header: 'rfc5424' };
  }
  return { ...base, ...parse3164(rest, now) };
}

function nil(v: string): string | null {
  return v === '-' ? null : v;
}

/** RFC 5424 §6: TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]. */
function parse5424(s: string): Partial<SyslogMessage> | null {
  const fields: string[] = [];
  let pos = 0;
  for (let i = 0; i < 5; i++) {
    const sp = s.indexOf(' ', pos);
    if (sp < 0) return null;
    fields.push(s.slice(pos, sp));
    pos = sp + 1;
  }
  const [ts = '-', host = '-', app = '-', proc = '-', msgId = '-'] = fields;
  const sd = parseStructuredData(s, pos);
  if (!sd) return null;
  let msg = s.slice(sd.end);
  if (msg.startsWith(' ')) msg = msg.slice(1);
  // RFC 5424 §6.4: a UTF-8 MSG may start with a BOM.
  if (msg.startsWith('\uFEFF')) msg = msg.slice(1);
  const time = ts === '-' ? null : new Date(ts);
  return {
    timestamp: time && !Number.isNaN(time.getTime()) ? time.toISOString() : null,
    hostname: nil(host),
    appName: nil(app),
    procId: nil(proc),
    msgId: nil(msgId),
    structuredData: sd.elements,
    msg,
  };
}

/**
 * STRUCTURED-DATA = NILVALUE / 1*SD-ELEMENT (RFC 5424 §6.3). Inside PARAM-VALUE, '"', '\' and ']' are
 * escaped with a backslash (§6.3.3); a backslash before any other character is kept as-is.
 */
export function parseStructuredData(s: string, start: number): { elements: SdElement[]; end: number } | null {
  if (s[start] === '-') return { elements: [], end: start + 1 };
  const elements: SdElement[] = [];
  let i = start;
  while (s[i] === '[') {
    i++;
    const idEnd = findAny(s, i, ' ]');
    if (idEnd < 0) return null;
    const el: SdElement = { id: s.slice(i, idEnd), params: {} };
    i = idEnd;
    while (s[i] === ' ') {
      i++;
      const eq = s.indexOf('=', i);
      if (eq < 0 || s[eq + 1] !== '"') return null;
      const name = s.slice(i, eq);
      i = eq + 2;
      let value = '';
      for (;;) {
        const c = s[i];
        if (c === undefined) return null;
        if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === ']')) {
          value += s[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') {
          i++;
          break;
        }
        value += c;
        i++;
      }
      el.params[name] = value;
    }
    if (s[i] !== ']') return null;
    i++;
    elements.push(el);
  }
  if (elements.length === 0) return null;
  return { elements, end: i };
}

function findAny(s: string, from: number, chars: string): number {
  for (let i = from; i < s.length; i++) if (chars.includes(s[i] as string)) return i;
  return -1;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// RFC 3164 §4.1.2 "Mmm dd hh:mm:ss"; Cisco adds an optional sequence number, '*' or '.', milliseconds and a zone.
const BSD_TS_RE = /^(?:\d+: )?(?:([A-Za-z0-9][\w.-]{0,62}): )?[*.]?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: ([A-Z]{2,5}))?:? /;
const ISO_TS_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;

function parse3164(rest: string, now: Date): Partial<SyslogMessage> {
  let s = rest;
  let timestamp: string | null = null;
  const bsd = BSD_TS_RE.exec(s);
  const iso = bsd ? null : ISO_TS_RE.exec(s);
  if (bsd) {
    const month = MONTHS.indexOf(bsd[2] as string);
    if (month >= 0) {
      // RFC 3164 has no year: take the current one, or last year when that would be in the future.
      let year = now.getUTCFullYear();
      const [day, hh, mm, ss] = [Number(bsd[3]), Number(bsd[4]), Number(bsd[5]), Number(bsd[6])];
      const ms = Number((bsd[7] ?? '0').padEnd(3, '0').slice(0, 3));
      let d = Date.UTC(year, month, day, hh, mm, ss, ms);
      if (d > now.getTime() + 86_400_000) d = Date.UTC(--year, month, day, hh, mm, ss, ms);
      timestamp = new Date(d).toISOString();
    }
    s = s.slice(bsd[0].length);
  } else if (iso) {
    const d = new Date(iso[1] as string);
    if (!Number.isNaN(d.getTime())) timestamp = d.toISOString();
    s = s.slice(iso[0].length);
  } else {
    return { header: 'none', msg: rest };
  }
  // HOSTNAME then TAG ("app[pid]:"). A token ending in ':' right after the time is a tag, not a host.
  let hostname: string | null = bsd?.[1] ?? null;
  let appName: string | null = null;
  let procId: string | null = null;
  const hostMatch = /^([^\s:[\]]+) /.exec(s);
  if (!hostname && hostMatch && !/^%/.test(hostMatch[1] as string)) {
    hostname = hostMatch[1] as string;
    s = s.slice(hostMatch[0].length);
  }
  const tagMatch = /^([A-Za-z0-9_.\-/]{1,48})(?:\[([^\]]{1,32})\])?: /.exec(s);
  if (tagMatch) {
    appName = tagMatch[1] as string;
    procId = tagMatch[2] ?? null;
    s = s.slice(tagMatch[0].length);
  }
  return { header: 'rfc3164', timestamp, hostname, appName, procId, msg: s };
}
