import { createHash, hash } from 'node:crypto';
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

const NS_BYTES = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');

/** Name-based UUID (RFC 4122 §4.3, version 5): the same subject keeps its UUID across report revisions. */
export function uuidV5(name: string): string {
  // One-shot hash: a report derives ~100k of these, and the streaming Hash object costs more than the digest.
  const h = hash('sha1', Buffer.concat([NS_BYTES, Buffer.from(name, 'utf8')]), 'buffer');
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
const j = JSON.stringify;

function observation(f: Finding, uuid: string, subject: string | undefined, collected: string): object {
  const evidence = f.evidence.slice(0, 10).map((e) => ({
    description: e.kind === 'config' ? `${e.source} configuration line ${e.line}${e.change ? ` (${e.change})` : ''}: ${e.text}` : `${e.field} = ${e.value}`,
  }));
  return {
    uuid,
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
    collected,
    // The remediation matters where the rule did not pass; on ~half of 100k observations it would only repeat.
    ...(f.status === 'pass' ? {} : { remarks: `Remediation: ${f.remediation.text}` }),
  };
}

/** Observations serialised per batch: the objects of one batch die young, and the text is built by the native stringifier. */
const BATCH = 2000;

/**
 * Serialised in pieces: a report of 2,000 devices × 60 rules holds ~100k observations, and building them all as
 * objects first (then stringifying the whole tree, indented) costs several times the time and memory. Each batch of
 * observations is stringified and dropped; each finding is written with its related-observation ids as text.
 */
export function renderOscal(m: ReportModel): string {
  const fw = m.framework;
  const resultUuid = uuidV5(`result:${m.generatedAt}:${fw}`);
  const deviceUuid = new Map(m.inventory.map((d) => [d.deviceId, uuidV5(`device:${d.deviceId}`)]));
  const items = m.inventory.map((d) => ({
    uuid: deviceUuid.get(d.deviceId)!,
    description: str(`${d.name} (${d.platform}${d.model ? ` ${d.model}` : ''}) at ${d.address}`),
    props: [
      { name: 'asset-id', value: str(d.deviceId) },
      { name: 'ipv4-address', value: str(d.address) },
      prop('platform', d.platform),
      prop('os-version', d.osVersion || 'unknown'),
      prop('ai-capable', d.aiCapable ? 'yes' : 'no'),
    ],
  }));

  const assessed = m.findings.filter((f) => f.status === 'pass' || f.status === 'fail' || f.status === 'error');
  const obsUuids = assessed.map((f) => uuidV5(`obs:${resultUuid}:${f.deviceId}:${f.ruleId}`));
  const byControl = new Map<string, number[]>();
  assessed.forEach((f, i) => {
    for (const c of f.frameworks[fw]) {
      const g = byControl.get(c);
      if (g) g.push(i);
      else byControl.set(c, [i]);
    }
  });
  const controls = [...new Set([...byControl.keys()].map((c) => controlToken(fw, c)))].sort();

  const metadata = {
    title: str(m.title),
    'last-modified': m.generatedAt,
    version: `${m.pack.version}+${m.pack.hash.slice(0, 12)}`,
    'oscal-version': OSCAL_VERSION,
    props: [prop('rule-pack', `${m.pack.id} ${m.pack.version}`), prop('rule-pack-sha256', m.pack.hash), prop('audit-chain', m.audit.summary), prop('generator', `Routewise ${ENGINE_VERSION}`)],
  };
  const importAp = { href: `#routewise-${m.pack.id}`, remarks: 'Assessment plan: the rule pack named in the metadata, applied to the inventory in scope.' };
  const out: string[] = [];
  out.push(`{"assessment-results":{"uuid":"${uuidV5(`ar:${m.generatedAt}:${fw}:${m.pack.hash}`)}","metadata":${j(metadata)},"import-ap":${j(importAp)},"results":[{`);
  out.push(`"uuid":"${resultUuid}","title":${j(str(`${m.frameworkName} assessment`))}`);
  out.push(`,"description":${j(`Automated configuration assessment of ${m.scope.devices} devices against rule pack ${m.pack.id} ${m.pack.version} (sha256 ${m.pack.hash}). Audit chain: ${m.audit.summary}.`)}`);
  out.push(`,"start":${j(m.period.from ?? m.generatedAt)},"end":${j(m.period.to ?? m.generatedAt)}`);
  if (items.length) out.push(`,"local-definitions":${j({ 'inventory-items': items })}`);
  out.push(`,"reviewed-controls":${j({ 'control-selections': [controls.length ? { 'include-controls': controls.map((c) => ({ 'control-id': c })) } : { 'include-all': {} }] })}`);
  if (assessed.length) {
    out.push(',"observations":[');
    for (let i = 0; i < assessed.length; i += BATCH) {
      const batch = assessed.slice(i, i + BATCH).map((f, k) => observation(f, obsUuids[i + k]!, deviceUuid.get(f.deviceId), m.generatedAt));
      out.push(`${i ? ',' : ''}${j(batch).slice(1, -1)}`);
    }
    out.push(']');
  }
  if (byControl.size) {
    out.push(',"findings":[');
    let first = true;
    for (const [control, idx] of byControl) {
      let failed = 0;
      let waived = 0;
      for (const i of idx) {
        const f = assessed[i]!;
        if (f.waiver) waived++;
        else if (f.status !== 'pass') failed++;
      }
      const head = {
        uuid: uuidV5(`finding:${resultUuid}:${control}`),
        title: str(control),
        description: `${idx.length} assessed results for ${control}: ${idx.length - failed - waived} passed, ${failed} failed or errored, ${waived} waived.`,
        props: [prop('requirement', control)],
        target: {
          type: 'objective-id',
          'target-id': controlToken(fw, control),
          status: { state: failed === 0 ? 'satisfied' : 'not-satisfied', reason: failed === 0 ? 'pass' : 'fail' },
        },
      };
      const related = idx.map((i) => `{"observation-uuid":"${obsUuids[i]!}"}`).join(',');
      out.push(`${first ? '\n' : ',\n'}${j(head).slice(0, -1)},"related-observations":[${related}]}`);
      first = false;
    }
    out.push(']');
  }
  out.push('}]}}\n');
  return out.join('');
}
