import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CredentialInput } from '../../../shared/api/credentials';
import { RoutewiseError } from '../../../shared/api/errors';
import { createEngine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { DATABASE_FILE } from '../../../electron/engine/store/database';
import { KEY_FILE } from '../../../electron/engine/vault/key-source';
import { makeTempDir } from '../../support/temp-dir';

// Distinctive secrets, long enough that a chance match in SQLite pages is impossible.
const SECRETS = {
  v1: 'v1-community-Q7rX2mZp9',
  v2: 'v2c-community-K3vB8nWq4',
  auth: 'v3-authkey-H5tL1cYd6',
  priv: 'v3-privkey-F2jN7sGk0',
  password: 'ssh-password-R9wE4uTa3',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA-unit-test-key-M8pD\n-----END OPENSSH PRIVATE KEY-----',
  passphrase: 'ssh-passphrase-Z6yU0iOx5',
};

const INPUTS: CredentialInput[] = [
  { kind: 'snmp-v1', label: 'legacy', community: SECRETS.v1 },
  { kind: 'snmp-v2c', label: 'core v2c', community: SECRETS.v2 },
  { kind: 'snmp-v3', label: 'core v3', user: 'rwadmin', level: 'authPriv', authProto: 'sha256', authKey: SECRETS.auth, privProto: 'aes', privKey: SECRETS.priv },
  { kind: 'ssh', label: 'edge pw', user: 'admin', password: SECRETS.password },
  { kind: 'ssh', label: 'edge key', user: 'admin', privateKey: SECRETS.privateKey, passphrase: SECRETS.passphrase },
];

function leaked(haystack: string | Buffer): string[] {
  const text = Buffer.isBuffer(haystack) ? haystack.toString('latin1') : haystack;
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret) || text.includes(secret.slice(0, 16)) || text.includes(JSON.stringify(secret).slice(1, -1)))
    .map(([name]) => name);
}

/** Every file the store writes: the database, its WAL and shared-memory index. */
function storeBytes(dir: string): Buffer {
  return Buffer.concat(
    fs.readdirSync(dir)
      .filter((f) => f.startsWith(DATABASE_FILE))
      .map((f) => fs.readFileSync(path.join(dir, f))),
  );
}

describe('credentials: secrets stay in the vault', () => {
  it('create/list/audit over RPC never return a secret, and the SQLite files hold none in plaintext', async () => {
    const tmp = makeTempDir('routewise-creds-');
    const engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 5) });
    const { client, close } = connectInProcess(engine, 'test');
    try {
      const created = [];
      for (const input of INPUTS) created.push(await client.call('credentials.create', input));
      expect(leaked(JSON.stringify(created))).toEqual([]);

      const list = await client.call('credentials.list', {});
      expect(list.map((c) => c.label)).toEqual(INPUTS.map((c) => c.label));
      expect(leaked(JSON.stringify(list))).toEqual([]);
      // non-secret parameters are shown, so the UI can say what a profile is
      expect(list[2]?.public).toMatchObject({ user: 'rwadmin', level: 'authPriv', authProto: 'sha256', privProto: 'aes' });
      expect(list[3]?.public).toMatchObject({ user: 'admin', auth: 'password' });
      expect(list[4]?.public).toMatchObject({ user: 'admin', auth: 'key' });

      expect(leaked(JSON.stringify(await client.call('audit.list', { limit: 100 })))).toEqual([]);

      // the engine itself can still use them
      const revealed = await engine.ctx.credentials.reveal(created[2]?.id ?? '');
      expect(revealed).toMatchObject({ authKey: SECRETS.auth, privKey: SECRETS.priv, user: 'rwadmin' });

      // the bytes on disk, while open (WAL not yet checkpointed) and after a checkpoint
      expect(storeBytes(tmp.dir).length).toBeGreaterThan(4096);
      expect(leaked(storeBytes(tmp.dir))).toEqual([]);
      engine.ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(leaked(storeBytes(tmp.dir))).toEqual([]);
      // and the test can see a plaintext label, so the byte scan does read the data
      expect(storeBytes(tmp.dir).toString('latin1')).toContain('core v2c');

      const deleted = await client.call('credentials.delete', { id: created[0]?.id ?? '' });
      expect(deleted).toEqual({ deleted: true });
      expect(await client.call('credentials.list', {})).toHaveLength(INPUTS.length - 1);
    } finally {
      close();
      await engine.close();
    }
    try {
      expect(leaked(storeBytes(tmp.dir))).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });

  it('a secret blob moved onto another credential row does not open, nor does any blob under another key', async () => {
    const tmp = makeTempDir('routewise-creds-');
    try {
      const engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 5) });
      const a = await engine.ctx.credentials.create({ kind: 'snmp-v2c', label: 'a', community: SECRETS.v2 });
      const b = await engine.ctx.credentials.create({ kind: 'snmp-v2c', label: 'b', community: 'other-community-1' });
      engine.ctx.store.sqlite
        .prepare('update credentials set secret_blob = (select secret_blob from credentials where id = ?) where id = ?')
        .run(a.id, b.id);
      await expect(engine.ctx.credentials.reveal(b.id)).rejects.toMatchObject({ code: 'unauthorized' });
      expect(await engine.ctx.credentials.reveal(a.id)).toMatchObject({ community: SECRETS.v2 });
      await engine.close();

      const wrongKey = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 6) });
      try {
        const err = await wrongKey.ctx.credentials.reveal(a.id).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RoutewiseError);
        expect((err as RoutewiseError).code).toBe('unauthorized');
        expect((err as RoutewiseError).message).not.toContain(SECRETS.v2);
      } finally {
        await wrongKey.close();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('an engine whose key file is world-readable refuses to start, before it creates the store', async () => {
    const tmp = makeTempDir('routewise-creds-');
    try {
      fs.writeFileSync(path.join(tmp.dir, KEY_FILE), Buffer.alloc(32, 1), { mode: 0o600 });
      fs.chmodSync(path.join(tmp.dir, KEY_FILE), 0o644);
      const previous = process.env.ROUTEWISE_MASTER_KEY;
      delete process.env.ROUTEWISE_MASTER_KEY;
      try {
        await expect(createEngine({ dataDir: tmp.dir, host: 'test' })).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('chmod 600') });
      } finally {
        if (previous !== undefined) process.env.ROUTEWISE_MASTER_KEY = previous;
      }
      expect(fs.existsSync(path.join(tmp.dir, DATABASE_FILE))).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});
