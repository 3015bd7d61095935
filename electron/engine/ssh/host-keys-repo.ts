import type { Store } from '../store/database';
import type { ObservedHostKey } from './host-key';

/** One pin as stored. `pending` is a different key a host offered since; it blocks the host until accepted. */
export interface HostKeyRecord {
  hostPort: string;
  algorithm: string;
  fingerprint: string;
  firstSeenAt: string;
  lastSeenAt: string;
  pending?: ObservedHostKey & { seenAt: string };
}

/** Storage behind the pinning logic: SQLite (HostKeysRepo) in the engine, a Map in unit tests. */
export interface HostKeyRecords {
  get(hostPort: string): Promise<HostKeyRecord | undefined>;
  /** Inserts unless a pin exists (two first connections may race); returns the pin that is stored. */
  insertIfAbsent(record: HostKeyRecord): Promise<HostKeyRecord>;
  put(record: HostKeyRecord): Promise<void>;
  delete(hostPort: string): Promise<boolean>;
  list(): Promise<HostKeyRecord[]>;
}

export class HostKeysRepo implements HostKeyRecords {
  constructor(private readonly store: Store) {}

  async get(hostPort: string): Promise<HostKeyRecord | undefined> {
    const row = await this.store.db.selectFrom('ssh_host_keys').selectAll().where('host_port', '=', hostPort).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async insertIfAbsent(record: HostKeyRecord): Promise<HostKeyRecord> {
    await this.store.db
      .insertInto('ssh_host_keys')
      .values(toRow(record))
      .onConflict((oc) => oc.column('host_port').doNothing())
      .execute();
    const stored = await this.get(record.hostPort);
    return stored ?? record;
  }

  async put(record: HostKeyRecord): Promise<void> {
    const row = toRow(record);
    await this.store.db
      .insertInto('ssh_host_keys')
      .values(row)
      .onConflict((oc) => oc.column('host_port').doUpdateSet({ ...row }))
      .execute();
  }

  async delete(hostPort: string): Promise<boolean> {
    const res = await this.store.db.deleteFrom('ssh_host_keys').where('host_port', '=', hostPort).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async list(): Promise<HostKeyRecord[]> {
    const rows = await this.store.db.selectFrom('ssh_host_keys').selectAll().orderBy('host_port').execute();
    return rows.map(fromRow);
  }
}

export class MemoryHostKeyRecords implements HostKeyRecords {
  private readonly map = new Map<string, HostKeyRecord>();

  async get(hostPort: string): Promise<HostKeyRecord | undefined> {
    const r = this.map.get(hostPort);
    return r ? structuredClone(r) : undefined;
  }
  async insertIfAbsent(record: HostKeyRecord): Promise<HostKeyRecord> {
    if (!this.map.has(record.hostPort)) this.map.set(record.hostPort, structuredClone(record));
    return structuredClone(this.map.get(record.hostPort) ?? record);
  }
  async put(record: HostKeyRecord): Promise<void> {
    this.map.set(record.hostPort, structuredClone(record));
  }
  async delete(hostPort: string): Promise<boolean> {
    return this.map.delete(hostPort);
  }
  async list(): Promise<HostKeyRecord[]> {
    return [...this.map.values()].map((r) => structuredClone(r)).sort((a, b) => a.hostPort.localeCompare(b.hostPort));
  }
}

interface HostKeyRow {
  host_port: string;
  algorithm: string;
  fingerprint: string;
  first_seen_at: string;
  last_seen_at: string;
  pending_algorithm: string | null;
  pending_fingerprint: string | null;
  pending_seen_at: string | null;
}

function toRow(r: HostKeyRecord): HostKeyRow {
  return {
    host_port: r.hostPort,
    algorithm: r.algorithm,
    fingerprint: r.fingerprint,
    first_seen_at: r.firstSeenAt,
    last_seen_at: r.lastSeenAt,
    pending_algorithm: r.pending?.algorithm ?? null,
    pending_fingerprint: r.pending?.fingerprint ?? null,
    pending_seen_at: r.pending?.seenAt ?? null,
  };
}

function fromRow(row: HostKeyRow): HostKeyRecord {
  const record: HostKeyRecord = {
    hostPort: row.host_port,
    algorithm: row.algorithm,
    fingerprint: row.fingerprint,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
  if (row.pending_fingerprint !== null) {
    record.pending = {
      algorithm: row.pending_algorithm ?? 'unknown',
      fingerprint: row.pending_fingerprint,
      seenAt: row.pending_seen_at ?? row.last_seen_at,
    };
  }
  return record;
}
