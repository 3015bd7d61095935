import { randomUUID } from 'node:crypto';
import type { CredentialInput, CredentialSummary } from '../../../shared/api/credentials';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Vault } from '../vault/vault';
import type { Store } from './database';

/** A credential with its secrets, for engine code only (SNMP and SSH sessions). Never sent to a client. */
export type Credential = CredentialInput & { id: string };

const SECRET_FIELDS = ['community', 'authKey', 'privKey', 'password', 'privateKey', 'passphrase'] as const;

export class CredentialsRepo {
  constructor(
    private readonly store: Store,
    private readonly vault: Vault,
  ) {}

  async create(input: CredentialInput): Promise<CredentialSummary> {
    const id = `cred-${randomUUID()}`;
    const secrets: Record<string, string> = {};
    const pub: Record<string, string> = {};
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined || k === 'kind' || k === 'label') continue;
      if ((SECRET_FIELDS as readonly string[]).includes(k)) secrets[k] = String(v);
      else pub[k] = String(v);
    }
    if (input.kind === 'ssh') pub.auth = input.privateKey ? 'key' : 'password';
    const row = {
      id,
      kind: input.kind,
      label: input.label,
      public_json: JSON.stringify(pub),
      secret_blob: this.vault.seal(JSON.stringify(secrets), id),
      created_at: new Date().toISOString(),
    };
    await this.store.db.insertInto('credentials').values(row).execute();
    return { id, kind: input.kind, label: input.label, public: pub, createdAt: row.created_at };
  }

  async list(): Promise<CredentialSummary[]> {
    const rows = await this.store.db.selectFrom('credentials').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as CredentialSummary['kind'],
      label: r.label,
      public: JSON.parse(r.public_json) as Record<string, string>,
      createdAt: r.created_at,
    }));
  }

  /** The full credential with secrets decrypted: for engine use only. */
  async reveal(id: string): Promise<Credential> {
    const r = await this.store.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new RoutewiseError('not-found', `no credential ${id}`);
    const pub = JSON.parse(r.public_json) as Record<string, string>;
    delete pub.auth;
    const secrets = JSON.parse(this.vault.open(r.secret_blob, r.id)) as Record<string, string>;
    return { id: r.id, kind: r.kind, label: r.label, ...pub, ...secrets } as Credential;
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.store.db.deleteFrom('credentials').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
