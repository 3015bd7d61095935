import type { Platform } from '../../../../shared/domain/device';
import { compact, field, type ParsedSshFacts } from './ssh-facts';

/** `uname -a` (POSIX uname: sysname nodename release version machine). */
export function parseUname(text: string): ParsedSshFacts | undefined {
  const m = /^(Linux|FreeBSD|OpenBSD|NetBSD|Darwin|SunOS)\s+(\S+)\s+(\S+)/m.exec(text);
  if (!m) return undefined;
  return compact({ platform: 'linux', osName: field(m[1]), hostname: field(m[2]), osVersion: field(m[3]) });
}

/** os-release(5): shell-style KEY=value lines, values optionally quoted. */
export function parseOsReleaseFields(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    let v = (m[2] ?? '').trim();
    const q = v[0];
    if ((q === '"' || q === "'") && v.endsWith(q) && v.length >= 2) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    map.set(m[1], v);
  }
  return map;
}

const DISTRO_PLATFORMS: Record<string, { platform: Platform; vendor: string }> = {
  openwrt: { platform: 'openwrt', vendor: 'OpenWrt' },
  vyos: { platform: 'vyos', vendor: 'VyOS' },
};

export function parseOsRelease(text: string): ParsedSshFacts | undefined {
  const f = parseOsReleaseFields(text);
  const id = (f.get('ID') ?? '').toLowerCase();
  if (!id && !f.has('NAME')) return undefined;
  const special = DISTRO_PLATFORMS[id];
  return compact({
    platform: special?.platform ?? 'linux',
    vendor: special?.vendor,
    osName: field(f.get('NAME')),
    osVersion: field(f.get('VERSION_ID') ?? f.get('VERSION')),
  });
}

/** FRR `vtysh -c 'show version'`: "FRRouting 8.4.4 (hostname) on Linux(6.1.0-18-amd64)." */
export function parseFrrVersion(text: string): ParsedSshFacts | undefined {
  const m = /^FRRouting\s+(\S+)\s+\(([^)]*)\)/m.exec(text);
  if (!m) return undefined;
  return compact({ platform: 'frr', osName: 'FRRouting', osVersion: field(m[1]), hostname: field(m[2]) });
}
