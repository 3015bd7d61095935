import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENCRYPTED_KEY_FILE, loadMasterKey, type SafeStorageLike } from '../../../electron/main/master-key';
import { makeTempDir } from '../../support/temp-dir';

/** A keystore stand-in: AES-free but not the identity, so plaintext never appears in what it returns. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike & { calls: number } {
  const pad = randomBytes(256);
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ pad[i % pad.length]!));
  return {
    calls: 0,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain: string) {
      this.calls++;
      return Buffer.concat([Buffer.from('v11'), xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString(encrypted: Buffer) {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(encrypted.subarray(3)).toString('utf8');
    },
  };
}

describe('master key (main process, safeStorage)', () => {
  const dirs: Array<() => void> = [];
  afterEach(() => dirs.splice(0).forEach((c) => c()));
  const tempDir = () => {
    const t = makeTempDir('routewise-key-');
    dirs.push(t.cleanup);
    return t.dir;
  };
  const logs: Array<[string, string]> = [];
  const log = (level: 'info' | 'warn', message: string) => logs.push([level, message]);

  it('creates a 32-byte key once, stores it only encrypted (0600), and returns the same key next launch', () => {
    const dir = tempDir();
    const storage = fakeSafeStorage();
    const first = loadMasterKey(dir, storage, {}, log);
    expect(first.source).toBe('safe-storage-created');
    expect(first.key?.length).toBe(32);
    const enc = fs.readFileSync(path.join(dir, ENCRYPTED_KEY_FILE));
    expect(enc.includes(Buffer.from(first.key!.toString('hex')))).toBe(false);
    expect(enc.includes(first.key!)).toBe(false);
    expect(fs.statSync(path.join(dir, ENCRYPTED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);

    const second = loadMasterKey(dir, storage, {}, log);
    expect(second.source).toBe('safe-storage');
    expect(second.key?.equals(first.key!)).toBe(true);
  });

  it('falls back to the engine key file, and says so, when the keystore is unavailable', () => {
    const dir = tempDir();
    logs.length = 0;
    const result = loadMasterKey(dir, fakeSafeStorage({ available: false }), {}, log);
    expect(result).toMatchObject({ key: null, source: 'key-file' });
    expect(logs.some(([level, m]) => level === 'warn' && m.includes('0600 key file'))).toBe(true);
    expect(fs.existsSync(path.join(dir, ENCRYPTED_KEY_FILE))).toBe(false);
  });

  it("treats Linux's basic_text backend (hard-coded password) as unavailable", () => {
    const dir = tempDir();
    const result = loadMasterKey(dir, fakeSafeStorage({ backend: 'basic_text' }), {}, log);
    expect(result).toMatchObject({ key: null, source: 'key-file' });
    expect(result.key === null && result.reason).toContain('basic_text');
  });

  it('adopts an existing CLI key file so secrets stored before keep opening', () => {
    const dir = tempDir();
    const cliKey = randomBytes(32);
    fs.writeFileSync(path.join(dir, 'master.key'), cliKey, { mode: 0o600 });
    const storage = fakeSafeStorage();
    const result = loadMasterKey(dir, storage, {}, log);
    expect(result.source).toBe('safe-storage-imported');
    expect(result.key?.equals(cliKey)).toBe(true);
    expect(loadMasterKey(dir, storage, {}, log).key?.equals(cliKey)).toBe(true);
  });

  it('refuses a key that no longer decrypts instead of silently making a new one', () => {
    const dir = tempDir();
    loadMasterKey(dir, fakeSafeStorage(), {}, log);
    const before = fs.readFileSync(path.join(dir, ENCRYPTED_KEY_FILE));
    // Another keystore (e.g. the OS keyring was reset) cannot decrypt it.
    const reset = fakeSafeStorage();
    reset.decryptString = () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    };
    expect(() => loadMasterKey(dir, reset, {}, log)).toThrow(/decrypting/);
    expect(fs.readFileSync(path.join(dir, ENCRYPTED_KEY_FILE)).equals(before)).toBe(true);
  });

  it('defers to ROUTEWISE_MASTER_KEY, the same variable the CLI reads', () => {
    const dir = tempDir();
    const storage = fakeSafeStorage();
    const result = loadMasterKey(dir, storage, { ROUTEWISE_MASTER_KEY: 'a'.repeat(64) }, log);
    expect(result).toMatchObject({ key: null, source: 'env' });
    expect(storage.calls).toBe(0);
  });
});
