import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRealProber } from '../../../electron/engine/discovery/scan/real-prober';
import type { SnmpCredential } from '../../../electron/engine/discovery/sweep/prober';

const v3 = (privProto: 'des' | 'aes192'): SnmpCredential => ({
  id: `c-${privProto}`,
  kind: 'snmp-v3',
  label: privProto,
  user: 'u',
  level: 'authPriv',
  authProto: 'sha',
  authKey: 'authpass123',
  privProto,
  privKey: 'privpass123',
});

// Refused before anything is sent: no agent is needed (and the address is this suite's own, 127.45.3.1).
const probe = (c: SnmpCredential) =>
  createRealProber().snmp({ address: '127.45.3.1', port: 16530, family: 4 }, c, { timeoutMs: 200, retries: 0, signal: new AbortController().signal });

describe('SNMPv3 privacy protocols this runtime cannot use', () => {
  it('AES-192: says the SNMP library lacks it and what to configure instead', async () => {
    const r = await probe(v3('aes192'));
    expect(r.status).toBe('rejected');
    expect(r.status === 'rejected' && r.reason).toMatch(/AES-192 privacy is refused: .*net-snmp.*AES-128 or AES-256/);
  });

  it.skipIf(crypto.getCiphers().includes('des-cbc'))('DES: names the OpenSSL version, the missing cipher and both ways out', async () => {
    const r = await probe(v3('des'));
    expect(r.status).toBe('rejected');
    const reason = r.status === 'rejected' ? r.reason : '';
    expect(reason).toContain(`OpenSSL ${process.versions.openssl}`);
    expect(reason).toContain('des-cbc');
    expect(reason).toContain('AES-128 or AES-256');
    expect(reason).toContain('NODE_OPTIONS=--openssl-legacy-provider');
  });
});
