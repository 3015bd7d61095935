import { z } from 'zod';
import type { EventTable, MethodTable } from './method-table';

/**
 * The configuration archive: every running/startup configuration Routewise has taken from a device, diffs
 * between any two, out-of-band change detection and restore through the driver's safe path. Text shown to users
 * is redacted (communities, passwords, keys) unless a caller asks for the raw text explicitly.
 */
export const ConfigKind = z.enum(['running', 'startup']);
export type ConfigKind = z.infer<typeof ConfigKind>;

export const ConfigVersion = z.object({
  id: z.number().int(),
  deviceId: z.string(),
  kind: ConfigKind,
  sha256: z.string(),
  takenAt: z.string(),
  actor: z.string(),
  /** 'on-demand', 'schedule', 'restore' … */
  source: z.string(),
  bytes: z.number().int(),
});
export type ConfigVersion = z.infer<typeof ConfigVersion>;

export const ConfigChangeEvent = z.object({
  id: z.number().int(),
  deviceId: z.string(),
  at: z.string(),
  /** running-changed: running differs from the last known version; startup-differs: unsaved changes. */
  kind: z.enum(['running-changed', 'startup-differs']),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int().nullable(),
  /** Who the device's syslog says made the change, when it said. */
  changedBy: z.string().nullable(),
});
export type ConfigChangeEvent = z.infer<typeof ConfigChangeEvent>;

const deviceId = z.string().min(1).max(200);
const versionId = z.number().int().min(1);
const sshTarget = {
  /** The SSH credential; defaults to the one the scan remembered for the device. */
  credentialId: z.string().min(1).max(200).optional(),
  sshPort: z.number().int().min(1).max(65535).default(22),
};

export const archiveMethods = {
  'archive.list': {
    summary: 'Archived configuration versions of a device, newest first.',
    input: z.object({ deviceId, kind: ConfigKind.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(ConfigVersion),
  },
  'archive.show': {
    summary: 'One archived version with its text (secrets redacted unless raw is set).',
    input: z.object({ versionId, raw: z.boolean().default(false) }).strict(),
    output: ConfigVersion.extend({ text: z.string(), redacted: z.boolean() }),
  },
  'archive.diff': {
    summary: 'Unified diff between two versions (to defaults to the newest of the same device and kind); secrets redacted.',
    input: z.object({ fromId: versionId, toId: versionId.optional() }).strict(),
    output: z.object({ from: ConfigVersion, to: ConfigVersion, diff: z.string() }),
  },
  'archive.backup': {
    summary: 'Take the running (and startup, where the platform has one) configuration now; detects out-of-band changes.',
    input: z.object({ deviceId, ...sshTarget }).strict(),
    output: z.object({ versions: z.array(ConfigVersion), stored: z.array(z.number().int()), events: z.array(ConfigChangeEvent) }),
  },
  'archive.restore': {
    summary: 'Restore a version through the driver: load replace, diff, commit with a revert timer, confirm.',
    input: z
      .object({
        versionId,
        ...sshTarget,
        revertAfterSec: z.number().int().min(60).max(3600).default(300),
        /** false leaves the commit pending: the device reverts by itself after revertAfterSec. */
        confirm: z.boolean().default(true),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ diff: z.string(), applied: z.boolean(), confirmed: z.boolean(), backupVersionId: z.number().int().nullable() }),
  },
  'archive.changes': {
    summary: 'Out-of-band configuration change events, newest first.',
    input: z.object({ deviceId: deviceId.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(ConfigChangeEvent),
  },
  'archive.schedule': {
    summary: 'Back up every device with an SSH credential every intervalMin minutes (0 turns the schedule off).',
    input: z.object({ intervalMin: z.number().int().min(0).max(10_080) }).strict(),
    output: z.object({ intervalMin: z.number().int() }),
  },
} as const satisfies MethodTable;

export const archiveEvents = {
  'archive.change-detected': ConfigChangeEvent,
  /** A device's running (and startup) config was read and recorded: backups, restores, rollouts. */
  'archive.recorded': z.object({ deviceId: z.string(), source: z.string(), at: z.string() }),
} as const satisfies EventTable;
