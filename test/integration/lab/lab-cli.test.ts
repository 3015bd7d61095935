import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStatus } from '../../../shared/api/lab';
import { isProcessAlive, labPaths } from '../../../electron/engine/lab/lab-state-file';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { snmpGet, text, v2cArgs } from './net-snmp-tools';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../../bin/routewise.mjs');
const ok = requireTool('snmpget');

async function cli(dataDir: string, ...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, [bin, '--data-dir', dataDir, ...args], { timeout: 90_000 });
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; code?: number };
    return { stdout: e.stdout ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

describe.skipIf(!ok)('routewise lab start/status/stop (background daemon)', () => {
  let tmp: { dir: string; cleanup: () => void };
  const startArgs = ['lab', 'start', '--devices', '6', '--base', '127.20.103.0', '--seed', '11', '--json'];

  beforeAll(() => {
    tmp = makeTempDir('routewise-lab-cli-');
  });
  afterAll(async () => {
    await cli(tmp.dir, 'lab', 'stop');
    tmp.cleanup();
  });

  it('lists the scenarios', async () => {
    const r = await cli(tmp.dir, 'lab', 'scenarios', '--json');
    const names = (JSON.parse(r.stdout) as Array<{ name: string }>).map((s) => s.name);
    expect(names).toEqual(['none', 'congested-uplink', 'single-homed-branch', 'flapping-link', 'crc-errors', 'pilot-gate-failure', 'beaconing-host']);
  });

  it('starts a detached daemon that answers SNMP, reports status, and stops', { timeout: 300_000 }, async () => {
    const r = await cli(tmp.dir, ...startArgs);
    expect(r.code).toBe(0);
    const status = LabStatus.parse(JSON.parse(r.stdout));
    expect(status.running).toBe(true);
    expect(status.devices).toHaveLength(6);
    expect(status.credentials?.snmpV2cCommunity).toBe('routewise-lab');
    expect(isProcessAlive(status.pid!)).toBe(true);
    expect(fs.existsSync(labPaths(tmp.dir).state)).toBe(true);

    // The CLI process has exited; the lab keeps answering.
    const d = status.devices[2]!;
    const name = text((await snmpGet(v2cArgs(status.credentials!), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.5.0']))[0]);
    expect(name).toBe(d.hostname);

    const again = LabStatus.parse(JSON.parse((await cli(tmp.dir, ...startArgs)).stdout));
    expect(again.pid).toBe(status.pid);
    const conflict = await cli(tmp.dir, 'lab', 'start', '--devices', '7', '--base', '127.20.103.0', '--json');
    expect(conflict.code).not.toBe(0);

    const st = LabStatus.parse(JSON.parse((await cli(tmp.dir, 'lab', 'status', '--json')).stdout));
    expect(st.pid).toBe(status.pid);
    expect(st.devices).toEqual(status.devices);

    const human = await cli(tmp.dir, 'lab', 'status');
    expect(human.stdout).toContain('SNMPv2c community: routewise-lab');
    expect(human.stdout).toMatch(/core1\s+127\.20\.103\.1\s+16161\s+2222\s+junos/);

    const stop = JSON.parse((await cli(tmp.dir, 'lab', 'stop', '--json')).stdout) as { stopped: boolean; pid: number };
    expect(stop).toEqual({ stopped: true, pid: status.pid });
    expect(isProcessAlive(status.pid!)).toBe(false);
    expect(fs.existsSync(labPaths(tmp.dir).state)).toBe(false);
    const after = await cli(tmp.dir, 'lab', 'status', '--json');
    expect(after.code).toBe(1);
    expect(LabStatus.parse(JSON.parse(after.stdout)).running).toBe(false);

    // Same seed, same lab.
    const second = LabStatus.parse(JSON.parse((await cli(tmp.dir, ...startArgs)).stdout));
    expect(second.pid).not.toBe(status.pid);
    expect(second.devices).toEqual(status.devices);
    await cli(tmp.dir, 'lab', 'stop');
  });

  it('forgets a lab whose daemon died', { timeout: 120_000 }, async () => {
    const status = LabStatus.parse(JSON.parse((await cli(tmp.dir, ...startArgs)).stdout));
    process.kill(status.pid!, 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (isProcessAlive(status.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const st = LabStatus.parse(JSON.parse((await cli(tmp.dir, 'lab', 'status', '--json')).stdout));
    expect(st.running).toBe(false);
    expect(fs.existsSync(labPaths(tmp.dir).state)).toBe(false);
  });

  it('refuses a base outside 127/8', async () => {
    const r = await cli(tmp.dir, 'lab', 'start', '--base', '10.0.0.0', '--json');
    expect(r.code).toBe(2);
  });
});
