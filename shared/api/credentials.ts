import { z } from 'zod';
import type { MethodTable } from './method-table';

/**
 * Credential profiles. Secrets go in through `credentials.create` and never come back out: the renderer
 * only ever sees ids, labels and non-secret parameters.
 */
export const SnmpV3AuthProto = z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']);
export const SnmpV3PrivProto = z.enum(['des', 'aes', 'aes192', 'aes256']);

const label = z.string().trim().min(1).max(120);
const secret = z.string().min(1).max(4096);

export const CredentialInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snmp-v1'), label, community: secret }).strict(),
  z.object({ kind: z.literal('snmp-v2c'), label, community: secret }).strict(),
  z
    .object({
      kind: z.literal('snmp-v3'),
      label,
      user: z.string().min(1).max(64),
      level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
      authProto: SnmpV3AuthProto.optional(),
      authKey: z.string().min(8).max(256).optional(),
      privProto: SnmpV3PrivProto.optional(),
      privKey: z.string().min(8).max(256).optional(),
    })
    .strict()
    .refine((c) => c.level === 'noAuthNoPriv' || (c.authProto && c.authKey), {
      message: 'authNoPriv and authPriv need authProto and authKey',
    })
    .refine((c) => c.level !== 'authPriv' || (c.privProto && c.privKey), {
      message: 'authPriv needs privProto and privKey',
    }),
  z
    .object({
      kind: z.literal('ssh'),
      label,
      user: z.string().min(1).max(64),
      password: secret.optional(),
      privateKey: z.string().min(1).max(65536).optional(),
      passphrase: secret.optional(),
    })
    .strict()
    .refine((c) => c.password !== undefined || c.privateKey !== undefined, {
      message: 'an SSH profile needs a password or a private key',
    }),
]);
export type CredentialInput = z.infer<typeof CredentialInput>;

/** What the renderer may see of a credential. */
export const CredentialSummary = z.object({
  id: z.string(),
  kind: z.enum(['snmp-v1', 'snmp-v2c', 'snmp-v3', 'ssh']),
  label: z.string(),
  /** Non-secret parameters: v3 user/level/protocols, SSH user and auth method. */
  public: z.record(z.string(), z.string()),
  createdAt: z.string(),
});
export type CredentialSummary = z.infer<typeof CredentialSummary>;

export const credentialMethods = {
  'credentials.list': {
    summary: 'Credential profiles, without secrets.',
    input: z.object({}).strict(),
    output: z.array(CredentialSummary),
  },
  'credentials.create': {
    summary: 'Store a credential profile in the vault.',
    input: CredentialInput,
    output: CredentialSummary,
  },
  'credentials.delete': {
    summary: 'Remove a credential profile.',
    input: z.object({ id: z.string().max(64) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
} as const satisfies MethodTable;
