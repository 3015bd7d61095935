import type { ComplianceFramework, Finding, FindingCounts } from '../../../../shared/api/compliance';
import { countFindings, inFramework } from '../../../../shared/domain/compliance-score';

export { countFindings, inFramework };

export function scoreByDevice(findings: readonly Finding[]): Map<string, FindingCounts> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.deviceId);
    if (g) g.push(f);
    else groups.set(f.deviceId, [f]);
  }
  return new Map([...groups].map(([k, v]) => [k, countFindings(v)]));
}

/** Per requirement id of one framework (e.g. NIST AC-17): how its mapped findings came out. */
export function scoreByControl(findings: readonly Finding[], fw: ComplianceFramework): Map<string, FindingCounts> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const c of f.frameworks[fw]) {
      const g = groups.get(c);
      if (g) g.push(f);
      else groups.set(c, [f]);
    }
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, v]) => [k, countFindings(v)]));
}
