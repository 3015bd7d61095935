import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from '../../../electron/engine/drivers/driver';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import type { ApiClient } from '../../../shared/api/client';
import { LabStartInput } from '../../../shared/api/lab';
import type { RolloutStep } from '../../../shared/api/rollout';
import { makeTempDir } from '../../support/temp-dir';
import { type FakeBackend, startFakeBackend } from './fake-backends';
import { type DeployEngine, openDeployEngine, routewiseCli, weightedPolicyText } from './support/deploy-engine';

const FAST = { tokensPerSec: 1000, prefillTokensPerSec: 1_000_000 };
// Two labs (one FortiGate each, edge-fw1, the fifth device) and the backends on loopback, all inside 127.61-63.x.
const LAB_BASES = ['127.62.0.0', '127.63.0.0'] as const;
const BACKEND_HOST = '127.61.250.1';
// The VIPs' external address is configuration only: nothing is sent to it.
const VIP_ADDR = '198.19.162.10';

/**
 * A policy rendered as FortiOS virtual servers, deployed through the engine (policy.deploy, rollout.run) to two lab
 * FortiGates, pilot first, with the FortiOS driver's emulated commit-confirm (flash revision + auto-script). The
 * backend-health gate reads the FortiGate's own monitor verdicts (`diagnose firewall vip realserver list`): the lab
 * FortiGate runs the ldb-monitor HTTP checks against the loopback backends. A policy naming a dead backend halts at
 * the pilot, whose configuration is restored byte for byte.
 */
