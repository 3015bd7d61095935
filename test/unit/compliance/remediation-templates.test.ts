import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../../shared/domain/device';
import type { DeviceInput } from '../../../electron/engine/compliance/evaluate/device-input';
import { evaluateRule } from '../../../electron/engine/compliance/evaluate/evaluator';
import { parseConfig } from '../../../electron/engine/compliance/parse/parse-config';
import { remediationTemplateIssues, templatePlatformsNeeded } from '../../../electron/engine/compliance/rules/remediation-templates';
import { loadPackFile } from '../../../electron/engine/compliance/rules/rule-pack';
import type { Rule } from '../../../electron/engine/compliance/rules/rule-schema';
import { parseTemplate, renderTemplate } from '../../../electron/engine/rollout/templates/template-library';
import type { TemplateSpec } from '../../../electron/engine/rollout/templates/template-spec';
import { iosMerge } from './support/ios-merge';
import { junosMerge } from './support/junos-merge';

const root = path.resolve(import.meta.dirname, '../../..');
const packs = readdirSync(path.join(root, 'rules')).filter((f) => f.endsWith('.yaml')).map((f) => loadPackFile(path.join(root, 'rules', f)));
const templates = new Map<string, TemplateSpec>(
  readdirSync(path.join(root, 'templates'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const t = parseTemplate(readFileSync(path.join(root, 'templates', f), 'utf8'), f);
      return [t.name, t] as const;
    }),
);

/** Values for the parameters a template requires (documentation addresses, throw-away secrets). */
const PARAMS: Record<string, unknown> = {
  server: '192.0.2.20',
  collector: '192.0.2.50',
  network: '192.0.2.0',
  key: 'Example-Key-01',
  auth_password: 'Example-Auth-01',
  priv_password: 'Example-Priv-01',
  user_secret: 'Example-Secret-0001',
};
function paramsFor(t: TemplateSpec, config = ''): Record<string, unknown> {
  const given = Object.fromEntries(Object.keys(t.parameters).filter((k) => k in PARAMS).map((k) => [k, PARAMS[k]]));
  // The admin names the communities to remove: here, the ones the config has.
  const communities = [...config.matchAll(/^(?:snmp-server community|set snmp community) "?([^"\s]+)/gm)].map((m) => m[1]!);
  if ('remove_communities' in t.parameters && communities.length > 0) given['remove_communities'] = communities.join(',');
  return given;
}

// IOS-style fixtures that fail many rules: the legacy switch, the lab's IOS-XE config, a branch router with call-home.
const IOS_FIXTURES: Array<[Platform, string]> = [
  ['ios', path.join(root, 'test/fixtures/configs/ios/legacy-c2960.txt')],
  ['iosxe', path.join(root, 'test/fixtures/configs/iosxe/lab-dist1.txt')],
  ['iosxe', path.join(import.meta.dirname, 'fixtures/configs/iosxe/branch-isr4331.txt')],
];
const ai = { capable: true, features: ['cloud-ai-service' as const], evidence: [], catalogVersion: 'test' };
const deviceWith = (platform: Platform, text: string): DeviceInput => ({ deviceId: 'd', name: 'd', platform, facts: {}, ai, configs: { running: { text, source: 'fixture' } } });

function statusOf(rule: Rule, platform: Platform, text: string, pack = packs[0]!): string {
  return evaluateRule(deviceWith(platform, text), rule, pack, parseConfig(platform, text)).status;
}

const withTemplate = packs.flatMap((p) => p.pack.rules.filter((r) => r.remediation.template).map((r) => [r.id, r, p] as const));

