import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyOverSsh } from '../../../electron/engine/discovery/identify/identify-ssh';
import { parseOsReleaseFields } from '../../../electron/engine/discovery/identify/ssh-parse-linux';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { openSshSession, type SshCredential } from '../../../electron/engine/ssh/ssh-session';
import type { ApiClient } from '../../../shared/api/client';
import { RoutewiseError } from '../../../shared/api/errors';
import { hasTool, isRoot, requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeKey, opensshFingerprint, SSHD, type SshdHandle, startSshd } from './support/sshd';

// Ports 2200-2249 belong to the SSH tests.
const PORT = 2201;
const target = { host: '127.0.0.1', port: PORT };
const hostPort = `127.0.0.1:${PORT}`;
const repo = path.resolve(__dirname, '../../..');

const ready = requireTool(SSHD, 'OpenSSH sshd is not installed') && requireTool('ssh-keygen') && (isRoot || skipOrFail('the sshd test logs in as root and must run as root'));

describe.skipIf(!ready)('SSH against Debian OpenSSH sshd', () => {
  let tmp: { dir: string; cleanup: () => void };
  let engine: Engine;
  let api: ApiClient;
  let closeConn: () => void;
  let sshd: SshdHandle | undefined;
  let cred: SshCredential;
  let hostA: string;
  let hostB: string;
  let authorizedKeys: string;

  beforeAll(async () => {
    tmp = makeTempDir('routewise-sshd-');
    hostA = makeKey(tmp.dir, 'host_a');
    hostB = makeKey(tmp.dir, 'host_b');
    const client = makeKey(tmp.dir, 'client');
    authorizedKeys = path.join(tmp.dir, 'authorized_keys');
    fs.copyFileSync(`${client}.pub`, authorizedKeys);
    const banner = path.join(tmp.dir, 'banner.txt');
    fs.writeFileSync(banner, 'Routewise test sshd: authorised use only\n');
    cred = { id: 'cred-sshd', kind: 'ssh', label: 'root key', user: 'root', privateKey: fs.readFileSync(client, 'utf8') };
    engine = await createEngine({ dataDir: path.join(tmp.dir, 'data'), host: 'test', log: () => undefined });
    const conn = connectInProcess(engine, 'test:sshd');
    api = conn.client;
    closeConn = conn.close;
    sshd = await startSshd({ dir: tmp.dir, port: PORT, hostKey: hostA, authorizedKeys, banner });
  });

  afterAll(async () => {
    await sshd?.stop();
    closeConn?.();
    await engine?.close();
    tmp?.cleanup();
  });

  it('identifies the host as Linux with its kernel and os-release, pinning the key OpenSSH reports', async () => {
    const id = await identifyOverSsh(target, cred, { timeoutMs: 10_000, hostKeys: engine.ctx.hostKeys });
    const osRelease = parseOsReleaseFields(fs.readFileSync('/etc/os-release', 'utf8'));
    // sshd runs on this machine, so this machine is the oracle.
    expect(id.platform).toEqual(hasTool('vtysh') ? expect.stringMatching(/^(linux|frr)$/) : 'linux');
    expect(id.kernel).toBe(os.release());
    expect(id.hostname).toBe(os.hostname());
    expect(id.osName).toBe(osRelease.get('NAME'));
    expect(id.osVersion).toBe(osRelease.get('VERSION_ID'));
    expect(id.distribution).toBe(osRelease.get('PRETTY_NAME'));
    expect(id.banner).toMatch(/^SSH-2\.0-OpenSSH_/);
    expect(id.hostKey).toEqual({ algorithm: 'ssh-ed25519', fingerprint: opensshFingerprint(`${hostA}.pub`) });

    const pins = await api.call('hostkeys.list', {});
    expect(pins).toEqual([expect.objectContaining({ hostPort, fingerprint: opensshFingerprint(`${hostA}.pub`), status: 'trusted' })]);
  });

  it('runs commands in an interactive shell on a real pty (prompt detection past the MOTD)', async () => {
    const session = await openSshSession(target, cred, { timeoutMs: 10_000, hostKeys: engine.ctx.hostKeys });
    try {
      expect(session.authBanner).toContain('Routewise test sshd: authorised use only');
      expect(await session.run('echo routewise-$((6*7))')).toBe('routewise-42');
      expect(await session.run('printf "a\\n\\nb\\n"')).toBe('a\n\nb');
      const exec = await session.exec('id -u');
      expect(exec).toEqual({ stdout: '0\n', stderr: '', exitCode: 0 });
    } finally {
      await session.close();
    }
  });

  it('refuses a wrong client key with auth-failed', async () => {
    const other = makeKey(tmp.dir, 'not_authorised');
    const wrong: SshCredential = { ...cred, privateKey: fs.readFileSync(other, 'utf8') };
    const err = await openSshSession(target, wrong, { timeoutMs: 10_000, hostKeys: engine.ctx.hostKeys }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutewiseError);
    expect((err as RoutewiseError).code).toBe('auth-failed');
    expect((err as RoutewiseError).message).toContain(hostPort);
  });

  it('blocks a changed host key until accepted (CLI), and the acceptance is audited', async () => {
    await sshd?.stop();
    sshd = await startSshd({ dir: tmp.dir, port: PORT, hostKey: hostB, authorizedKeys });
    const was = opensshFingerprint(`${hostA}.pub`);
    const now = opensshFingerprint(`${hostB}.pub`);

    const err = await identifyOverSsh(target, cred, { timeoutMs: 10_000, hostKeys: engine.ctx.hostKeys }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutewiseError);
    expect((err as RoutewiseError).code).toBe('unauthorized');
    expect((err as RoutewiseError).message).toBe(
      `host key for ${hostPort} changed: was ${was}, now ${now} — accept it in Settings → Host keys or \`routewise hostkeys accept ${hostPort}\` if the change is expected`,
    );
    const [pin] = await api.call('hostkeys.list', {});
    expect(pin).toMatchObject({ status: 'changed', fingerprint: was, pending: { fingerprint: now } });

    // The admin accepts through the CLI, a separate process on the same data dir.
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [path.join(repo, 'bin/routewise.mjs'), '--data-dir', engine.ctx.dataDir, '--json', ...args], {
        encoding: 'utf8',
        cwd: repo,
      });
    const accepted = JSON.parse(cli('hostkeys', 'accept', hostPort, '--fingerprint', now)) as { fingerprint: string; status: string };
    expect(accepted).toMatchObject({ fingerprint: now, status: 'trusted' });

    const id = await identifyOverSsh(target, cred, { timeoutMs: 10_000, hostKeys: engine.ctx.hostKeys });
    expect(id.hostKey.fingerprint).toBe(now);
    expect(id.kernel).toBe(os.release());

    const audit = await api.call('audit.list', { limit: 10 });
    expect(audit[0]).toMatchObject({ action: 'hostkeys.accept', subject: hostPort, details: { was, now } });
    expect((await api.call('audit.verify', {})).intact).toBe(true);

    // forget: audited, and the next connection pins again on first use.
    expect(await api.call('hostkeys.forget', { hostPort })).toEqual({ forgotten: true });
    expect((await api.call('audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'hostkeys.forget', subject: hostPort });
    expect(await api.call('hostkeys.list', {})).toEqual([]);
  });
});
