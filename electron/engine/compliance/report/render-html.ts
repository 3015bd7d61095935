import type { Finding, FindingCounts } from '../../../../shared/api/compliance';
import { displayText } from '../redact';
import type { ReportModel } from './report-model';

/** Everything from devices is text: escape it, never emit it as markup. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const t = (s: string | number | null | undefined, max = 300) => esc(displayText(String(s ?? ''), max));

export interface HtmlOptions {
  /** Failing devices listed per rule before "… and N more" (the CSV/JSON/OSCAL exports hold all). */
  detailLimitPerRule?: number;
  /**
   * The page is only printed (PDF): nothing shows on screen, so Chromium skips laying the whole report out at
   * window width before it lays it out again at page width to print.
   */
  printOnly?: boolean;
}

const PRINT_ONLY_CSS = '@media screen { body { display: none; } }';

/**
 * Kept cheap for Chromium to lay out and paginate: a few thousand table rows go to print. Fixed table layout
 * (column widths from the header row, not from measuring every cell), class selectors only, no per-row
 * break-inside (which makes the paginator re-fragment row by row), overflow-wrap instead of word-break.
 */
const CSS = `
@page { size: A4; margin: 18mm 14mm 20mm 14mm; }
body { font: 10pt/1.4 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 8mm; }
h2 { font-size: 15pt; border-bottom: 2px solid #1b4f72; padding-bottom: 2mm; margin-top: 8mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
section { break-before: page; }
.title-page { height: 250mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.meta td { padding: 1mm 4mm 1mm 0; border: 0; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; margin: 2mm 0 4mm; font-size: 7.5pt; line-height: 1.25; }
th, td { box-sizing: border-box; border: 1px solid #bbb; padding: 0.4mm 1mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8eef3; }
.pass { color: #1e7d32; font-weight: bold; } .fail { color: #b71c1c; font-weight: bold; }
.error { color: #8a5a00; font-weight: bold; } .waived { color: #555; font-weight: bold; } .na { color: #777; }
.evidence { font-family: "DejaVu Sans Mono", monospace; font-size: 6.8pt; white-space: pre-wrap; }
.warn { border: 2px solid #b71c1c; padding: 3mm; margin: 3mm 0; background: #fdecea; }
.ok { border: 2px solid #1e7d32; padding: 3mm; margin: 3mm 0; background: #e8f5e9; }
.toc { list-style: decimal; }
.diff { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; white-space: pre-wrap; background: #f6f6f6; padding: 2mm; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 10mm; } section { border-top: 1px dashed #ccc; } }
`;

/** Rows per table: long lists are split into tables of this many rows, each paginated on its own (cheaper than one huge table). */
const ROWS_PER_TABLE = 200;

function tables(out: string[], head: string, rows: readonly string[]): void {
  if (rows.length === 0) {
    out.push(`<table><thead>${head}</thead><tbody></tbody></table>`);
    return;
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_TABLE) out.push(`<table><thead>${head}</thead><tbody>${rows.slice(i, i + ROWS_PER_TABLE).join('\n')}</tbody></table>`);
}

function pct(c: FindingCounts): string {
  return c.scorePct === null ? 'n/a' : `${c.scorePct.toFixed(1)}%`;
}

function countsCells(c: FindingCounts): string {
  return `<td>${pct(c)}</td><td>${c.pass}</td><td>${c.fail}</td><td>${c.waived}</td><td>${c.error}</td><td>${c.notApplicable}</td>`;
}
const COUNT_HEAD = '<th>Score</th><th>Pass</th><th>Fail</th><th>Waived</th><th>Error</th><th>N/A</th>';

function statusCell(f: Finding): string {
  if (f.status === 'fail' && f.waiver) return '<span class="waived">WAIVED</span>';
  const cls = f.status === 'not-applicable' ? 'na' : f.status;
  return `<span class="${cls}">${esc(f.status.toUpperCase())}</span>`;
}

function evidenceHtml(f: Finding, max = 4): string {
  const lines = f.evidence.slice(0, max).map((e) => (e.kind === 'config' ? `${e.source} line ${e.line}${e.change ? ` (${e.change})` : ''}: ${displayText(e.text, 200)}` : `${e.field} = ${displayText(e.value, 200)}`));
  if (f.evidence.length > max) lines.push(`… ${f.evidence.length - max} more`);
  return `<div class="evidence">${esc(lines.join('\n'))}</div>`;
}

