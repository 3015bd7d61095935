import type { Neighbor } from '../../../../shared/domain/neighbor';
import type { Facts, InterfaceState } from '../driver';
import { clean, grab, lines, neighbor, normalizeMac } from './parse-helpers';

/** `vtysh -c 'show version'`: `FRRouting 8.4.4 (host) on Linux(6.1.0-18-amd64).` */
export function parseFrrVersion(text: string, hostname: string, procUptime?: string): Facts {
  const facts: Facts = { hostname: clean(hostname), vendor: 'FRRouting' };
  const version = grab(text, /^FRRouting (\S+)/m);
  if (version) facts.osVersion = version;
  const up = procUptime ? Number(procUptime.trim().split(/\s+/)[0]) : Number.NaN;
  if (Number.isFinite(up)) facts.uptimeSec = Math.floor(up);
  return facts;
}

/** `show interface brief`: Interface Status VRF Addresses (FRR zebra). FRR does not know the admin state here. */
export function parseFrrInterfaceBrief(text: string): InterfaceState[] {
  const out: InterfaceState[] = [];
  for (const line of lines(text)) {
    const m = /^(\S+)\s+(up|down)\s+(\S+)/.exec(line);
    if (!m || m[1] === 'Interface') continue;
    out.push({ name: clean(m[1]!), adminUp: true, operUp: m[2] === 'up' });
  }
  return out;
}

/** lldpd's `lldpcli show neighbors` (default format): one block per interface, dashed separators. */
export function parseLldpcliNeighbors(text: string): Neighbor[] {
  const blocks = text.split(/^-{20,}\s*$/m).filter((b) => /^Interface:/m.test(b));
  return blocks.map((b) => {
    const chassis = /ChassisID:\s+(\S+) (.+)$/m.exec(b);
    const port = /PortID:\s+(\S+) (.+)$/m.exec(b);
    const chassisSub = chassis?.[1] === 'mac' ? 'macAddress' : chassis?.[1] === 'ip' ? 'networkAddress' : chassis?.[1] === 'local' ? 'local' : chassis?.[1] === 'ifname' ? 'interfaceName' : undefined;
    const portSub = port?.[1] === 'mac' ? 'macAddress' : port?.[1] === 'ifname' ? 'interfaceName' : port?.[1] === 'local' ? 'local' : port?.[1] === 'ifalias' ? 'interfaceAlias' : undefined;
    return neighbor({
      localIfName: grab(b, /^Interface:\s+([^,\s]+)/m),
      remoteChassisIdSubtype: chassisSub,
      remoteChassisId: chassis ? (chassisSub === 'macAddress' ? normalizeMac(chassis[2]!) : chassis[2]) : undefined,
      remoteSysName: grab(b, /SysName:\s+(.+)$/m),
      remoteSysDesc: grab(b, /SysDescr:\s+(.+)$/m),
      remotePortIdSubtype: portSub,
      remotePortId: port?.[2],
      remotePortDesc: grab(b, /PortDescr:\s+(.+)$/m),
      remoteMgmtAddresses: [...b.matchAll(/MgmtIP:\s+(\S+)/g)].map((m) => clean(m[1]!)),
    });
  });
}

/** `show running-config` without "Building configuration…" / "Current configuration:". */
export function stripFrrRunningBanner(text: string): string {
  const all = lines(text);
  const at = all.findIndex((l) => /^Current configuration:/.test(l));
  const body = at >= 0 ? all.slice(at + 1) : all;
  while (body.length && (body[0]!.trim() === '' || body[0] === '!')) body.shift();
  return `${body.join('\n').trimEnd()}\n`;
}
