import type { Neighbor } from '../../../shared/domain/neighbor';
import type { DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError, runChecked } from './driver-errors';
import { parseRouterosFacts, parseRouterosInterfaces, parseRouterosNeighbors, stripRouterosExportStamp } from './parsers/routeros-parsers';
import { unifiedDiff } from './unified-diff';

export const ROUTEROS_BACKUP = 'routewise-backup';
export const ROUTEROS_SCHEDULER = 'routewise-revert';

/**
 * MikroTik RouterOS has no commit-confirm a CLI session can use (Safe Mode ends with the session), so it is
 * EMULATED: before the change the configuration is exported to a file and a one-shot `/system scheduler` job is
 * added that, unless removed, resets the configuration and re-imports that export (RouterOS manual, "Configuration
 * Management": `/system reset-configuration run-after-reset=`). confirm() removes the job; rollback() runs the
 * revert at once. The revert reboots the router.
 */
export class RouterosDriver extends BaseDriver {
  readonly platform = 'routeros' as const;
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'lldp']);
  readonly safeChange: SafeChangeMechanism = {
    kind: 'emulated',
    description:
      'RouterOS has no native commit-confirm over SSH. Routewise exports the configuration to routewise-backup.rsc and schedules `/system scheduler` job "routewise-revert" to reset the configuration and import that export (the router reboots) unless confirm() removes the job first.',
  };

  constructor(deps: DriverDeps) {
    super(deps);
  }

  async facts(): Promise<Facts> {
    return parseRouterosFacts(
      await this.cli.run('/system identity print'),
      await this.cli.run('/system resource print'),
      await this.cli.run('/system routerboard print'),
    );
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseRouterosInterfaces(await this.cli.run('/interface print'));
  }

  async neighbors(): Promise<Neighbor[]> {
    return parseRouterosNeighbors(await this.cli.run('/ip neighbor print'));
  }

  async runningConfig(): Promise<string> {
    return stripRouterosExportStamp(await runChecked(this.cli, '/export', 'parse-failed'));
  }

  /** RouterOS cannot preview a change: the diff lists the commands that will run, as additions to the export. */
  async diff(): Promise<string> {
    const c = this.requireCandidate('diff');
    const running = await this.runningConfig();
    return unifiedDiff(running, `${running}${configLines(c.text).map((l) => l.trim()).join('\n')}\n`, { fromLabel: 'export', toLabel: 'export + commands' });
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    const c = this.requireCandidate('commit');
    if (opts.revertAfterSec !== undefined) {
      await runChecked(this.cli, `/export file=${ROUTEROS_BACKUP}`);
      const revert = `/system reset-configuration no-defaults=yes skip-backup=yes run-after-reset=${ROUTEROS_BACKUP}.rsc`;
      await runChecked(this.cli, `/system scheduler add name=${ROUTEROS_SCHEDULER} interval=${Math.max(1, Math.round(opts.revertAfterSec))}s on-event="${revert}"`);
      this.pending = true;
    }
    for (const line of configLines(c.text)) await runChecked(this.cli, line.trim());
    this.candidate = undefined;
  }

  async confirm(): Promise<void> {
    this.requirePending('scheduler remove');
    try {
      await this.removeJob();
    } finally {
      // Removed, or already gone because it ran (the change reverted): either way nothing is pending any more.
      this.pending = false;
    }
  }

  async rollback(): Promise<void> {
    if (!this.pending) {
      this.candidate = undefined;
      return;
    }
    await this.removeJob();
    // The session drops here: the router reboots into the restored configuration.
    await this.cli.run(`/system reset-configuration no-defaults=yes skip-backup=yes run-after-reset=${ROUTEROS_BACKUP}.rsc`).catch((err: unknown) => {
      this.log(`routeros rollback: session ended during reset (${err instanceof Error ? err.message : String(err)})`);
    });
    this.pending = false;
  }

  private async removeJob(): Promise<void> {
    const command = `/system scheduler remove [find name=${ROUTEROS_SCHEDULER}]`;
    const out = await this.cli.run(command);
    if (/bad command|no such item|failure/i.test(out)) throw driverError('commit-failed', this.cli, command, `could not remove the revert job: ${out.slice(0, 200)}`);
  }
}