describe('policy deploy to FortiGates through the rollout engine (lab FortiOS)', () => {
  const tmp = makeTempDir('routewise-fgt-deploy-');
  const labs: RunningLab[] = [];
  const fgts: Array<{ address: string; sshPort: number }> = [];
  const backends: FakeBackend[] = [];
  let deadPort = 0;
  let rw: DeployEngine;
  let api: ApiClient;
  let credentialId: string;
  const steps: RolloutStep[] = [];
  const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());

  const openFgt = (i: number): Promise<Driver> =>
    openDriver({ ...fgts[i]!, platform: 'fortios' }, { id: 'lab', kind: 'ssh', label: 'lab', user: labs[i]!.model.credentials.ssh.user, password: labs[i]!.model.credentials.ssh.password }, { hostKeys, timeoutMs: 15_000 });
  const running = async (i: number): Promise<string> => {
    const d = await openFgt(i);
    try {
      return await d.runningConfig();
    } finally {
      await d.close().catch(() => undefined);
    }
  };
  const show = async (i: number, command: string): Promise<string> => {
    const d = await openFgt(i);
    try {
      return await d.show(command);
    } finally {
      await d.close().catch(() => undefined);
    }
  };

  beforeAll(async () => {
    for (const base of LAB_BASES) {
      const lab = await startLab({ options: LabStartInput.parse({ devices: 5, base, seed: 11 }), services: [sshService(path.join(tmp.dir, base))] });
      labs.push(lab);
      const d = lab.model.devices.find((x) => x.platform === 'fortios');
      if (!d) throw new Error(`the lab at ${base} has no FortiOS device`);
      fgts.push({ address: d.address, sshPort: d.sshPort });
    }
    for (const id of ['b1', 'b2']) backends.push(await startFakeBackend({ id, model: 'llama3', host: BACKEND_HOST, ...FAST }));
    const dead = await startFakeBackend({ id: 'dead', model: 'llama3', host: BACKEND_HOST, ...FAST });
    deadPort = dead.port;
    await dead.stop();
    rw = await openDeployEngine(path.join(tmp.dir, 'data'), 'test:fgt-deploy', steps);
    api = rw.api;
    const creds = labs[0]!.model.credentials.ssh;
    expect(labs[1]!.model.credentials.ssh).toEqual(creds);
    credentialId = (await api.call('credentials.create', { kind: 'ssh', label: 'lab fortigates', user: creds.user, password: creds.password })).id;
  }, 60_000);

  afterAll(async () => {
    await rw?.close();
    for (const lab of labs) await lab.stop();
    await Promise.all(backends.map((b) => b.stop()));
    tmp.cleanup();
  });

  const policy = (name: string, members: Array<{ id: string; port: number; weight: number }>): string => weightedPolicyText(name, { frontend: { address: VIP_ADDR, port: 2790 }, backendAddress: BACKEND_HOST }, members);
  const hosts = () => fgts.map((f, i) => ({ address: f.address, sshPort: f.sshPort, credentialId, label: `fgt${i + 1}` }));

  it('halts at the pilot when a real server fails the FortiGate health monitor; the pilot config is restored byte for byte', async () => {
    const before = await Promise.all([running(0), running(1)]);
    const plan = await api.call('policy.deploy', {
      text: policy('fgt-broken', [
        { id: 'b1', port: backends[0]!.port, weight: 1 },
        { id: 'gone', port: deadPort, weight: 1 },
      ]),
      target: 'fortios',
      hosts: hosts(),
      pilot: fgts[0]!.address,
      soakSec: 0,
      confirmWithinSec: 60,
      approve: true,
    });
    expect(plan.phases.map((p) => p.devices)).toEqual([[fgts[0]!.address], [fgts[1]!.address]]);
    // The FortiGate gets commands only: no comment line (the CLI refuses them); the notes stay with the plan.
    const pilotDiff = plan.devices.find((d) => d.address === fgts[0]!.address)!.diff;
    expect(pilotDiff).toMatch(/^\+\s*edit "rw-ai-main"$/m);
    expect(pilotDiff).not.toMatch(/^\+\s*#/m);
    expect(plan.notes.some((n) => n.startsWith('fortios: A firewall policy must still allow traffic'))).toBe(true);

    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    expect(done.status, done.summary ?? '').toBe('halted');
    expect(Object.fromEntries(done.devices.map((d) => [d.address, d.state]))).toEqual({ [fgts[0]!.address]: 'reverted', [fgts[1]!.address]: 'pending' });
    const gates = steps.find((s) => s.planId === plan.id && s.step === 'gates' && s.outcome === 'failed');
    expect(gates?.message).toMatch(/backend-health: FAILED \(not alive per the FortiGate's health monitors after \d+ ms: gone \(dead\)\)/);
    process.stdout.write(`[fgt-deploy] failed gate on the pilot: ${gates?.message ?? ''}\n`);
    expect(await running(0)).toBe(before[0]);
    expect(await running(1)).toBe(before[1]);
    expect(await show(0, 'show firewall vip')).not.toContain('rw-ai-main');
  }, 120_000);

  it('deploys a good policy to the pilot, then the wave; both FortiGates hold the VIP and see every real server alive', async () => {
    const members = [
      { id: 'b1', port: backends[0]!.port, weight: 1 },
      { id: 'b2', port: backends[1]!.port, weight: 3 },
    ];
    const plan = await api.call('policy.deploy', { text: policy('fgt-good', members), target: 'fortios', hosts: hosts(), pilot: fgts[1]!.address, soakSec: 0, confirmWithinSec: 60, approve: true });
    expect(plan.phases.map((p) => p.devices)).toEqual([[fgts[1]!.address], [fgts[0]!.address]]);
    const started = Date.now();
    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    process.stdout.write(`[fgt-deploy] pilot + wave completed in ${Date.now() - started} ms\n`);
    expect(done.status, done.summary ?? '').toBe('completed');
    expect(done.devices.map((d) => d.state)).toEqual(['confirmed', 'confirmed']);
    const mine = steps.filter((s) => s.planId === plan.id);
    const pilotConfirmed = mine.findIndex((s) => s.address === fgts[1]!.address && s.step === 'confirm' && s.outcome === 'ok');
    const waveBackup = mine.findIndex((s) => s.address === fgts[0]!.address && s.step === 'backup');
    expect(pilotConfirmed).toBeGreaterThanOrEqual(0);
    expect(waveBackup).toBeGreaterThan(pilotConfirmed);
    const gate = mine.find((s) => s.step === 'gates' && s.outcome === 'ok')!.message;
    expect(gate).toMatch(/backend-health: ok \(2 real server\(s\) alive per the FortiGate's health monitors/);

    for (let i = 0; i < fgts.length; i++) {
      const vip = await show(i, 'show firewall vip');
      expect(vip).toMatch(/edit "rw-ai-main"[\s\S]*set ldb-method "?weighted"?[\s\S]*set monitor "rw-ai-health-0"/);
      expect(vip).toMatch(new RegExp(`set ip 127\\.61\\.250\\.1\\n {16}set port ${backends[1]!.port}\\n[\\s\\S]*?set weight 3`));
      const list = await show(i, 'diagnose firewall vip realserver list');
      expect(list).toMatch(/^vf=0 name=rw-ai-main\/\d+ class=4 type=1 198\.19\.162\.10:\(2790-2790\), protocol=6$/m);
      for (const b of backends) expect(list).toMatch(new RegExp(`^ip=127\\.61\\.250\\.1-127\\.61\\.250\\.1/${b.port} .*\\nalive=1 health=1 `, 'm'));
      // No revert pending: the auto-script is gone.
      expect(await show(i, 'show system auto-script')).not.toContain('routewise-revert');
    }
    expect(backends.every((b) => b.modelListHits > 0)).toBe(true);
  }, 120_000);

  it('routewise policy deploy --target fortios and rollout run from the CLI (password from the environment)', async () => {
    const dataDir = path.join(tmp.dir, 'cli-data');
    const policyFile = path.join(tmp.dir, 'fgt-cli.json');
    fs.writeFileSync(policyFile, policy('fgt-cli', [{ id: 'b1', port: backends[0]!.port, weight: 5 }]));
    const creds = labs[0]!.model.credentials.ssh;
    const cli = routewiseCli(dataDir, { ...process.env, RW_FGT_PASSWORD: creds.password });
    const planned = await cli(['policy', 'deploy', '--policy', policyFile, '--target', 'fortios', '--hosts', `${fgts[0]!.address}:${fgts[0]!.sshPort}`, '--ssh-user', creds.user, '--ssh-password-env', 'RW_FGT_PASSWORD', '--soak', '0', '--confirm-within', '60']);
    expect(planned.status).toBe('draft');
    expect(planned.devices[0]!.diff).toMatch(/^\+\s*edit "rw-ai-main"$/m);
    const ran = await cli(['rollout', 'run', planned.id, '--yes']);
    expect(ran.status, ran.summary ?? '').toBe('completed');
    expect(await show(0, 'show firewall vip')).toMatch(/set weight 5/);
  }, 120_000);
});
