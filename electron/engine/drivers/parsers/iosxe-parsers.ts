import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Facts, InterfaceState } from '../driver';
import { clean, grab, lines, neighbor, normalizeMac, uptimeFromWords } from './parse-helpers';

/** `show version` (Cisco IOS XE 17 command reference, "show version"). */
export function parseIosShowVersion(text: string): Facts {
  const hostname = grab(text, /^(\S+) uptime is /m) ?? '';
  const uptimeLine = grab(text, /^\S+ uptime is (.+)$/m);
  const facts: Facts = { hostname, vendor: 'Cisco' };
  const version = grab(text, /Cisco IOS[ -]XE Software, Version (\S+)/) ?? grab(text, /Cisco IOS Software.*?, Version ([^\s,]+)/);
  if (version) facts.osVersion = version;
  const model = grab(text, /^Model [Nn]umber\s*:\s*(\S+)/m) ?? grab(text, /^[Cc]isco (\S+) \([^)]*\) processor/m);
  if (model) facts.model = model;
  const serial = grab(text, /^System [Ss]erial [Nn]umber\s*:\s*(\S+)/m) ?? grab(text, /^Processor board ID (\S+)/m);
  if (serial) facts.serial = serial;
  const up = uptimeLine ? uptimeFromWords(uptimeLine) : undefined;
  if (up !== undefined) facts.uptimeSec = up;
  return facts;
}

/** `show interfaces`: a header line per interface, then indented details (IOS XE Interface and Hardware Components). */
export function parseIosShowInterfaces(text: string): InterfaceState[] {
  const out: InterfaceState[] = [];
  let cur: InterfaceState | undefined;
  for (const line of lines(text)) {
    const head = /^(\S+) is (up|down|administratively down)(?:\s*\([^)]*\))?, line protocol is (up|down)/.exec(line);
    if (head) {
      cur = { name: clean(head[1]!), adminUp: head[2] !== 'administratively down', operUp: head[3] === 'up' };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const descr = /^\s+Description: (.*)$/.exec(line);
    if (descr) cur.description = clean(descr[1]!);
    const bw = /\bBW (\d+) Kbit/.exec(line);
    if (bw) cur.speedMbps = Number(bw[1]) / 1000;
  }
  return out;
}

/** `show lldp neighbors detail`: records separated by dashes (IOS XE LLDP configuration guide). */
export function parseIosLldpDetail(text: string): Neighbor[] {
  const records = text.split(/^-{10,}\s*$/m).filter((r) => /Local Intf:/.test(r));
  return records.map((r) => {
    const mgmt = [...r.matchAll(/^\s+IP(?:v6)?: (\S+)/gim)].map((m) => clean(m[1]!));
    const sysDesc = /System Description:\s*\n([\s\S]*?)\n\s*\n/.exec(r)?.[1];
    const chassis = grab(r, /^Chassis id: (.+)$/m);
    return neighbor({
      localIfName: grab(r, /^Local Intf: (.+)$/m),
      remoteChassisIdSubtype: chassis && /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(chassis) ? 'macAddress' : undefined,
      remoteChassisId: chassis && /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(chassis) ? normalizeMac(chassis) : chassis,
      remotePortId: grab(r, /^Port id: (.+)$/m),
      remotePortDesc: grab(r, /^Port Description: (.+)$/m),
      remoteSysName: grab(r, /^System Name: (.+)$/m),
      remoteSysDesc: sysDesc !== undefined ? clean(sysDesc, 1024) : undefined,
      remoteMgmtAddresses: mgmt,
    });
  });
}

/** `show running-config` without its banner ("Building configuration…", "Current configuration : N bytes"). */
export function stripIosRunningBanner(text: string): string {
  const all = lines(text);
  const at = all.findIndex((l) => /^Current configuration\s*:/.test(l));
  // `show startup-config` starts with `Using N out of M bytes` instead.
  const body = at >= 0 ? all.slice(at + 1) : all.filter((l, i) => !/^Building configuration/.test(l) && !(i === 0 && /^Using \d+ out of \d+ bytes/.test(l)));
  while (body.length && body[0]!.trim() === '') body.shift();
  return `${body.join('\n').trimEnd()}\n`;
}
