import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { evaluateAll } from '../../../electron/engine/compliance/evaluate/evaluator';
import type { DeviceInput } from '../../../electron/engine/compliance/evaluate/device-input';
import { buildReportModel } from '../../../electron/engine/compliance/report/build-report';
import { csvCell, renderCsv } from '../../../electron/engine/compliance/report/render-csv';
import { renderHtml } from '../../../electron/engine/compliance/report/render-html';
import { controlToken, renderOscal } from '../../../electron/engine/compliance/report/render-oscal';
import { loadPackFile } from '../../../electron/engine/compliance/rules/rule-pack';
import { sharedFixturesDir } from '../../support/shared-fixtures';

const root = path.resolve(import.meta.dirname, '../../..');
const pack = loadPackFile(path.join(root, 'rules/core.yaml'));
const schema = JSON.parse(readFileSync(`${sharedFixturesDir()}/oscal/oscal_assessment-results_schema.json`, 'utf8')) as object;

export function oscalValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const WAIVER = { id: 'wv-1', ruleId: 'RW-AAA', deviceId: 'd1', reason: 'TACACS+ "rollout" in Q3\nline two', owner: 'netops', expiresAt: '2099-01-01T00:00:00Z', createdAt: '2024-05-01T00:00:00Z', createdBy: 't' };

function model(framework: 'cis' | 'nist-800-53' | 'pci-dss') {
  const devices: DeviceInput[] = [
    { deviceId: 'd1', name: 'dist1 <script>alert(1)</script>', address: '127.0.10.4', platform: 'iosxe', facts: { osVersion: '17.9.4a', model: 'C9300' }, credentialKinds: ['snmp-v2c'], ai: null, configs: { running: { text: readFileSync(path.join(root, 'test/fixtures/configs/iosxe/lab-dist1.txt'), 'utf8'), source: 'fixture' } } },
    { deviceId: 'd2', name: 'srx', address: '127.0.10.9', platform: 'junos', facts: { osVersion: '22.4R3-S2' }, credentialKinds: ['snmp-v3'], ai: { capable: true, features: ['cloud-ai-service'], evidence: [], catalogVersion: 't' }, configs: { running: { text: readFileSync(path.join(root, 'test/fixtures/configs/junos/srx-curly-hardened.txt'), 'utf8'), source: 'fixture' } } },
  ];
  const now = new Date('2024-06-01T12:00:00Z');
  const findings = evaluateAll(devices, pack, { now, waivers: [WAIVER] });
  return buildReportModel({
    framework, now, pack, devices, findings, waivers: [WAIVER], advisories: [],
    packInfo: { id: pack.pack.id, title: pack.pack.title, version: pack.pack.version, hash: pack.hash, changedWithoutVersionBump: false },
    auditVerify: { intact: true, entries: 3, headHash: 'x' },
    auditEntries: [{ seq: 1, at: '2024-05-01T00:00:00Z', actor: 'cli', action: 'credentials.add', subject: 'c1', details: { community: 'topsecret', label: 'lab' }, prevHash: '0', hash: '1' }],
    rollouts: null, threats: null,
  });
}

describe('OSCAL assessment results', () => {
  const validate = oscalValidator();
  it.each(['cis', 'nist-800-53', 'pci-dss'] as const)('validates against NIST schema 1.0.6 (%s)', (fw) => {
    const doc = JSON.parse(renderOscal(model(fw))) as unknown;
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it('names controls as OSCAL tokens and marks not-satisfied when a device fails', () => {
    expect(controlToken('nist-800-53', 'AC-17(2)')).toBe('ac-17.2');
    expect(controlToken('pci-dss', '8.3.2')).toBe('req-8.3.2');
    expect(controlToken('cis', "1.2.2 Set 'transport input ssh'")).toBe('cis-1.2.2');
    const doc = JSON.parse(renderOscal(model('nist-800-53'))) as { 'assessment-results': { results: Array<{ findings: Array<{ target: { 'target-id': string; status: { state: string } } }> }> } };
    const ia5 = doc['assessment-results'].results[0]!.findings.find((f) => f.target['target-id'] === 'ia-5');
    expect(ia5?.target.status.state).toBe('not-satisfied');
    const obs = (doc as unknown as { 'assessment-results': { results: Array<{ observations: Array<{ title: string; props: Array<{ name: string; value: string }> }> }> } })['assessment-results'].results[0]!.observations;
    const waived = obs.find((o) => o.title === 'RW-AAA on dist1 <script>alert(1)</script>')!;
    expect(waived.props.find((p) => p.name === 'result')?.value).toBe('waived');
    expect(waived.props.find((p) => p.name === 'waiver')?.value).toBe('wv-1 owner netops expires 2099-01-01T00:00:00Z: TACACS+ "rollout" in Q3 line two');
    const schemaBroken = structuredClone(doc) as { 'assessment-results': Record<string, unknown> };
    delete schemaBroken['assessment-results']['import-ap'];
    expect(validate(schemaBroken)).toBe(false);
  });
});

describe('HTML and CSV', () => {
  it('HTML escapes device strings and redacts audit details; the print-only page hides itself on screen', () => {
    const html = renderHtml(model('cis'));
    expect(html).not.toContain('@media screen { body { display: none; } }');
    expect(renderHtml(model('cis'), { printOnly: true })).toContain('@media screen { body { display: none; } }');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('dist1 &lt;script&gt;');
    expect(html).not.toContain('topsecret');
    expect(html).toContain('chain intact: 3 entries');
    expect(html).toContain('RW-SNMP-NO-V1V2C');
  });
  it('CSV has one row per finding of the framework, quoting and formula neutralising', () => {
    const m = model('pci-dss');
    const csv = renderCsv(m);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(m.findings.length + 1);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toContain('routewise-lab');
  });
});
