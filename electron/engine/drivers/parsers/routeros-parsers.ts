import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Facts, InterfaceState } from '../driver';
import { clean, lines, neighbor, normalizeMac } from './parse-helpers';

/** RouterOS `print` of a single item: `key: value` lines, keys right-aligned (RouterOS manual, "Console"). */
export function parseRouterosKv(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of lines(text)) {
    const kv = /^\s*([a-z0-9-]+): (.*)$/.exec(line);
    if (kv) m.set(kv[1]!, clean(kv[2]!));
  }
  return m;
}

/** RouterOS uptime `5w2d03:04:05` or `3w1d2h5m` in seconds. */
export function parseRouterosUptime(value: string): number | undefined {
  const units: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };
  let total = 0;
  let rest = value.trim();
  const clock = /(\d+):(\d+):(\d+)$/.exec(rest);
  if (clock) {
    total += Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    rest = rest.slice(0, clock.index);
  }
  let any = clock !== null;
  for (const m of rest.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(m[1]) * units[m[2]!]!;
    any = true;
  }
  return any ? total : undefined;
}

export function parseRouterosFacts(identity: string, resource: string, routerboard: string): Facts {
  const id = parseRouterosKv(identity);
  const res = parseRouterosKv(resource);
  const rb = parseRouterosKv(routerboard);
  const facts: Facts = { hostname: id.get('name') ?? '', vendor: 'MikroTik' };
  const model = rb.get('model') ?? res.get('board-name');
  if (model) facts.model = model;
  const version = res.get('version')?.split(' ')[0];
  if (version) facts.osVersion = version;
  const serial = rb.get('serial-number');
  if (serial) facts.serial = serial;
  const up = res.get('uptime');
  const sec = up ? parseRouterosUptime(up) : undefined;
  if (sec !== undefined) facts.uptimeSec = sec;
  return facts;
}

/** `/interface print`: ` #  FLAGS NAME TYPE MTU`; flags X disabled, R running (RouterOS manual, "Interface"). */
export function parseRouterosInterfaces(text: string): InterfaceState[] {
  const out: InterfaceState[] = [];
  for (const line of lines(text)) {
    const m = /^\s*\d+\s+([DXRS]*)\s+(\S+)\s+(\S+)/.exec(line);
    if (!m) continue;
    out.push({ name: clean(m[2]!), adminUp: !m[1]!.includes('X'), operUp: m[1]!.includes('R') });
  }
  return out;
}

/**
 * `/ip neighbor print`: # INTERFACE ADDRESS MAC-ADDRESS IDENTITY [VERSION BOARD …] (RouterOS manual, "Neighbor
 * discovery"). The first three values have no spaces; IDENTITY may, so it ends where the next header column starts.
 */
export function parseRouterosNeighbors(text: string): Neighbor[] {
  const all = lines(text);
  const header = all.find((l) => /\bIDENTITY\b/.test(l)) ?? '';
  const identityAt = header.indexOf('IDENTITY');
  const next = /\S/.exec(header.slice(identityAt + 'IDENTITY'.length));
  const identityWidth = identityAt >= 0 && next ? 'IDENTITY'.length + next.index : undefined;
  const out: Neighbor[] = [];
  for (const line of all) {
    const m = /^\s*\d+\s+(\S+)\s+(\d{1,3}(?:\.\d{1,3}){3})\s+((?:[0-9A-F]{2}:){5}[0-9A-F]{2})\s+(.+)$/i.exec(line);
    if (!m) continue;
    const rest = m[4]!;
    const identity = identityWidth !== undefined ? rest.slice(0, identityWidth) : rest;
    out.push(neighbor({ localIfName: m[1], remoteMgmtAddresses: [m[2]!], remoteChassisIdSubtype: 'macAddress', remoteChassisId: normalizeMac(m[3]!), remoteSysName: identity }));
  }
  return out;
}

/** `/export`: the first comment line carries the export time (`# jan/08/2024 09:14:02 by RouterOS 7.13`); drop it. */
export function stripRouterosExportStamp(text: string): string {
  return `${lines(text).filter((l) => !/^# \S+ \d{2}:\d{2}:\d{2} by RouterOS/.test(l)).join('\n').trim()}\n`;
}
