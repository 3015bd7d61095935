import type { Neighbor } from '../../../shared/domain/neighbor';
import type { DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError, minutesFor, runChecked } from './driver-errors';
import { mergeBlocks, parseBlocks, renderBlocks, replaceCommands } from './ios-style-config';
import { parseIosLldpDetail, parseIosShowInterfaces, parseIosShowVersion, stripIosRunningBanner } from './parsers/iosxe-parsers';
import { unifiedDiff } from './unified-diff';

export const IOS_ROLLBACK_FILE = 'flash:routewise-rollback.cfg';

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

  async diff(): Promise<string> {
    const c = this.requireCandidate('diff');
    const running = parseBlocks(await this.runningConfig());
    const target = c.mode === 'replace' ? parseBlocks(c.text) : mergeBlocks(running, parseBlocks(c.text));
    return unifiedDiff(renderBlocks(running), renderBlocks(target), { fromLabel: 'running-config', toLabel: 'candidate' });
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    const c = this.requireCandidate('commit');
    const commands = c.mode === 'replace' ? replaceCommands(await this.runningConfig(), c.text) : configLines(c.text).map((l) => l.trim());
    await runChecked(this.cli, `copy running-config ${IOS_ROLLBACK_FILE}`);
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
