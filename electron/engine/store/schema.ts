import type { Generated } from 'kysely';

/** Table types for Kysely. Later migrations add their tables here. */
export interface SettingsTable {
  key: string;
  value_json: string;
}

export interface CredentialsTable {
  id: string;
  kind: string;
  label: string;
  public_json: string;
  /** Vault ciphertext of the secret fields; never leaves the engine. */
  secret_blob: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

export interface KvTestTable {
  id: Generated<number>;
  value: string;
}

export interface Database {
  settings: SettingsTable;
  credentials: CredentialsTable;
  audit_log: AuditLogTable;
}
