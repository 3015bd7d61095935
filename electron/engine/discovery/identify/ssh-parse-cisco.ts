import { compact, field, grab, type ParsedSshFacts } from './ssh-facts';

/**
 * Cisco `show version` in its four shapes. Layouts follow the examples in Cisco's command references:
 * IOS ("Cisco IOS Software, C2900 Software (…), Version 15.7(3)M2"), IOS-XE (a leading "Cisco IOS XE Software,
 * Version 16.09.04" line), NX-OS ("NXOS: version 9.3(8)", "Device name:"), ASA ("Cisco Adaptive Security
 * Appliance Software Version") and IOS-XR ("Cisco IOS XR Software, Version").
 */
export function looksLikeCisco(text: string): boolean {
  return /Cisco (IOS|Internetwork Operating System|Nexus Operating System|Adaptive Security Appliance)|\bIOS-XE\b|Cisco IOS XR/i.test(text);
}

export function parseCiscoShowVersion(text: string): ParsedSshFacts | undefined {
  if (/Cisco Adaptive Security Appliance Software Version/i.test(text)) return parseAsa(text);
  if (/Cisco Nexus Operating System|\bNX-OS\b/i.test(text)) return parseNxos(text);
  if (/Cisco IOS XR Software/i.test(text)) return parseIosXr(text);
  if (/Cisco IOS XE Software|IOS-XE software/i.test(text)) return parseIos(text, 'iosxe');
  if (/Cisco (IOS|Internetwork Operating System) Software/i.test(text)) return parseIos(text, 'ios');
  return undefined;
}

function parseIos(text: string, platform: 'ios' | 'iosxe'): ParsedSshFacts {
  // The IOS line carries the version in dotted form for both ("Version 16.9.4," on IOS-XE).
  const osVersion = grab(text, /^Cisco (?:IOS|Internetwork Operating System) Software.*?,\s*Version\s+([^\s,]+)/im) ?? grab(text, /Cisco IOS XE Software, Version\s+([^\s,]+)/i);
  // Stacks list "Model Number : X" per member; the first is the active switch. Routers say "cisco X (…) processor".
  const model =
    grab(text, /^Model [Nn]umber\s*:\s*(\S+)/m) ?? grab(text, /^[Cc]isco\s+(\S+)\s+(?:\([^)]*\)\s+)*(?:processor|with \d+K)/m);
  const serial =
    grab(text, /^System [Ss]erial [Nn]umber\s*:\s*(\S+)/m) ?? grab(text, /^Processor board ID\s+(\S+)/m);
  const hostname = grab(text, /^(\S+) uptime is /m);
  return compact({ platform, vendor: 'Cisco', osName: platform === 'iosxe' ? 'IOS-XE' : 'IOS', osVersion, model, serial, hostname });
}

function parseNxos(text: string): ParsedSshFacts {
  const osVersion = grab(text, /^\s*(?:NXOS|system):\s+version\s+(\S+)/im);
  const model = grab(text, /^\s*cisco Nexus\s?\d*\s+(\S+)\s+[Cc]hassis/m) ?? grab(text, /^\s*cisco (.+?)\s+[Cc]hassis/m);
  const serial = grab(text, /^\s*Processor Board ID\s+(\S+)/im);
  const hostname = grab(text, /^\s*Device name:\s+(\S+)/m);
  return compact({ platform: 'nxos', vendor: 'Cisco', osName: 'NX-OS', osVersion, model, serial, hostname });
}

function parseAsa(text: string): ParsedSshFacts {
  const osVersion = grab(text, /Cisco Adaptive Security Appliance Software Version\s+(\S+)/i);
  const model = grab(text, /^Hardware:\s+([^,\s]+)/m);
  const serial = grab(text, /^Serial Number:\s+(\S+)/m);
  const hostname = grab(text, /^(\S+) up \d+/m);
  return compact({ platform: 'asa', vendor: 'Cisco', osName: 'ASA', osVersion, model, serial, hostname });
}

function parseIosXr(text: string): ParsedSshFacts {
  const osVersion = grab(text, /Cisco IOS XR Software, Version\s+([^\s[,]+)/i);
  const model = field(/^\s*cisco\s+(\S+)(?:\s+Series)?\s+(?:\([^)]*\)\s+)?processor/im.exec(text)?.[1]);
  // "System uptime is …" on 64-bit XR names no host; the prompt does.
  const hostname = grab(text, /^(?!System )(\S+) uptime is /m);
  return compact({ platform: 'iosxr', vendor: 'Cisco', osName: 'IOS-XR', osVersion, model, hostname });
}
