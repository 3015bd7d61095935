import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { KEY_BYTES, KEY_FILE, keyFromFile, keyFromString, resolveMasterKey } from '../../../electron/engine/vault/key-source';
import { Vault } from '../../../electron/engine/vault/vault';
import { makeTempDir } from '../../support/temp-dir';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof RoutewiseError) return err.code;
    throw err;
  }
  return undefined;
}

describe('vault (AES-256-GCM)', () => {
  const key = randomBytes(KEY_BYTES);
  const vault = new Vault(key);

  it('round-trips text, including unicode and the empty string, with a fresh IV each time', () => {
    for (const secret of ['public', 'p@ss w0rd\n', '\u{1F511} s\u00e9cr\u00e8t', '', 'x'.repeat(100_000)]) {
      const blob = vault.seal(secret, 'cred-1');
      expect(blob).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
      expect(vault.open(blob, 'cred-1')).toBe(secret);
    }
    expect(vault.seal('same', 'id')).not.toBe(vault.seal('same', 'id'));
    expect(vault.seal('hunter2-secret', 'id')).not.toContain(Buffer.from('hunter2-secret').toString('base64').slice(0, 8));
  });

  it('refuses a blob opened under another id (associated data binds it to its owner)', () => {
    const blob = vault.seal('community-string', 'cred-a');
    expect(codeOf(() => vault.open(blob, 'cred-b'))).toBe('unauthorized');
    expect(codeOf(() => vault.open(blob, ''))).toBe('unauthorized');
  });

  it('refuses a blob under the wrong key', () => {
    const blob = vault.seal('community-string', 'cred-a');
    expect(codeOf(() => new Vault(randomBytes(KEY_BYTES)).open(blob, 'cred-a'))).toBe('unauthorized');
  });

  it('refuses tampered, truncated and unknown-format blobs', () => {
    const blob = vault.seal('community-string', 'cred-a');
    const raw = Buffer.from(blob.slice(3), 'base64');
    for (const at of [0, 12, 20, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      expect(codeOf(() => vault.open(`v1:${bad.toString('base64')}`, 'cred-a')), `byte ${at}`).toBe('unauthorized');
    }
    expect(codeOf(() => vault.open(`v1:${raw.subarray(0, 20).toString('base64')}`, 'cred-a'))).toBe('parse-failed');
    expect(codeOf(() => vault.open(`v2:${raw.toString('base64')}`, 'cred-a'))).toBe('parse-failed');
    expect(codeOf(() => vault.open('not a blob', 'cred-a'))).toBe('parse-failed');
  });

  it('needs a 32-byte key', () => {
    expect(codeOf(() => new Vault(randomBytes(16)))).toBe('internal');
  });
});

describe('master key sources', () => {
  const dirs: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of dirs.splice(0)) cleanup();
  });
  const tempDir = () => {
    const t = makeTempDir('routewise-key-');
    dirs.push(t.cleanup);
    return t.dir;
  };

  it('ROUTEWISE_MASTER_KEY as 64 hex characters is the key itself', () => {
    const key = randomBytes(KEY_BYTES);
    const dir = tempDir();
    expect(resolveMasterKey(dir, { ROUTEWISE_MASTER_KEY: key.toString('hex') })).toEqual(key);
    expect(resolveMasterKey(dir, { ROUTEWISE_MASTER_KEY: key.toString('hex').toUpperCase() })).toEqual(key);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it('ROUTEWISE_MASTER_KEY as base64 of 32 bytes is the key itself', () => {
    const key = randomBytes(KEY_BYTES);
    expect(keyFromString(key.toString('base64'), tempDir())).toEqual(key);
  });

  it('any other ROUTEWISE_MASTER_KEY is a passphrase, stretched with a per-data-dir salt kept 0600', () => {
    const dir = tempDir();
    const a = keyFromString('correct horse battery staple', dir);
    expect(a).toHaveLength(KEY_BYTES);
    expect(keyFromString('correct horse battery staple', dir)).toEqual(a);
    expect(keyFromString('correct horse battery stapler', dir)).not.toEqual(a);
    expect(keyFromString('correct horse battery staple', tempDir())).not.toEqual(a);
    expect(fs.statSync(path.join(dir, 'vault.salt')).mode & 0o777).toBe(0o600);
    // a passphrase-derived key really opens what it sealed, and only that key does
    const blob = new Vault(a).seal('s', 'id');
    expect(new Vault(keyFromString('correct horse battery staple', dir)).open(blob, 'id')).toBe('s');
  });

  it('a short passphrase is refused as bad-request', () => {
    expect(codeOf(() => keyFromString('short', tempDir()))).toBe('bad-request');
  });

  it('without the env var, a key file is created 0600 with 32 random bytes and reused', () => {
    const dir = tempDir();
    const first = resolveMasterKey(dir, {});
    const file = path.join(dir, KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file)).toEqual(first);
    expect(first).toHaveLength(KEY_BYTES);
    expect(resolveMasterKey(dir, { ROUTEWISE_MASTER_KEY: '' })).toEqual(first);
    expect(resolveMasterKey(tempDir(), {})).not.toEqual(first);
  });

  it('a key file readable by group or others is refused with a message naming chmod', () => {
    const file = path.join(tempDir(), KEY_FILE);
    keyFromFile(file);
    for (const mode of [0o644, 0o640, 0o604]) {
      fs.chmodSync(file, mode);
      let err: unknown;
      try {
        keyFromFile(file);
      } catch (e) {
        err = e;
      }
      expect(err, mode.toString(8)).toBeInstanceOf(RoutewiseError);
      expect((err as RoutewiseError).code).toBe('unauthorized');
      expect((err as RoutewiseError).message).toContain('chmod 600');
      expect((err as RoutewiseError).message).toContain(mode.toString(8));
    }
    fs.chmodSync(file, 0o600);
    expect(keyFromFile(file)).toHaveLength(KEY_BYTES);
  });

  it('a key file of the wrong size is refused', () => {
    const file = path.join(tempDir(), KEY_FILE);
    fs.writeFileSync(file, randomBytes(16), { mode: 0o600 });
    expect(codeOf(() => keyFromFile(file))).toBe('internal');
  });
});
