import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Facts, InterfaceState } from '../driver';
import { clean, grab, lines, neighbor, normalizeMac, uptimeFromWords } from './parse-helpers';

/** `get system status` (FortiOS CLI reference): `Version: FortiGate-100F v7.4.3,build2573,…`, `Serial-Number:`, `Hostname:`. */
export function parseFortiosStatus(text: string): Facts {
  const facts: Facts = { hostname: grab(text, /^Hostname: (.+)$/m) ?? '', vendor: 'Fortinet' };
  const version = /^Version: (\S+) v(\d+\.\d+\.\d+)/m.exec(text);
  if (version) {
    facts.model = clean(version[1]!);
    facts.osVersion = version[2]!;
  }
  const serial = grab(text, /^Serial-Number: (\S+)/m);
  if (serial) facts.serial = serial;
  const up = grab(text, /^Uptime: (.+)$/m);
  const sec = up ? uptimeFromWords(up) : undefined;
  if (sec !== undefined) facts.uptimeSec = sec;
  return facts;
}

/** Interfaces from `show system interface` (config): no link state there, so operUp follows `set status`. */
export function parseFortiosInterfaceConfig(text: string): InterfaceState[] {
  const out: InterfaceState[] = [];
  let cur: InterfaceState | undefined;
  for (const line of lines(text)) {
    const edit = /^\s*edit "?([^"]+)"?\s*$/.exec(line);
    if (edit) {
      cur = { name: clean(edit[1]!), adminUp: true, operUp: true };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const set = /^\s*set (\S+) (.*)$/.exec(line);
    if (set?.[1] === 'status' && set[2]!.trim() === 'down') {
      cur.adminUp = false;
      cur.operUp = false;
    }
    if (set?.[1] === 'description') cur.description = clean(set[2]!.replace(/^"|"$/g, ''));
    if (/^\s*next\s*$/.test(line)) cur = undefined;
  }
  return out;
}

/** `diagnose lldprx neighbor summary`: Port, Neighbor, Age, Chassis ID, Port ID, Cap. */
export function parseFortiosLldp(text: string): Neighbor[] {
  const out: Neighbor[] = [];
  for (const line of lines(text)) {
    const m = /^(\S+)\s+(\S+)\s+(\d+)\s+((?:[0-9a-f]{2}:){5}[0-9a-f]{2})\s+(\S+)/i.exec(line);
    if (!m) continue;
    out.push(neighbor({ localIfName: m[1], remoteSysName: m[2], remoteChassisIdSubtype: 'macAddress', remoteChassisId: normalizeMac(m[4]!), remotePortId: m[5] }));
  }
  return out;
}

/** FortiOS revisions: `execute revision list config` rows `ID TIME ADMIN COMMENT`. */
export function parseFortiosRevisionIds(text: string): number[] {
  return lines(text).map((l) => /^\s*(\d+)\s/.exec(l)?.[1]).filter((x): x is string => x !== undefined).map(Number);
}
