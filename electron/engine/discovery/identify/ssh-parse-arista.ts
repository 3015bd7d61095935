import { compact, grab, type ParsedSshFacts } from './ssh-facts';

/** Arista EOS `show version`, as in the EOS User Manual: first line "Arista <model>", then key: value lines. */
export function looksLikeArista(text: string): boolean {
  return /^\s*Arista\s+\S+/m.test(text) && /Software image version:/i.test(text);
}

export function parseAristaShowVersion(text: string): ParsedSshFacts {
  return compact({
    platform: 'eos',
    vendor: 'Arista',
    osName: 'EOS',
    osVersion: grab(text, /^Software image version:\s*(\S+)/im),
    model: grab(text, /^\s*Arista\s+(\S+)/m),
    serial: grab(text, /^Serial number:\s*(\S+)/im),
  });
}
