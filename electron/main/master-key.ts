import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, KEY_FILE, keyFromFile } from '../engine/vault/key-source';

/** The part of Electron's safeStorage this module needs (https://www.electronjs.org/docs/latest/api/safe-storage). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export const ENCRYPTED_KEY_FILE = 'master.key.enc';

export type MasterKey =
  | { key: Buffer; source: 'safe-storage' | 'safe-storage-created' | 'safe-storage-imported' }
  /** The engine resolves the key itself: ROUTEWISE_MASTER_KEY or the 0600 `<dataDir>/master.key`. */
  | { key: null; source: 'env' | 'key-file'; reason: string };

/**
 * The vault key for the desktop app: 32 random bytes kept in `<dataDir>/master.key.enc`, encrypted by the
 * OS keystore through safeStorage. Main hands the plaintext to the engine process only.
 * An existing plain `master.key` (written by the CLI or an earlier fallback run) is adopted, so secrets
 * stored before keep opening; it is left in place because the CLI reads it.
 */
export function loadMasterKey(
  dataDir: string,
  safeStorage: SafeStorageLike,
  env: NodeJS.ProcessEnv,
  log: (level: 'info' | 'warn', message: string) => void,
): MasterKey {
  if (env.ROUTEWISE_MASTER_KEY) {
    log('info', 'vault key: ROUTEWISE_MASTER_KEY is set, the engine uses it instead of the OS keystore');
    return { key: null, source: 'env', reason: 'ROUTEWISE_MASTER_KEY is set' };
  }
  const unavailable = whyUnavailable(safeStorage);
  if (unavailable) {
    const keyFile = path.join(dataDir, KEY_FILE);
    log('warn', `vault key: OS keystore unavailable (${unavailable}); falling back to the 0600 key file ${keyFile}`);
    return { key: null, source: 'key-file', reason: unavailable };
  }

  const encFile = path.join(dataDir, ENCRYPTED_KEY_FILE);
  if (fs.existsSync(encFile)) {
    // A key that no longer decrypts is an error, never a reason to make a new one: that would orphan every secret.
    const hex = safeStorage.decryptString(fs.readFileSync(encFile));
    if (!/^[0-9a-f]+$/.test(hex) || hex.length !== KEY_BYTES * 2) {
      throw new Error(`${encFile} does not hold a ${KEY_BYTES}-byte key`);
    }
    return { key: Buffer.from(hex, 'hex'), source: 'safe-storage' };
  }

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const plainFile = path.join(dataDir, KEY_FILE);
  const imported = fs.existsSync(plainFile);
  const key = imported ? keyFromFile(plainFile) : randomBytes(KEY_BYTES);
  writeAtomically(encFile, safeStorage.encryptString(key.toString('hex')));
  if (imported) {
    log('info', `vault key: adopted the existing ${plainFile} and stored it in the OS keystore (the file stays for the CLI)`);
  } else {
    log('info', `vault key: created a new key, encrypted with the OS keystore in ${encFile}`);
  }
  return { key, source: imported ? 'safe-storage-imported' : 'safe-storage-created' };
}

function whyUnavailable(safeStorage: SafeStorageLike): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'safeStorage.isEncryptionAvailable() is false';
  // On Linux without a keyring, Chromium's "basic_text" backend encrypts with a hard-coded password: no protection.
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text') return 'no Secret Service/KWallet keyring, only the basic_text backend';
  return null;
}

function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
