import { z } from 'zod';
import type { MethodTable } from './method-table';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerifyResult = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), entries: z.number().int(), headHash: z.string() }),
  z.object({
    intact: z.literal(false),
    entries: z.number().int(),
    firstBadSeq: z.number().int(),
    reason: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'missing-entry']),
    message: z.string(),
  }),
]);
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const auditMethods = {
  'audit.list': {
    summary: 'Audit entries, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(10_000).default(200) }).strict(),
    output: z.array(AuditEntry),
  },
  'audit.verify': {
    summary: 'Recompute the hash chain and name the first bad entry.',
    input: z.object({}).strict(),
    output: AuditVerifyResult,
  },
} as const satisfies MethodTable;
