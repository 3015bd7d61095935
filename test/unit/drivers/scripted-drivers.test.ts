import { describe, expect, it } from 'vitest';
import type { CliTransport } from '../../../electron/engine/drivers/cli-transport';
import { driverFor } from '../../../electron/engine/drivers/driver-factory';
import { EosDriver } from '../../../electron/engine/drivers/eos-driver';
import { FortiosDriver } from '../../../electron/engine/drivers/fortios-driver';
import { copyAnswering, IOS_QUESTION, IosxeDriver } from '../../../electron/engine/drivers/iosxe-driver';
import { JunosDriver } from '../../../electron/engine/drivers/junos-driver';
import { RouterosDriver } from '../../../electron/engine/drivers/routeros-driver';

/** A CLI that answers from a script (first matching rule wins) and records every command it was sent. */
class ScriptedCli implements CliTransport {
  readonly hostPort = '192.0.2.1:22';
  readonly sent: string[] = [];
  constructor(private readonly rules: Array<[RegExp, string | (() => string)]>) {}
  async run(command: string): Promise<string> {
    this.sent.push(command);
    const rule = this.rules.find(([re]) => re.test(command));
    if (!rule) return '';
    return typeof rule[1] === 'function' ? rule[1]() : rule[1];
  }
  async close(): Promise<void> {}
}

describe('IOS-XE driver (scripted)', () => {
  it('rounds the revert timer up to whole minutes, backs up to flash first and confirms', async () => {
    const cli = new ScriptedCli([[/^show running-config$/, 'Building configuration...\n\nCurrent configuration : 20 bytes\nhostname r1\nend']]);
    const drv = new IosxeDriver({ cli });
    await drv.loadCandidate('snmp-server location B\n', 'merge');
    await drv.commit({ revertAfterSec: 90 });
    await drv.confirm();
    expect(cli.sent).toEqual(['copy running-config flash:routewise-rollback.cfg', 'configure terminal revert timer 2', 'snmp-server location B', 'end', 'configure confirm']);
    expect(drv.safeChange.kind).toBe('native');
  });

  it('stops at a refused line with commit-failed naming the command, and still leaves config mode', async () => {
    const cli = new ScriptedCli([[/^bogus/, "        ^\n% Invalid input detected at '^' marker."]]);
    const drv = new IosxeDriver({ cli });
    await drv.loadCandidate('bogus command\nsnmp-server location B\n', 'merge');
    await expect(drv.commit({ revertAfterSec: 60 })).rejects.toMatchObject({ code: 'commit-failed', details: { host: '192.0.2.1:22', command: 'bogus command' } });
    expect(cli.sent.at(-1)).toBe('end');
    expect(cli.sent).not.toContain('snmp-server location B');
  });

  it('rolls a pending change back with configure replace of the pre-change copy', async () => {
    const cli = new ScriptedCli([[/^configure replace/, 'Total number of passes: 1\nRollback Done']]);
    const drv = new IosxeDriver({ cli });
    await drv.loadCandidate('snmp-server location B\n', 'merge');
    await drv.commit({ revertAfterSec: 60 });
    await drv.rollback();
    expect(cli.sent.at(-1)).toBe('configure replace flash:routewise-rollback.cfg force');
  });
});

