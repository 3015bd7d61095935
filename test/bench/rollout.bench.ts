// A 3-phase rollout (pilot, then waves at 50% and 100%) of the shipped ntp template over 200 lab devices
// (127.50.0.0/24 and up, every platform of the template), with the real drivers: backup, diff, commit with a
// revert timer, SNMP + interface gates, confirm. Devices per minute at concurrency 1, 10 and 50, printed beside
// the same config lines pushed to the same devices by a plain OpenSSH `ssh` loop (key auth, no commit-confirm,
// no backup, no gates) at the same concurrency. The lab is restarted before each measurement, so every run
// changes every device. Asserts nothing. ROLLOUT_BENCH_DEVICES / ROLLOUT_BENCH_CONCURRENCY override the sizes.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LabStartInput } from '../../shared/api/lab';
import { PlanRequest } from '../../shared/api/rollout';
import type { Platform } from '../../shared/domain/device';
import { openDriver } from '../../electron/engine/drivers/driver-factory';
import { type RunningLab, startLab } from '../../electron/engine/lab/lab-runner';
import type { LabDevice } from '../../electron/engine/lab/lab-model-types';
import { labPaths } from '../../electron/engine/lab/lab-state-file';
import { sshService } from '../../electron/engine/lab/ssh-server';
import { RolloutExecutor } from '../../electron/engine/rollout/executor';
import { RolloutRepo } from '../../electron/engine/rollout/journal';
import { buildPlan } from '../../electron/engine/rollout/plan';
import { resolveTemplate, renderTemplate } from '../../electron/engine/rollout/templates/template-library';
import { forEachLimited } from '../../electron/engine/topology/concurrency';
import { PinningHostKeyStore } from '../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../electron/engine/ssh/host-keys-repo';
import type { SshCredential } from '../../electron/engine/ssh/ssh-session';
import { openStore } from '../../electron/engine/store/database';
import { executorDeps, snmpReachableGate } from '../support/executor-deps';

