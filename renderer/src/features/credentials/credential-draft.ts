import { CredentialInput, SnmpV3AuthProto, SnmpV3PrivProto } from '../../../../shared/api/credentials';

export type CredentialKind = CredentialInput['kind'];
export type SnmpV3Level = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

/** What the form holds while the admin types; turned into a CredentialInput on submit. */
export interface CredentialDraft {
  kind: CredentialKind;
  label: string;
  community: string;
  user: string;
  level: SnmpV3Level;
  authProto: AuthProto;
  authKey: string;
  privProto: PrivProto;
  privKey: string;
  password: string;
  privateKey: string;
  passphrase: string;
}
type AuthProto = (typeof SnmpV3AuthProto.options)[number];
type PrivProto = (typeof SnmpV3PrivProto.options)[number];

export const AUTH_PROTOS = SnmpV3AuthProto.options;
export const PRIV_PROTOS = SnmpV3PrivProto.options;

/** SNMPv3 authPriv with SHA-256/AES is the recommended default (DESIGN: security model). */
export const EMPTY_DRAFT: CredentialDraft = {
  kind: 'snmp-v3',
  label: '',
  community: '',
  user: '',
  level: 'authPriv',
  authProto: 'sha256',
  authKey: '',
  privProto: 'aes',
  privKey: '',
  password: '',
  privateKey: '',
  passphrase: '',
};

export type DraftResult = { ok: true; input: CredentialInput } | { ok: false; message: string };

/** Validates with the same schema the engine uses, so the admin learns about a mistake before the round trip. */
export function draftToInput(d: CredentialDraft): DraftResult {
  const candidate = (() => {
    switch (d.kind) {
      case 'snmp-v1':
      case 'snmp-v2c':
        return { kind: d.kind, label: d.label, community: d.community };
      case 'snmp-v3':
        return {
          kind: d.kind,
          label: d.label,
          user: d.user,
          level: d.level,
          ...(d.level !== 'noAuthNoPriv' ? { authProto: d.authProto, authKey: d.authKey } : {}),
          ...(d.level === 'authPriv' ? { privProto: d.privProto, privKey: d.privKey } : {}),
        };
      case 'ssh':
        return {
          kind: d.kind,
          label: d.label,
          user: d.user,
          ...(d.password ? { password: d.password } : {}),
          ...(d.privateKey ? { privateKey: d.privateKey } : {}),
          ...(d.passphrase ? { passphrase: d.passphrase } : {}),
        };
    }
  })();
  const parsed = CredentialInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid profile'}` };
}

/** The draft after a successful save: secrets gone, the kind kept for the next profile. */
export function clearedDraft(d: CredentialDraft): CredentialDraft {
  return { ...EMPTY_DRAFT, kind: d.kind };
}
