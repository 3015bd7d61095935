import type { ComplianceFramework, Finding, FindingCounts } from '../api/compliance';

/**
 * Score = pass / (pass + unwaived fail), one decimal; waived, not-applicable and error findings do not count.
 * Shared so the Compliance view and the exported report can never disagree.
 */
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