const run = promisify(execFile);
const BASE = '127.50.0.0';
const DEVICES = Number(process.env.ROLLOUT_BENCH_DEVICES ?? 200);
const CONCURRENCY = (process.env.ROLLOUT_BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const PARAMS = { servers: ['192.0.2.123', '192.0.2.124'] };

/** How a plain ssh session applies config lines on each platform (what an admin's shell loop would send). */
export function referenceScript(platform: Platform, lines: readonly string[]): string {
  switch (platform) {
    case 'iosxe':
      return ['configure terminal', ...lines, 'end'].join('\n');
    case 'eos':
      return ['configure', ...lines, 'end'].join('\n');
    case 'junos':
      return ['configure', ...lines, 'commit and-quit'].join('\n');
    default:
      return lines.join('\n');
  }
}

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

interface Target {
  device: LabDevice;
  lines: string[];
}

async function withLab<T>(dataDir: string, fn: (lab: RunningLab, targets: Target[]) => Promise<T>): Promise<T> {
  // A few more devices than needed: the ntp template has no FRR body.
  const lab = await startLab({ options: LabStartInput.parse({ devices: Math.ceil(DEVICES * 1.03) + 2, base: BASE, seed: 5 }), services: [sshService(dataDir)] });
  try {
    const template = resolveTemplate(dataDir, 'ntp');
    const devices = lab.model.devices.filter((d) => template.spec.platforms.includes(d.platform)).slice(0, DEVICES);
    const { rendered } = renderTemplate(template.spec, PARAMS, [...new Set(devices.map((d) => d.platform))]);
    const byPlatform = new Map(rendered.map((r) => [r.platform, r.config.split('\n').filter((l) => l.trim() !== '')]));
    return await fn(lab, devices.map((device) => ({ device, lines: byPlatform.get(device.platform)! })));
  } finally {
    await lab.stop();
  }
}

function credentialOf(lab: RunningLab): SshCredential {
  return { id: 'lab', kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password };
}

/** How many targets carry the first NTP server in their running config (read with the driver, outside the timing). */
async function verify(lab: RunningLab, targets: readonly Target[]): Promise<number> {
  const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
  let ok = 0;
  await forEachLimited(targets, 16, async (t) => {
    const d = await openDriver({ address: t.device.address, sshPort: t.device.sshPort, platform: t.device.platform }, credentialOf(lab), { hostKeys, timeoutMs: 20_000 });
    try {
      if ((await d.runningConfig()).includes(PARAMS.servers[0]!)) ok++;
    } finally {
      await d.close();
    }
  });
  return ok;
}

async function routewise(dataDir: string, concurrency: number): Promise<{ planMs: number; runMs: number; status: string; confirmed: number; verified: number }> {
  return withLab(dataDir, async (lab, targets) => {
    const store = await openStore(fs.mkdtempSync(path.join(dataDir, 'store-')));
    try {
      const repo = new RolloutRepo(store);
      const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
      const byAddress = new Map(targets.map((t) => [t.device.address, t.device]));
      const open = (address: string) => {
        const d = byAddress.get(address)!;
        return openDriver({ address, sshPort: d.sshPort, platform: d.platform }, credentialOf(lab), { hostKeys, timeoutMs: 30_000 });
      };
      const inventory = targets.map(({ device: d }) => ({
        deviceId: d.id, address: d.address, port: d.snmpPort, label: d.hostname, platform: d.platform, segment: null, credentialId: null, sshCredentialId: null,
      }));
      // Pilot: the first device of each platform.
      const pilot = [...new Map(targets.map((t) => [t.device.platform, t.device.address])).values()];
      const opts = PlanRequest.parse({
        template: 'ntp',
        params: PARAMS,
        targets: `device:${targets.map((t) => t.device.address).join(',')}`,
        pilot: `device:${pilot.join(',')}`,
        waves: ['50%', '100%'],
        confirmWithinSec: 120,
        soakSec: 0,
        concurrency,
        gates: { snmpReachable: true, interfacesStayUp: true, noNewCriticalThreats: false },
      });
      const t0 = performance.now();
      const built = await buildPlan(opts, { template: resolveTemplate(dataDir, 'ntp'), inventory, segments: [], openDriver: (t) => open(t.address), actor: 'bench' });
      await repo.insertPlan(built.plan, built.changes);
      await repo.approve(built.plan.id, 'bench');
      const planMs = performance.now() - t0;
      const exec = new RolloutExecutor(
        executorDeps({
          repo,
          openDriver: open,
          probes: { snmpReachable: snmpReachableGate(lab.model.credentials.snmpV2cCommunity, (address) => byAddress.get(address)!.snmpPort, { timeoutMs: 2000, retries: 1 }) },
          actor: 'bench',
        }),
      );
      const t1 = performance.now();
      const done = await exec.run(built.plan.id);
      const runMs = performance.now() - t1;
      return { planMs, runMs, status: `${done.status} (${built.plan.phases.map((p) => `${p.name} ${p.devices.length}`).join(', ')})`, confirmed: done.devices.filter((d) => d.state === 'confirmed').length, verified: await verify(lab, targets) };
    } finally {
      await store.close();
    }
  });
}

async function reference(dataDir: string, keyFile: string, concurrency: number): Promise<{ runMs: number; failed: number; verified: number }> {
  return withLab(dataDir, async (lab, targets) => {
    let failed = 0;
    const t0 = performance.now();
    await forEachLimited(targets, concurrency, async (t) => {
      const args = [
        '-i', keyFile, '-p', String(t.device.sshPort), '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
        '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=20', `${lab.model.credentials.ssh.user}@${t.device.address}`, referenceScript(t.device.platform, t.lines),
      ];
      await run('ssh', args, { timeout: 60_000 }).catch(() => failed++);
    });
    const runMs = performance.now() - t0;
    return { runMs, failed, verified: await verify(lab, targets) };
  });
}

async function main(): Promise<void> {
  if (!have('ssh') || !have('ssh-keygen')) {
    console.log('skipped: OpenSSH client (ssh, ssh-keygen) is not installed');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-rollout-bench-'));
  try {
    const keyFile = path.join(tmp, 'id_ed25519');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile], { stdio: 'ignore' });
    const { authorizedKeys } = labPaths(tmp);
    fs.mkdirSync(path.dirname(authorizedKeys), { recursive: true });
    fs.copyFileSync(`${keyFile}.pub`, authorizedKeys);
    console.log(`ntp template over ${DEVICES} lab devices, 3 phases (pilot: one device per platform, then 50%, 100%); devices/min of the run (plan time apart)`);
    console.log('concurrency | routewise: dev/min  run s  plan s  confirmed  verified  status | ssh loop: dev/min  run s  failed  verified');
    for (const c of CONCURRENCY) {
      const r = await routewise(tmp, c);
      const s = await reference(tmp, keyFile, c);
      const perMin = (ms: number) => ((DEVICES * 60_000) / ms).toFixed(1);
      console.log(
        `${String(c).padStart(11)} | ${perMin(r.runMs).padStart(18)}  ${(r.runMs / 1000).toFixed(1).padStart(5)}  ${(r.planMs / 1000).toFixed(1).padStart(6)}  ${String(r.confirmed).padStart(9)}  ${String(r.verified).padStart(8)}  ${r.status} | ${perMin(s.runMs).padStart(17)}  ${(s.runMs / 1000).toFixed(1).padStart(5)}  ${String(s.failed).padStart(6)}  ${String(s.verified).padStart(8)}`,
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
