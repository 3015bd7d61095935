import type { Neighbor } from '../../../shared/domain/neighbor';
import type { DriverDeps } from './cli-transport';
import { BaseDriver, configLines } from './base-driver';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError, minutesFor, runChecked } from './driver-errors';
import { parseJunosChassisSerial, parseJunosInterfacesTerse, parseJunosLldp, parseJunosShowVersion, parseJunosUptime, stripJunosStamp } from './parsers/junos-parsers';

/** A set line's path as a delete command: `set snmp location "x"` → `delete snmp location "x"`. */
function asDelete(setLine: string): string {
  return `delete ${setLine.slice(4)}`;
}

/**
 * Juniper Junos. Candidate configurations and commit-confirm are native (Junos CLI User Guide, "Commit a
 * Configuration"): `configure private`, set/delete lines, `show | compare`, `commit check`, `commit confirmed N`;
 * a later `commit` confirms, `rollback 1` + `commit` undoes. Candidates are set-format lines; replace loads
 * `delete` for every running line the target lacks, then the target's set lines.
 */
export class JunosDriver extends BaseDriver {
  readonly platform = 'junos' as const;
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'config-replace', 'commit-check', 'lldp']);
  readonly safeChange: SafeChangeMechanism = {
    kind: 'native',
    description: 'Junos `commit confirmed N` rolls back by itself unless a second `commit` follows within N minutes (whole minutes, at least 1).',
  };
  private inConfig = false;

  constructor(deps: DriverDeps) {
    super(deps);
  }

  async facts(): Promise<Facts> {
    const facts = parseJunosShowVersion(await this.cli.run('show version'));
    const serial = parseJunosChassisSerial(await this.cli.run('show chassis hardware'));
    if (serial) facts.serial = serial;
    const up = parseJunosUptime(await this.cli.run('show system uptime'));
    if (up !== undefined) facts.uptimeSec = up;
    return facts;
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseJunosInterfacesTerse(await this.oper('show interfaces terse'));
  }

  async neighbors(): Promise<Neighbor[]> {
    return parseJunosLldp(await this.oper('show lldp neighbors'));
  }

  async runningConfig(): Promise<string> {
    return stripJunosStamp(await this.oper('show configuration | display set'));
  }

  override async loadCandidate(text: string, mode: 'merge' | 'replace'): Promise<void> {
    const lines = configLines(text).map((l) => l.trim()).filter((l) => !l.startsWith('#'));
    const bad = lines.find((l) => !/^(set|delete|deactivate|activate) /.test(l));
    if (bad !== undefined) throw driverError('unsupported', this.cli, 'load', `candidates for Junos are set-format lines; cannot load "${bad.slice(0, 80)}"`);
    await super.loadCandidate(text, mode);
    const commands = mode === 'merge' ? lines : this.replaceLines(await this.runningConfig(), lines);
    await this.enterConfig();
    try {
      await runChecked(this.cli, 'rollback 0'); // start from running, whatever a previous session left
      for (const command of commands) await runChecked(this.cli, command);
    } catch (err) {
      await this.leaveConfig();
      this.candidate = undefined;
      throw err;
    }
  }

  async diff(): Promise<string> {
    this.requireCandidate('show | compare');
    return (await this.cli.run('show | compare')).trim();
  }

  async validate(): Promise<void> {
    this.requireCandidate('commit check');
    const out = await runChecked(this.cli, 'commit check');
    if (!/succeeds/.test(out)) throw driverError('commit-failed', this.cli, 'commit check', out.slice(0, 300));
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    this.requireCandidate('commit');
    const comment = opts.comment ? ` comment "${opts.comment.replace(/["\\\n]/g, ' ').slice(0, 120)}"` : '';
    const command = opts.revertAfterSec !== undefined ? `commit confirmed ${minutesFor(opts.revertAfterSec)}${comment}` : `commit${comment}`;
    const out = await runChecked(this.cli, command);
    if (!/commit complete/.test(out)) throw driverError('commit-failed', this.cli, command, out.slice(0, 300));
    this.pending = opts.revertAfterSec !== undefined;
    this.candidate = undefined;
    await this.leaveConfig();
  }

  async confirm(): Promise<void> {
    this.requirePending('commit');
    this.pending = false;
    // A plain `commit` also succeeds after the device rolled back, so ask whether a confirmed commit still waits.
    const history = await this.oper('show system commit');
    if (!/commit confirmed, rollback (?:in|at)/i.test(history.split('\n').find((l) => /^\s*0\s/.test(l)) ?? '')) {
      throw driverError('commit-failed', this.cli, 'show system commit', 'no confirmed commit is pending: the device rolled the change back already');
    }
    await this.enterConfig();
    const out = await runChecked(this.cli, 'commit');
    await this.leaveConfig();
    if (!/commit complete/.test(out)) throw driverError('commit-failed', this.cli, 'commit', out.slice(0, 300));
  }

  async rollback(): Promise<void> {
    if (!this.pending) {
      if (this.inConfig) {
        await this.cli.run('rollback 0');
        await this.leaveConfig();
      }
      this.candidate = undefined;
      return;
    }
    await this.enterConfig();
    await runChecked(this.cli, 'rollback 1');
    const out = await runChecked(this.cli, 'commit');
    await this.leaveConfig();
    if (!/commit complete/.test(out)) throw driverError('commit-failed', this.cli, 'rollback 1; commit', out.slice(0, 300));
    this.pending = false;
  }

  private replaceLines(running: string, target: string[]): string[] {
    const have = configLines(running).map((l) => l.trim()).filter((l) => l.startsWith('set '));
    const want = new Set(target.filter((l) => l.startsWith('set ')));
    return [...have.filter((l) => !want.has(l)).map(asDelete), ...target.filter((l) => !have.includes(l))];
  }

  /** Operational commands from configuration mode need `run`. */
  private oper(command: string): Promise<string> {
    return this.cli.run(this.inConfig ? `run ${command}` : command);
  }

  private async enterConfig(): Promise<void> {
    if (this.inConfig) return;
    const out = await this.cli.run('configure private');
    if (/error|locked|uncommitted changes/i.test(out)) throw driverError('locked', this.cli, 'configure private', out.slice(0, 300));
    this.inConfig = true;
  }

  private async leaveConfig(): Promise<void> {
    if (!this.inConfig) return;
    this.inConfig = false;
    await this.cli.run('exit configuration-mode');
  }
}
