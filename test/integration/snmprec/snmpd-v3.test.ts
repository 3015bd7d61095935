import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyOverSnmp } from '../../../electron/engine/discovery/identify/identify-snmp';
import { openSnmpSession, type SnmpCredential } from '../../../electron/engine/snmp/snmp-session';
import { RoutewiseError } from '../../../shared/api/errors';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { startSnmpd } from './snmpd-agent';

const PORT = 16110;
const HOSTILE_DESCR = '<img src=x onerror=alert(1)> routewise test agent';
const ok = requireTool('snmpd', 'Debian snmpd is not installed');

const v3 = (over: Partial<Extract<SnmpCredential, { kind: 'snmp-v3' }>>): SnmpCredential => ({
  id: 'cred-v3',
  kind: 'snmp-v3',
  label: 'v3',
  user: 'rwsha',
  level: 'authPriv',
  authProto: 'sha',
  authKey: 'authpass-123',
  privProto: 'aes',
  privKey: 'privpass-123',
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<RoutewiseError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RoutewiseError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe.skipIf(!ok)('Debian snmpd: SNMPv3 USM and v2c', () => {
  const tmp = makeTempDir('rw-snmpd-');
  let agent: Awaited<ReturnType<typeof startSnmpd>> | undefined;

  beforeAll(async () => {
    agent = await startSnmpd(tmp.dir, PORT, [
      'createUser rwsha SHA "authpass-123" AES "privpass-123"',
      'createUser rw512 SHA-512 "authpass-512" AES-256 "privpass-256"',
      'createUser rwmd5 MD5 "authpass-md5" DES "privpass-des"',
      'createUser rw192 SHA "authpass-192" AES192 "privpass-192"',
      'rouser rwsha authpriv',
      'rouser rw512 authpriv',
      'rouser rwmd5 auth',
      'rouser rw192 authpriv',
      'rocommunity rightcomm 127.0.0.1',
      `sysDescr ${HOSTILE_DESCR}`,
      'sysName rw-snmpd-test',
    ]);
  });
  afterAll(async () => {
    await agent?.stop();
    tmp.cleanup();
  });

  it('identifies the agent over v3 authPriv SHA/AES, sysDescr kept as literal text', async () => {
    const s = openSnmpSession({ host: '127.0.0.1', port: PORT }, v3({}), { timeoutMs: 2000, retries: 1 });
    try {
      const r = await identifyOverSnmp(s);
      expect(r.facts.sysName).toBe('rw-snmpd-test');
      expect(r.facts.sysDescr).toBe(HOSTILE_DESCR);
      expect(r.facts.sysObjectID).toBe('1.3.6.1.4.1.8072.3.2.10');
      expect(r.facts.vendor).toBe('Linux');
      expect(r.facts.sysUpTimeSec).toBeGreaterThanOrEqual(0);
      // the loopback interface of this namespace, with its address from IP-MIB
      const lo = r.interfaces.find((i) => i.name === 'lo');
      expect(lo?.addresses).toContain('127.0.0.1/8');
    } finally {
      s.close();
    }
  });

  it('speaks v3 with SHA-512/AES-256 (Blumenthal) and MD5 authNoPriv', async () => {
    for (const cred of [
      v3({ user: 'rw512', authProto: 'sha512', authKey: 'authpass-512', privProto: 'aes256', privKey: 'privpass-256' }),
      v3({ user: 'rwmd5', level: 'authNoPriv', authProto: 'md5', authKey: 'authpass-md5', privProto: undefined, privKey: undefined }),
    ]) {
      const s = openSnmpSession({ host: '127.0.0.1', port: PORT }, cred, { timeoutMs: 2000, retries: 1 });
      try {
        const [vb] = await s.get(['1.3.6.1.2.1.1.5.0']);
        expect(Buffer.isBuffer(vb?.value) && vb.value.toString()).toBe('rw-snmpd-test');
      } finally {
        s.close();
      }
    }
  });

  it('reports a wrong auth key as auth-failed, an unknown user too', async () => {
    const wrongKey = openSnmpSession({ host: '127.0.0.1', port: PORT }, v3({ authKey: 'not-the-key' }), { timeoutMs: 2000, retries: 0 });
    const unknown = openSnmpSession({ host: '127.0.0.1', port: PORT }, v3({ user: 'nobody-here' }), { timeoutMs: 2000, retries: 0 });
    try {
      const e1 = await rejection(wrongKey.get(['1.3.6.1.2.1.1.5.0']));
      expect(e1.code).toBe('auth-failed');
      expect(e1.details).toMatchObject({ host: '127.0.0.1' });
      expect((await rejection(unknown.get(['1.3.6.1.2.1.1.5.0']))).code).toBe('auth-failed');
    } finally {
      wrongKey.close();
      unknown.close();
    }
  });

  it('speaks MD5/DES and SHA/AES-192 authPriv with Debian snmpd, although OpenSSL 3 lacks des-cbc and net-snmp AES-192', async () => {
    for (const cred of [
      v3({ user: 'rwmd5', authProto: 'md5', authKey: 'authpass-md5', privProto: 'des', privKey: 'privpass-des' }),
      v3({ user: 'rw192', authProto: 'sha', authKey: 'authpass-192', privProto: 'aes192', privKey: 'privpass-192' }),
    ]) {
      const s = openSnmpSession({ host: '127.0.0.1', port: PORT }, cred, { timeoutMs: 2000, retries: 1 });
      try {
        // A walk: several encrypted round trips, each decrypted by the agent and by us.
        const rows = await s.walk('1.3.6.1.2.1.1');
        expect(rows.find((v) => v.oid === '1.3.6.1.2.1.1.5.0')?.value?.toString()).toBe('rw-snmpd-test');
        expect(rows.length).toBeGreaterThan(5);
      } finally {
        s.close();
      }
    }
  });

  it('a wrong DES or AES-192 privacy key gets no readable answer', async () => {
    for (const cred of [
      v3({ user: 'rwmd5', authProto: 'md5', authKey: 'authpass-md5', privProto: 'des', privKey: 'not-the-des-key' }),
      v3({ user: 'rw192', authProto: 'sha', authKey: 'authpass-192', privProto: 'aes192', privKey: 'not-the-192-key' }),
    ]) {
      const s = openSnmpSession({ host: '127.0.0.1', port: PORT }, cred, { timeoutMs: 800, retries: 0 });
      try {
        await expect(s.get(['1.3.6.1.2.1.1.5.0'])).rejects.toBeInstanceOf(RoutewiseError);
      } finally {
        s.close();
      }
    }
  });

  it('v2c: right community answers, a wrong one times out', async () => {
    const right = openSnmpSession({ host: '127.0.0.1', port: PORT }, { id: 'c1', kind: 'snmp-v2c', label: 'c', community: 'rightcomm' }, { timeoutMs: 1000, retries: 0 });
    const wrong = openSnmpSession({ host: '127.0.0.1', port: PORT }, { id: 'c2', kind: 'snmp-v2c', label: 'c', community: 'wrongcomm' }, { timeoutMs: 300, retries: 1 });
    try {
      const vbs = await right.get(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0']);
      expect(vbs.map((v) => v.type)).toEqual(['OctetString', 'NoSuchObject']);
      const e = await rejection(wrong.get(['1.3.6.1.2.1.1.5.0']));
      expect(e.code).toBe('timeout');
      expect(e.details).toMatchObject({ host: '127.0.0.1', port: PORT });
    } finally {
      right.close();
      wrong.close();
    }
  });

  it('v1: per-varbind noSuchName and a GETNEXT walk', async () => {
    const s = openSnmpSession({ host: '127.0.0.1', port: PORT }, { id: 'c3', kind: 'snmp-v1', label: 'c', community: 'rightcomm' }, { timeoutMs: 1000, retries: 0 });
    try {
      const vbs = await s.get(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0']);
      expect(vbs.map((v) => v.type)).toEqual(['OctetString', 'NoSuchObject']);
      const sys = await s.walk('1.3.6.1.2.1.1');
      expect(sys.map((v) => v.oid)).toContain('1.3.6.1.2.1.1.5.0');
      expect(sys.every((v) => v.oid.startsWith('1.3.6.1.2.1.1.'))).toBe(true);
    } finally {
      s.close();
    }
  });
});
