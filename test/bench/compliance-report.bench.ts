// Compliance report for 2,000 devices × 60 rules in every format (issue 8; aim: all formats under 30 s).
// Prints figures; never asserts a time. Run: npm run bench compliance-report
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '../../shared/domain/device';
import type { DeviceInput } from '../../electron/engine/compliance/evaluate/device-input';
import { evaluateAll } from '../../electron/engine/compliance/evaluate/evaluator';
import { buildReportModel } from '../../electron/engine/compliance/report/build-report';
import { renderCsv } from '../../electron/engine/compliance/report/render-csv';
import { renderHtml } from '../../electron/engine/compliance/report/render-html';
import { renderOscal } from '../../electron/engine/compliance/report/render-oscal';
import { chromiumPath, renderPdf } from '../../electron/engine/compliance/report/render-pdf';
import { loadPackFile, type LoadedPack } from '../../electron/engine/compliance/rules/rule-pack';

const root = path.resolve(import.meta.dirname, '../..');
const base = loadPackFile(path.join(root, 'rules/core.yaml'));
// The shipped pack as it is; only if it has fewer than 60 rules are its rules repeated under new ids to reach 60.
const rules = base.pack.rules.length >= 60 ? base.pack.rules : Array.from({ length: 60 }, (_, i) => ({ ...base.pack.rules[i % base.pack.rules.length]!, id: `RW-BENCH-${String(i).padStart(2, '0')}` }));
const pack: LoadedPack = { ...base, pack: { ...base.pack, rules } };
console.log(`rule pack ${base.pack.id} ${base.pack.version}: ${base.pack.rules.length} rules${rules === base.pack.rules ? '' : `, repeated to ${rules.length}`}`);

// Lab configs, public-syntax examples and the compliance tests' fixtures: every platform family the pack checks.
const sources: Array<[Platform, string]> = [
  ['iosxe', 'configs/iosxe/lab-dist1.txt'], ['iosxe', 'configs/iosxe/hardened-c9300.txt'], ['junos', 'configs/junos/lab-core1.txt'], ['junos', 'configs/junos/srx-curly-hardened.txt'],
  ['eos', 'configs/eos/lab-core2.txt'], ['fortios', 'configs/fortios/lab-edge-fw1.txt'], ['routeros', 'configs/routeros/lab-acc3.txt'], ['nxos', 'configs/nxos/n9k-hardened.txt'],
  ['ios', 'configs/ios/legacy-c2960.txt'], ['frr', 'configs/frr/lab-frr-edge.txt'],
  ['iosxe', '../unit/compliance/fixtures/configs/iosxe/cis-hardened-c9300.txt'], ['junos', '../unit/compliance/fixtures/configs/junos/cis-hardened-mx.txt'],
  ['eos', '../unit/compliance/fixtures/configs/eos/cis-hardened-7280.txt'], ['fortios', '../unit/compliance/fixtures/configs/fortios/cis-hardened-fgt.txt'],
  ['routeros', '../unit/compliance/fixtures/configs/routeros/cis-hardened-ccr.txt'], ['iosxe', '../unit/compliance/fixtures/configs/iosxe/branch-isr4331.txt'],
];
const texts = sources.map(([p, f]) => [p, readFileSync(path.join(root, 'test/fixtures', f), 'utf8')] as const);
const devices: DeviceInput[] = Array.from({ length: 2000 }, (_, i) => {
  const [platform, text] = texts[i % texts.length]!;
  return {
    deviceId: `dev-${i}`, name: `device-${i}`, address: `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`, platform,
    facts: { osVersion: i % 3 === 0 ? '1.0' : '17.9.4a' }, credentialKinds: [i % 2 ? 'snmp-v2c' : 'snmp-v3'], ai: null,
    configs: { running: { text, source: 'bench' }, startup: { text, source: 'bench' } },
  };
});

// Wall time, and this process's CPU time beside it (the machine is shared; CPU time is the steadier figure).
let cpu0 = process.cpuUsage();
const lap = (label: string, t0: number, extra = '') => {
  const c = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(22)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms wall ${((c.user + c.system) / 1000).toFixed(0).padStart(7)} ms cpu ${extra}`);
};
const mark = () => {
  cpu0 = process.cpuUsage();
  return performance.now();
};
const tAll = performance.now();
const cpuAll = process.cpuUsage();
let t = mark();
const findings = evaluateAll(devices, pack, { now: new Date() });
lap('evaluate', t, `(${findings.length.toLocaleString('en')} findings)`);
t = mark();
const model = buildReportModel({
  framework: 'nist-800-53', now: new Date(), pack, devices, findings, waivers: [], advisories: [],
  packInfo: { id: pack.pack.id, title: pack.pack.title, version: pack.pack.version, hash: pack.hash, changedWithoutVersionBump: false },
  auditVerify: { intact: true, entries: 0, headHash: '' }, auditEntries: [], rollouts: null, threats: null,
});
lap('model', t);
for (const [name, fn] of [['json', () => JSON.stringify(model)], ['csv', () => renderCsv(model)], ['oscal', () => renderOscal(model)], ['html', () => renderHtml(model)]] as const) {
  t = mark();
  const out = fn();
  lap(name, t, `(${(out.length / 1e6).toFixed(1)} MB)`);
}
if (chromiumPath()) {
  t = mark();
  const pdf = await renderPdf(renderHtml(model, { printOnly: true }), { title: model.title });
  lap('pdf (chromium)', t, `(${(pdf.length / 1e6).toFixed(1)} MB; cpu is the Node side only)`);
} else console.log('pdf: skipped (no chromium)');
cpu0 = cpuAll;
lap('all formats', tAll);
