import fs from 'node:fs';
import type { Varbind } from '../../electron/engine/snmp/varbind';
import { sharedFixturesDir } from './shared-fixtures';

export const SNMPREC_DIR = `${sharedFixturesDir()}/snmprec`;

const TYPES: Record<string, string> = {
  '2': 'Integer', '4': 'OctetString', '5': 'Null', '6': 'OID', '64': 'IpAddress',
  '65': 'Counter', '66': 'Gauge', '67': 'TimeTicks', '70': 'Counter64',
};

/**
 * Reads an snmprec recording (`OID|TAG|VALUE`, TAG with `x` = hex value) into varbinds shaped like a live walk's,
 * for unit tests of parsers on real devices' data without starting snmpsim.
 */
export function readSnmprec(file: string): Varbind[] {
  const out: Varbind[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const first = line.indexOf('|');
    const second = line.indexOf('|', first + 1);
    if (first < 0 || second < 0) continue;
    const oid = line.slice(0, first);
    const tag = line.slice(first + 1, second);
    const raw = line.slice(second + 1);
    const hex = tag.endsWith('x');
    const type = TYPES[hex ? tag.slice(0, -1) : tag] ?? `tag-${tag}`;
    const bytes = hex ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'utf8');
    let value: Varbind['value'];
    switch (type) {
      case 'OctetString':
        value = bytes;
        break;
      case 'Counter64':
        value = BigInt(raw || '0');
        break;
      case 'IpAddress':
        value = hex ? [...bytes].join('.') : raw;
        break;
      case 'OID':
        value = raw;
        break;
      case 'Null':
        value = null;
        break;
      default:
        value = Number(raw);
    }
    out.push({ oid, type, value });
  }
  return out;
}

/** Varbinds under a subtree, as a walk of that subtree would return them. */
export function subtree(varbinds: readonly Varbind[], base: string): Varbind[] {
  return varbinds.filter((vb) => vb.oid.startsWith(`${base}.`));
}
