import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { RoutewiseError } from '../../../shared/api/errors';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export interface Store {
  readonly db: Kysely<Database>;
  /** The raw handle, for pragmas and the few hot paths that need synchronous statements. */
  readonly sqlite: BetterSqlite3.Database;
  readonly file: string;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'routewise.sqlite';

/** Opens (creating if needed) the store in dataDir, in WAL mode, and brings its schema up to date. */
export async function openStore(dataDir: string, opts: { file?: string; nativeBinding?: string } = {}): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = opts.file ?? path.join(dataDir, DATABASE_FILE);
  // nativeBinding: an Electron-ABI build of better-sqlite3 kept beside the Node one for `npm start` (DESIGN.md Persistence).
  const sqlite = new BetterSqlite3(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives power loss, not only a process kill.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    await db.destroy();
    throw new RoutewiseError('internal', `database migration ${failed} failed: ${String(error)}`);
  }
  return {
    db,
    sqlite,
    file,
    async schemaVersion() {
      const all = await migrator.getMigrations();
      return all.filter((m) => m.executedAt).length;
    },
    async close() {
      await db.destroy();
    },
  };
}
