import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Facts, InterfaceState } from '../driver';
import { clean, grab, lines, neighbor, normalizeMac, uptimeFromWords } from './parse-helpers';

/** `show version` (Junos CLI reference): `Hostname:`, `Model:`, `Junos:` lines. */
export function parseJunosShowVersion(text: string): Facts {
  const facts: Facts = { hostname: grab(text, /^Hostname: (.+)$/m) ?? '', vendor: 'Juniper Networks' };
  const model = grab(text, /^Model: (.+)$/m);
  if (model) facts.model = model;
  const version = grab(text, /^Junos: (\S+)/m) ?? grab(text, /JUNOS (?:Software Release|Base OS boot) \[([^\]]+)\]/);
  if (version) facts.osVersion = version;
  return facts;
}

/** `show chassis hardware`: the serial is on the `Chassis` row. */
export function parseJunosChassisSerial(text: string): string | undefined {
  const row = lines(text).find((l) => /^Chassis\s/.test(l));
  return row ? grab(row, /^Chassis\s+(?:REV \S+\s+)?(?:\S+-\S+\s+)?([A-Z0-9]{6,})\s/) : undefined;
}

/**
 * `show system uptime`: `System booted: 2024-01-08 09:14:02 UTC (1w2d 03:04 ago)` on real devices; a plain
 * "N days, N hours, N minutes ago" is accepted too.
 */
export function parseJunosUptime(text: string): number | undefined {
  const booted = /System booted:[^\n]*\((?:(\d+)w)?(?:(\d+)d)?\s*(\d+):(\d+)(?::(\d+))? ago\)/.exec(text);
  if (booted) {
    const [w, d, h, m, s] = booted.slice(1).map((x) => Number(x ?? 0));
    return w! * 604_800 + d! * 86_400 + h! * 3_600 + m! * 60 + s!;
  }
  const line = grab(text, /System booted: (.+ago)/);
  return line ? uptimeFromWords(line) : undefined;
}

/** `show interfaces terse`: physical rows (no unit suffix) carry Admin and Link (Junos interfaces reference). */
export function parseJunosInterfacesTerse(text: string): InterfaceState[] {
  const out: InterfaceState[] = [];
  for (const line of lines(text)) {
    const m = /^(\S+)\s+(up|down)\s+(up|down)\b/.exec(line);
    if (!m || m[1] === 'Interface' || /\.\d+$/.test(m[1]!)) continue;
    out.push({ name: clean(m[1]!), adminUp: m[2] === 'up', operUp: m[3] === 'up' });
  }
  return out;
}

/** `show lldp neighbors`: Local Interface, Parent Interface, Chassis Id, Port info, System Name. */
export function parseJunosLldp(text: string): Neighbor[] {
  const out: Neighbor[] = [];
  for (const line of lines(text)) {
    // Port info may contain spaces and overflow its column; the system name is the last word.
    const m = /^(\S+)\s+(\S+)\s+((?:[0-9a-f]{2}:){5}[0-9a-f]{2})\s+(.*\S)\s+(\S+)\s*$/i.exec(line);
    if (!m) continue;
    out.push(neighbor({ localIfName: m[1], remoteChassisIdSubtype: 'macAddress', remoteChassisId: normalizeMac(m[3]!), remotePortDesc: m[4], remoteSysName: m[5] }));
  }
  return out;
}

/** `show configuration | display set`: drop the `## Last commit` stamp so equal configs compare equal. */
export function stripJunosStamp(text: string): string {
  return `${lines(text).filter((l) => !/^## Last (commit|changed)/.test(l)).join('\n').trim()}\n`;
}
