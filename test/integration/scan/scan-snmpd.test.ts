import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { SnmpdAgent } from './snmpd-agents';

/**
 * `routewise scan` against real Debian snmpd agents on 127.0.0.10-13 (UDP 16161, inside this engineer's
 * assigned range); 127.0.0.14-20 stay silent. Exercises the CLI end to end: scope, credential order,
 * SNMPv3 authPriv, inventory, history, Ctrl-C.
 */
const ok = requireTool('snmpd') && requireTool('snmpget');
const PORT = 16161;
const V3 = { user: 'rwuser', authKey: 'authpass123', privKey: 'privpass123' };
const ROOT = path.resolve(import.meta.dirname, '../../..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!ok)('routewise scan against snmpd on loopback', () => {
  const tmp = makeTempDir('routewise-scan-');
  const dataDir = path.join(tmp.dir, 'data');
  const env = { ...process.env, ROUTEWISE_MASTER_KEY: randomBytes(32).toString('base64'), ROUTEWISE_REQUIRE_ALL: undefined };
  const agents = [
    new SnmpdAgent(tmp.dir, { address: '127.0.0.10', port: PORT, community: 'alpha', sysName: 'rw-a', sysDescr: 'Linux rw-a 6.1.0-18-amd64 #1 SMP x86_64' }),
    new SnmpdAgent(tmp.dir, { address: '127.0.0.11', port: PORT, community: 'beta', sysName: 'rw-b', sysDescr: 'Linux rw-b 6.1.0-18-amd64 #1 SMP x86_64' }),
    new SnmpdAgent(tmp.dir, { address: '127.0.0.12', port: PORT, v3: V3, sysName: 'rw-v3', sysDescr: 'Linux rw-v3 6.1.0-18-amd64 #1 SMP x86_64' }),
    new SnmpdAgent(tmp.dir, { address: '127.0.0.13', port: PORT, community: 'alpha', sysName: 'rw-d', sysDescr: 'Linux rw-d 6.1.0-18-amd64 #1 SMP x86_64' }),
  ];
  const credFlags = [
    '--community', 'beta',
    '--community', 'alpha',
    '--v3-user', V3.user, '--v3-auth-proto', 'sha', '--v3-auth-key', V3.authKey, '--v3-priv-proto', 'aes', '--v3-priv-key', V3.privKey,
  ];
  const fast = ['--snmp-port', String(PORT), '--timeout', '400', '--retries', '0', '--concurrency', '16'];

  function cli(args: string[], opts: { onSpawn?: (pid: number) => void } = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/routewise.mjs', '--data-dir', dataDir, ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      if (child.pid) opts.onSpawn?.(child.pid);
    });
  }
  async function cliJson<T>(args: string[]): Promise<T> {
    const r = await cli([...args, '--json']);
    if (r.code !== 0) throw new Error(`routewise ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  // 127.0.0.14 answers every request with bytes that are not BER: the sweep must list it, not choke on it.
  const garbage = dgram.createSocket('udp4');
  garbage.on('message', (_msg, from) => garbage.send(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01]), from.port, from.address));

  beforeAll(async () => {
    await new Promise<void>((resolve) => garbage.bind(PORT, '127.0.0.14', resolve));
    await Promise.all(agents.map((a) => a.start()));
  });
  afterAll(async () => {
    garbage.close();
    await Promise.all(agents.map((a) => a.stop()));
    tmp.cleanup();
  });

  it('refuses to probe outside the scan scope, and says how to allow it', async () => {
    const r = await cli(['scan', '127.0.0.10-127.0.0.20', ...credFlags, ...fast, '--json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('scan scope is empty');
    expect(r.stderr).toContain('routewise scope add 127.0.0.10-127.0.0.20');
    const scope = await cliJson<unknown[]>(['scope', 'list']);
    expect(scope).toEqual([]);
  });

  let firstIds: Map<string, string>;

  it('finds exactly the live agents, with the credential that answered each, and lists the rest as unreachable', async () => {
    expect(await cliJson<{ range: string }>(['scope', 'add', '127.0.0.10-20'])).toMatchObject({ range: '127.0.0.10-127.0.0.20' });
    const outside = await cli(['scan', '127.0.0.21', ...credFlags, ...fast]);
    expect(outside.code).toBe(3);
    expect(outside.stderr).toContain('127.0.0.21 is outside the scan scope');

    const result = await cliJson<ScanJson>(['scan', '127.0.0.10-127.0.0.20', ...credFlags, ...fast]);
    expect(result.scanId).toMatch(/^scan-/);
    expect(result.probed).toBe(11);
    expect(result.devices.map((d) => d.address)).toEqual(['127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13']);
    expect(result.unreachable.map((u) => u.address)).toEqual(['127.0.0.14', '127.0.0.15', '127.0.0.16', '127.0.0.17', '127.0.0.18', '127.0.0.19', '127.0.0.20']);
    expect(result.unreachable.find((u) => u.address === '127.0.0.14')?.reason).toMatch(/malformed/);
    expect(result.unreachable.find((u) => u.address === '127.0.0.15')?.reason).toBe('no response to any SNMP credential');
    const by = new Map(result.devices.map((d) => [d.address, d]));
    expect(by.get('127.0.0.10')).toMatchObject({ port: PORT, sysName: 'rw-a', sysDescr: 'Linux rw-a 6.1.0-18-amd64 #1 SMP x86_64', platform: 'linux' });
    expect(by.get('127.0.0.10')?.sysObjectID).toMatch(/^1\.3\.6\.1\.4\.1\.8072\./); // net-snmp's enterprise number
    expect(by.get('127.0.0.10')?.interfaces.some((i) => i.name === 'lo')).toBe(true);
    expect(by.get('127.0.0.12')?.sysName).toBe('rw-v3');
    expect(by.get('127.0.0.10')?.ai).toMatchObject({ capable: expect.any(Boolean), features: expect.any(Array), evidence: expect.any(Array) });

    // Credential order: beta, alpha, v3. Each device remembers the one that answered.
    const creds = await cliJson<Array<{ id: string; kind: string; label: string }>>(['credentials', 'list']);
    expect(creds.map((c) => c.label)).toEqual(['cli:snmp-v2c', 'cli:snmp-v2c', 'cli:snmp-v3 rwuser authPriv']);
    const [beta, alpha, v3] = creds.map((c) => c.id);
    expect(by.get('127.0.0.10')?.credentialId).toBe(alpha);
    expect(by.get('127.0.0.11')?.credentialId).toBe(beta);
    expect(by.get('127.0.0.12')?.credentialId).toBe(v3);
    expect(by.get('127.0.0.13')?.credentialId).toBe(alpha);
    expect(JSON.stringify(creds)).not.toContain('privpass123');

    const inventory = await cliJson<{ total: number; items: Array<{ id: string; address: string; sysName: string }> }>(['inventory']);
    expect(inventory.total).toBe(4);
    expect(inventory.items.map((d) => d.sysName)).toEqual(['rw-a', 'rw-b', 'rw-v3', 'rw-d']);
    firstIds = new Map(inventory.items.map((d) => [d.address, d.id]));
  });

  it('a second scan reuses the stored cli credentials and records changed attributes as history', async () => {
    const a = agents[0];
    if (!a) throw new Error('no agent');
    await a.stop();
    a.config = { ...a.config, sysName: 'rw-a-renamed', sysDescr: 'Linux rw-a 6.12.0-1-amd64 #1 SMP x86_64' };
    await a.start();

    const result = await cliJson<ScanJson>(['scan', '127.0.0.10', '127.0.0.11', ...credFlags, ...fast]);
    expect(result.devices.map((d) => [d.address, d.sysName])).toEqual([
      ['127.0.0.10', 'rw-a-renamed'],
      ['127.0.0.11', 'rw-b'],
    ]);
    expect(await cliJson<unknown[]>(['credentials', 'list'])).toHaveLength(3);

    const id = firstIds.get('127.0.0.10') ?? '';
    const detail = await cliJson<{ device: { id: string; sysName: string; firstSeen: string; lastSeen: string }; history: Array<{ attribute: string; oldValue: string; newValue: string; scanId: string }> }>(['inventory', id]);
    expect(detail.device.id).toBe(id);
    expect(detail.device.sysName).toBe('rw-a-renamed');
    expect(detail.device.lastSeen > detail.device.firstSeen).toBe(true);
    const changes = Object.fromEntries(detail.history.map((h) => [h.attribute, [h.oldValue, h.newValue, h.scanId]]));
    expect(changes).toEqual({
      sysName: ['rw-a', 'rw-a-renamed', result.scanId],
      sysDescr: ['Linux rw-a 6.1.0-18-amd64 #1 SMP x86_64', 'Linux rw-a 6.12.0-1-amd64 #1 SMP x86_64', result.scanId],
      // A kernel upgrade is an OS version change for a Linux box.
      osVersion: ['6.1.0-18-amd64', '6.12.0-1-amd64', result.scanId],
    });
    const unchanged = await cliJson<{ history: unknown[] }>(['inventory', firstIds.get('127.0.0.11') ?? '']);
    expect(unchanged.history).toEqual([]);
  });

  it('scans an IPv6 agent given as [::1]:port', async () => {
    const v6 = new SnmpdAgent(tmp.dir, { address: '::1', port: 16163, community: 'v6-comm', sysName: 'rw-v6', sysDescr: 'Linux rw-v6 6.1.0-18-amd64 #1 SMP x86_64' });
    try {
      await v6.start();
      const refused = await cli(['scan', '[::1]:16163', '--community', 'v6-comm', ...fast.slice(2)]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('routewise scope add ::1');
      await cliJson(['scope', 'add', '::1']);
      const result = await cliJson<ScanJson>(['scan', '[::1]:16163', '[::1]:16164', '--community', 'v6-comm', ...fast.slice(2)]);
      expect(result.devices.map((d) => [d.address, d.port, d.sysName])).toEqual([['::1', 16163, 'rw-v6']]);
      expect(result.unreachable).toEqual([{ address: '::1', port: 16164, reason: 'no response to any SNMP credential' }]);
    } finally {
      await v6.stop();
    }
  });

  it('Ctrl-C cancels the scan and still prints what was found', async () => {
    // One worker and slow timeouts: the liveness pass lets .10-.13 through at once, then .14 (the
    // malformed-BER agent) holds the only worker for 3 credentials × 5 s; Ctrl-C lands while it does.
    let pid = 0;
    const running = cli(['scan', '127.0.0.10-127.0.0.20', ...credFlags, '--snmp-port', String(PORT), '--timeout', '5000', '--retries', '0', '--concurrency', '1', '--json'], {
      onSpawn: (p) => (pid = p),
    });
    const db = path.join(dataDir, 'routewise.sqlite');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const sqlite = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
      const row = sqlite
        .prepare("select count(*) as n from scan_devices join scans on scans.id = scan_devices.scan_id where scans.status = 'running'")
        .get() as { n: number };
      sqlite.close();
      if (row.n >= 4) break;
      if (Date.now() > deadline) throw new Error('the scan never found the live agents');
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(pid, 'SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    const json = JSON.parse(r.stdout) as ScanJson & { status: string };
    expect(json.status).toBe('cancelled');
    expect(json.devices.map((d) => d.address)).toEqual(['127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13']);
    // The six silent addresses were settled by the liveness pass; .14 was still being probed.
    expect(json.probed).toBe(10);
    expect(json.unreachable.map((u) => u.address)).not.toContain('127.0.0.14');
  });
});

interface ScanJson {
  scanId: string;
  durationMs: number;
  probed: number;
  devices: Array<{
    address: string;
    port: number;
    sysName: string;
    sysDescr: string;
    sysObjectID: string;
    platform: string;
    interfaces: Array<{ name: string }>;
    ai: { capable: boolean; features: string[]; evidence: unknown[] };
    credentialId: string;
  }>;
  unreachable: Array<{ address: string; port: number; reason: string }>;
}
