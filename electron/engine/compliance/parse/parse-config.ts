import type { Platform } from '../../../../shared/domain/device';
import { type ParsedConfig, styleFor } from './config-tree';
import { parseFortios } from './fortios-parser';
import { parseIosStyle } from './ios-parser';
import { parseJunos } from './junos-parser';
import { parseRouteros } from './routeros-parser';

/** Parse a device configuration into statements with line numbers; undefined for platforms without a parser. */
export function parseConfig(platform: Platform, text: string): ParsedConfig | undefined {
  switch (styleFor(platform)) {
    case 'ios':
      return parseIosStyle(text);
    case 'junos-set':
      return parseJunos(text);
    case 'fortios':
      return parseFortios(text);
    case 'routeros':
      return parseRouteros(text);
    default:
      return undefined;
  }
}
