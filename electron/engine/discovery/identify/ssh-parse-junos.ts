import { compact, grab, type ParsedSshFacts } from './ssh-facts';

/**
 * Junos `show version` (Junos CLI reference): "Hostname:", "Model:", then "Junos: 18.4R3-S4.2" on 15.1 and
 * later, or "JUNOS Software Release [12.1X46-D40.2]" / "JUNOS Base OS boot [..]" on older releases. A virtual
 * chassis prints one block per member (fpc0:, fpc1:); the first block wins. Serials are not in this output
 * (they are in `show chassis hardware`).
 */
export function looksLikeJunos(text: string): boolean {
  return /^Model:\s+\S+/m.test(text) && /^(Junos:|JUNOS )/m.test(text);
}

export function parseJunosShowVersion(text: string): ParsedSshFacts {
  const osVersion =
    grab(text, /^Junos:\s+(\S+)/m) ??
    grab(text, /^JUNOS (?:Software Release|Base OS boot|EX\s+Software Suite|Packet Forwarding Engine Support \(\w+\))\s+\[([^\]]+)\]/m);
  return compact({
    platform: 'junos',
    vendor: 'Juniper',
    osName: 'Junos',
    osVersion,
    model: grab(text, /^Model:\s+(\S+)/m)?.toUpperCase(),
    hostname: grab(text, /^Hostname:\s+(\S+)/m),
  });
}
