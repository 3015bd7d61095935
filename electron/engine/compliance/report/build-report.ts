import type { AuditEntry, AuditVerifyResult } from '../../../../shared/api/audit';
import type { AdvisoryMatch, ComplianceFramework, Finding, PackInfo, Waiver } from '../../../../shared/api/compliance';
import { inAnyRange } from '../advisories/version-range';
import type { DeviceInput } from '../evaluate/device-input';
import { countFindings, inFramework, scoreByControl, scoreByDevice } from '../evaluate/score';
import { isExpired } from '../evaluate/waivers';
import { redactValue } from '../redact';
import type { LoadedPack } from '../rules/rule-pack';
import { auditSummary, FRAMEWORK_NAMES, type ReportModel, type RolloutRow, type ThreatSummary } from './report-model';

export interface ReportInputs {
  framework: ComplianceFramework;
  title?: string;
  from?: string;
  to?: string;
  now: Date;
  pack: LoadedPack;
  packInfo: PackInfo;
  devices: readonly DeviceInput[];
  findings: readonly Finding[];
  waivers: readonly Waiver[];
  advisories: readonly AdvisoryMatch[];
  auditVerify: AuditVerifyResult;
  auditEntries: readonly AuditEntry[];
  rollouts: RolloutRow[] | null;
  threats: ThreatSummary | null;
}

function inPeriod(at: string, from?: string, to?: string): boolean {
  const t = Date.parse(at);
  return (!from || t >= Date.parse(from)) && (!to || t <= Date.parse(to));
}

/** Pure: inputs in, the report model out (filtered to the framework and period, redacted). */
export function buildReportModel(i: ReportInputs): ReportModel {
  const fw = i.framework;
  const findings = i.findings.filter((f) => inFramework(f, fw));
  const byDevice = scoreByDevice(findings);
  const platforms: Record<string, number> = {};
  for (const d of i.devices) platforms[d.platform] = (platforms[d.platform] ?? 0) + 1;
  const versions = new Map<string, { platform: string; version: string; devices: number; supported: boolean | null }>();
  for (const d of i.devices) {
    const v = d.facts.osVersion ?? 'unknown';
    const key = `${d.platform}\u0000${v}`;
    const list = i.pack.pack.firmware.supported[d.platform];
    const cur = versions.get(key);
    if (cur) cur.devices++;
    else versions.set(key, { platform: d.platform, version: v, devices: 1, supported: list && d.facts.osVersion ? inAnyRange(d.facts.osVersion, list) : null });
  }
  return {
    title: i.title ?? `Network compliance report — ${FRAMEWORK_NAMES[fw]}`,
    framework: fw,
    frameworkName: FRAMEWORK_NAMES[fw],
    generatedAt: i.now.toISOString(),
    period: { from: i.from ?? null, to: i.to ?? null },
    pack: { ...i.packInfo, policy: i.pack.pack.policy, rules: i.pack.pack.rules.length },
    scope: { devices: i.devices.length, aiCapable: i.devices.filter((d) => d.ai?.capable).length, platforms },
    inventory: i.devices.map((d) => ({
      deviceId: d.deviceId,
      name: d.name,
      address: d.address ?? '',
      platform: d.platform,
      vendor: d.facts.vendor ?? '',
      model: d.facts.model ?? '',
      osVersion: d.facts.osVersion ?? '',
      aiCapable: d.ai?.capable ?? false,
      aiFeatures: d.ai?.features ?? [],
      credentialKinds: [...(d.credentialKinds ?? [])],
      configSource: d.configs.running ? `${d.configs.running.source}${d.configs.running.at ? ` ${d.configs.running.at}` : ''}` : 'none',
    })),
    firmware: { versions: [...versions.values()].sort((a, b) => a.platform.localeCompare(b.platform) || a.version.localeCompare(b.version)), advisories: [...i.advisories] },
    scores: {
      overall: countFindings(findings),
      byControl: [...scoreByControl(findings, fw)].map(([control, counts]) => ({ control, counts })),
      byDevice: i.devices.map((d) => ({ deviceId: d.deviceId, name: d.name, counts: byDevice.get(d.deviceId) ?? countFindings([]) })),
    },
    rules: i.pack.pack.rules
      .filter((r) => (r.frameworks[fw]?.length ?? 0) > 0)
      .map((r) => ({ id: r.id, title: r.title, severity: r.severity, rationale: r.rationale, controls: r.frameworks[fw] ?? [], remediation: r.remediation.text, ...(r.remediation.template ? { template: r.remediation.template } : {}) })),
    findings,
    waivers: i.waivers.map((w) => ({ ...w, expired: isExpired(w, i.now) })),
    audit: {
      verify: i.auditVerify,
      summary: auditSummary(i.auditVerify),
      entries: i.auditEntries.filter((e) => inPeriod(e.at, i.from, i.to)).map((e) => ({ ...e, details: redactValue(e.details) })),
    },
    rollouts: i.rollouts,
    threats: i.threats,
  };
}