describe('remediation templates named by the rule packs', () => {
  it('the packs name templates at all (the test is not vacuous)', () => {
    expect(withTemplate.length).toBeGreaterThanOrEqual(18);
  });

  it.each(withTemplate)('%s: the template exists, parses and covers the platforms the rule checks', (_id, rule, pack) => {
    const t = templates.get(rule.remediation.template!);
    expect(t, `templates/${rule.remediation.template}.yaml`).toBeDefined();
    const needed = templatePlatformsNeeded(rule);
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.filter((p) => !t!.platforms.includes(p))).toEqual([]);
    expect(remediationTemplateIssues({ rules: [rule] }, templates)).toEqual([]);
    // Every body renders with the parameters given.
    expect(() => renderTemplate(t!, paramsFor(t!), t!.platforms)).not.toThrow();
    expect(pack.pack.rules).toContain(rule);
  });

  it.each(withTemplate.filter(([, r]) => templatePlatformsNeeded(r).some((p) => p === 'ios' || p === 'iosxe')))(
    '%s: on an IOS-style config that fails it, the rendered lines applied make it pass',
    (_id, rule, pack) => {
      const t = templates.get(rule.remediation.template!)!;
      let failing = 0;
      for (const [platform, file] of IOS_FIXTURES) {
        const text = readFileSync(file, 'utf8');
        if (statusOf(rule, platform, text, pack) !== 'fail') continue;
        failing++;
        const { rendered } = renderTemplate(t, paramsFor(t, text), [platform]);
        const fixed = iosMerge(text, rendered[0]!.config);
        expect(statusOf(rule, platform, fixed, pack), `${path.basename(file)} after ${t.name}:\n${rendered[0]!.config}`).toBe('pass');
      }
      expect(failing, 'no IOS-style fixture fails this rule').toBeGreaterThan(0);
    },
  );

  it('names the field when a rule points at a missing template or one without a body for its platform', () => {
    const rule = withTemplate.find(([id]) => id === 'RW-TELNET-OFF')![1];
    const missing = { ...rule, remediation: { ...rule.remediation, template: 'no-such-template' } };
    expect(remediationTemplateIssues({ rules: [missing] }, templates)).toEqual([{ ruleId: 'RW-TELNET-OFF', path: 'remediation.template', message: expect.stringMatching(/no rollout template named no-such-template/) }]);
    const narrow = { ...rule, remediation: { ...rule.remediation, template: 'ntp' } };
    expect(remediationTemplateIssues({ rules: [narrow] }, templates)[0]?.message).toMatch(/has no body for ios\b/);
  });
});

const JUNOS_FIXTURES = [
  path.join(root, 'test/fixtures/configs/junos/lab-core1.txt'),
  path.join(root, 'test/fixtures/configs/junos/srx-curly-hardened.txt'),
  path.join(import.meta.dirname, 'fixtures/configs/junos/weak-ex.txt'),
];
/** Junos fixtures as "display set" statements (the curly form flattened by the compliance parser). */
const junosSet = (file: string) => parseConfig('junos', readFileSync(file, 'utf8'))!.all.map((n) => n.text);

describe('remediation templates on Junos', () => {
  it.each(withTemplate.filter(([, r]) => templatePlatformsNeeded(r).includes('junos')))('%s: on a Junos config that fails it, the rendered statements committed make it pass', (_id, rule, pack) => {
    const t = templates.get(rule.remediation.template!)!;
    let failing = 0;
    for (const file of JUNOS_FIXTURES) {
      const set = junosSet(file);
      if (statusOf(rule, 'junos', set.join('\n'), pack) !== 'fail') continue;
      failing++;
      const { rendered } = renderTemplate(t, paramsFor(t, set.join('\n')), ['junos']);
      const fixed = junosMerge(set, rendered[0]!.config);
      expect(statusOf(rule, 'junos', fixed, pack), `${path.basename(file)} after ${t.name}:\n${rendered[0]!.config}`).toBe('pass');
    }
    expect(failing, 'no Junos fixture fails this rule').toBeGreaterThan(0);
  });
});

describe('the IOS merge model used above', () => {
  it('negations remove, values replace, vty lines reach every vty block, banners stay whole', () => {
    const merged = iosMerge('no aaa new-model\nip http server\nline vty 0 4\n exec-timeout 0 0\nline vty 5 15\n login\nend\n', 'aaa new-model\nno ip http server\nline vty 0 15\n exec-timeout 10 0\nbanner login ^\nHello\n^\n');
    expect(merged).toBe('line vty 0 4\n exec-timeout 10 0\nline vty 5 15\n login\n exec-timeout 10 0\naaa new-model\nno ip http server\nbanner login ^\nHello\n^\nend\n');
  });
});