describe('Junos driver (scripted)', () => {
  it('refuses curly-brace candidates (set format only over a CLI session)', async () => {
    const drv = new JunosDriver({ cli: new ScriptedCli([]) });
    await expect(drv.loadCandidate('snmp {\n  location x;\n}\n', 'merge')).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('loads a replace as deletes of what the target lacks plus its new set lines', async () => {
    const cli = new ScriptedCli([
      [/display set/, 'set system host-name r1\nset snmp location "old"\nset snmp community public authorization read-only'],
      [/^commit confirmed/, 'commit confirmed will be automatically rolled back in 5 minutes unless confirmed\ncommit complete'],
    ]);
    const drv = new JunosDriver({ cli });
    await drv.loadCandidate('set system host-name r1\nset snmp location "new"\n', 'replace');
    await drv.commit({ revertAfterSec: 300 });
    expect(cli.sent).toEqual([
      'show configuration | display set',
      'configure private',
      'rollback 0',
      'delete snmp location "old"',
      'delete snmp community public authorization read-only',
      'set snmp location "new"',
      'commit confirmed 5',
      'exit configuration-mode',
    ]);
  });

  it('reports an expired confirmed commit instead of committing again', async () => {
    const cli = new ScriptedCli([
      [/^commit confirmed/, 'commit complete'],
      [/show system commit/, '0   2024-02-20 10:15:02 UTC by admin via cli\n1   2024-02-20 10:10:02 UTC by admin via cli commit confirmed, rollback in 1mins'],
    ]);
    const drv = new JunosDriver({ cli });
    await drv.loadCandidate('set snmp location x\n', 'merge');
    await drv.commit({ revertAfterSec: 60 });
    await expect(drv.confirm()).rejects.toMatchObject({ code: 'commit-failed' });
    expect(cli.sent.filter((c) => c === 'commit')).toEqual([]);
  });
});

describe('EOS driver (scripted)', () => {
  it('uses a named configure session and an hh:mm:ss commit timer', async () => {
    const cli = new ScriptedCli([]);
    const drv = new EosDriver({ cli, now: () => new Date(1_700_000_000_000) });
    await drv.loadCandidate('snmp-server location B\n', 'merge');
    await drv.commit({ revertAfterSec: 3725 });
    await drv.confirm();
    const session = `routewise-${(1_700_000_000_000).toString(36)}`;
    expect(cli.sent).toEqual([
      `configure session ${session}`, 'snmp-server location B', 'end',
      'show running-config', `configure session ${session}`, 'commit timer 01:02:05',
      `configure session ${session} commit`,
    ]);
  });
});

describe('RouterOS driver (scripted): emulated commit-confirm', () => {
  it('exports a backup and schedules the revert BEFORE the change, removes the job on confirm', async () => {
    const cli = new ScriptedCli([]);
    const drv = new RouterosDriver({ cli });
    expect(drv.safeChange.kind).toBe('emulated');
    await drv.loadCandidate('/snmp set location=rack5\n', 'merge');
    await drv.commit({ revertAfterSec: 120 });
    await drv.confirm();
    expect(cli.sent).toEqual([
      '/export file=routewise-backup',
      '/system scheduler add name=routewise-revert interval=120s on-event="/system reset-configuration no-defaults=yes skip-backup=yes run-after-reset=routewise-backup.rsc"',
      '/snmp set location=rack5',
      '/system scheduler remove [find name=routewise-revert]',
    ]);
  });

  it('cannot replace the whole configuration and says so', async () => {
    await expect(new RouterosDriver({ cli: new ScriptedCli([]) }).loadCandidate('/snmp set location=x', 'replace')).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('fails the commit when the router refuses a line', async () => {
    const drv = new RouterosDriver({ cli: new ScriptedCli([[/^\/snmp/, 'expected end of command (line 1 column 11)\nsyntax error (line 1 column 11)']]) });
    await drv.loadCandidate('/snmp sett location=x\n', 'merge');
    await expect(drv.commit()).rejects.toMatchObject({ code: 'commit-failed' });
  });
});

describe('FortiOS driver (scripted): emulated commit-confirm', () => {
  it('saves a revision, creates the auto-script that restores it, then applies; confirm deletes the script', async () => {
    let backedUp = false;
    const cli = new ScriptedCli([
      [/^execute revision list config$/, () => `ID    TIME     ADMIN   COMMENT\n1     t1       admin   x${backedUp ? '\n7     t2       admin   routewise-pre-change' : ''}`],
      [/^execute backup config flash/, () => { backedUp = true; return 'Config file backup to flash success.'; }],
    ]);
    const drv = new FortiosDriver({ cli });
    await drv.loadCandidate('config system snmp sysinfo\n    set location "rack5"\nend\n', 'merge');
    await drv.commit({ revertAfterSec: 120 });
    await drv.confirm();
    expect(cli.sent).toEqual([
      'execute revision list config', 'execute backup config flash routewise-pre-change', 'execute revision list config',
      'config system auto-script', 'edit "routewise-revert"', 'set interval 120', 'set repeat 1', 'set start auto', 'set script "execute restore config flash 7"', 'next', 'end',
      'config system snmp sysinfo', 'set location "rack5"', 'end',
      'config system auto-script', 'delete "routewise-revert"', 'end',
    ]);
  });

  it('refuses to change anything without a revert point', async () => {
    const cli = new ScriptedCli([[/^execute revision list config$/, 'ID TIME ADMIN COMMENT\n1 t admin x']]);
    const drv = new FortiosDriver({ cli });
    await drv.loadCandidate('config system snmp sysinfo\nset location "x"\nend\n', 'merge');
    await expect(drv.commit({ revertAfterSec: 60 })).rejects.toMatchObject({ code: 'commit-failed' });
    expect(cli.sent).not.toContain('config system snmp sysinfo');
  });
});

describe('driverFor', () => {
  it('names the supported platforms when asked for one without a driver', () => {
    expect(() => driverFor('panos', { cli: new ScriptedCli([]) })).toThrow(/no driver for platform panos/);
    expect(driverFor('ios', { cli: new ScriptedCli([]) }).platform).toBe('ios');
  });

  it('refuses a second change while a confirmed commit is pending', async () => {
    const drv = new IosxeDriver({ cli: new ScriptedCli([]) });
    await drv.loadCandidate('snmp-server location B\n', 'merge');
    await drv.commit({ revertAfterSec: 60 });
    await expect(drv.loadCandidate('snmp-server location C\n', 'merge')).rejects.toMatchObject({ code: 'commit-pending' });
  });
});

/** An IOS CLI that asks copy's questions: each run() returns the next reply of the dialogue, recording what was sent. */
class AskingCli implements CliTransport {
  readonly hostPort = '192.0.2.1:22';
  readonly sent: Array<{ command: string; question: boolean }> = [];
  constructor(private readonly replies: string[]) {}
  async run(command: string, opts?: { question?: RegExp }): Promise<string> {
    this.sent.push({ command, question: opts?.question !== undefined });
    return this.replies.shift() ?? '';
  }
  async close(): Promise<void> {}
}

describe('IOS copy questions (scripted)', () => {
  it('answers the destination and the overwrite [confirm] with Enter, then commits', async () => {
    const cli = new AskingCli(['Destination filename [routewise-rollback.cfg]? ', '%Warning:There is a file already existing with this name \nDo you want to over write? [confirm]', '2048 bytes copied in 0.120 secs (17066 bytes/sec)']);
    const drv = new IosxeDriver({ cli });
    await drv.loadCandidate('snmp-server location B\n', 'merge');
    await drv.commit({ revertAfterSec: 60 });
    expect(cli.sent.slice(0, 4)).toEqual([
      { command: 'copy running-config flash:routewise-rollback.cfg', question: true },
      { command: '', question: true },
      { command: '', question: true },
      { command: 'configure terminal revert timer 1', question: false },
    ]);
  });

  it('saves to startup-config through "Destination filename [startup-config]?"', async () => {
    const cli = new AskingCli(['Destination filename [startup-config]? ', 'Building configuration...\n[OK]']);
    await new IosxeDriver({ cli }).saveConfig();
    expect(cli.sent.map((s) => s.command)).toEqual(['copy running-config startup-config', '']);
  });

  it('gives up with commit-failed when the device keeps asking, and fails on a refused copy', async () => {
    const asking = new AskingCli(Array.from({ length: 10 }, () => 'Destination filename [x]? '));
    await expect(copyAnswering(asking, 'copy running-config flash:x')).rejects.toMatchObject({ code: 'commit-failed' });
    expect(asking.sent).toHaveLength(4);
    const refusing = new AskingCli(['Destination filename [x]? ', '%Error opening flash:x (No space left on device)']);
    await expect(copyAnswering(refusing, 'copy running-config flash:x')).rejects.toMatchObject({ code: 'commit-failed' });
  });

  it('recognises IOS questions and not prompts', () => {
    for (const q of ['Destination filename [startup-config]? ', 'Do you want to over write? [confirm]', 'Overwrite the previous NVRAM configuration?[confirm]']) expect(IOS_QUESTION.test(q)).toBe(true);
    for (const p of ['r1#', 'r1(config)#', 'r1>']) expect(IOS_QUESTION.test(p)).toBe(false);
  });
});

describe('FortiOS confirm after its revert ran (scripted)', () => {
  it('fails with commit-failed and still leaves the auto-script config block', async () => {
    const cli = new ScriptedCli([
      [/^execute revision list config$/, (() => { let n = 0; return () => (n++ === 0 ? 'ID    TIME' : 'ID    TIME\n7     2024-01-01 admin routewise-pre-change'); })()],
      [/^delete "routewise-revert"$/, 'entry not found in datasource\nCommand fail. Return code -3'],
    ]);
    const drv = new FortiosDriver({ cli });
    await drv.loadCandidate('config system snmp sysinfo\nset location "x"\nend\n', 'merge');
    await drv.commit({ revertAfterSec: 60 });
    await expect(drv.confirm()).rejects.toMatchObject({ code: 'commit-failed' });
    expect(cli.sent.slice(-3)).toEqual(['config system auto-script', 'delete "routewise-revert"', 'end']);
  });
});

describe('IOS-XE adopts a revert timer left by a dropped session (scripted)', () => {
  it('a fresh driver finds the running timer and rolls back with configure replace', async () => {
    const cli = new ScriptedCli([
      [/^show archive config rollback timer$/, 'Time configured(or reset) : 10:00:00 UTC Mon Jan 8 2024\nTimer type: Revert timer\nTimer value: 1 min\nUser: admin'],
      [/^configure replace/, 'Total number of passes: 1\nRollback Done'],
    ]);
    const drv = new IosxeDriver({ cli });
    expect(await drv.adoptPending()).toBe(true);
    await drv.rollback();
    expect(cli.sent).toEqual(['show archive config rollback timer', 'configure replace flash:routewise-rollback.cfg force']);
  });

  it('finds nothing pending when the device says so, and rollback() then changes nothing', async () => {
    const cli = new ScriptedCli([[/^show archive config rollback timer$/, '%No Rollback Confirmed Change pending']]);
    const drv = new IosxeDriver({ cli });
    expect(await drv.adoptPending()).toBe(false);
    await drv.rollback();
    expect(cli.sent).toEqual(['show archive config rollback timer']);
  });
});
