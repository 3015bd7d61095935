import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AuditChain } from '../../../electron/engine/store/audit-chain';
import { CredentialsRepo } from '../../../electron/engine/store/credentials-repo';
import { DATABASE_FILE, openStore } from '../../../electron/engine/store/database';
import { migrationProvider, migrations } from '../../../electron/engine/store/migrations';
import { SettingsRepo } from '../../../electron/engine/store/settings-repo';
import { Vault } from '../../../electron/engine/vault/vault';
import { makeTempDir } from '../../support/temp-dir';
import { repoRoot, waitForExit } from './support/cli';

const MIGRATION_COUNT = Object.keys(migrations).length;

function tableNames(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('store: migrations and WAL', () => {
  it('migrates an empty database to the latest schema, in WAL mode with synchronous=FULL', async () => {
    const tmp = makeTempDir('routewise-store-');
    try {
      const store = await openStore(tmp.dir);
      expect(store.file).toBe(path.join(tmp.dir, DATABASE_FILE));
      expect(await store.schemaVersion()).toBe(MIGRATION_COUNT);
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      await store.close();
      const tables = tableNames(path.join(tmp.dir, DATABASE_FILE));
      expect(tables).toEqual(expect.arrayContaining(['audit_log', 'credentials', 'settings', 'kysely_migration']));
      // WAL is a property of the file: a plain connection that sets nothing still sees it.
      const raw = new BetterSqlite3(path.join(tmp.dir, DATABASE_FILE));
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('reopens an existing database: data kept, schema version unchanged, migrating again is a no-op', async () => {
    const tmp = makeTempDir('routewise-store-');
    try {
      const first = await openStore(tmp.dir);
      const vault = new Vault(Buffer.alloc(32, 3));
      await new SettingsRepo(first).update({ theme: 'dark', firstLaunchDone: true });
      const cred = await new CredentialsRepo(first, vault).create({ kind: 'snmp-v2c', label: 'core', community: 'c0mmunity-s3cret' });
      await new AuditChain(first).append({ actor: 't', action: 'a', subject: 's', details: { n: 1 } });
      const version = await first.schemaVersion();
      await first.close();

      const second = await openStore(tmp.dir);
      try {
        expect(await second.schemaVersion()).toBe(version);
        expect(await new SettingsRepo(second).get()).toEqual({ theme: 'dark', firstLaunchDone: true });
        expect(await new CredentialsRepo(second, vault).reveal(cred.id)).toMatchObject({ community: 'c0mmunity-s3cret', label: 'core' });
        expect(await new AuditChain(second).verify()).toMatchObject({ intact: true, entries: 1 });
        const again = await new Migrator({ db: second.db, provider: migrationProvider }).migrateToLatest();
        expect(again.error).toBeUndefined();
        expect(again.results).toEqual([]);
        expect(await second.schemaVersion()).toBe(version);
      } finally {
        await second.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});

describe('store: kill -9 durability', () => {
  it('every audit entry whose commit returned survives SIGKILL, and the chain verifies', async () => {
    const tmp = makeTempDir('routewise-kill-');
    const KILL_AFTER = 40;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'audit-writer.ts'), tmp.dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const printed = await new Promise<number[]>((resolve, reject) => {
        const seqs: number[] = [];
        let buf = '';
        const timer = setTimeout(() => reject(new Error(`only ${seqs.length} commits within 60 s\n${stderr}`)), 60_000);
        child.once('exit', (code) => reject(new Error(`writer exited (${code}) before it was killed\n${stderr}`)));
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          buf += d;
          const lines = buf.split('\n');
          buf = lines.pop() ?? '';
          for (const line of lines) {
            if (line === 'ready') continue;
            seqs.push(Number(line));
            if (seqs.length === KILL_AFTER) {
              // mid-stream: the writer is inside its next transaction or about to start it
              child.kill('SIGKILL');
              clearTimeout(timer);
              resolve([...seqs]);
            }
          }
        });
      });
      expect(await waitForExit(child)).toEqual({ code: null, signal: 'SIGKILL' });
      expect(printed).toEqual(Array.from({ length: KILL_AFTER }, (_, i) => i + 1));

      const store = await openStore(tmp.dir);
      try {
        expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = await store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
        const present = new Set(rows.map((r) => r.seq));
        expect(printed.filter((seq) => !present.has(seq))).toEqual([]);
        const verdict = await new AuditChain(store).verify();
        expect(verdict).toMatchObject({ intact: true });
        expect(verdict.entries).toBeGreaterThanOrEqual(KILL_AFTER);
        // the store accepts writes after the crash and the chain continues from the surviving head
        const next = await new AuditChain(store).append({ actor: 't', action: 'after-crash', subject: 's' });
        expect(next.seq).toBe(verdict.entries + 1);
        expect(await new AuditChain(store).verify()).toMatchObject({ intact: true, entries: verdict.entries + 1 });
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      tmp.cleanup();
    }
  });
});
