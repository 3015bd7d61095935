import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { PlanRequest } from '../../../shared/api/rollout';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import type { LabDevice } from '../../../electron/engine/lab/lab-model-types';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import { RolloutExecutor } from '../../../electron/engine/rollout/executor';
import { RolloutRepo } from '../../../electron/engine/rollout/journal';
import { buildPlan } from '../../../electron/engine/rollout/plan';
import type { InventoryTarget } from '../../../electron/engine/rollout/selectors';
import { resolveTemplate } from '../../../electron/engine/rollout/templates/template-library';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import type { SshCredential } from '../../../electron/engine/ssh/ssh-session';
import { AuditChain } from '../../../electron/engine/store/audit-chain';
import { openStore, type Store } from '../../../electron/engine/store/database';
import { makeTempDir } from '../../support/temp-dir';
import { executorDeps, snmpReachableGate } from '../../support/executor-deps';

/** Lab minutes pass TIME_SCALE times faster: a 60 s confirm window is 6 s here. */
const TIME_SCALE = 10;
const MS_PER_SEC = 1000 / TIME_SCALE;

describe('rollouts against the built-in lab with the real drivers', () => {
  let lab: RunningLab;
  let tmp: { dir: string; cleanup: () => void };
  let store: Store;
  let repo: RolloutRepo;
  let exec: RolloutExecutor;
  let cred: SshCredential;
  const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
  const dev = (address: string): LabDevice => lab.model.devices.find((d) => d.address === address)!;
  const open = (address: string) => openDriver({ address, sshPort: dev(address).sshPort, platform: dev(address).platform }, cred, { hostKeys, timeoutMs: 15_000 });

  beforeAll(async () => {
    tmp = makeTempDir('routewise-lab-rollout-');
    lab = await startLab({
      options: LabStartInput.parse({ devices: 12, base: '127.22.0.0', seed: 3, scenario: 'pilot-gate-failure', timeScale: TIME_SCALE }),
      services: [sshService(tmp.dir)],
    });
    cred = { id: 'lab', kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password };
    store = await openStore(tmp.dir);
    repo = new RolloutRepo(store);
    const audit = new AuditChain(store);
    const deps = executorDeps({
      repo,
      openDriver: open,
      // The real SNMP gate: sysUpTime from the device's net-snmp agent with the lab community.
      probes: { snmpReachable: snmpReachableGate(lab.model.credentials.snmpV2cCommunity, (address) => dev(address).snmpPort) },
      audit: async (action, subject, details) => {
        await audit.append({ actor: 'lab-test', action, subject, details });
      },
      actor: 'lab-test',
      msPerSec: MS_PER_SEC,
    });
    exec = new RolloutExecutor(deps);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await lab?.stop();
    tmp?.cleanup();
  });

  const inventory = (): InventoryTarget[] =>
    lab.model.devices.map((d, i) => ({
      deviceId: d.id ?? `lab-${i}`, address: d.address, port: d.snmpPort, label: d.hostname, platform: d.platform, segment: d.location ?? null, credentialId: null, sshCredentialId: null,
    }));

  async function plan(targets: string[], pilot: string) {
    const opts = PlanRequest.parse({
      template: 'ntp',
      params: { servers: ['192.0.2.123'] },
      targets: `device:${targets.join(',')}`,
      pilot: `device:${pilot}`,
      waves: ['100%'],
      confirmWithinSec: 60,
      soakSec: 0,
      gates: { snmpReachable: true, interfacesStayUp: true, noNewCriticalThreats: false },
    });
    const built = await buildPlan(opts, { template: resolveTemplate(tmp.dir, 'ntp'), inventory: inventory(), segments: [], openDriver: (t) => open(t.address), actor: 'lab-test' });
    await repo.insertPlan(built.plan, built.changes);
    await repo.approve(built.plan.id, 'lab-test');
    return built.plan;
  }

  async function running(address: string): Promise<string> {
    const d = await open(address);
    try {
      return await d.runningConfig();
    } finally {
      await d.close();
    }
  }

  it('a 2-phase rollout (pilot, then a wave) of the ntp template succeeds on iosxe and junos devices', { timeout: 120_000 }, async () => {
    const pilotId = lab.model.faults.pilotDeviceId;
    const pick = (p: string) => lab.model.devices.filter((d) => d.platform === p && d.id !== pilotId).map((d) => d.address);
    const iosxe = pick('iosxe');
    const junos = pick('junos');
    expect(iosxe.length).toBeGreaterThan(0);
    expect(junos.length).toBeGreaterThan(0);
    const targets = [iosxe[0]!, junos[0]!];
    const p = await plan(targets, iosxe[0]!);
    expect(p.phases.map((ph) => ph.devices)).toEqual([[iosxe[0]], [junos[0]]]);
    for (const d of p.devices) expect(d.diff).toContain('192.0.2.123');
    const done = await exec.run(p.id);
    expect(done.status, done.summary ?? '').toBe('completed');
    expect(done.devices.map((d) => d.state)).toEqual(['confirmed', 'confirmed']);
    // Confirmed means the devices keep it past the confirm window.
    await new Promise((r) => setTimeout(r, 61 * MS_PER_SEC + 2000));
    expect(await running(iosxe[0]!)).toContain('ntp server 192.0.2.123');
    expect(await running(junos[0]!)).toContain('set system ntp server 192.0.2.123');
  });

  it('pilot-gate-failure: the plan halts at the pilot and the pilot config is restored byte for byte', { timeout: 120_000 }, async () => {
    const pilot = lab.model.devices.find((d) => d.id === lab.model.faults.pilotDeviceId)!;
    const other = lab.model.devices.find((d) => d.id !== pilot.id && d.platform === pilot.platform)!;
    const before = await running(pilot.address);
    const otherBefore = await running(other.address);
    const p = await plan([pilot.address, other.address], pilot.address);
    const done = await exec.run(p.id);
    expect(done.status).toBe('halted');
    expect(done.devices.find((d) => d.address === pilot.address)!.state).toBe('reverted');
    // The device drops its sessions the moment the change is live: the commit's own session may be the first to
    // notice (the commit reply never comes), otherwise the SNMP gate does. Either way nothing confirms it.
    expect(done.devices.find((d) => d.address === pilot.address)!.error).toMatch(/commit failed|snmp-reachable: FAILED/);
    const verify = (await repo.journal(p.id)).find((j) => j.step === 'verify' && j.address === pilot.address)!;
    expect(verify.outcome).toBe('ok');
    const row = await repo.device(p.id, pilot.address);
    expect(row.backup).toBe(before);
    expect(await running(pilot.address)).toBe(before);
    // The wave never started.
    expect(done.devices.find((d) => d.address === other.address)!.state).toBe('pending');
    expect(await running(other.address)).toBe(otherBefore);
  });
});
