import type { ComplianceFramework, Finding, FindingCounts } from '../../../../shared/api/compliance';

export function countFindings(findings: Iterable<Finding>): FindingCounts {
  let pass = 0;
  let fail = 0;
  let waived = 0;
  let notApplicable = 0;
  let error = 0;
  for (const f of findings) {
    if (f.status === 'pass') pass++;
    else if (f.status === 'fail') {
      if (f.waiver) waived++;
      else fail++;
    } else if (f.status === 'error') error++;
    else notApplicable++;
  }
  const assessable = pass + fail;
  return { pass, fail, waived, notApplicable, error, scorePct: assessable === 0 ? null : Math.round((pass / assessable) * 1000) / 10 };
}

/** Findings that count for a framework: the rule maps to at least one of its requirements. */
export function inFramework(f: Finding, fw: ComplianceFramework): boolean {
  return f.frameworks[fw].length > 0;
}

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
