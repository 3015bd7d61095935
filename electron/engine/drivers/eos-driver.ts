import type { Neighbor } from '../../../shared/domain/neighbor';
import type { DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError, runChecked } from './driver-errors';
import { parseBlocks, replaceCommands } from './ios-style-config';
import { parseEosInterfacesStatus, parseEosLldp, parseEosShowVersion, stripEosRunningBanner } from './parsers/eos-parsers';

function hhmmss(sec: number): string {
  const s = Math.max(1, Math.round(sec));
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * Arista EOS configure sessions (EOS User Manual, "Configure Sessions"): `configure session NAME` stages lines,
 * `show session-config diffs` compares, `commit timer hh:mm:ss` applies with a rollback timer and
 * `configure session NAME commit` confirms; `abort` drops the session (and, with a timer pending, rolls back).
 */
export class EosDriver extends BaseDriver {
  readonly platform = 'eos' as const;
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'config-replace', 'lldp']);
  readonly safeChange: SafeChangeMechanism = {
    kind: 'native',
    description: 'EOS `commit timer hh:mm:ss` on a configure session rolls back by itself unless `configure session NAME commit` follows in time.',
  };
  private session: string | undefined;
  /** Running config when the pending commit was made. */
  private backup: string | undefined;

  constructor(deps: DriverDeps) {
    super(deps);
  }

  async facts(): Promise<Facts> {
    const hostname = parseBlocks(await this.runningConfig()).find((b) => b.line.startsWith('hostname '))?.line.slice(9) ?? '';
    return parseEosShowVersion(await this.cli.run('show version'), hostname);
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseEosInterfacesStatus(await this.cli.run('show interfaces status'));
  }

  async neighbors(): Promise<Neighbor[]> {
    return parseEosLldp(await this.cli.run('show lldp neighbors'));
  }

  async runningConfig(): Promise<string> {
    return stripEosRunningBanner(await runChecked(this.cli, 'show running-config', 'parse-failed'));
  }

  async startupConfig(): Promise<string> {
    return stripEosRunningBanner(await runChecked(this.cli, 'show startup-config', 'unsupported'));
  }

  override async loadCandidate(text: string, mode: 'merge' | 'replace'): Promise<void> {
    await super.loadCandidate(text, mode);
    const commands = mode === 'replace' ? replaceCommands(await this.runningConfig(), text) : configLines(text).map((l) => l.trim());
    if (this.session) await this.cli.run(`configure session ${this.session} abort`);
    this.session = `routewise-${this.now().getTime().toString(36)}`;
    await runChecked(this.cli, `configure session ${this.session}`);
    try {
      for (const command of commands) await runChecked(this.cli, command);
    } finally {
      await this.cli.run('end');
    }
  }

  async diff(): Promise<string> {
    this.requireCandidate('show session-config diffs');
    await runChecked(this.cli, `configure session ${this.session}`);
    const out = await this.cli.run('show session-config diffs');
    await this.cli.run('end');
    return out.trim();
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    this.requireCandidate('commit');
    this.backup = await this.runningConfig();
    await runChecked(this.cli, `configure session ${this.session}`);
    const command = opts.revertAfterSec !== undefined ? `commit timer ${hhmmss(opts.revertAfterSec)}` : 'commit';
    await runChecked(this.cli, command);
    this.pending = opts.revertAfterSec !== undefined;
    if (!this.pending) this.session = undefined;
    this.candidate = undefined;
  }

  async confirm(): Promise<void> {
    this.requirePending('configure session commit');
    const command = `configure session ${this.session} commit`;
    this.pending = false;
    this.session = undefined;
    const out = await runChecked(this.cli, command);
    if (/no pending commit timer/i.test(out)) throw driverError('commit-failed', this.cli, command, 'the commit timer had expired: the device rolled the change back already');
  }

  /**
   * Aborts the session; if the device still runs the change afterwards (an EOS that does not roll back on abort),
   * a second session replaces running with the configuration saved at commit time.
   */
  async rollback(): Promise<void> {
    const wasPending = this.pending;
    if (this.session) await runChecked(this.cli, `configure session ${this.session} abort`);
    this.session = undefined;
    this.pending = false;
    this.candidate = undefined;
    if (!wasPending || this.backup === undefined) return;
    const commands = replaceCommands(await this.runningConfig(), this.backup);
    if (commands.length === 0) return;
    const session = `routewise-rb-${this.now().getTime().toString(36)}`;
    await runChecked(this.cli, `configure session ${session}`);
    try {
      for (const command of commands) await runChecked(this.cli, command);
      await runChecked(this.cli, 'commit');
    } catch (err) {
      await this.cli.run('end');
      await this.cli.run(`configure session ${session} abort`);
      throw err;
    }
  }
}
