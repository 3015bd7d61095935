import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { IOS_QUESTION, type IosxeDriver } from '../../../electron/engine/drivers/iosxe-driver';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import type { LabDevice } from '../../../electron/engine/lab/lab-model-types';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import { openSshSession, type SshCredential } from '../../../electron/engine/ssh/ssh-session';
import { makeTempDir } from '../../support/temp-dir';

/**
 * IOS `copy` asks questions on a real device (`Destination filename [x]? `, `Do you want to over write? [confirm]`);
 * the lab IOS-XE CLI asks them the same way, and the IOS driver answers them over a real SSH session.
 */
describe('IOS copy questions against the lab IOS-XE CLI', () => {
  let lab: RunningLab;
  let tmp: { dir: string; cleanup: () => void };
  let cred: SshCredential;
  let device: LabDevice;
  const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
  const last = (out: string) => out.split('\n').at(-1) ?? '';

  beforeAll(async () => {
    tmp = makeTempDir('routewise-ios-copy-');
    lab = await startLab({ options: LabStartInput.parse({ devices: 6, base: '127.53.0.0', seed: 2, timeScale: 60 }), services: [sshService(tmp.dir)] });
    cred = { id: 'lab', kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password };
    device = lab.model.devices.find((d) => d.platform === 'iosxe')!;
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
    tmp?.cleanup();
  });

  it('the lab asks for the destination, then to confirm overwriting an existing file', async () => {
    const s = await openSshSession({ host: device.address, port: device.sshPort }, cred, { timeoutMs: 10_000, hostKeys, platform: 'iosxe' });
    try {
      const ask = (command: string) => s.run(command, { question: IOS_QUESTION });
      expect(last(await ask('copy running-config flash:rw-q.cfg'))).toBe('Destination filename [rw-q.cfg]?');
      expect(await ask('')).toMatch(/^\d+ bytes copied in /m);
      expect(last(await ask('copy running-config flash:rw-q.cfg'))).toBe('Destination filename [rw-q.cfg]?');
      const warned = await ask('');
      expect(warned).toContain('%Warning:There is a file already existing with this name');
      expect(last(warned)).toBe('Do you want to over write? [confirm]');
      expect(await ask('n')).toContain('%Error: copy aborted');
      // Back at the exec prompt: an ordinary command runs.
      expect(await s.run('show archive')).toContain('archive configurations');
      expect(last(await ask('copy running-config startup-config'))).toBe('Destination filename [startup-config]?');
      expect(await ask('')).toContain('[OK]');
    } finally {
      await s.close();
    }
  });

  it('the driver answers them: two changes in a row (the second overwrites the rollback copy), rollback, and save to startup', async () => {
    const drv = (await openDriver({ address: device.address, sshPort: device.sshPort, platform: 'iosxe' }, cred, { hostKeys, timeoutMs: 10_000 })) as IosxeDriver;
    try {
      await drv.loadCandidate('snmp-server location rw-first\n', 'merge');
      await drv.commit({ revertAfterSec: 600 });
      await drv.confirm();
      const afterFirst = await drv.runningConfig();
      await drv.loadCandidate('snmp-server location rw-second\n', 'merge');
      await drv.commit({ revertAfterSec: 600 });
      expect(await drv.runningConfig()).toContain('snmp-server location rw-second');
      // configure replace of the copy taken just before the second change: the overwrite really happened.
      await drv.rollback();
      expect(await drv.runningConfig()).toBe(afterFirst);
      expect(await drv.startupConfig()).not.toBe(afterFirst);
      await drv.saveConfig();
      expect(await drv.startupConfig()).toBe(afterFirst);
    } finally {
      await drv.close();
    }
  });
});
