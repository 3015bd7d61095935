import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { PlanRequest } from '../../../shared/api/rollout';
import type { Driver } from '../../../electron/engine/drivers/driver';
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
import { openStore, type Store } from '../../../electron/engine/store/database';
import { makeTempDir } from '../../support/temp-dir';
import { TcpCutProxy } from './tcp-cut-proxy';
import { executorDeps, snmpReachableGate } from '../../support/executor-deps';

/**
 * Faults during a push, with the real drivers against the lab's SSH CLIs: the SSH connection is cut in the middle
 * of the commit (by a TCP proxy in front of the device), and a device goes dark right after its commit
 * (pilot-gate-failure). Either way the device must end equal to its backup and the run must say what happened.
 * Lab minutes pass TIME_SCALE times faster: the 1-minute revert timer fires after 6 s.
 */
const TIME_SCALE = 10;
const MS_PER_SEC = 1000 / TIME_SCALE;
const PROXY_HOST = '127.51.255.1';

describe('fault injection during a rollout, real drivers against the lab', () => {
  let lab: RunningLab;
  let tmp: { dir: string; cleanup: () => void };
  let store: Store;
  let repo: RolloutRepo;
  let exec: RolloutExecutor;
  let cred: SshCredential;
  /** Per platform under test: a device behind its own cutting proxy, and its running config read at the cut. */
  const victims = new Map<string, { device: LabDevice; proxy: TcpCutProxy; atCut?: Promise<string>; armNextCommit?: number }>();
  const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
  const dev = (address: string): LabDevice => lab.model.devices.find((d) => d.address === address)!;
  const direct = (address: string) => openDriver({ address, sshPort: dev(address).sshPort, platform: dev(address).platform }, cred, { hostKeys, timeoutMs: 15_000 });

  /** The executor's drivers: a victim's go through its proxy, and its next commit() arms the cut first. */
  const open = async (address: string): Promise<Driver> => {
    const v = victims.get(address);
    if (!v) return direct(address);
    const drv = await openDriver({ address: PROXY_HOST, sshPort: v.proxy.port, platform: v.device.platform }, cred, { hostKeys, timeoutMs: 15_000 });
    const commit = drv.commit.bind(drv);
    drv.commit = async (opts) => {
      if (v.armNextCommit !== undefined) {
        v.proxy.arm(v.armNextCommit);
        v.armNextCommit = undefined;
      }
      return commit(opts);
    };
    return drv;
  };

  async function running(address: string): Promise<string> {
    const d = await direct(address);
    try {
      return await d.runningConfig();
    } finally {
      await d.close();
    }
  }

  beforeAll(async () => {
    tmp = makeTempDir('routewise-fault-injection-');
    lab = await startLab({
      options: LabStartInput.parse({ devices: 12, base: '127.51.0.0', seed: 3, scenario: 'pilot-gate-failure', timeScale: TIME_SCALE }),
      services: [sshService(tmp.dir)],
    });
    cred = { id: 'lab', kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password };
    for (const platform of ['iosxe', 'routeros']) {
      const device = lab.model.devices.find((d) => d.platform === platform && d.id !== lab.model.faults.pilotDeviceId)!;
      const v: { device: LabDevice; proxy: TcpCutProxy; atCut?: Promise<string>; armNextCommit?: number } = {
        device,
        // The executor cannot reconnect through the proxy until this read is done: it sees the device as the cut left it.
        proxy: new TcpCutProxy(PROXY_HOST, { host: device.address, port: device.sshPort }, () => {
          v.atCut = running(device.address);
          return v.atCut;
        }),
      };
      await v.proxy.start();
      victims.set(device.address, v);
    }
    store = await openStore(tmp.dir);
    repo = new RolloutRepo(store);
    const deps = executorDeps({
      repo,
      openDriver: open,
      probes: { snmpReachable: snmpReachableGate(lab.model.credentials.snmpV2cCommunity, (address) => dev(address).snmpPort) },
      actor: 'fault-test',
      msPerSec: MS_PER_SEC,
    });
    exec = new RolloutExecutor(deps);
  }, 60_000);
  afterAll(async () => {
    for (const v of victims.values()) await v.proxy.stop();
    await store?.close();
    await lab?.stop();
    tmp?.cleanup();
  });

  const inventory = (): InventoryTarget[] =>
    lab.model.devices.map((d) => ({ deviceId: d.id, address: d.address, port: d.snmpPort, label: d.hostname, platform: d.platform, segment: null, credentialId: null, sshCredentialId: null }));

  async function plan(address: string, servers: string[], timezone = 'UTC') {
    const opts = PlanRequest.parse({
      template: 'ntp',
      params: { servers, timezone },
      targets: `device:${address}`,
      pilot: `device:${address}`,
      waves: ['100%'],
      confirmWithinSec: 60,
      soakSec: 0,
      gates: { snmpReachable: true, interfacesStayUp: true, noNewCriticalThreats: false },
    });
    const built = await buildPlan(opts, { template: resolveTemplate(tmp.dir, 'ntp'), inventory: inventory(), segments: [], actor: 'fault-test' });
    await repo.insertPlan(built.plan, built.changes);
    await repo.approve(built.plan.id, 'fault-test');
    return built.plan;
  }

  /**
   * Where the cut lands, per platform: how many writes of commit() pass first, and what the device runs at the cut.
   * IOS-XE (native timer): `copy running-config flash:…`, Enter for `Destination filename [...]?`, `configure terminal
   * revert timer 1`, then one line per server — the second server never arrives. RouterOS (emulated: the revert is a
   * `/system scheduler` job on the device): `/export file=…`, `/system scheduler add …`, `/system ntp client`,
   * `set … servers=…`, then the `/system clock` part never arrives.
   */
  const CUTS = [
    { platform: 'iosxe', forward: 4, present: 'ntp server 192.0.2.61 prefer', absent: 'ntp server 192.0.2.62', revertedBy: 'executor' },
    { platform: 'routeros', forward: 4, present: 'servers=192.0.2.61,192.0.2.62', absent: 'time-zone-name=Asia/Tokyo', revertedBy: 'timer' },
  ];

  it.each(CUTS)('the SSH session drops mid-push on $platform: the half-applied change is undone (by the $revertedBy) and the run reports it', { timeout: 60_000 }, async ({ platform, forward, present, absent, revertedBy }) => {
    const v = [...victims.values()].find((x) => x.device.platform === platform)!;
    const address = v.device.address;
    const before = await running(address);
    expect(before).not.toContain(absent);
    const p = await plan(address, ['192.0.2.61', '192.0.2.62'], 'Asia/Tokyo');
    v.armNextCommit = forward;
    const done = await exec.run(p.id);
    expect(v.proxy.cuts).toBe(1);
    // At the cut the device ran half the change, with its revert armed.
    const half = await v.atCut!;
    expect(half).toContain(present);
    expect(half).not.toContain(absent);
    // The run reports the drop and the verified revert.
    expect(done.status).toBe('halted');
    expect(done.summary).toMatch(/pilot failed: 1 of 1/);
    const row = done.devices.find((d) => d.address === address)!;
    expect(row.state).toBe('reverted');
    expect(row.error).toMatch(/commit failed: .*closed the connection/);
    const journal = await repo.journal(p.id);
    expect(journal.find((j) => j.step === 'commit' && j.address === address)!.outcome).toBe('failed');
    const verify = journal.find((j) => j.step === 'verify' && j.address === address)!;
    expect(verify.outcome).toBe('ok');
    // IOS-XE: a fresh session finds the revert timer still running and rolls back at once (configure replace), well
    // before the timer; RouterOS cannot tell from a new session, so its on-device scheduler job restores it.
    const deadlineMs = Number(journal.find((j) => j.step === 'commit' && j.address === address)!.intent.deadlineMs);
    if (revertedBy === 'executor') expect(Date.parse(verify.outcomeAt!)).toBeLessThan(deadlineMs);
    else expect(Date.parse(verify.outcomeAt!)).toBeGreaterThanOrEqual(deadlineMs - 1000);
    expect((await repo.device(p.id, address)).backup).toBe(before);
    expect(await running(address)).toBe(before);
  });

  it('the device stops answering right after its commit: nothing can reach it, its confirm timer reverts it', { timeout: 60_000 }, async () => {
    const pilot = lab.model.devices.find((d) => d.id === lab.model.faults.pilotDeviceId)!;
    const before = await running(pilot.address);
    const p = await plan(pilot.address, ['192.0.2.71']);
    const done = await exec.run(p.id);
    expect(done.status).toBe('halted');
    const row = done.devices.find((d) => d.address === pilot.address)!;
    expect(row.state).toBe('reverted');
    const journal = await repo.journal(p.id);
    // Routewise could not roll it back (the device is dark): only the device's own timer can have restored it.
    const rollback = journal.find((j) => j.step === 'rollback' && j.address === pilot.address)!;
    expect(rollback.outcome).toBe('failed');
    expect(JSON.stringify(rollback.result)).toMatch(/waiting for the device's own revert timer/);
    expect(journal.find((j) => j.step === 'verify' && j.address === pilot.address)!.outcome).toBe('ok');
    expect(await running(pilot.address)).toBe(before);
  });
});
