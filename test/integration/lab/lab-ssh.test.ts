import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { labPaths } from '../../../electron/engine/lab/lab-state-file';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import type { LabDevice } from '../../../electron/engine/lab/lab-model-types';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { snmpGet, snmpGetQuick, text, v2cArgs, walk } from './net-snmp-tools';
import { makeClientKey, sshExec, sshExecWithPassword, sshInteractive, sshScript } from './openssh-tools';
import { pollUntil } from '../../support/poll-until';

const ok = requireTool('ssh') && requireTool('ssh-keygen') && requireTool('snmpget') && requireTool('setsid');
/** Lab minutes pass 60× faster here: `commit confirmed 1` reverts after one second. */
const TIME_SCALE = 60;

describe.skipIf(!ok)('lab SSH CLIs driven by OpenSSH', () => {
  let lab: RunningLab;
  let tmp: { dir: string; cleanup: () => void };
  let key: string;
  const user = 'admin';
  const dev = (id: string): LabDevice => lab.model.devices.find((d) => d.id === id)!;
  const sysName = async (d: LabDevice) => text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.5.0']))[0]);

  beforeAll(async () => {
    tmp = makeTempDir('routewise-lab-ssh-');
    const k = makeClientKey(tmp.dir);
    key = k.privateKey;
    fs.mkdirSync(labPaths(tmp.dir).dir, { recursive: true });
    fs.writeFileSync(labPaths(tmp.dir).authorizedKeys, k.publicKey);
    lab = await startLab({
      options: LabStartInput.parse({ devices: 12, base: '127.20.101.0', seed: 5, scenario: 'pilot-gate-failure', timeScale: TIME_SCALE }),
      services: [sshService(tmp.dir)],
    });
  });
  afterAll(async () => {
    await lab?.stop();
    tmp?.cleanup();
  });

  it('accepts the lab password (OpenSSH + SSH_ASKPASS) and rejects a wrong one', async () => {
    const d = dev('dist1');
    const out = await sshExecWithPassword(tmp.dir, lab.model.credentials.ssh.password, user, d.address, d.sshPort, 'show version');
    expect(out).toContain('Cisco IOS XE Software');
    await expect(sshExecWithPassword(tmp.dir, 'wrong-password', user, d.address, d.sshPort, 'show version')).rejects.toThrow();
  });

  it('keeps the host key in the data dir', () => {
    expect(fs.readFileSync(labPaths(tmp.dir).hostKey, 'utf8')).toMatch(/BEGIN OPENSSH PRIVATE KEY/);
  });

  it('show version / lldp / running config answer in each platform format', async () => {
    const dist1 = dev('dist1');
    const v = await sshExec(key, user, dist1.address, dist1.sshPort, 'show version');
    expect(v).toContain(`Version ${dist1.spec.osVersion}`);
    expect(v).toContain(dist1.serial);
    const lldp = await sshExec(key, user, dist1.address, dist1.sshPort, 'show lldp neighbors');
    for (const n of dist1.lldp) expect(lldp).toContain(n.sysName);
    expect(lldp).toContain(`Total entries displayed: ${dist1.lldp.length}`);
    const run = await sshExec(key, user, dist1.address, dist1.sshPort, 'show running-config');
    expect(run).toContain('hostname dist1');
    expect(run).toMatch(/interface GigabitEthernet1\/0\/1\n description to core1/);

    const core1 = dev('core1');
    expect(await sshExec(key, user, core1.address, core1.sshPort, 'show version')).toContain('Junos: 22.4R3-S2');
    const jl = await sshExec(key, user, core1.address, core1.sshPort, 'show lldp neighbors');
    for (const n of core1.lldp) expect(jl).toContain(n.sysName);
    expect(await sshExec(key, user, core1.address, core1.sshPort, 'show configuration')).toMatch(/system \{\n {4}host-name core1;/);
  });

  it('pages long output until paging is turned off', async () => {
    const d = dev('dist1');
    const paged = await sshScript(key, user, d.address, d.sshPort, ['show running-config', 'q', 'exit']);
    expect(paged.output).toContain('--More--');
    const unpaged = await sshScript(key, user, d.address, d.sshPort, ['terminal length 0', 'show running-config', 'exit']);
    expect(unpaged.output).not.toContain('--More--');
    expect(unpaged.output).toContain('dist1#');
    const j = dev('core1');
    const jp = await sshScript(key, user, j.address, j.sshPort, ['show configuration', 'q', 'exit']);
    expect(jp.output).toContain('---(more)---');
    expect(jp.output).toContain('admin@core1> ');
  });

  it('Junos commit confirmed 1 changes the device and its timer rolls it back', async () => {
    const d = dev('core1');
    const session = await sshScript(key, user, d.address, d.sshPort, [
      'set cli screen-length 0',
      'configure',
      'set system host-name core1-pilot',
      'set snmp location "Rack 9"',
      'show | compare',
      'commit confirmed 1',
      'exit',
      'exit',
    ]);
    expect(session.output).toContain('+   host-name core1-pilot;');
    expect(session.output).toContain('commit confirmed will be automatically rolled back in 1 minutes unless confirmed');
    expect(session.output).toContain('admin@core1-pilot# ');
    // The change is live right after the commit (SNMP sysName follows the config)…
    expect(await sysName(d)).toBe('core1-pilot');
    // Neighbours hear the new name over LLDP.
    const core2 = dev('core2');
    const remNames = async () => (await walk('snmpwalk', v2cArgs(lab.model.credentials), `${core2.address}:${core2.snmpPort}`, '.1.0.8802.1.1.2.1.4.1.1.9')).lines.map(text);
    expect(await remNames()).toContain('core1-pilot');
    // …and nobody confirms it: the timer (1 lab-minute = 1 s here) reverts it.
    await pollUntil('sysName after the confirm timer', () => sysName(d), (v) => v === 'core1');
    expect(await remNames()).toContain('core1');
    expect(await sshExec(key, user, core2.address, core2.sshPort, 'show lldp neighbors')).toMatch(/Et1\s+core1\s/);
    const cfg = await sshExec(key, user, d.address, d.sshPort, 'show configuration | display set');
    expect(cfg).toContain('set system host-name core1');
    expect(cfg).not.toContain('core1-pilot');
    expect(cfg).not.toContain('Rack 9');
  });

  it('an open Junos session is told when the unconfirmed commit is rolled back', async () => {
    const d = dev('edge-srx');
    const s = sshInteractive(key, user, d.address, d.sshPort);
    try {
      await s.waitFor(/admin@edge-srx> $/);
      s.send('configure');
      s.send('set snmp contact pending@example.invalid');
      s.send('commit confirmed 1');
      await s.waitFor(/commit complete/);
      await s.waitFor(/Commit was not confirmed; automatic rollback complete\./);
      s.send('run show configuration | display set | no-more');
      await s.waitFor(/set snmp contact lab-admin@routewise\.invalid/);
      expect(s.output).not.toMatch(/Commit was not confirmed[\s\S]*set snmp contact pending@example\.invalid/);
    } finally {
      s.close();
    }
  });

  it('Junos commit confirmed then commit keeps the change; rollback 1 undoes it', async () => {
    const d = dev('dist2');
    await sshScript(key, user, d.address, d.sshPort, ['configure', 'set snmp contact noc@example.invalid', 'commit confirmed 1', 'commit', 'exit', 'exit']);
    // Wait past the original deadline: a confirmed commit must stay.
    await new Promise((r) => setTimeout(r, (60_000 / TIME_SCALE) * 2));
    const contact = async () => text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.4.0']))[0]);
    expect(await contact()).toBe('noc@example.invalid');
    await sshScript(key, user, d.address, d.sshPort, ['configure', 'rollback 1', 'commit', 'exit', 'exit']);
    expect(await contact()).toBe(d.contact);
  });

  it('IOS-XE configure terminal revert timer reverts unless confirmed', async () => {
    const d = dev('branch-isr');
    const s = await sshScript(key, user, d.address, d.sshPort, ['terminal length 0', 'configure terminal revert timer 1', 'hostname branch-new', 'end', 'exit']);
    expect(s.output).toContain('branch-new#');
    expect(await sysName(d)).toBe('branch-new');
    await pollUntil('IOS-XE revert timer', () => sysName(d), (v) => v === 'branch-isr');

    await sshScript(key, user, d.address, d.sshPort, ['configure terminal revert timer 1', 'snmp-server location Branch cabinet', 'end', 'configure confirm', 'exit']);
    await new Promise((r) => setTimeout(r, (60_000 / TIME_SCALE) * 2));
    const loc = text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.6.0']))[0]);
    expect(loc).toBe('Branch cabinet');
  });

  it('IOS-XE configure replace restores an archived config', async () => {
    const d = dev('core2').platform === 'iosxe' ? dev('core2') : dev('dist1');
    // The empty line answers `Destination filename [golden.cfg]?` with its default, as on IOS.
    const copied = await sshScript(key, user, d.address, d.sshPort, ['copy running-config flash:golden.cfg', '', 'configure terminal', 'hostname dist1-x', 'end', 'exit']);
    expect(copied.output).toContain('Destination filename [golden.cfg]?');
    expect(await sysName(d)).toBe('dist1-x');
    const out = await sshScript(key, user, d.address, d.sshPort, ['configure replace flash:golden.cfg force', 'exit']);
    expect(out.output).toContain('Rollback Done');
    expect(await sysName(d)).toBe('dist1');
  });

  it('EOS configure session with commit timer reverts; configure session NAME commit confirms', async () => {
    const d = dev('core2');
    const contact = async () => text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.4.0']))[0]);
    const s = await sshScript(key, user, d.address, d.sshPort, ['configure session pilot1', 'snmp-server contact pilot@example.invalid', 'show session-config diffs', 'commit timer 00:01:00', 'exit']);
    expect(s.output).toContain('core2(config-s-pilot1)#');
    expect(s.output).toContain('+snmp-server contact pilot@example.invalid');
    expect(await contact()).toBe('pilot@example.invalid');
    await pollUntil('EOS commit timer', contact, (v) => v === d.contact);

    await sshScript(key, user, d.address, d.sshPort, ['configure session pilot2', 'snmp-server contact kept@example.invalid', 'commit timer 00:01:00', 'configure session pilot2 commit', 'exit']);
    await new Promise((r) => setTimeout(r, (60_000 / TIME_SCALE) * 2));
    expect(await contact()).toBe('kept@example.invalid');
  });

  it('RouterOS safe mode undoes changes when the session drops, keeps them when released', async () => {
    const d = dev('acc3');
    const loc = async () => text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.6.0']))[0]);
    const s = await sshScript(key, user, d.address, d.sshPort, ['\x18/snmp set location="Closet 4"']);
    expect(s.output).toContain('[Safe Mode taken]');
    expect(s.output).toContain('[admin@acc3] <SAFE> ');
    await pollUntil('safe mode revert', loc, (v) => v === d.location);
    await sshScript(key, user, d.address, d.sshPort, ['\x18/snmp set location="Closet 4"', '\x18/quit']);
    expect(await loc()).toBe('Closet 4');
    expect(await sshExec(key, user, d.address, d.sshPort, '/export')).toContain('location="Closet 4"');
  });

  it('RouterOS: an exported backup restored by a /system scheduler job reverts an unconfirmed change; removing the job keeps it', async () => {
    const d = dev('branch-ccr');
    const loc = async () => text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.6.0']))[0]);
    const revert = '/system reset-configuration no-defaults=yes skip-backup=yes run-after-reset=rw-backup.rsc';
    // 60 device-seconds = 1 s here.
    await sshExec(key, user, d.address, d.sshPort, '/export file=rw-backup');
    await sshExec(key, user, d.address, d.sshPort, `/system scheduler add name=rw-revert interval=60s on-event="${revert}"`);
    await sshExec(key, user, d.address, d.sshPort, '/snmp set location="Branch pilot"');
    expect(await loc()).toBe('Branch pilot');
    await pollUntil('scheduler revert', loc, (v) => v === d.location);
    expect(await sshExec(key, user, d.address, d.sshPort, '/export')).not.toContain('rw-revert');

    await sshExec(key, user, d.address, d.sshPort, '/export file=rw-backup');
    await sshExec(key, user, d.address, d.sshPort, `/system scheduler add name=rw-revert interval=60s on-event="${revert}"`);
    await sshExec(key, user, d.address, d.sshPort, '/snmp set location="Branch kept"');
    expect(await sshExec(key, user, d.address, d.sshPort, '/system scheduler remove [find name=rw-revert]')).toBe('');
    await new Promise((r) => setTimeout(r, (60_000 / TIME_SCALE) * 2));
    expect(await loc()).toBe('Branch kept');
    expect((await sshExec(key, user, d.address, d.sshPort, '/system scheduler remove [find name=rw-revert]')).trim()).toBe('no such item');
  });

  it('FortiOS: a flash backup restored by an auto-script reverts an unconfirmed change', async () => {
    const d = dev('edge-fw1');
    const list = async () => sshExec(key, user, d.address, d.sshPort, 'execute revision list config');
    await sshExec(key, user, d.address, d.sshPort, 'execute backup config flash rw-pre-change');
    const id = /^(\d+)\s+\S+\s+admin\s+rw-pre-change$/m.exec(await list())?.[1];
    expect(id).toBeDefined();
    await sshScript(key, user, d.address, d.sshPort, [
      'config system auto-script', 'edit "rw-revert"', 'set interval 60', 'set repeat 1', 'set start auto',
      `set script "execute restore config flash ${id}"`, 'next', 'end',
      'config system snmp sysinfo', 'set location "DMZ pilot"', 'end', 'exit',
    ]);
    const loc = async () => text((await snmpGet(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.6.0']))[0]);
    expect(await loc()).toBe('DMZ pilot');
    await pollUntil('auto-script revert', loc, (v) => v === d.location);
    expect(await sshExec(key, user, d.address, d.sshPort, 'show system auto-script')).not.toContain('rw-revert');
  });

  it('FortiOS keeps config revisions and restores one', async () => {
    const d = dev('edge-fw1');
    await sshScript(key, user, d.address, d.sshPort, ['config system global', 'set hostname fgt-pilot', 'end', 'exit']);
    expect(await sysName(d)).toBe('fgt-pilot');
    const list = await sshExec(key, user, d.address, d.sshPort, 'execute revision list config');
    const id = /^(\d+)\s+\S+\s+admin\s+cli change$/m.exec(list)?.[1];
    expect(id).toBeDefined();
    expect(await sshExec(key, user, d.address, d.sshPort, `execute restore config revision ${id}`)).toContain('Done.');
    expect(await sysName(d)).toBe('edge-fw1');
    expect(await sshExec(key, user, d.address, d.sshPort, 'get system status')).toContain('Hostname: edge-fw1');
  });

  it('Linux/FRR answers vtysh -c and applies configure terminal', async () => {
    const d = dev('frr-edge');
    const run = await sshExec(key, user, d.address, d.sshPort, "vtysh -c 'show running-config'");
    expect(run).toContain('hostname frr-edge');
    expect(run).toContain('frr version 8.4.4');
    const s = await sshScript(key, user, d.address, d.sshPort, ['vtysh', 'configure terminal', 'hostname frr-edge2', 'end', 'exit', 'exit']);
    expect(s.output).toContain('frr-edge# ');
    expect(s.output).toContain('frr-edge2# ');
    expect(await sysName(d)).toBe('frr-edge2');
    expect(await sshExec(key, user, d.address, d.sshPort, 'lldpcli show neighbors')).toContain('SysName:      core2');
  });

  it('pilot-gate-failure: the pilot goes dark after a committed change and returns when the timer reverts it', async () => {
    const d = dev(lab.model.faults.pilotDeviceId!);
    expect(await sysName(d)).toBe(d.hostname);
    // A 5-lab-minute timer (5 s here) leaves time to see it dark.
    await sshScript(key, user, d.address, d.sshPort, ['configure terminal revert timer 5', 'ntp server 192.0.2.1', 'end', 'exit']).catch(() => undefined);
    await expect(sshExec(key, user, d.address, d.sshPort, 'show version')).rejects.toThrow();
    await expect(snmpGetQuick(v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/Timeout/);
    await pollUntil('pilot back after revert', () => sysName(d).catch(() => 'dark'), (v) => v === d.hostname);
    expect(await sshExec(key, user, d.address, d.sshPort, 'show running-config')).not.toContain('ntp server 192.0.2.1');
  });
});
