import { afterEach, describe, expect, it } from 'vitest';
import { utils } from 'ssh2';
import { formatHostPort, HostPort, parseHostPort } from '../../../shared/api/hostkeys';
import { RoutewiseError } from '../../../shared/api/errors';
import { describeHostKey } from '../../../electron/engine/ssh/host-key';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { HostKeysRepo, type HostKeyRecords, MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import { openStore, type Store } from '../../../electron/engine/store/database';
import { makeTempDir } from '../../support/temp-dir';

const A = { algorithm: 'ssh-ed25519', fingerprint: `SHA256:${'A'.repeat(43)}` };
const B = { algorithm: 'ecdsa-sha2-nistp256', fingerprint: `SHA256:${'B'.repeat(43)}` };

describe('host key description', () => {
  it('reads the algorithm from the key blob and fingerprints it like OpenSSH (unpadded base64 SHA-256)', () => {
    const key = utils.parseKey(utils.generateKeyPairSync('ecdsa', { bits: 256 }).public);
    if (key instanceof Error) throw key;
    const d = describeHostKey(key.getPublicSSH());
    expect(d.algorithm).toBe('ecdsa-sha2-nistp256');
    expect(d.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(describeHostKey(Buffer.from([0, 0, 0]))).toMatchObject({ algorithm: 'unknown' });
  });

  it('spells pin keys one way', () => {
    expect(formatHostPort('Router1.Example', 22)).toBe('router1.example:22');
    expect(formatHostPort('::1', 2201)).toBe('[::1]:2201');
    expect(parseHostPort('10.0.0.1')).toEqual({ host: '10.0.0.1', port: 22 });
    expect(parseHostPort('[2001:db8::1]:830')).toEqual({ host: '2001:db8::1', port: 830 });
    expect(parseHostPort('2001:db8::1')).toEqual({ host: '2001:db8::1', port: 22 });
    expect(parseHostPort('host:99999')).toBeUndefined();
    expect(parseHostPort('a b')).toBeUndefined();
    expect(HostPort.parse('R1:2222')).toBe('r1:2222');
    expect(HostPort.safeParse('<script>').success).toBe(false);
  });
});

const stores: Store[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const c of cleanups.splice(0)) c();
});

const backends: Array<[string, () => Promise<HostKeyRecords>]> = [
  ['memory', async () => new MemoryHostKeyRecords()],
  [
    'sqlite',
    async () => {
      const tmp = makeTempDir('routewise-hostkeys-');
      cleanups.push(tmp.cleanup);
      const store = await openStore(tmp.dir);
      stores.push(store);
      return new HostKeysRepo(store);
    },
  ],
];

for (const [name, make] of backends) {
  describe(`pinning host-key store (${name})`, () => {
    it('trusts on first use, then the same key again', async () => {
      const store = new PinningHostKeyStore(await make());
      await store.verify('r1:22', A);
      await store.verify('r1:22', A);
      expect(await store.list()).toEqual([expect.objectContaining({ hostPort: 'r1:22', ...A, status: 'trusted' })]);
    });

    it('refuses a changed key, remembers it as pending, tells the listener, and keeps refusing', async () => {
      const changed: unknown[] = [];
      const store = new PinningHostKeyStore(await make(), { onChanged: (e) => changed.push(e) });
      await store.verify('r1:22', A);
      for (let i = 0; i < 2; i++) {
        const err = await store.verify('r1:22', B).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RoutewiseError);
        expect((err as RoutewiseError).code).toBe('unauthorized');
      }
      expect(changed).toHaveLength(2);
      const [entry] = await store.list();
      expect(entry).toMatchObject({ status: 'changed', fingerprint: A.fingerprint, pending: { fingerprint: B.fingerprint, algorithm: B.algorithm } });
      // The old key still works while the change is pending.
      await store.verify('r1:22', A);
    });

    it('accepts only the key that was offered, then trusts it instead of the old one', async () => {
      const store = new PinningHostKeyStore(await make());
      await store.verify('r1:22', A);
      await expect(store.accept('r1:22')).rejects.toMatchObject({ code: 'not-found' });
      await store.verify('r1:22', B).catch(() => undefined);
      await expect(store.accept('r1:22', `SHA256:${'C'.repeat(43)}`)).rejects.toMatchObject({ code: 'conflict' });
      const { entry, was } = await store.accept('r1:22', B.fingerprint);
      expect(was).toBe(A.fingerprint);
      expect(entry).toMatchObject({ ...B, status: 'trusted' });
      await store.verify('r1:22', B);
      await expect(store.verify('r1:22', A)).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('forgets a pin so the next key is trusted on first use', async () => {
      const store = new PinningHostKeyStore(await make());
      await store.verify('r1:22', A);
      expect(await store.forget('r1:22')).toMatchObject(A);
      expect(await store.forget('r1:22')).toBeUndefined();
      await store.verify('r1:22', B);
      expect((await store.list())[0]).toMatchObject(B);
    });

    it('keeps pins per host:port', async () => {
      const store = new PinningHostKeyStore(await make());
      await store.verify('r1:22', A);
      await store.verify('r1:2222', B);
      expect((await store.list()).map((e) => e.hostPort)).toEqual(['r1:22', 'r1:2222']);
    });
  });
}
