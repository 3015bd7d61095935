import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { RoutewiseError } from '../../../shared/api/errors';
import { KEY_BYTES } from './key-source';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM envelope for secrets at rest. The associated data binds a ciphertext to its owner (e.g. a
 * credential id), so a blob copied onto another row fails to open.
 */
export class Vault {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new RoutewiseError('internal', `vault key must be ${KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(blob: string, associatedData: string): string {
    const [version, b64] = blob.split(':', 2);
    if (version !== VERSION || !b64) throw new RoutewiseError('parse-failed', 'vault entry has an unknown format');
    const raw = Buffer.from(b64, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new RoutewiseError('parse-failed', 'vault entry is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new RoutewiseError('unauthorized', 'vault entry cannot be decrypted: wrong master key or tampered data');
    }
  }
}
