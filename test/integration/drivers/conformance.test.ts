import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import type { Platform } from '../../../shared/domain/device';
import type { Driver } from '../../../electron/engine/drivers/driver';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { unifiedDiff } from '../../../electron/engine/drivers/unified-diff';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import type { LabDevice } from '../../../electron/engine/lab/lab-model-types';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import type { SshCredential } from '../../../electron/engine/ssh/ssh-session';
import { makeTempDir } from '../../support/temp-dir';
import { pollUntil } from '../../support/poll-until';

/**
 * One suite, every lab platform (STYLE.md: "one conformance suite runs against every driver"). Lab minutes pass
 * TIME_SCALE times faster, so a one-minute revert timer fires after 60 / TIME_SCALE seconds.
 */
const TIME_SCALE = 8;
const REVERT_SEC = 60;

/** A harmless change per platform: the SNMP location, in the platform's own syntax. */
const CHANGE: Partial<Record<Platform, (loc: string) => { text: string; marker: string }>> = {
  iosxe: (loc) => ({ text: `snmp-server location ${loc}\n`, marker: `snmp-server location ${loc}` }),
  eos: (loc) => ({ text: `snmp-server location ${loc}\n`, marker: `snmp-server location ${loc}` }),
  junos: (loc) => ({ text: `set snmp location ${loc}\n`, marker: `set snmp location ${loc}` }),
  routeros: (loc) => ({ text: `/snmp set location=${loc}\n`, marker: `location=${loc}` }),
  fortios: (loc) => ({ text: `config system snmp sysinfo\nset location "${loc}"\nend\n`, marker: `set location "${loc}"` }),
  frr: (loc) => ({ text: `interface lo\n description ${loc}\n`, marker: `description ${loc}` }),
};

/**
 * What the lab's CLIs cannot do yet, so the step is skipped for that platform with this reason (reported to the
 * lab's owner): emulated reverts need a scheduler (RouterOS `/system scheduler`, FortiOS auto-script,
 * `sleep`/`setsid` on the FRR host) that runs on the device.
 */
const LAB_GAPS: Partial<Record<Platform, string>> = {
  frr: 'the lab Linux shell has no sh/sleep/setsid to run a revert job (covered by the real-FRR test)',
};
/** The rollback step alone: the lab FortiOS refuses `execute backup config flash` while a change is pending. */
const LAB_ROLLBACK_GAPS: Partial<Record<Platform, string>> = {};

