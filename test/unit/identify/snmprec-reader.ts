import fs from 'node:fs';
import path from 'node:path';

export const SNMPREC_DIR = path.resolve(__dirname, '../../../../shared/fixtures/snmprec');

/** Read one value from a recording (OID|TAG|VALUE lines; TAG with 'x' = hex). */
export function recordedValue(name: string, oid: string): string | undefined {
  const text = fs.readFileSync(path.join(SNMPREC_DIR, `${name}.snmprec`), 'utf8');
  for (const line of text.split('\n')) {
    const bar = line.indexOf('|');
    if (line.slice(0, bar) !== oid) continue;
    const bar2 = line.indexOf('|', bar + 1);
    const tag = line.slice(bar + 1, bar2);
    const value = line.slice(bar2 + 1);
    return tag.endsWith('x') ? Buffer.from(value, 'hex').toString('utf8') : value;
  }
  return undefined;
}
