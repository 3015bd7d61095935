import fs from 'node:fs';
import path from 'node:path';

/**
 * The workplace's shared fixtures (recorded SNMP walks, NIST's OSCAL schema) live in `shared/` beside the
 * repository — in CI a copy sits next to the clone. Falls back to the workplace's own copy.
 */
export function sharedFixturesDir(): string {
  const candidates = [path.resolve(__dirname, '../../../shared/fixtures'), '/work/shared/fixtures'];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0]!;
}