const SECTIONS = [
  ['scope', 'Scope and period'],
  ['summary', 'Compliance score'],
  ['inventory', 'Inventory and AI capability'],
  ['firmware', 'Firmware and advisories'],
  ['findings', 'Findings with evidence'],
  ['devices', 'Score per device'],
  ['waivers', 'Waivers'],
  ['changes', 'Change history and audit chain'],
  ['rollouts', 'Rollouts performed'],
  ['threats', 'Threat summary'],
  ['rules', 'Appendix: rule pack'],
] as const;

export function renderHtml(m: ReportModel, opts: HtmlOptions = {}): string {
  const limit = opts.detailLimitPerRule ?? 100;
  const out: string[] = [];
  const p = (s: string) => out.push(s);
  p(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  p(`<title>${esc(m.title)}</title><style>${CSS}${opts.printOnly ? PRINT_ONLY_CSS : ''}</style></head><body>`);

  // Title page
  p(`<div class="title-page"><h1>${esc(m.title)}</h1><p style="font-size:14pt">${esc(m.frameworkName)}</p><table class="meta">`);
  p(`<tr><td>Generated</td><td>${esc(m.generatedAt)}</td></tr>`);
  p(`<tr><td>Period</td><td>${esc(m.period.from ?? 'beginning of records')} — ${esc(m.period.to ?? m.generatedAt)}</td></tr>`);
  p(`<tr><td>Devices</td><td>${m.scope.devices} (${m.scope.aiCapable} AI-capable)</td></tr>`);
  p(`<tr><td>Rule pack</td><td>${esc(m.pack.id)} version ${esc(m.pack.version)}<br>sha256 ${esc(m.pack.hash)}</td></tr>`);
  p(`<tr><td>Overall score</td><td>${pct(m.scores.overall)}</td></tr>`);
  p(`<tr><td>Audit chain</td><td>${esc(m.audit.summary)}</td></tr></table>`);
  if (m.pack.changedWithoutVersionBump) p(`<p class="warn">The rule pack content changed without a version change: rules may have been edited. See the change history.</p>`);
  p(`</div>`);

  // Table of contents; page numbers are in the footer (Chromium does not implement target-counter()).
  p(`<nav><h2>Contents</h2><ol class="toc">${SECTIONS.map(([id, name]) => `<li><a href="#${id}">${esc(name)}</a></li>`).join('')}</ol></nav>`);

  p(`<section id="scope"><h2>1. Scope and period</h2><p>Framework: ${esc(m.frameworkName)}. Period: ${esc(m.period.from ?? 'beginning of records')} to ${esc(m.period.to ?? m.generatedAt)}.</p>`);
  p(`<p>Devices assessed: ${m.scope.devices}. Platforms: ${esc(Object.entries(m.scope.platforms).map(([k, v]) => `${k} ${v}`).join(', ') || 'none')}.</p>`);
  p(`<p>Rule pack <b>${esc(m.pack.id)}</b> "${esc(m.pack.title)}" version ${esc(m.pack.version)}, ${m.pack.rules} rules, sha256 <code>${esc(m.pack.hash)}</code>. Policy: ${esc(Object.entries(m.pack.policy).map(([k, v]) => `${k}=${v}`).join(', ') || 'none')}.</p></section>`);

  p(`<section id="summary"><h2>2. Compliance score</h2><table><thead><tr><th style="width:40%">Scope</th>${COUNT_HEAD}</tr></thead><tbody><tr><td>All ${esc(m.frameworkName)} findings</td>${countsCells(m.scores.overall)}</tr></tbody></table>`);
  p(`<h3>Per requirement</h3><table><thead><tr><th style="width:40%">Requirement</th>${COUNT_HEAD}</tr></thead><tbody>`);
  for (const c of m.scores.byControl) p(`<tr><td>${t(c.control)}</td>${countsCells(c.counts)}</tr>`);
  p(`</tbody></table></section>`);

  p(`<section id="inventory"><h2>3. Inventory and AI capability</h2>`);
  tables(
    out,
    '<tr><th style="width:17%">Device</th><th style="width:12%">Address</th><th style="width:9%">Platform</th><th style="width:12%">Model</th><th style="width:11%">OS version</th><th style="width:13%">AI</th><th style="width:12%">Access</th><th>Config</th></tr>',
    m.inventory.map(
      (d) =>
        `<tr><td>${t(d.name, 80)}</td><td>${t(d.address)}</td><td>${t(d.platform)}</td><td>${t(d.model, 60)}</td><td>${t(d.osVersion, 40)}</td><td>${d.aiCapable ? `yes: ${t(d.aiFeatures.join(', '))}` : 'no'}</td><td>${t(d.credentialKinds.join(', '))}</td><td>${t(d.configSource)}</td></tr>`,
    ),
  );
  p(`</section>`);

  p(`<section id="firmware"><h2>4. Firmware and advisories</h2><table><thead><tr><th>Platform</th><th>Version</th><th>Devices</th><th>On supported list</th></tr></thead><tbody>`);
  for (const v of m.firmware.versions) p(`<tr><td>${t(v.platform)}</td><td>${t(v.version)}</td><td>${v.devices}</td><td>${v.supported === null ? 'no list' : v.supported ? '<span class="pass">yes</span>' : '<span class="fail">no</span>'}</td></tr>`);
  p(`</tbody></table><h3>Matching advisories (${m.firmware.advisories.length})</h3>`);
  if (m.firmware.advisories.length === 0) p('<p>No imported advisory matches the inventory.</p>');
  else {
    tables(
      out,
      '<tr><th style="width:30%">Advisory</th><th style="width:10%">Severity</th><th style="width:15%">Device</th><th style="width:12%">Version</th><th style="width:20%">Matched by</th><th>Fixed in</th></tr>',
      m.firmware.advisories.slice(0, 2000).map((a) => `<tr><td>${t(a.advisoryId)}<br>${t(a.title, 160)}</td><td>${t(a.severity ?? '')} ${a.cvssScore ?? ''}</td><td>${t(a.deviceName)}</td><td>${t(a.version)}</td><td>${t(a.matchedBy, 120)}</td><td>${t(a.fixedIn ?? '')}</td></tr>`),
    );
  }
  p(`</section>`);

  p(`<section id="findings"><h2>5. Findings with evidence</h2><p>Failed, waived and errored findings per rule with the configuration lines (and line numbers) or device values that decided them. Passing results are counted here and listed in full in the CSV, JSON and OSCAL exports.</p>`);
  const byRule = new Map<string, Finding[]>();
  for (const f of m.findings) {
    const g = byRule.get(f.ruleId);
    if (g) g.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  for (const [ruleId, fs] of byRule) {
    const bad = fs.filter((f) => f.status === 'fail' || f.status === 'error');
    const first = fs[0]!;
    const passN = fs.filter((f) => f.status === 'pass').length;
    p(`<h3>${t(ruleId)} — ${t(first.ruleTitle)}</h3><p>${esc(m.framework)}: ${t(first.frameworks[m.framework].join('; '))}. Pass ${passN}, fail ${bad.filter((f) => f.status === 'fail' && !f.waiver).length}, waived ${bad.filter((f) => f.waiver).length}, error ${bad.filter((f) => f.status === 'error').length}.</p>`);
    if (bad.length === 0) continue;
    p(`<p>Remediation: ${t(first.remediation.text, 500)}${first.remediation.template ? ` (rollout template <code>${t(first.remediation.template)}</code>)` : ''}</p>`);
    p(`<table><thead><tr><th style="width:18%">Device</th><th style="width:9%">Result</th><th>Finding and evidence</th></tr></thead><tbody>`);
    for (const f of bad.slice(0, limit)) {
      const waiver = f.waiver ? `<br>Waiver ${t(f.waiver.id)}: ${t(f.waiver.reason, 200)} (owner ${t(f.waiver.owner)}, expires ${t(f.waiver.expiresAt)})` : '';
      p(`<tr><td>${t(f.deviceName, 80)}</td><td>${statusCell(f)}</td><td>${t(f.message, 300)}${waiver}${evidenceHtml(f)}</td></tr>`);
    }
    if (bad.length > limit) p(`<tr><td colspan="3">… and ${bad.length - limit} more devices (see the CSV or JSON export)</td></tr>`);
    p(`</tbody></table>`);
  }
  p(`</section>`);

  p(`<section id="devices"><h2>6. Score per device</h2>`);
  tables(out, `<tr><th style="width:40%">Device</th>${COUNT_HEAD}</tr>`, m.scores.byDevice.map((d) => `<tr><td>${t(d.name, 80)}</td>${countsCells(d.counts)}</tr>`));
  p(`</section>`);

  p(`<section id="waivers"><h2>7. Waivers</h2>`);
  if (m.waivers.length === 0) p('<p>No waivers.</p>');
  else {
    p(`<table><thead><tr><th>Waiver</th><th>Rule</th><th>Device</th><th>Reason</th><th>Owner</th><th>Expires</th><th>State</th></tr></thead><tbody>`);
    for (const w of m.waivers) p(`<tr><td>${t(w.id)}</td><td>${t(w.ruleId)}</td><td>${t(w.deviceId)}</td><td>${t(w.reason)}</td><td>${t(w.owner)}</td><td>${t(w.expiresAt)}</td><td>${w.expired ? '<span class="fail">expired (not applied)</span>' : 'active'}</td></tr>`);
    p(`</tbody></table>`);
  }
  p(`</section>`);

  p(`<section id="changes"><h2>8. Change history and audit chain</h2><p class="${m.audit.verify.intact ? 'ok' : 'warn'}">Audit chain verification: ${esc(m.audit.summary)}</p>`);
  tables(
    out,
    '<tr><th style="width:6%">#</th><th style="width:15%">Time</th><th style="width:10%">Actor</th><th style="width:15%">Action</th><th style="width:14%">Subject</th><th>Details</th></tr>',
    m.audit.entries.map((e) => `<tr><td>${e.seq}</td><td>${t(e.at)}</td><td>${t(e.actor)}</td><td>${t(e.action)}</td><td>${t(e.subject, 120)}</td><td class="evidence">${t(JSON.stringify(e.details), 400)}</td></tr>`),
  );
  p(`</section>`);

  p(`<section id="rollouts"><h2>9. Rollouts performed</h2>`);
  if (m.rollouts === null) p('<p>Rollout records are not available in this store.</p>');
  else if (m.rollouts.length === 0) p('<p>No rollouts in the period.</p>');
  else {
    for (const r of m.rollouts) {
      p(`<h3>${t(r.id)} — ${t(r.template)} (${t(r.status)})</h3><p>Created ${t(r.createdAt)} by ${t(r.createdBy)}; approved by ${t(r.approvedBy ?? 'nobody')}.</p>`);
      for (const d of r.devices) p(`<p>${t(d.address)}: ${t(d.state)}</p>${d.diff ? `<div class="diff">${esc(displayText(d.diff, 20_000))}</div>` : ''}`);
    }
  }
  p(`</section>`);

  p(`<section id="threats"><h2>10. Threat summary</h2>`);
  if (m.threats === null) p('<p>Threat records are not available in this store.</p>');
  else {
    p(`<p>${m.threats.total} threat insights in the period. By severity: ${esc(Object.entries(m.threats.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ') || 'none')}. By category: ${esc(Object.entries(m.threats.byCategory).map(([k, v]) => `${k} ${v}`).join(', ') || 'none')}.</p>`);
    if (m.threats.top.length) {
      p(`<table><thead><tr><th>Signature</th><th>Category</th><th>Severity</th><th>Count</th><th>Devices</th></tr></thead><tbody>`);
      for (const x of m.threats.top) p(`<tr><td>${t(x.signature, 160)}</td><td>${t(x.category)}</td><td>${t(x.severity)}</td><td>${x.count}</td><td>${x.devices}</td></tr>`);
      p(`</tbody></table>`);
    }
  }
  p(`</section>`);

  p(`<section id="rules"><h2>Appendix: rule pack ${esc(m.pack.id)} ${esc(m.pack.version)}</h2><table><thead><tr><th style="width:20%">Rule</th><th style="width:9%">Severity</th><th style="width:30%">Rationale</th><th style="width:16%">Requirements</th><th>Remediation</th></tr></thead><tbody>`);
  for (const r of m.rules) p(`<tr><td>${t(r.id)}<br>${t(r.title)}</td><td>${t(r.severity)}</td><td>${t(r.rationale, 600)}</td><td>${t(r.controls.join('; '), 600)}</td><td>${t(r.remediation, 600)}${r.template ? `<br>template: ${t(r.template)}` : ''}</td></tr>`);
  p(`</tbody></table></section></body></html>`);
  return out.join('\n');
}
