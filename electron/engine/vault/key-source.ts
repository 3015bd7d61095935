import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RoutewiseError } from '../../../shared/api/errors';

export const KEY_FILE = 'master.key';
export const KEY_BYTES = 32;

/**
 * Where the vault key comes from in the CLI and browser hosts:
 * 1. ROUTEWISE_MASTER_KEY: 64 hex chars or base64 of 32 bytes used as is; anything else is a passphrase
 *    stretched with scrypt (salted per data dir).
 * 2. `<dataDir>/master.key`: 32 random bytes, created 0600 on first use; refused if group/other can read it.
 * The Electron host instead hands the engine a key it keeps encrypted with safeStorage.
 */
export function resolveMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.ROUTEWISE_MASTER_KEY;
  if (fromEnv && fromEnv.length > 0) return keyFromString(fromEnv, dataDir);
  return keyFromFile(path.join(dataDir, KEY_FILE));
}

export function keyFromString(value: string, dataDir: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const b64 = Buffer.from(value, 'base64');
  if (b64.length === KEY_BYTES && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) return b64;
  if (value.length < 12) {
    throw new RoutewiseError('bad-request', 'ROUTEWISE_MASTER_KEY is too short: use 64 hex characters or a passphrase of 12+ characters');
  }
  return scryptSync(value, saltFor(dataDir), KEY_BYTES);
}

function saltFor(dataDir: string): Buffer {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'vault.salt');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(16), { mode: 0o600, flag: 'wx' });
  return fs.readFileSync(file);
}

export function keyFromFile(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
  }
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new RoutewiseError(
      'unauthorized',
      `key file ${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 on it`,
    );
  }
  const key = fs.readFileSync(file);
  if (key.length !== KEY_BYTES) throw new RoutewiseError('internal', `key file ${file} must hold exactly ${KEY_BYTES} bytes`);
  return key;
}
