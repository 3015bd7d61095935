import type { Platform } from '../../../../shared/domain/device';
import { SUPPORTED_PLATFORMS } from '../../drivers/driver-factory';
import type { TemplateSpec } from '../../rollout/templates/template-spec';
import type { Check, Rule, RulePack } from './rule-schema';

/** Whether a check (or any part of it) reads the configuration: only then can a config template fix it. */
export function readsConfig(check: Check): boolean {
  switch (check.type) {
    case 'present':
    case 'absent':
    case 'value':
      return true;
    case 'all':
    case 'any':
      return check.checks.some(readsConfig);
    default:
      return false;
  }
}

/**
 * The platforms a rule's remediation template must have a body for: those whose check reads the configuration
 * and that a rollout can reach (a driver exists). Fact-only checks (SNMP credentials, firmware) cannot be fixed by
 * merging configuration, and a body for a platform without a driver could never be applied.
 */
export function templatePlatformsNeeded(rule: Rule): Platform[] {
  const out = new Set<Platform>();
  for (const [key, check] of Object.entries(rule.checks)) {
    if (!readsConfig(check)) continue;
    for (const p of key.split(',').map((x) => x.trim() as Platform)) if (SUPPORTED_PLATFORMS.includes(p)) out.add(p);
  }
  return [...out].sort();
}

export interface TemplateIssue {
  ruleId: string;
  /** The field an editor highlights. */
  path: string;
  message: string;
}

/** Every rule whose remediation names a template that is missing or lacks a body for one of the rule's platforms. */
export function remediationTemplateIssues(pack: Pick<RulePack, 'rules'>, templates: ReadonlyMap<string, TemplateSpec>): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const rule of pack.rules) {
    const name = rule.remediation.template;
    if (name === undefined) continue;
    const t = templates.get(name);
    if (!t) {
      issues.push({ ruleId: rule.id, path: 'remediation.template', message: `no rollout template named ${name} (known: ${[...templates.keys()].sort().join(', ')})` });
      continue;
    }
    const missing = templatePlatformsNeeded(rule).filter((p) => !t.platforms.includes(p));
    if (missing.length > 0) issues.push({ ruleId: rule.id, path: 'remediation.template', message: `template ${name} has no body for ${missing.join(', ')}, which the rule checks` });
  }
  return issues;
}
