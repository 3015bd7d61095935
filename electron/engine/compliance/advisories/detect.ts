import { RoutewiseError } from '../../../../shared/api/errors';
import type { Advisory } from './advisory';
import { parseCsaf } from './csaf';
import { parseNvd } from './nvd';

/** Parse an advisory file's text: NVD CVE JSON 2.0 ("format": "NVD_CVE") or CSAF 2.0 (document.csaf_version). */
export function csafOrNvd(text: string): { format: 'nvd' | 'csaf'; advisories: Advisory[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RoutewiseError('parse-failed', 'the advisory file is not JSON');
  }
  const o = json as { format?: unknown; document?: { csaf_version?: unknown } };
  try {
    if (o.format === 'NVD_CVE') return { format: 'nvd', advisories: parseNvd(json) };
    if (o.document?.csaf_version === '2.0') return { format: 'csaf', advisories: parseCsaf(json) };
  } catch (err) {
    throw new RoutewiseError('parse-failed', `the advisory file does not follow its format: ${(err as Error).message.split('\n')[0]}`);
  }
  throw new RoutewiseError('unsupported', 'not an NVD CVE JSON 2.0 feed ("format": "NVD_CVE") nor a CSAF 2.0 document');
}
