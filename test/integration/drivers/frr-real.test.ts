import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from '../../../electron/engine/drivers/driver';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { unifiedDiff } from '../../../electron/engine/drivers/unified-diff';
import { renderTemplate, resolveTemplate } from '../../../electron/engine/rollout/templates/template-library';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import { NetnsHosts } from '../../support/netns';
import { isRoot, requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeKey, SSHD, type SshdHandle, startSshd } from '../ssh/support/sshd';
import { pollUntil } from '../../support/poll-until';

// Ports 2400-2449 belong to the driver tests.
const PORT = 2401;
const ZEBRA = '/usr/lib/frr/zebra';
const STATICD = '/usr/lib/frr/staticd';

const ready =
  requireTool('vtysh', 'FRR is not installed') &&
  requireTool(ZEBRA, 'FRR zebra is not installed') &&
  requireTool(SSHD, 'OpenSSH sshd is not installed') &&
  requireTool('ip') &&
  (isRoot || skipOrFail('the FRR test creates a network namespace and must run as root'));

/**
 * Real FRR (zebra + staticd) in a network namespace of its own (198.18.0.0/15 only, no default route), driven
 * through OpenSSH sshd on 127.0.0.1 and vtysh, the way an admin's jump to an FRR box works. vtysh reaches the
 * daemons over their unix sockets in a private directory.
 */