describe('driver conformance against every lab platform', () => {
  let lab: RunningLab;
  let tmp: { dir: string; cleanup: () => void };
  let cred: SshCredential;
  const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
  const drivers = new Map<string, Driver>();

  beforeAll(async () => {
    tmp = makeTempDir('routewise-conformance-');
    lab = await startLab({
      options: LabStartInput.parse({ devices: 12, base: '127.21.0.0', seed: 11, timeScale: TIME_SCALE }),
      services: [sshService(tmp.dir)],
    });
    cred = { id: 'lab', kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password };
  }, 60_000);
  afterAll(async () => {
    for (const d of drivers.values()) await d.close().catch(() => undefined);
    await lab?.stop();
    tmp?.cleanup();
  });

  const platforms: Platform[] = ['iosxe', 'junos', 'eos', 'routeros', 'fortios', 'frr'];
  const deviceOf = (p: Platform): LabDevice => {
    const d = lab.model.devices.find((x) => x.platform === p);
    if (!d) throw new Error(`the lab has no ${p} device`);
    return d;
  };
  const driverOf = async (p: Platform): Promise<Driver> => {
    const d = deviceOf(p);
    let drv = drivers.get(d.id);
    if (!drv) {
      drv = await openDriver({ address: d.address, sshPort: d.sshPort, platform: p }, cred, { hostKeys, timeoutMs: 10_000 });
      drivers.set(d.id, drv);
    }
    return drv;
  };

  /** Running config read over a new SSH session: a change visible only inside the first session's mode does not count. */
  const freshRunning = async (p: Platform): Promise<string> => {
    const d = deviceOf(p);
    const drv = await openDriver({ address: d.address, sshPort: d.sshPort, platform: p }, cred, { hostKeys, timeoutMs: 10_000 });
    try {
      return await drv.runningConfig();
    } finally {
      await drv.close();
    }
  };

  describe.each(platforms)('%s', (platform) => {
    if (LAB_GAPS[platform]) console.warn(`skipped: ${platform} self-revert and rollback steps: ${LAB_GAPS[platform]}`);
    if (LAB_ROLLBACK_GAPS[platform]) console.warn(`skipped: ${platform} rollback step: ${LAB_ROLLBACK_GAPS[platform]}`);
    it('reads facts, interfaces and neighbours that agree with the lab model', async () => {
      const d = deviceOf(platform);
      const drv = await driverOf(platform);
      const facts = await drv.facts();
      expect(facts.hostname).toBe(d.hostname);
      expect(facts.vendor.length).toBeGreaterThan(0);
      if (platform !== 'frr') expect(facts.osVersion).toBeDefined();
      const ifaces = await drv.interfaces();
      expect(ifaces.length).toBeGreaterThan(0);
      const labNames = new Set(d.interfaces.map((i) => i.name));
      expect(ifaces.filter((i) => labNames.has(i.name)).length).toBeGreaterThan(0);
      const neighbors = await drv.neighbors();
      expect(neighbors.length).toBe(d.lldp.length);
      for (const n of neighbors) expect(d.lldp.map((l) => l.sysName)).toContain(n.remoteSysName);
    });

    it('merges a change: diff, commit with a revert timer, confirm, and the change stays', async () => {
      const drv = await driverOf(platform);
      const change = CHANGE[platform]!('rw-confirmed');
      await drv.loadCandidate(change.text, 'merge');
      const diff = await drv.diff();
      expect(diff).toContain('rw-confirmed');
      if (LAB_GAPS[platform]) {
        await drv.commit();
      } else {
        await drv.commit({ revertAfterSec: REVERT_SEC });
        await drv.confirm();
        // Past the timer: a confirmed change must not revert.
        await new Promise((r) => setTimeout(r, (REVERT_SEC * 1000) / TIME_SCALE + 500));
      }
      expect(await freshRunning(platform)).toContain(change.marker);
    }, 30_000);

    it.skipIf(LAB_GAPS[platform] !== undefined)('reverts an unconfirmed commit by itself, byte for byte', async () => {
      const drv = await driverOf(platform);
      const backup = await drv.runningConfig();
      const change = CHANGE[platform]!('rw-unconfirmed');
      await drv.loadCandidate(change.text, 'merge');
      await drv.commit({ revertAfterSec: REVERT_SEC });
      expect(await drv.runningConfig()).toContain(change.marker);
      // Read over a fresh session: the device announces the rollback on open terminals (as IOS-XE and Junos do), and a
      // read that races that announcement is not what this test is about.
      const after = await pollUntil('revert by timer', () => freshRunning(platform), (t) => !t.includes(change.marker) && t.length >= backup.length / 2);
      expect(unifiedDiff(backup, after)).toBe('');
      expect(after).toBe(backup);
      await expect(drv.confirm()).rejects.toMatchObject({ code: 'commit-failed' });
    }, 30_000);

    it.skipIf(LAB_GAPS[platform] !== undefined || LAB_ROLLBACK_GAPS[platform] !== undefined)('rolls back a pending commit at once', async () => {
      const drv = await driverOf(platform);
      const backup = await drv.runningConfig();
      const change = CHANGE[platform]!('rw-rolled-back');
      await drv.loadCandidate(change.text, 'merge');
      await drv.commit({ revertAfterSec: 600 });
      expect(await drv.runningConfig()).toContain(change.marker);
      await drv.rollback();
      // Read back over a fresh session: RouterOS rolls back by rebooting into the backup, which ends this one.
      const after = await pollUntil('rolled back', () => freshRunning(platform), (t) => !t.includes(change.marker));
      expect(unifiedDiff(backup, after)).toBe('');
      expect(after).toBe(backup);
    }, 30_000);
  });
});
