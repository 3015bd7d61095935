import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Facts, InterfaceState } from '../driver';
import { clean, grab, lines, neighbor, uptimeFromWords } from './parse-helpers';

/** `show version` (EOS User Manual): first line `Arista <model>`, `Serial number:`, `Software image version:`, `Uptime:`. */
export function parseEosShowVersion(text: string, hostname: string): Facts {
  const facts: Facts = { hostname, vendor: 'Arista Networks' };
  const model = grab(text, /^Arista (\S+)/m);
  if (model) facts.model = model;
  const serial = grab(text, /^Serial number:\s*(\S+)/m);
  if (serial) facts.serial = serial;
  const version = grab(text, /^Software image version:\s*(\S+)/m);
  if (version) facts.osVersion = version;
  const up = grab(text, /^Uptime:\s*(.+)$/m);
  const sec = up ? uptimeFromWords(up) : undefined;
  if (sec !== undefined) facts.uptimeSec = sec;
  return facts;
}

/** `show interfaces status` abbreviates names (Et1, Ma1, Po10); the rest of EOS uses full names. */
export function eosLongName(name: string): string {
  const m = /^(Et|Ma|Po|Lo|Vl|Tu)(\d.*)$/.exec(name);
  const full: Record<string, string> = { Et: 'Ethernet', Ma: 'Management', Po: 'Port-Channel', Lo: 'Loopback', Vl: 'Vlan', Tu: 'Tunnel' };
  return m ? `${full[m[1]!]}${m[2]}` : name;
}

function speedOf(token: string): number | undefined {
  const m = /^(?:a-)?(\d+(?:\.\d+)?)([GM])$/.exec(token);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'G' ? 1000 : 1);
}

/** `show interfaces status`: Port Name Status Vlan Duplex Speed Type, Name may be empty or contain spaces. */
export function parseEosInterfacesStatus(text: string): InterfaceState[] {
  const all = lines(text);
  const header = all.find((l) => /^Port\s+Name\s+Status/.test(l));
  if (!header) return [];
  const nameAt = header.indexOf('Name');
  const statusAt = header.indexOf('Status');
  const out: InterfaceState[] = [];
  for (const line of all.slice(all.indexOf(header) + 1)) {
    if (!/^\S/.test(line)) continue;
    const port = line.slice(0, nameAt).trim();
    const name = line.slice(nameAt, statusAt).trim();
    const rest = line.slice(statusAt).trim().split(/\s+/);
    const status = rest[0] ?? '';
    const state: InterfaceState = { name: eosLongName(clean(port)), adminUp: status !== 'disabled' && status !== 'errdisabled', operUp: status === 'connected' };
    const speed = speedOf(rest[3] ?? '');
    if (speed !== undefined) state.speedMbps = speed;
    if (name) state.description = clean(name);
    out.push(state);
  }
  return out;
}

/** `show lldp neighbors`: Port, Neighbor Device ID, Neighbor Port ID, TTL, after the dashed rule. */
export function parseEosLldp(text: string): Neighbor[] {
  const all = lines(text);
  const rule = all.findIndex((l) => /^-{5,} -{5,}/.test(l));
  if (rule < 0) return [];
  const out: Neighbor[] = [];
  for (const line of all.slice(rule + 1)) {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s*$/.exec(line);
    if (m) out.push(neighbor({ localIfName: eosLongName(m[1]!), remoteSysName: m[2], remotePortId: m[3] }));
  }
  return out;
}

/** `show running-config` minus the `! Command:` / `! Time:` lines, which change on every call. */
export function stripEosRunningBanner(text: string): string {
  return `${lines(text).filter((l) => !/^! (Command|Time):/.test(l)).join('\n').trim()}\n`;
}
