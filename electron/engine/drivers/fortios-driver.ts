import type { Neighbor } from '../../../shared/domain/neighbor';
import type { DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError, runChecked } from './driver-errors';
import { parseFortiosInterfaceConfig, parseFortiosLldp, parseFortiosRevisionIds, parseFortiosStatus } from './parsers/fortios-parsers';
import { unifiedDiff } from './unified-diff';

export const FORTIOS_AUTO_SCRIPT = 'routewise-revert';

/**
 * Fortinet FortiOS applies each `config … end` block at once and has no commit-confirm, so it is EMULATED: the
 * running configuration is saved as a revision (`execute backup config flash`), an auto-script
 * (`config system auto-script`) that restores that revision (`execute restore config flash <id>`, which reboots)
 * is created with the revert delay, then the change is applied; confirm() deletes the auto-script.
 */
export class FortiosDriver extends BaseDriver {
  readonly platform = 'fortios' as const;
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'lldp']);
  readonly safeChange: SafeChangeMechanism = {
    kind: 'emulated',
    description:
      'FortiOS has no commit-confirm. Routewise saves a configuration revision, creates auto-script "routewise-revert" that restores it after the delay (the FortiGate reboots), applies the change, and deletes the auto-script on confirm. Auto-script timing is whole seconds, started when it is created.',
  };
  private revertRevision: number | undefined;

  constructor(deps: DriverDeps) {
    super(deps);
  }

  async facts(): Promise<Facts> {
    return parseFortiosStatus(await this.cli.run('get system status'));
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseFortiosInterfaceConfig(await this.cli.run('show system interface'));
  }

  async neighbors(): Promise<Neighbor[]> {
    return parseFortiosLldp(await this.cli.run('diagnose lldprx neighbor summary'));
  }

  async runningConfig(): Promise<string> {
    return `${(await runChecked(this.cli, 'show', 'parse-failed')).trim()}\n`;
  }

  /** FortiOS cannot preview: the diff lists the CLI lines that will run. */
  async diff(): Promise<string> {
    const c = this.requireCandidate('diff');
    const running = await this.runningConfig();
    return unifiedDiff(running, `${running}${configLines(c.text, { keepEnd: true }).map((l) => l.trim()).join('\n')}\n`, { fromLabel: 'configuration', toLabel: 'configuration + commands' });
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    const c = this.requireCandidate('commit');
    if (opts.revertAfterSec !== undefined) {
      const before = new Set(parseFortiosRevisionIds(await this.cli.run('execute revision list config')));
      await runChecked(this.cli, 'execute backup config flash routewise-pre-change');
      const added = parseFortiosRevisionIds(await this.cli.run('execute revision list config')).filter((id) => !before.has(id));
      const revision = added.length ? Math.max(...added) : undefined;
      if (revision === undefined) throw driverError('commit-failed', this.cli, 'execute backup config flash', 'no configuration revision was created; not changing without a revert point');
      this.revertRevision = revision;
      for (const line of [
        'config system auto-script',
        `edit "${FORTIOS_AUTO_SCRIPT}"`,
        `set interval ${Math.max(1, Math.round(opts.revertAfterSec))}`,
        'set repeat 1',
        'set start auto',
        `set script "execute restore config flash ${revision}"`,
        'next',
        'end',
      ]) await runChecked(this.cli, line);
      this.pending = true;
    }
    for (const line of configLines(c.text, { keepEnd: true })) await runChecked(this.cli, line.trim());
    this.candidate = undefined;
  }

  async confirm(): Promise<void> {
    this.requirePending('auto-script delete');
    try {
      await this.deleteScript();
    } finally {
      // Deleted, or already gone because it ran (the change reverted): either way nothing is pending any more.
      this.pending = false;
    }
  }

  async rollback(): Promise<void> {
    if (!this.pending) {
      this.candidate = undefined;
      return;
    }
    await this.deleteScript();
    await this.cli.run(`execute restore config flash ${this.revertRevision}`).catch((err: unknown) => {
      this.log(`fortios rollback: session ended during restore (${err instanceof Error ? err.message : String(err)})`);
    });
    this.pending = false;
  }

  private async deleteScript(): Promise<void> {
    await runChecked(this.cli, 'config system auto-script');
    try {
      await runChecked(this.cli, `delete "${FORTIOS_AUTO_SCRIPT}"`);
    } finally {
      // Leave the config block even when the script is gone already (it ran): the next command must not land in it.
      await this.cli.run('end');
    }
  }
}
