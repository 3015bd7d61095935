import { createHash } from 'node:crypto';
import { formatHostPort } from '../../../shared/api/hostkeys';

/** A server's host key as pinned: its algorithm and OpenSSH-style SHA256 fingerprint. */
export interface ObservedHostKey {
  /** e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`. */
  algorithm: string;
  /** `SHA256:` + unpadded base64 of SHA-256 over the key blob, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

/** RFC 4253 §6.6: the public key blob starts with the key format name as an SSH string. */
export function describeHostKey(blob: Buffer): ObservedHostKey {
  let algorithm = 'unknown';
  if (blob.length >= 4) {
    const len = blob.readUInt32BE(0);
    if (len > 0 && len <= 64 && blob.length >= 4 + len) algorithm = blob.subarray(4, 4 + len).toString('latin1');
  }
  return { algorithm, fingerprint: sha256Fingerprint(blob) };
}

export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The pin key for a target. */
export function hostPortKey(host: string, port: number): string {
  return formatHostPort(host, port);
}
