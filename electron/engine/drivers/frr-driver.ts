import type { Neighbor } from '../../../shared/domain/neighbor';
import type { ExecResult } from '../ssh/ssh-session';
import type { DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { cliErrorIn, driverError } from './driver-errors';
import { mergeBlocks, parseBlocks, renderBlocks, replaceCommands } from './ios-style-config';
import { OnDeviceRevertJob } from './on-device-revert-job';
import { parseFrrInterfaceBrief, parseFrrVersion, parseLldpcliNeighbors, stripFrrRunningBanner } from './parsers/frr-parsers';
import { shQuote } from './sh-quote';
import { unifiedDiff } from './unified-diff';

export { shQuote } from './sh-quote';

export interface FrrDriverOptions {
  /** The vtysh invocation, e.g. `vtysh -N lab1` for an FRR instance in its own pathspace. */
  vtysh?: string;
  /** Where the backup and the revert job live on the host. */
  stateDir?: string;
}

/**
 * Linux with FRR, over exec channels (`vtysh -c …`). FRR applies each line at once and has no commit-confirm, so it
 * is EMULATED: before a change the running config is saved on the host with a revert script (the commands that turn
 * the expected result back into it), and a detached `sleep N; sh revert.sh` job is started; confirm() kills the job,
 * rollback() kills it and runs the script now. After the change the script is recomputed from the real result.
 */
export class FrrDriver extends BaseDriver {
  readonly platform = 'frr' as const;
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'config-replace', 'lldp']);
  readonly safeChange: SafeChangeMechanism = {
    kind: 'emulated',
    description:
      'FRR has no commit-confirm. Routewise saves the running config and a revert script on the host and starts a detached `sleep N; sh revert.sh` job before the change; confirm() kills the job, rollback() runs the script at once.',
  };
  private readonly vtysh: string;
  private readonly dir: string;
  private readonly revertJob: OnDeviceRevertJob;

  constructor(deps: DriverDeps & FrrDriverOptions) {
    super(deps);
    this.vtysh = deps.vtysh ?? 'vtysh';
    this.dir = deps.stateDir ?? '/var/tmp/routewise';
    this.revertJob = new OnDeviceRevertJob(this.cli, this.dir, (command) => this.sh(command));
  }

  async facts(): Promise<Facts> {
    const version = await this.vty(['show version']);
    const hostname = (await this.sh('hostname')).stdout.trim();
    const uptime = await this.sh('cat /proc/uptime').catch(() => undefined);
    return parseFrrVersion(version, hostname, uptime && uptime.exitCode === 0 ? uptime.stdout : undefined);
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseFrrInterfaceBrief(await this.vty(['show interface brief']));
  }

  async neighbors(): Promise<Neighbor[]> {
    const r = await this.sh('lldpcli show neighbors');
    return r.exitCode === 0 || r.exitCode === null ? parseLldpcliNeighbors(r.stdout) : [];
  }

  async runningConfig(): Promise<string> {
    return stripFrrRunningBanner(await this.vty(['show running-config']));
  }

  async diff(): Promise<string> {
    const c = this.requireCandidate('diff');
    const running = await this.runningConfig();
    return unifiedDiff(renderBlocks(parseBlocks(running)), renderBlocks(this.expected(running, c.text, c.mode)), { fromLabel: 'running-config', toLabel: 'candidate' });
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    const c = this.requireCandidate('commit');
    const backup = await this.runningConfig();
    const commands = c.mode === 'replace' ? replaceCommands(backup, c.text) : configLines(c.text).map((l) => l.trim());
    if (opts.revertAfterSec !== undefined) {
      const predicted = renderBlocks(this.expected(backup, c.text, c.mode));
      await this.writeState(backup, replaceCommands(predicted, backup));
      await this.revertJob.schedule(opts.revertAfterSec);
      this.pending = true;
    }
    try {
      await this.vty(['configure terminal', ...commands], 'commit-failed');
    } finally {
      this.candidate = undefined;
    }
    if (this.pending) await this.writeState(backup, replaceCommands(await this.runningConfig(), backup));
  }

  async confirm(): Promise<void> {
    this.requirePending('kill revert job');
    this.pending = false;
    await this.revertJob.cancel();
  }

  async rollback(): Promise<void> {
    if (!this.pending) {
      this.candidate = undefined;
      return;
    }
    await this.revertJob.runNow();
    this.pending = false;
  }

  private expected(running: string, text: string, mode: 'merge' | 'replace') {
    return mode === 'replace' ? parseBlocks(text) : mergeBlocks(parseBlocks(running), parseBlocks(text));
  }

  private async writeState(backup: string, revert: string[]): Promise<void> {
    const script = revert.length ? `${this.vtysh} ${['configure terminal', ...revert].map((c) => `-c ${shQuote(c)}`).join(' ')}\n` : 'true\n';
    const r = await this.sh(
      `mkdir -p ${this.dir} && printf %s ${shQuote(backup)} > ${this.dir}/backup.conf && printf %s ${shQuote(script)} > ${this.dir}/revert.sh && echo saved`,
    );
    if (!r.stdout.includes('saved')) throw driverError('unsupported', this.cli, 'save backup', `cannot save the backup on this host: ${(r.stdout + r.stderr).slice(0, 200)}`);
  }

  private async vty(commands: string[], code: 'commit-failed' | 'parse-failed' = 'parse-failed'): Promise<string> {
    const command = `${this.vtysh} ${commands.map((c) => `-c ${shQuote(c)}`).join(' ')}`;
    const r = await this.sh(command);
    const out = r.stdout + r.stderr;
    const err = cliErrorIn(out);
    if ((r.exitCode !== null && r.exitCode !== 0) || err !== undefined) throw driverError(code, this.cli, command, `vtysh refused: ${(err ?? out).slice(0, 300)}`);
    return r.stdout;
  }

  private async sh(command: string): Promise<ExecResult> {
    if (this.cli.exec) return this.cli.exec(command);
    return { stdout: await this.cli.run(command), stderr: '', exitCode: null };
  }
}
