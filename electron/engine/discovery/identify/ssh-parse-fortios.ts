import { compact, field, keyValueLines, type ParsedSshFacts } from './ssh-facts';

/**
 * FortiOS `get system status` (FortiOS CLI reference): "Version: FortiGate-60F v7.2.5,build1517,230606 (GA.F)",
 * "Serial-Number:", "Hostname:".
 */
export function looksLikeFortios(text: string): boolean {
  return /^Version:\s+Forti\S+\s+v\d/m.test(text);
}

export function parseFortiosSystemStatus(text: string): ParsedSshFacts {
  const kv = keyValueLines(text);
  const version = /^(\S+)\s+v(\d+(?:\.\d+)*)/.exec(kv.get('version') ?? '');
  return compact({
    platform: 'fortios',
    vendor: 'Fortinet',
    osName: 'FortiOS',
    osVersion: field(version?.[2]),
    model: field(version?.[1]),
    serial: field(kv.get('serial-number')),
    hostname: field(kv.get('hostname')),
  });
}
