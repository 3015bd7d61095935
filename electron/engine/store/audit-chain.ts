import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/api/audit';
import type { Store } from './database';
import type { AuditLogTable } from './schema';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  action: string;
  subject: string;
  details?: unknown;
}

/**
 * Tamper-evident change log: each entry stores the hash of the previous one and its own hash over
 * (seq, time, actor, action, subject, details, prevHash). Editing, deleting or reordering any entry breaks
 * the chain at that entry; verify() names it.
 */
export class AuditChain {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(input: AuditInput): Promise<AuditEntry> {
    return this.store.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row: Omit<AuditLogTable, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        actor: input.actor,
        action: input.action,
        subject: input.subject,
        details_json: JSON.stringify(input.details ?? null),
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      const hash = hashEntry(row);
      await trx.insertInto('audit_log').values({ ...row, hash }).execute();
      return toEntry({ ...row, hash });
    });
  }

  async list(limit: number): Promise<AuditEntry[]> {
    const rows = await this.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toEntry);
  }

  async verify(): Promise<AuditVerifyResult> {
    const rows = await this.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    for (const row of rows) {
      const fail = (reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'missing-entry', message: string) =>
        ({ intact: false, entries: rows.length, firstBadSeq: reason === 'missing-entry' ? expectedSeq : row.seq, reason, message }) as const;
      if (row.seq !== expectedSeq) {
        return fail('missing-entry', `audit entry ${expectedSeq} is missing (next present entry is ${row.seq})`);
      }
      if (row.prev_hash !== prev) {
        return fail('prev-hash-mismatch', `audit entry ${row.seq} does not chain to entry ${row.seq - 1}`);
      }
      if (hashEntry(row) !== row.hash) {
        return fail('hash-mismatch', `audit entry ${row.seq} was modified after it was written`);
      }
      prev = row.hash;
      expectedSeq++;
    }
    return { intact: true, entries: rows.length, headHash: prev };
  }
}

export function hashEntry(row: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([row.seq, row.at, row.actor, row.action, row.subject, row.details_json, row.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details_json) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
