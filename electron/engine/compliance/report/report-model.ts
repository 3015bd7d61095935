import type { AdvisoryMatch, ComplianceFramework, Finding, FindingCounts, PackInfo, Waiver } from '../../../../shared/api/compliance';
import type { AuditEntry, AuditVerifyResult } from '../../../../shared/api/audit';

export const FRAMEWORK_NAMES: Readonly<Record<ComplianceFramework, string>> = {
  cis: 'CIS Benchmarks (network devices)',
  'nist-800-53': 'NIST SP 800-53 Rev. 5',
  'pci-dss': 'PCI DSS v4.0',
};

export interface InventoryRow {
  deviceId: string;
  name: string;
  address: string;
  platform: string;
  vendor: string;
  model: string;
  osVersion: string;
  aiCapable: boolean;
  aiFeatures: string[];
  credentialKinds: string[];
  configSource: string;
}

export interface RolloutRow {
  id: string;
  template: string;
  status: string;
  createdAt: string;
  createdBy: string;
  approvedBy: string | null;
  devices: Array<{ address: string; state: string; diff: string }>;
}

export interface ThreatSummary {
  total: number;
  bySeverity: Record<string, number>;
  byCategory: Record<string, number>;
  top: Array<{ signature: string; category: string; severity: string; count: number; devices: number }>;
}

/** Everything a report shows, already redacted and filtered to the framework and period; renderers only format it. */
export interface ReportModel {
  title: string;
  framework: ComplianceFramework;
  frameworkName: string;
  generatedAt: string;
  period: { from: string | null; to: string | null };
  pack: PackInfo & { policy: Record<string, string>; rules: number };
  scope: { devices: number; aiCapable: number; platforms: Record<string, number> };
  inventory: InventoryRow[];
  firmware: { versions: Array<{ platform: string; version: string; devices: number; supported: boolean | null }>; advisories: AdvisoryMatch[] };
  scores: {
    overall: FindingCounts;
    byControl: Array<{ control: string; counts: FindingCounts }>;
    byDevice: Array<{ deviceId: string; name: string; counts: FindingCounts }>;
  };
  rules: Array<{ id: string; title: string; severity: string; rationale: string; controls: string[]; remediation: string; template?: string }>;
  findings: Finding[];
  waivers: Array<Waiver & { expired: boolean }>;
  audit: { verify: AuditVerifyResult; summary: string; entries: AuditEntry[] };
  rollouts: RolloutRow[] | null;
  threats: ThreatSummary | null;
}

export function auditSummary(v: AuditVerifyResult): string {
  return v.intact ? `chain intact: ${v.entries} entries` : `chain BROKEN at entry ${v.firstBadSeq} (${v.reason}): ${v.message}`;
}
