import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/api/compliance';
import type { Platform } from '../../../shared/domain/device';
import { evaluateDevice } from '../../../electron/engine/compliance/evaluate/evaluator';
import { loadPackFile } from '../../../electron/engine/compliance/rules/rule-pack';
import { readsConfig } from '../../../electron/engine/compliance/rules/remediation-templates';
import { checkFor, rulePlatforms } from '../../../electron/engine/compliance/rules/rule-schema';

const root = path.resolve(import.meta.dirname, '../../..');
const pack = loadPackFile(path.join(root, 'rules/core.yaml'));
const shared = (f: string) => path.join(root, 'test/fixtures/configs', f);
const own = (f: string) => path.join(import.meta.dirname, 'fixtures/configs', f);

/** Platform families with fixtures: IOS and IOS XE share one syntax and one set of checks. */
const FAMILY: Partial<Record<Platform, string>> = { ios: 'ios', iosxe: 'ios', junos: 'junos', eos: 'eos', fortios: 'fortios', routeros: 'routeros', frr: 'frr' };

const HARDENED: Array<[Platform, string]> = [
  ['iosxe', own('iosxe/cis-hardened-c9300.txt')],
  ['junos', own('junos/cis-hardened-mx.txt')],
  ['eos', own('eos/cis-hardened-7280.txt')],
  ['fortios', own('fortios/cis-hardened-fgt.txt')],
  ['routeros', own('routeros/cis-hardened-ccr.txt')],
  ['frr', own('frr/ospf-bgp-auth.txt')],
];
const OTHERS: Array<[Platform, string]> = [
  ['ios', shared('ios/legacy-c2960.txt')],
  ['ios', own('ios/weak-c2901.txt')],
  ['iosxe', shared('iosxe/lab-dist1.txt')],
  ['iosxe', shared('iosxe/hardened-c9300.txt')],
  ['iosxe', own('iosxe/branch-isr4331.txt')],
  ['junos', shared('junos/lab-core1.txt')],
  ['junos', shared('junos/srx-curly-hardened.txt')],
  ['junos', own('junos/weak-ex.txt')],
  ['eos', shared('eos/lab-core2.txt')],
  ['eos', shared('eos/hardened-7280.txt')],
  ['eos', own('eos/weak-7050.txt')],
  ['fortios', shared('fortios/lab-edge-fw1.txt')],
  ['fortios', shared('fortios/fgt-hardened.txt')],
  ['fortios', own('fortios/weak-fgt.txt')],
  ['routeros', shared('routeros/lab-acc3.txt')],
  ['routeros', shared('routeros/ccr-v7-hardened.txt')],
  ['routeros', own('routeros/weak-hap.txt')],
  ['frr', shared('frr/lab-frr-edge.txt')],
  ['frr', own('frr/weak-rip.txt')],
];

interface Run {
  platform: Platform;
  file: string;
  text: string;
  findings: Map<string, Finding>;
}
const ai = { capable: true, features: ['cloud-ai-service' as const], evidence: [], catalogVersion: 'test' };
function run(platform: Platform, file: string): Run {
  const text = readFileSync(file, 'utf8');
  const findings = evaluateDevice({ deviceId: file, name: path.basename(file), platform, facts: {}, ai, credentialKinds: ['snmp-v3', 'ssh'], configs: { running: { text, source: 'fixture' } } }, pack, { drift: false });
  return { platform, file, text, findings: new Map(findings.map((f) => [f.ruleId, f])) };
}
const hardened = HARDENED.map(([p, f]) => run(p, f));
const all = [...hardened, ...OTHERS.map(([p, f]) => run(p, f))];

describe('rule pack 1.1.0', () => {
  it('has about 60 rules, each mapped to at least one framework and checking at least one platform', () => {
    expect(pack.pack.rules.length).toBeGreaterThanOrEqual(60);
    for (const r of pack.pack.rules) {
      expect(Object.values(r.frameworks).flat().length, r.id).toBeGreaterThan(0);
      expect(rulePlatforms(r).length, r.id).toBeGreaterThan(0);
    }
  });

  it.each(hardened.map((h) => [path.basename(h.file), h] as const))('the fully hardened %s passes every rule that applies (firmware aside)', (_name, h) => {
    const bad = [...h.findings.values()].filter((f) => (f.status === 'fail' || f.status === 'error') && f.ruleId !== 'RW-FIRMWARE-SUPPORTED');
    expect(bad.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect([...h.findings.values()].filter((f) => f.status === 'pass').length).toBeGreaterThanOrEqual(5);
  });

  // Every rule, on every platform family with fixtures where it reads the configuration (fact-only checks, such as
  // SNMP credentials or firmware, depend on discovery, not on a config file): a config that passes and one that fails.
  const cases = pack.pack.rules.flatMap((r) =>
    [...new Set(rulePlatforms(r).filter((p) => readsConfig(checkFor(r, p)!)).map((p) => FAMILY[p]).filter((f): f is string => f !== undefined))].map((fam) => [r.id, fam] as const),
  );
  it('covers the platforms the issue names', () => {
    expect(new Set(cases.map(([, fam]) => fam))).toEqual(new Set(['ios', 'junos', 'eos', 'fortios', 'routeros', 'frr']));
  });
  it.each(cases)('%s on %s: a fixture passes it and a fixture fails it, the failure quoting real lines', (id, fam) => {
    const runs = all.filter((x) => FAMILY[x.platform] === fam);
    const statuses = runs.map((x) => [path.basename(x.file), x.findings.get(id)!] as const);
    const passed = statuses.filter(([, f]) => f.status === 'pass').map(([n]) => n);
    const failed = statuses.filter(([, f]) => f.status === 'fail');
    expect(passed, `${id} passes on no ${fam} fixture`).not.toEqual([]);
    expect(failed.map(([n]) => n), `${id} fails on no ${fam} fixture`).not.toEqual([]);
    expect(statuses.filter(([, f]) => f.status === 'error').map(([n, f]) => `${n}: ${f.message}`)).toEqual([]);
    // Evidence of a failure names lines that exist, with the text found there (secrets aside).
    for (const [name, f] of failed) {
      const lines = runs.find((x) => path.basename(x.file) === name)!.text.split('\n');
      for (const e of f.evidence) {
        if (e.kind !== 'config') continue;
        const own = e.text.split(' > ').at(-1)!.split('<redacted>')[0]!.trim().split(' ')[0]!;
        expect(lines[e.line - 1], `${name}:${e.line}`).toContain(own.replace(/^(set|deactivate)$/, ''));
      }
    }
  });
});
