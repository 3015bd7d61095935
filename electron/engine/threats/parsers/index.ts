import { parseCef } from './cef';
import { parseFortigate } from './fortigate';
import { parseIosxeUtd } from './iosxe-utd';
import { parseJunos } from './junos';
import { parseLeef } from './leef';
import { parseMikrotik } from './mikrotik';
import { parsePanosThreat } from './panos';
import { parseSuricataEve } from './suricata-eve';
import { parseSyslog, type SyslogMessage } from './syslog';
import type { Detection, VendorParser } from './types';

/** Most specific first: a CEF line from a FortiGate must be read as CEF, not as key=value. */
const PARSERS: ReadonlyArray<VendorParser> = [
  parseSuricataEve,
  parseCef,
  parseLeef,
  parseJunos,
  parsePanosThreat,
  parseFortigate,
  parseIosxeUtd,
  parseMikrotik,
];

export interface ParsedMessage {
  syslog: SyslogMessage;
  /** null: no parser recognised it; the caller keeps it raw as format 'unknown'. */
  detection: Detection | null;
}

export function parseMessage(text: string, now: Date = new Date()): ParsedMessage {
  const syslog = parseSyslog(text, now);
  for (const parser of PARSERS) {
    let detection: Detection | null = null;
    try {
      detection = parser({ text, syslog });
    } catch {
      // A parser bug on hostile input must not lose the message: fall through to the next, then 'unknown'.
      detection = null;
    }
    if (detection) return { syslog, detection };
  }
  return { syslog, detection: null };
}

export type { Detection } from './types';
