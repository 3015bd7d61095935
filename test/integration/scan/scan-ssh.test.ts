import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeKey, SSHD, type SshdHandle, startSshd } from '../ssh/support/sshd';
import { SnmpdAgent } from './snmpd-agents';

/**
 * `routewise scan --ssh-user … --ssh-key …`: SNMP identifies the host (Debian snmpd on 127.0.0.1:16162),
 * then SSH (Debian OpenSSH on 127.0.0.1:2250, key auth) refines it; the SSH credential is stored like the
 * SNMP ones and remembered per device. Ports are inside this feature's assigned ranges.
 */
const ready =
  requireTool('snmpd') &&
  requireTool(SSHD, 'OpenSSH sshd is not installed') &&
  requireTool('ssh-keygen') &&
  (isRoot || skipOrFail('the sshd test logs in as root and must run as root'));
const ROOT = path.resolve(import.meta.dirname, '../../..');

describe.skipIf(!ready)('routewise scan with SSH identification', () => {
  const tmp = makeTempDir('routewise-scan-ssh-');
  const dataDir = path.join(tmp.dir, 'data');
  const env = { ...process.env, ROUTEWISE_MASTER_KEY: randomBytes(32).toString('base64') };
  const agent = new SnmpdAgent(tmp.dir, { address: '127.0.0.1', port: 16162, community: 'ssh-test', sysName: 'rw-ssh', sysDescr: 'Linux rw-ssh 6.1.0-18-amd64 #1 SMP x86_64' });
  let sshd: SshdHandle | undefined;
  let clientKey = '';

  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/routewise.mjs', '--data-dir', dataDir, ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  beforeAll(async () => {
    const hostKey = makeKey(tmp.dir, 'host');
    clientKey = makeKey(tmp.dir, 'client');
    const authorizedKeys = path.join(tmp.dir, 'authorized_keys');
    fs.copyFileSync(`${clientKey}.pub`, authorizedKeys);
    sshd = await startSshd({ dir: tmp.dir, port: 2250, hostKey, authorizedKeys });
    await agent.start();
  });
  afterAll(async () => {
    await sshd?.stop();
    await agent.stop();
    tmp.cleanup();
  });

  it('refines the SNMP facts over SSH and remembers both credentials', async () => {
    expect((await cli(['scope', 'add', '127.0.0.1'])).code).toBe(0);
    const r = await cli([
      'scan', '127.0.0.1', '--community', 'ssh-test', '--snmp-port', '16162',
      '--ssh-user', 'root', '--ssh-key', clientKey, '--ssh-port', '2250', '--timeout', '3000', '--retries', '0', '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { devices: Array<{ deviceId: string; sysName: string; platform: string; credentialId: string; sshCredentialId: string; warnings: string[] }> };
    expect(json.devices).toHaveLength(1);
    const [device] = json.devices;
    expect(device).toMatchObject({ sysName: 'rw-ssh', platform: 'linux' });
    const creds = JSON.parse((await cli(['credentials', 'list', '--json'])).stdout) as Array<{ id: string; label: string }>;
    expect(creds.map((c) => c.label).sort()).toEqual(['cli:snmp-v2c', 'cli:ssh root (key)']);
    expect(device?.credentialId).toBe(creds.find((c) => c.label === 'cli:snmp-v2c')?.id);
    expect(device?.sshCredentialId).toBe(creds.find((c) => c.label === 'cli:ssh root (key)')?.id);

    const detail = JSON.parse((await cli(['inventory', device?.deviceId ?? '', '--json'])).stdout) as { facts: { sources: string[]; osName?: string; osVersion?: string } };
    expect(detail.facts.sources).toEqual(['snmp', 'ssh']);
    // os-release read over SSH names the distribution, which SNMP's sysDescr cannot (sshd runs on this host).
    const osRelease = Object.fromEntries(
      fs.readFileSync('/etc/os-release', 'utf8').split('\n').map((l) => l.split('=')).filter((kv) => kv.length === 2).map(([k, v]) => [k, (v ?? '').replace(/^"|"$/g, '')]),
    );
    expect(detail.facts).toMatchObject({ osName: osRelease.NAME, osVersion: osRelease.VERSION_ID });
    expect(fs.readFileSync(path.join(dataDir, 'routewise.sqlite')).includes(Buffer.from('BEGIN OPENSSH PRIVATE KEY'))).toBe(false);
  });
});
