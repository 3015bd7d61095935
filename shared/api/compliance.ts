import { z } from 'zod';
import { Platform } from '../domain/device';
import type { EventTable, MethodTable } from './method-table';

/** Compliance: rule packs, findings with evidence, waivers, advisories and the auditor's report (issue 8). */
export const ComplianceFramework = z.enum(['cis', 'nist-800-53', 'pci-dss']);
export type ComplianceFramework = z.infer<typeof ComplianceFramework>;

export const FindingStatus = z.enum(['pass', 'fail', 'not-applicable', 'error']);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const ConfigKind = z.enum(['running', 'startup', 'approved']);
export type ConfigKind = z.infer<typeof ConfigKind>;

/** A config line (1-based number in the stored config text) or a device fact; secrets already redacted. */
export const Evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('config'), source: ConfigKind, line: z.number().int(), text: z.string(), change: z.enum(['added', 'removed']).optional() }),
  z.object({ kind: z.literal('fact'), field: z.string(), value: z.string() }),
]);
export type Evidence = z.infer<typeof Evidence>;

export const Waiver = z.object({
  id: z.string(),
  ruleId: z.string(),
  /** A device id, or '*' for every device. */
  deviceId: z.string(),
  reason: z.string(),
  owner: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Waiver = z.infer<typeof Waiver>;

export const Finding = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
  status: FindingStatus,
  message: z.string(),
  evidence: z.array(Evidence),
  remediation: z.object({ text: z.string(), template: z.string().optional() }),
  frameworks: z.object({ cis: z.array(z.string()), 'nist-800-53': z.array(z.string()), 'pci-dss': z.array(z.string()) }),
  /** An unexpired waiver covering this failure. */
  waiver: Waiver.optional(),
});
export type Finding = z.infer<typeof Finding>;

export const PackInfo = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  hash: z.string(),
  /** Content changed while the version stayed the same: somebody edited rules without saying so. */
  changedWithoutVersionBump: z.boolean(),
});
export type PackInfo = z.infer<typeof PackInfo>;

export const RuleSummary = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  platforms: z.array(Platform),
  frameworks: Finding.shape.frameworks,
  remediation: Finding.shape.remediation,
  hash: z.string(),
});

/** A problem in an edited rule: the field as a dotted path ("checks.ios,iosxe.match"; "" for the text itself). */
export const RuleIssue = z.object({ path: z.string(), message: z.string(), line: z.number().int().optional() });
export type RuleIssue = z.infer<typeof RuleIssue>;

export const FindingCounts = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  waived: z.number().int(),
  notApplicable: z.number().int(),
  error: z.number().int(),
  /** pass / (pass + unwaived fail), 0–100; null when nothing was assessable. */
  scorePct: z.number().nullable(),
});
export type FindingCounts = z.infer<typeof FindingCounts>;

export const AdvisoryMatch = z.object({
  advisoryId: z.string(),
  cve: z.string().optional(),
  title: z.string(),
  severity: z.string().optional(),
  cvssScore: z.number().optional(),
  source: z.enum(['nvd', 'csaf']),
  deviceId: z.string(),
  deviceName: z.string(),
  platform: Platform,
  version: z.string(),
  matchedBy: z.string(),
  fixedIn: z.string().optional(),
});
export type AdvisoryMatch = z.infer<typeof AdvisoryMatch>;

export const ReportFormat = z.enum(['pdf', 'html', 'csv', 'json', 'oscal']);
export type ReportFormat = z.infer<typeof ReportFormat>;

const IsoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');

