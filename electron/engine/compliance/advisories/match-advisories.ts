import type { AdvisoryMatch } from '../../../../shared/api/compliance';
import type { Platform } from '../../../../shared/domain/device';
import type { Advisory } from './advisory';
import { parseRange } from './version-range';

export interface InventoryVersion {
  readonly deviceId: string;
  readonly deviceName: string;
  readonly platform: Platform;
  readonly version: string | undefined;
}

/** Every (advisory, device) pair where the device's platform and OS version fall in an affected range. */
export function matchAdvisories(advisories: readonly Advisory[], inventory: readonly InventoryVersion[]): AdvisoryMatch[] {
  const out: AdvisoryMatch[] = [];
  const compiled = advisories.map((a) => ({ a, products: a.products.map((p) => ({ p, tests: p.ranges.map(parseRange) })) }));
  for (const d of inventory) {
    if (!d.version) continue;
    for (const { a, products } of compiled) {
      const hit = products.find(({ p, tests }) => p.platform === d.platform && tests.some((t) => t(d.version!)));
      if (!hit) continue;
      out.push({
        advisoryId: a.id,
        ...(a.cve ? { cve: a.cve } : {}),
        title: a.title,
        ...(a.severity ? { severity: a.severity } : {}),
        ...(a.cvssScore !== undefined ? { cvssScore: a.cvssScore } : {}),
        source: a.source,
        deviceId: d.deviceId,
        deviceName: d.deviceName,
        platform: d.platform,
        version: d.version,
        matchedBy: hit.p.matchedBy,
        ...(hit.p.fixedIn ? { fixedIn: hit.p.fixedIn } : {}),
      });
    }
  }
  return out;
}

