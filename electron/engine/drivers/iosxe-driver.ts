import type { Neighbor } from '../../../shared/domain/neighbor';
import type { CliTransport, DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { cliErrorIn, driverError, minutesFor, runChecked } from './driver-errors';
import { mergeBlocks, parseBlocks, renderBlocks, replaceCommands } from './ios-style-config';
import { parseIosLldpDetail, parseIosShowInterfaces, parseIosShowVersion, stripIosRunningBanner } from './parsers/iosxe-parsers';
import { unifiedDiff } from './unified-diff';

export const IOS_ROLLBACK_FILE = 'flash:routewise-rollback.cfg';

/**
 * The questions IOS asks in the middle of `copy` (`Destination filename [startup-config]? `, `Do you want to over
 * write? [confirm]`, `Overwrite the previous NVRAM configuration?[confirm]`): an unterminated line ending in `?` or
 * `[confirm]`. An exec prompt ends in `#` or `>`, so it never matches.
 */
export const IOS_QUESTION = /(?:\?|\[confirm\])\s*$/;
const MAX_ANSWERS = 3;

/**
 * Runs a `copy` and answers its questions with Enter: the destination is already in the command, so the default in
 * brackets is the one we named, and `[confirm]` (overwrite the previous rollback copy) is meant. Throws when the
 * device refuses, or keeps asking.
 */
export async function copyAnswering(cli: CliTransport, command: string): Promise<string> {
  let out = await cli.run(command, { question: IOS_QUESTION });
  for (let answered = 0; IOS_QUESTION.test(out.split('\n').at(-1) ?? ''); answered++) {
    if (answered === MAX_ANSWERS) throw driverError('commit-failed', cli, command, `the device keeps asking: ${(out.split('\n').at(-1) ?? '').slice(0, 120)}`);
    out = await cli.run('', { question: IOS_QUESTION });
  }
  const err = cliErrorIn(out);
  if (err !== undefined) throw driverError('commit-failed', cli, command, `the device refused "${command}": ${err.slice(0, 200)}`);
  return out;
}

/**
 * Cisco IOS / IOS-XE. Commit-confirm is native: `configure terminal revert timer N` archives the running config and
 * reverts to it unless `configure confirm` comes within N minutes (IOS XE Configuration Replace and Configuration
 * Rollback guide). Before a change the running config is copied to flash, so rollback() is `configure replace`.
 * Replace is applied as the commands that turn running into the target (derived locally), under the same timer.
 */
export class IosxeDriver extends BaseDriver {
  readonly platform: 'ios' | 'iosxe';
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'config-replace', 'lldp', 'cdp']);
  readonly safeChange: SafeChangeMechanism = {
    kind: 'native',
    description:
      'IOS-XE reverts by itself: `configure terminal revert timer N` restores the archived configuration unless `configure confirm` follows within N minutes (whole minutes, at least 1). Rollback is `configure replace` of a copy taken just before the change.',
  };

  constructor(deps: DriverDeps & { platform?: 'ios' | 'iosxe' }) {
    super(deps);
    this.platform = deps.platform ?? 'iosxe';
  }

  async facts(): Promise<Facts> {
    return parseIosShowVersion(await this.cli.run('show version'));
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseIosShowInterfaces(await this.cli.run('show interfaces'));
  }

  async neighbors(): Promise<Neighbor[]> {
    return parseIosLldpDetail(await this.cli.run('show lldp neighbors detail'));
  }

  async runningConfig(): Promise<string> {
    return stripIosRunningBanner(await runChecked(this.cli, 'show running-config', 'parse-failed'));
  }

  async startupConfig(): Promise<string> {
    return stripIosRunningBanner(await runChecked(this.cli, 'show startup-config', 'unsupported'));
  }

  /** Saves running to startup (`copy running-config startup-config`, answering its destination question). */
  async saveConfig(): Promise<void> {
    await copyAnswering(this.cli, 'copy running-config startup-config');
  }

  async diff(): Promise<string> {
    const c = this.requireCandidate('diff');
    const running = parseBlocks(await this.runningConfig());
    const target = c.mode === 'replace' ? parseBlocks(c.text) : mergeBlocks(running, parseBlocks(c.text));
    return unifiedDiff(renderBlocks(running), renderBlocks(target), { fromLabel: 'running-config', toLabel: 'candidate' });
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    const c = this.requireCandidate('commit');
    const commands = c.mode === 'replace' ? replaceCommands(await this.runningConfig(), c.text) : configLines(c.text).map((l) => l.trim());
    await copyAnswering(this.cli, `copy running-config ${IOS_ROLLBACK_FILE}`);
    const enter = opts.revertAfterSec !== undefined ? `configure terminal revert timer ${minutesFor(opts.revertAfterSec)}` : 'configure terminal';
    await runChecked(this.cli, enter);
    this.pending = opts.revertAfterSec !== undefined;
    try {
      for (const command of commands) await runChecked(this.cli, command);
    } finally {
      await this.cli.run('end');
    }
    this.candidate = undefined;
  }

  /**
   * `show archive config rollback timer` names a running revert timer (`Timer value: …`); our own pre-change copy in
   * flash is what the commit took first, so configure replace of it undoes the change.
   */
  async adoptPending(): Promise<boolean> {
    const out = await this.cli.run('show archive config rollback timer');
    this.pending = /Timer value|Rollback timer:/i.test(out) && !/No Rollback Confirmed Change pending/i.test(out);
    return this.pending;
  }

  async confirm(): Promise<void> {
    this.requirePending('configure confirm');
    // Whatever the answer, nothing is pending afterwards: confirmed, or the device reverted already.
    this.pending = false;
    await runChecked(this.cli, 'configure confirm');
  }

  async rollback(): Promise<void> {
    if (!this.pending) {
      this.candidate = undefined;
      return;
    }
    const command = `configure replace ${IOS_ROLLBACK_FILE} force`;
    const out = await this.cli.run(command);
    if (!/Rollback Done|rollback done/i.test(out)) throw driverError('commit-failed', this.cli, command, `configure replace did not report success: ${out.slice(0, 200)}`);
    this.pending = false;
  }
}
