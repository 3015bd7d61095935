import { z } from 'zod';
import { AiEvidence, AiFeature, AiFeatureState, DeviceAddress, InterfaceInfo, Platform } from '../domain/device';
import { CredentialInput } from './credentials';
import type { EventTable, MethodTable } from './method-table';

const port = z.number().int().min(1).max(65535);
const target = z.string().trim().min(1).max(300);

export const ScanOptions = z.object({
  /** UDP port for targets without `:port`. */
  snmpPort: port.default(161),
  sshPort: port.default(22),
  /** Wait per SNMP request before a retry. */
  timeoutMs: z.number().int().min(50).max(60_000).default(2000),
  retries: z.number().int().min(0).max(5).default(1),
  /** Devices probed at the same time. */
  concurrency: z.number().int().min(1).max(2048).default(64),
});

export const ScanRequest = ScanOptions.extend({
  targets: z.array(target).min(1).max(1000),
  /** Stored credential profiles, tried in this order (SNMP ones in order, then SSH ones). */
  credentialIds: z.array(z.string().max(64)).max(32).default([]),
  /** Credentials typed for this scan (CLI flags): stored in the vault as `cli:…`, or reused if identical. */
  adHocCredentials: z.array(CredentialInput).max(16).default([]),
  /** Sweeps larger than a /16 (or an IPv6 /112) need this; the UI asks first. */
  confirmLarge: z.boolean().default(false),
}).strict();
export type ScanRequest = z.input<typeof ScanRequest>;

export const ScanStatus = z.enum(['running', 'completed', 'cancelled', 'failed']);
export type ScanStatus = z.infer<typeof ScanStatus>;

export const ScanSummary = z.object({
  id: z.string(),
  status: ScanStatus,
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  targets: z.array(z.string()),
  total: z.number().int(),
  probed: z.number().int(),
  answered: z.number().int(),
  identified: z.number().int(),
  unreachable: z.number().int(),
  error: z.string().nullable(),
});
export type ScanSummary = z.infer<typeof ScanSummary>;

export const AiSummary = z.object({
  capable: z.boolean(),
  features: z.array(AiFeature),
  evidence: z.array(AiEvidence),
  /** Live state per probed feature, with the command output that decided it. */
  featureStates: z.array(AiFeatureState),
});

/** A device as one scan found it (the shape of `routewise scan --json` devices). */
export const ScanDevice = z.object({
  deviceId: z.string(),
  address: z.string(),
  port: z.number().int(),
  hostname: z.string().nullable(),
  sysName: z.string().nullable(),
  sysDescr: z.string().nullable(),
  sysObjectID: z.string().nullable(),
  vendor: z.string().nullable(),
  platform: Platform,
  osVersion: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  interfaces: z.array(InterfaceInfo),
  /** Every address the device answered at; `address` is the one that answered in this scan. */
  addresses: z.array(DeviceAddress),
  ai: AiSummary,
  credentialId: z.string().nullable(),
  sshCredentialId: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type ScanDevice = z.infer<typeof ScanDevice>;

export const UnreachableEntry = z.object({ address: z.string(), port: z.number().int(), reason: z.string() });
export type UnreachableEntry = z.infer<typeof UnreachableEntry>;

export const ScanDetail = z.object({
  scan: ScanSummary,
  devices: z.array(ScanDevice),
  unreachable: z.array(UnreachableEntry),
  /** True when more unreachable targets existed than are kept (the count is in scan.unreachable). */
  unreachableTruncated: z.boolean(),
});
export type ScanDetail = z.infer<typeof ScanDetail>;

export const ScanProgress = z.object({
  scanId: z.string(),
  probed: z.number().int(),
  answered: z.number().int(),
  identified: z.number().int(),
  total: z.number().int(),
  inFlight: z.number().int(),
  elapsedMs: z.number(),
  etaMs: z.number().optional(),
});
export type ScanProgress = z.infer<typeof ScanProgress>;

export const ScanPlan = z.object({
  total: z.number().int(),
  /** More than a /16: the UI asks, the CLI wants --confirm-large. */
  needsConfirmation: z.boolean(),
  /** Ranges of the targets outside the scan scope (empty when the scan may run). */
  outOfScope: z.array(z.string()),
  scopeEmpty: z.boolean(),
  unresolved: z.array(z.string()),
});
export type ScanPlan = z.infer<typeof ScanPlan>;

export const scanMethods = {
  'scan.plan': {
    summary: 'Check targets before a scan: size, scope, unresolved names.',
    input: z.object({ targets: z.array(target).min(1).max(1000), snmpPort: port.default(161) }).strict(),
    output: ScanPlan,
  },
  'scan.start': {
    summary: 'Start sweeping targets; progress arrives as scan.progress, the end as scan.finished.',
    input: ScanRequest,
    output: z.object({ scanId: z.string(), total: z.number().int(), credentialIds: z.array(z.string()) }),
  },
  'scan.cancel': {
    summary: 'Stop a running scan; what it found so far is kept.',
    input: z.object({ scanId: z.string().max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'scan.get': {
    summary: 'One scan with the devices it found and the targets that did not answer.',
    input: z.object({ scanId: z.string().max(64) }).strict(),
    output: ScanDetail,
  },
  'scan.list': {
    summary: 'Recent scans, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    output: z.array(ScanSummary),
  },
} as const satisfies MethodTable;

export const scanEvents = {
  'scan.progress': ScanProgress,
  'scan.finished': ScanSummary,
} as const satisfies EventTable;