describe.skipIf(!ready)('Linux/FRR driver against real FRR', () => {
  let tmp: { dir: string; cleanup: () => void };
  let hosts: NetnsHosts;
  let ns: string;
  let sshd: SshdHandle | undefined;
  let drv: Driver;
  let original: string;
  const kernelRoutes = () => execFileSync('ip', ['-n', ns, 'route', 'show'], { encoding: 'utf8' });

  beforeAll(async () => {
    tmp = makeTempDir('routewise-frr-');
    // The daemons drop to user frr: it must reach the socket directory.
    fs.chmodSync(tmp.dir, 0o755);
    const run = path.join(tmp.dir, 'run');
    fs.mkdirSync(run);
    execFileSync('chown', ['frr:frr', run]);
    hosts = new NetnsHosts('rwdrv-');
    ns = hosts.addHost('frr');
    // A veth pair inside the namespace (this kernel may lack the dummy driver).
    hosts.exec(ns, 'ip', ['link', 'add', 'dummy0', 'type', 'veth', 'peer', 'name', 'dummy1']);
    hosts.exec(ns, 'ip', ['addr', 'add', '198.19.201.1/24', 'dev', 'dummy0']);
    hosts.exec(ns, 'ip', ['link', 'set', 'dummy1', 'up']);
    hosts.exec(ns, 'ip', ['link', 'set', 'dummy0', 'up']);
    const common = ['--vty_socket', run, '-z', path.join(run, 'zserv.api'), '-u', 'frr', '-g', 'frr', '-f', '/dev/null'];
    hosts.spawn(ns, ZEBRA, [...common, '-i', path.join(run, 'zebra.pid')], path.join(tmp.dir, 'zebra.log'));
    await pollUntil('zebra socket', async () => fs.existsSync(path.join(run, 'zserv.api')), Boolean, 15_000);
    hosts.spawn(ns, STATICD, [...common, '-i', path.join(run, 'staticd.pid')], path.join(tmp.dir, 'staticd.log'));
    await pollUntil('staticd vty', async () => fs.existsSync(path.join(run, 'staticd.vty')), Boolean, 15_000);

    const hostKey = makeKey(tmp.dir, 'host');
    const client = makeKey(tmp.dir, 'client');
    sshd = await startSshd({ dir: tmp.dir, port: PORT, hostKey, authorizedKeys: `${client}.pub` });
    drv = await openDriver(
      { address: '127.0.0.1', sshPort: PORT, platform: 'frr' },
      { id: 't', kind: 'ssh', label: 't', user: 'root', privateKey: fs.readFileSync(client, 'utf8') },
      { hostKeys: new PinningHostKeyStore(new MemoryHostKeyRecords()), timeoutMs: 15_000, frr: { vtysh: `vtysh --vty_socket ${run}`, stateDir: path.join(tmp.dir, 'state') } },
    );
    original = await drv.runningConfig();
  }, 60_000);

  afterAll(async () => {
    // A revert job left pending by a failed step must not outlive the test.
    const pidFile = tmp ? path.join(tmp.dir, 'state', 'revert.pid') : '';
    if (pidFile && fs.existsSync(pidFile)) {
      try {
        process.kill(-Number(fs.readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await drv?.close().catch(() => undefined);
    await sshd?.stop();
    await hosts?.teardown();
    tmp?.cleanup();
  });

  it('reads facts and the namespace interfaces from zebra', async () => {
    const facts = await drv.facts();
    expect(facts.vendor).toBe('FRRouting');
    expect(facts.hostname).toBe(os.hostname());
    expect(facts.osVersion).toMatch(/^\d+\.\d+/);
    const ifaces = await drv.interfaces();
    expect(ifaces.find((i) => i.name === 'dummy0')).toMatchObject({ operUp: true });
    expect(original).toMatch(/^frr version /m);
  });

  it('pushes a static route, confirms it, and the revert job is gone', async () => {
    await drv.loadCandidate('ip route 198.19.202.0/24 Null0\n', 'merge');
    expect(await drv.diff()).toMatch(/^\+ip route 198\.19\.202\.0\/24 Null0$/m);
    await drv.commit({ revertAfterSec: 30 });
    expect(fs.existsSync(path.join(tmp.dir, 'state', 'revert.pid'))).toBe(true);
    await drv.confirm();
    expect(fs.existsSync(path.join(tmp.dir, 'state', 'revert.pid'))).toBe(false);
    expect(await drv.runningConfig()).toContain('ip route 198.19.202.0/24 Null0');
    await pollUntil('kernel route', async () => kernelRoutes(), (r) => r.includes('198.19.202.0/24'));
  });

  it('reverts an unconfirmed change by itself, byte for byte', async () => {
    const backup = await drv.runningConfig();
    await drv.loadCandidate('ip route 198.19.203.0/24 Null0\ninterface dummy0\n description rw-unconfirmed\n', 'merge');
    await drv.commit({ revertAfterSec: 6 });
    expect(await drv.runningConfig()).toContain('198.19.203.0/24');
    const state = (f: string) => (fs.existsSync(path.join(tmp.dir, 'state', f)) ? fs.readFileSync(path.join(tmp.dir, 'state', f), 'utf8') : '(none)');
    const after = await pollUntil('revert job', () => drv.runningConfig(), (t) => !t.includes('198.19.203.0/24') && !t.includes('rw-unconfirmed')).catch((err: unknown) => {
      throw new Error(`${String(err)}\nrevert.sh: ${state('revert.sh')}\nrevert.log: ${state('revert.log')}`);
    });
    expect(unifiedDiff(backup, after)).toBe('');
    expect(after).toBe(backup);
    await expect(drv.confirm()).rejects.toMatchObject({ code: 'commit-failed' });
  });

  it('rolls back a pending route-map change at once', async () => {
    const backup = await drv.runningConfig();
    await drv.loadCandidate('route-map RW-TEST permit 10\n set metric 42\n', 'merge');
    await drv.commit({ revertAfterSec: 600 });
    expect(await drv.runningConfig()).toContain('route-map RW-TEST permit 10');
    await drv.rollback();
    const after = await drv.runningConfig();
    expect(unifiedDiff(backup, after)).toBe('');
    expect(after).toBe(backup);
  });

  it('replaces the whole configuration with the first backup, and the kernel route goes', async () => {
    await drv.loadCandidate(original, 'replace');
    expect(await drv.diff()).toMatch(/^-ip route 198\.19\.202\.0\/24 Null0$/m);
    await drv.commit({ revertAfterSec: 60 });
    await drv.confirm();
    expect(await drv.runningConfig()).toBe(original);
    await pollUntil('kernel route removed', async () => kernelRoutes(), (r) => !r.includes('198.19.202.0/24'));
  });

  it('the shipped syslog-to-collector template: diff, commit-confirm, confirm, then replaced back byte for byte', async () => {
    const template = resolveTemplate(tmp.dir, 'syslog-to-collector');
    const change = renderTemplate(template.spec, { collector: '198.18.0.9', severity: 'warnings' }, ['frr']).rendered[0]!.config;
    const backup = await drv.runningConfig();
    await drv.loadCandidate(change, template.spec.mode);
    expect(await drv.diff()).toMatch(/^\+log syslog warnings$/m);
    await drv.commit({ revertAfterSec: 60 });
    await drv.confirm();
    expect(await drv.runningConfig()).toMatch(/^log syslog warnings$/m);
    await drv.loadCandidate(backup, 'replace');
    await drv.commit({ revertAfterSec: 60 });
    await drv.confirm();
    const after = await drv.runningConfig();
    expect(unifiedDiff(backup, after)).toBe('');
    expect(after).toBe(backup);
  });
});
