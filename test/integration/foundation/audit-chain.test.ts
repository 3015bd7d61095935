import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { AuditChain, GENESIS_HASH, hashEntry } from '../../../electron/engine/store/audit-chain';
import { DATABASE_FILE, openStore, type Store } from '../../../electron/engine/store/database';
import type { AuditLogTable } from '../../../electron/engine/store/schema';
import { makeTempDir } from '../../support/temp-dir';
import { runCli } from './support/cli';

const ENTRIES = 6;

describe('audit chain: tamper evidence', () => {
  let tmp: { dir: string; cleanup: () => void };
  let store: Store;
  let chain: AuditChain;

  beforeEach(async () => {
    tmp = makeTempDir('routewise-audit-');
    store = await openStore(tmp.dir);
    chain = new AuditChain(store);
    for (let i = 1; i <= ENTRIES; i++) await chain.append({ actor: 'admin', action: 'settings.update', subject: `s${i}`, details: { i } });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const row = (seq: number) => store.sqlite.prepare('select * from audit_log where seq = ?').get(seq) as AuditLogTable;

  it('chains every entry to the previous one and verifies intact', async () => {
    const entries = await chain.list(100);
    expect(entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(entries.at(-1)?.prevHash).toBe(GENESIS_HASH);
    for (let i = 0; i < entries.length - 1; i++) expect(entries[i]?.prevHash).toBe(entries[i + 1]?.hash);
    expect(new Set(entries.map((e) => e.hash)).size).toBe(ENTRIES);
    expect(await chain.verify()).toEqual({ intact: true, entries: ENTRIES, headHash: entries[0]?.hash });
  });

  it("an edited details_json is named as 'hash-mismatch' at that seq", async () => {
    store.sqlite.prepare('update audit_log set details_json = ? where seq = 3').run(JSON.stringify({ i: 333 }));
    expect(await chain.verify()).toMatchObject({ intact: false, entries: ENTRIES, firstBadSeq: 3, reason: 'hash-mismatch' });
  });

  it("every hashed column is covered: editing actor, action, subject or time is a 'hash-mismatch'", async () => {
    for (const column of ['actor', 'action', 'subject', 'at']) {
      const before = row(4)[column as keyof AuditLogTable];
      store.sqlite.prepare(`update audit_log set ${column} = ? where seq = 4`).run(`${String(before)}x`);
      expect(await chain.verify(), column).toMatchObject({ intact: false, firstBadSeq: 4, reason: 'hash-mismatch' });
      store.sqlite.prepare(`update audit_log set ${column} = ? where seq = 4`).run(before);
    }
    expect(await chain.verify()).toMatchObject({ intact: true });
  });

  it("a deleted middle entry is named as 'missing-entry'", async () => {
    store.sqlite.prepare('delete from audit_log where seq = 3').run();
    expect(await chain.verify()).toMatchObject({ intact: false, entries: ENTRIES - 1, firstBadSeq: 3, reason: 'missing-entry' });
  });

  it("a rewritten entry with a recomputed hash breaks the link to the next: 'prev-hash-mismatch' there", async () => {
    const original = row(3);
    const forged = { ...original, details_json: JSON.stringify({ i: 'forged' }) };
    const { hash: _old, ...unhashed } = forged;
    forged.hash = hashEntry(unhashed);
    store.sqlite.prepare('update audit_log set details_json = ?, hash = ? where seq = 3').run(forged.details_json, forged.hash);
    expect(await chain.verify()).toMatchObject({ intact: false, firstBadSeq: 4, reason: 'prev-hash-mismatch' });
  });

  it('a swapped pair of entries is caught at the first of them', async () => {
    const a = row(2);
    const b = row(3);
    const update = store.sqlite.prepare('update audit_log set at = ?, actor = ?, action = ?, subject = ?, details_json = ?, prev_hash = ?, hash = ? where seq = ?');
    store.sqlite.transaction(() => {
      update.run(b.at, b.actor, b.action, b.subject, b.details_json, b.prev_hash, b.hash, 2);
      update.run(a.at, a.actor, a.action, a.subject, a.details_json, a.prev_hash, a.hash, 3);
    })();
    expect(await chain.verify()).toMatchObject({ intact: false, firstBadSeq: 2, reason: 'prev-hash-mismatch' });
  });

  it('appends after a restart continue the same chain', async () => {
    await store.close();
    store = await openStore(tmp.dir);
    chain = new AuditChain(store);
    const next = await chain.append({ actor: 'admin', action: 'x', subject: 'y' });
    expect(next.seq).toBe(ENTRIES + 1);
    expect(next.prevHash).toBe(row(ENTRIES).hash);
    expect(await chain.verify()).toMatchObject({ intact: true, entries: ENTRIES + 1 });
  });

  it('concurrent appends serialise into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => chain.append({ actor: 'admin', action: 'burst', subject: `b${i}` })));
    expect(await chain.verify()).toMatchObject({ intact: true, entries: ENTRIES + 20 });
  });
});

describe('routewise audit verify (CLI)', () => {
  it('exits 0 on an intact chain and 1 naming the tampered entry, with --json output that parses', async () => {
    const tmp = makeTempDir('routewise-audit-cli-');
    try {
      const engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 9) });
      const { client, close } = connectInProcess(engine, 'test');
      await client.call('settings.update', { theme: 'dark' });
      await client.call('settings.update', { theme: 'light' });
      await client.call('settings.update', { firstLaunchDone: true });
      close();
      await engine.close();

      const intact = await runCli(['--data-dir', tmp.dir, 'audit', 'verify', '--json']);
      expect(intact.code, intact.stderr).toBe(0);
      expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, entries: 3 });

      const raw = new BetterSqlite3(path.join(tmp.dir, DATABASE_FILE));
      raw.prepare('update audit_log set details_json = ? where seq = 2').run(JSON.stringify({ theme: 'dark' }));
      raw.close();

      const [broken, human] = await Promise.all([
        runCli(['--data-dir', tmp.dir, 'audit', 'verify', '--json']),
        runCli(['--data-dir', tmp.dir, 'audit', 'verify']),
      ]);
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({ intact: false, firstBadSeq: 2, reason: 'hash-mismatch' });

      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(/BROKEN at entry 2\b/);
    } finally {
      tmp.cleanup();
    }
  });
});
