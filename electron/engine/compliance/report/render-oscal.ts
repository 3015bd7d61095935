import { createHash } from 'node:crypto';
import type { ComplianceFramework, Finding } from '../../../../shared/api/compliance';
import { ENGINE_VERSION } from '../../version';
import type { ReportModel } from './report-model';

/**
 * OSCAL Assessment Results 1.0.6 (NIST, usnistgov/OSCAL json/schema/oscal_assessment-results_schema.json):
 * one result for the period; inventory items per device; one observation per (device, rule) that was
 * assessed; one finding per framework requirement, satisfied only when none of its observations failed.
 */
export const OSCAL_VERSION = '1.0.6';
const NS = 'https://routewise.invalid/ns/oscal';
const UUID_NAMESPACE = '6f1d2a1e-8c1b-4c6b-9c52-0a7f3f2d1b9e';

/** Name-based UUID (RFC 4122 §4.3, version 5): the same subject keeps its UUID across report revisions. */
export function uuidV5(name: string): string {
  const ns = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** OSCAL StringDatatype: non-empty, no leading/trailing whitespace, one line. */
function str(s: string, max = 1000): string {
  const v = s.replace(/\s+/g, ' ').trim().slice(0, max).trim();
  return v === '' ? '-' : v;
}

/** A requirement id as an OSCAL token: NIST "AC-17(2)" → "ac-17.2" (the catalog's own ids), PCI "req-2.2.7", CIS "cis-1.2.2". */
export function controlToken(fw: ComplianceFramework, id: string): string {
  if (fw === 'nist-800-53') return id.toLowerCase().replace(/\((\d+)\)/g, '.$1');
  if (fw === 'pci-dss') return `req-${id}`;
  const num = /^(\d+(?:\.\d+)*|\d+\.x)\b/.exec(id)?.[1];
  return num ? `cis-${num}` : `cis-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

const prop = (name: string, value: string) => ({ name, ns: NS, value: str(value) });

export function renderOscal(m: ReportModel): string {
  const fw = m.framework;
  const resultUuid = uuidV5(`result:${m.generatedAt}:${fw}`);
  const items = m.inventory.map((d) => ({
    uuid: uuidV5(`device:${d.deviceId}`),
    description: str(`${d.name} (${d.platform}${d.model ? ` ${d.model}` : ''}) at ${d.address}`),
    props: [
      { name: 'asset-id', value: str(d.deviceId) },
      { name: 'ipv4-address', value: str(d.address) },
      prop('platform', d.platform),
      prop('os-version', d.osVersion || 'unknown'),
      prop('ai-capable', d.aiCapable ? 'yes' : 'no'),
    ],
  }));
  const deviceUuid = new Map(m.inventory.map((d) => [d.deviceId, uuidV5(`device:${d.deviceId}`)]));

  const assessed = m.findings.filter((f) => f.status === 'pass' || f.status === 'fail' || f.status === 'error');
  const obsUuid = (f: Finding) => uuidV5(`obs:${resultUuid}:${f.deviceId}:${f.ruleId}`);
  const observations = assessed.map((f) => {
    const subject = deviceUuid.get(f.deviceId);
    const evidence = f.evidence.slice(0, 10).map((e) => ({
      description: e.kind === 'config' ? `${e.source} configuration line ${e.line}${e.change ? ` (${e.change})` : ''}: ${e.text}` : `${e.field} = ${e.value}`,
    }));
    return {
      uuid: obsUuid(f),
      title: str(`${f.ruleId} on ${f.deviceName}`),
      description: `${f.ruleTitle}: ${f.message}`,
      props: [
        prop('rule-id', f.ruleId),
        prop('result', f.waiver ? 'waived' : f.status),
        ...(f.waiver ? [prop('waiver', `${f.waiver.id} owner ${f.waiver.owner} expires ${f.waiver.expiresAt}: ${f.waiver.reason}`)] : []),
      ],
      methods: ['TEST'],
      types: ['finding'],
      ...(subject ? { subjects: [{ 'subject-uuid': subject, type: 'inventory-item', title: str(f.deviceName) }] } : {}),
      ...(evidence.length ? { 'relevant-evidence': evidence } : {}),
      collected: m.generatedAt,
      remarks: `Remediation: ${f.remediation.text}`,
    };
  });

  const byControl = new Map<string, Finding[]>();
  for (const f of assessed) {
    for (const c of f.frameworks[fw]) {
      const g = byControl.get(c);
      if (g) g.push(f);
      else byControl.set(c, [f]);
    }
  }
  const findings = [...byControl].map(([control, fs]) => {
    const failed = fs.filter((f) => f.status !== 'pass' && !f.waiver);
    const waived = fs.filter((f) => f.waiver).length;
    return {
      uuid: uuidV5(`finding:${resultUuid}:${control}`),
      title: str(`${control}`),
      description: `${fs.length} assessed results for ${control}: ${fs.length - failed.length - waived} passed, ${failed.length} failed or errored, ${waived} waived.`,
      props: [prop('requirement', control)],
      target: {
        type: 'objective-id',
        'target-id': controlToken(fw, control),
        status: { state: failed.length === 0 ? 'satisfied' : 'not-satisfied', reason: failed.length === 0 ? 'pass' : 'fail' },
      },
      'related-observations': fs.map((f) => ({ 'observation-uuid': obsUuid(f) })),
    };
  });
  const controls = [...new Set([...byControl.keys()].map((c) => controlToken(fw, c)))].sort();

  const doc = {
    'assessment-results': {
      uuid: uuidV5(`ar:${m.generatedAt}:${fw}:${m.pack.hash}`),
      metadata: {
        title: str(m.title),
        'last-modified': m.generatedAt,
        version: `${m.pack.version}+${m.pack.hash.slice(0, 12)}`,
        'oscal-version': OSCAL_VERSION,
        props: [prop('rule-pack', `${m.pack.id} ${m.pack.version}`), prop('rule-pack-sha256', m.pack.hash), prop('audit-chain', m.audit.summary), prop('generator', `Routewise ${ENGINE_VERSION}`)],
      },
      'import-ap': { href: `#routewise-${m.pack.id}`, remarks: 'Assessment plan: the rule pack named in the metadata, applied to the inventory in scope.' },
      results: [
        {
          uuid: resultUuid,
          title: str(`${m.frameworkName} assessment`),
          description: `Automated configuration assessment of ${m.scope.devices} devices against rule pack ${m.pack.id} ${m.pack.version} (sha256 ${m.pack.hash}). Audit chain: ${m.audit.summary}.`,
          start: m.period.from ?? m.generatedAt,
          end: m.period.to ?? m.generatedAt,
          ...(items.length ? { 'local-definitions': { 'inventory-items': items } } : {}),
          'reviewed-controls': {
            'control-selections': [controls.length ? { 'include-controls': controls.map((c) => ({ 'control-id': c })) } : { 'include-all': {} }],
          },
          ...(observations.length ? { observations } : {}),
          ...(findings.length ? { findings } : {}),
        },
      ],
    },
  };
  return JSON.stringify(doc, null, 1);
}
