import { compact, field, keyValueLines, type ParsedSshFacts } from './ssh-facts';

/**
 * MikroTik RouterOS `/system resource print` and `/system routerboard print` (RouterOS manual, "Resource" and
 * "RouterBOARD"): right-aligned `key: value` lines. `version: 7.11.2 (stable)`; CHR reports `routerboard: no`
 * and has no serial.
 */
export function looksLikeRouterosResource(text: string): boolean {
  return /^\s*platform:\s+MikroTik/im.test(text) || (/^\s*board-name:/m.test(text) && /^\s*version:/m.test(text));
}

export function parseRouterosResource(text: string): ParsedSshFacts {
  const kv = keyValueLines(text);
  return compact({
    platform: 'routeros',
    vendor: 'MikroTik',
    osName: 'RouterOS',
    osVersion: field(/^(\d+(?:\.\d+)*(?:[a-z]+\d*)?)/.exec(kv.get('version') ?? '')?.[1]),
    model: field(kv.get('board-name')),
  });
}

export function parseRouterosRouterboard(text: string): ParsedSshFacts {
  const kv = keyValueLines(text);
  return compact({
    platform: 'routeros',
    vendor: 'MikroTik',
    model: field(kv.get('model') ?? kv.get('board-name')),
    serial: field(kv.get('serial-number')),
  });
}