export const complianceMethods = {
  'compliance.rules': {
    summary: 'The active rule pack: version, hash and rules; records (and audits) a changed pack.',
    input: z.object({}).strict(),
    output: z.object({ pack: PackInfo, rules: z.array(RuleSummary), policy: z.record(z.string(), z.string()) }),
  },
  'compliance.packSource': {
    summary: "The active pack's rules as YAML for the rule pack editor, where the pack comes from, and the next version.",
    input: z.object({}).strict(),
    output: z.object({
      source: z.enum(['shipped', 'edited', 'file']),
      pack: PackInfo,
      nextVersion: z.string(),
      rules: z.array(z.object({ id: z.string(), yaml: z.string() })),
    }),
  },
  'compliance.checkRule': {
    summary: 'Check an edited rule (YAML) without saving it: each problem names the field (and the line).',
    input: z.object({ ruleId: z.string().min(1).max(100), yaml: z.string().max(20_000) }).strict(),
    output: z.object({ ok: z.boolean(), issues: z.array(RuleIssue) }),
  },
  'compliance.saveRule': {
    summary: 'Save an edited rule as a new version of the pack (recorded in the audit chain; the same version is flagged).',
    input: z
      .object({ ruleId: z.string().min(1).max(100), yaml: z.string().max(20_000), version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version like 1.2.3') })
      .strict(),
    output: z.object({ pack: PackInfo }),
  },
  'compliance.revertPack': {
    summary: 'Drop the edited pack and go back to the shipped one (recorded in the audit chain).',
    input: z.object({}).strict(),
    output: z.object({ reverted: z.boolean(), pack: PackInfo }),
  },
  'compliance.evaluate': {
    summary: 'Evaluate the rule pack and drift on the inventory (or some devices); findings with evidence.',
    input: z
      .object({
        deviceIds: z.array(z.string().max(200)).max(10_000).optional(),
        framework: ComplianceFramework.optional(),
        status: z.array(FindingStatus).optional(),
        limit: z.number().int().min(1).max(200_000).default(5_000),
      })
      .strict(),
    output: z.object({
      pack: PackInfo,
      evaluatedAt: z.string(),
      devices: z.number().int(),
      totals: FindingCounts,
      findings: z.array(Finding),
      truncated: z.boolean(),
    }),
  },
  'compliance.importConfig': {
    summary: 'Store a configuration text for a device (running, startup, or the approved baseline).',
    input: z.object({ deviceId: z.string().min(1).max(200), kind: ConfigKind, text: z.string().max(20_000_000) }).strict(),
    output: z.object({ id: z.number().int(), at: z.string(), sha256: z.string() }),
  },
  'compliance.approveRunning': {
    summary: "Make the device's current running configuration its approved baseline.",
    input: z.object({ deviceId: z.string().min(1).max(200) }).strict(),
    output: z.object({ id: z.number().int(), at: z.string(), sha256: z.string() }),
  },
  'compliance.waive': {
    summary: 'Waive a rule for a device (or all devices) with a reason, an owner and an expiry.',
    input: z
      .object({
        ruleId: z.string().min(1).max(100),
        deviceId: z.string().min(1).max(200).default('*'),
        reason: z.string().min(3).max(2000),
        owner: z.string().min(1).max(200),
        expiresAt: IsoDate,
      })
      .strict(),
    output: Waiver,
  },
  'compliance.waivers': {
    summary: 'All waivers, with whether each has expired.',
    input: z.object({}).strict(),
    output: z.array(Waiver.extend({ expired: z.boolean() })),
  },
  'compliance.revokeWaiver': {
    summary: 'Remove a waiver.',
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  'compliance.importAdvisories': {
    summary: 'Import an NVD CVE JSON 2.0 feed or a CSAF 2.0 advisory (file contents; the workstation may be offline).',
    input: z.object({ text: z.string().max(200_000_000), name: z.string().max(300).default('advisory') }).strict(),
    output: z.object({ format: z.enum(['nvd', 'csaf']), advisories: z.number().int(), products: z.number().int() }),
  },
  'compliance.advisories': {
    summary: "Imported advisories matched to the inventory's platforms and versions.",
    input: z.object({}).strict(),
    output: z.object({ imported: z.number().int(), matches: z.array(AdvisoryMatch) }),
  },
  'report.build': {
    summary: 'Build the compliance report for a framework and period in one format (pdf is base64).',
    input: z
      .object({
        framework: ComplianceFramework,
        format: ReportFormat,
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        title: z.string().max(200).optional(),
      })
      .strict(),
    output: z.object({ format: ReportFormat, mediaType: z.string(), encoding: z.enum(['utf8', 'base64']), content: z.string(), fileName: z.string() }),
  },
} as const satisfies MethodTable;

export const complianceEvents = {
  /** Compliance re-evaluated by itself (after a rollout or a config backup): the new scores. */
  'compliance.updated': z.object({
    reason: z.string(),
    at: z.string(),
    scores: z.record(z.string(), z.number().nullable()),
    failing: z.number().int(),
  }),
} as const satisfies EventTable;
