import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { TemplateSpec } from '../../rollout/templates/template-spec';
import { remediationTemplateIssues } from './remediation-templates';
import { loadPackText } from './rule-pack';
import { Rule, type Rule as RuleT } from './rule-schema';

/**
 * Editing one rule of the active pack from the Compliance view: the rule as YAML text, checked field by field, and
 * saved as a new pack file in the data directory (the shipped rules/ stay untouched; reverting deletes the file).
 * Every save changes the pack hash, so the audit chain records it like any other pack change.
 */
export const MAX_RULE_YAML_CHARS = 20_000;

/** The edited pack, when there is one: it replaces the shipped pack for this data directory. */
export function editedPackPath(dataDir: string): string {
  return path.join(dataDir, 'rules', 'edited-pack.yaml');
}

export function hasEditedPack(dataDir: string): boolean {
  return existsSync(editedPackPath(dataDir));
}

export interface RuleIssue {
  /** The field, as a dotted path inside the rule ("checks.ios,iosxe.match"); "" for the document itself. */
  path: string;
  message: string;
  /** 1-based line of the YAML text, when the parser knows it. */
  line?: number;
}

export interface RuleCheck {
  rule?: RuleT;
  issues: RuleIssue[];
}

/** The rule as the editor shows it. */
export function ruleToYaml(rule: RuleT): string {
  return stringify(rule, { lineWidth: 0 });
}

/**
 * Parse and check one rule's YAML: syntax, the rule schema (each issue names its field), a unique id, and a
 * remediation template that exists and covers the platforms the rule checks.
 */
export function checkRuleText(text: string, opts: { originalId: string; otherIds: readonly string[]; templates: ReadonlyMap<string, TemplateSpec> }): RuleCheck {
  if (text.length > MAX_RULE_YAML_CHARS) return { issues: [{ path: '', message: `the rule is longer than ${MAX_RULE_YAML_CHARS} characters` }] };
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.slice(0, 5).map((e) => ({ path: '', message: `not valid YAML: ${e.message.split('\n')[0]}`, ...(e.linePos ? { line: e.linePos[0].line } : {}) })),
    };
  }
  const parsed = Rule.safeParse(doc.toJS({ maxAliasCount: 10 }));
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.slice(0, 10).map((i) => {
        const line = lineOf(doc, i.path);
        return { path: i.path.map(String).join('.'), message: i.message, ...(line ? { line } : {}) };
      }),
    };
  }
  const rule = parsed.data;
  const issues: RuleIssue[] = [];
  if (rule.id !== opts.originalId && opts.otherIds.includes(rule.id)) issues.push({ path: 'id', message: `another rule already has the id ${rule.id}` });
  for (const t of remediationTemplateIssues({ rules: [rule] }, opts.templates)) issues.push({ path: t.path, message: t.message });
  return issues.length > 0 ? { issues } : { rule, issues };
}

function lineOf(doc: ReturnType<typeof parseDocument>, at: ReadonlyArray<PropertyKey>): number | undefined {
  // The deepest node of the path that exists: a missing field points at its parent.
  for (let n = at.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(at.slice(0, n) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineAt(String(doc), range[0]);
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Bump the last component of a semantic version: the default for "save as a new version". */
export function nextPatchVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : version;
}

/**
 * The pack text with one rule replaced (comments and the other rules' formatting kept) and the version set.
 * Throws bad-request when the result is not a valid pack.
 */
export function applyRuleEdit(packText: string, originalId: string, rule: RuleT, version: string): string {
  const doc = parseDocument(packText);
  const rules = doc.get('rules', true);
  if (!isSeq(rules)) throw new RoutewiseError('bad-request', 'the active pack has no rules list');
  const index = rules.items.findIndex((item) => isMap(item) && item.get('id') === originalId);
  if (index < 0) throw new RoutewiseError('not-found', `no rule ${originalId} in the active pack`);
  rules.items[index] = doc.createNode(rule);
  doc.set('version', version);
  const text = String(doc);
  loadPackText(text, 'edited pack');
  return text;
}
