import type { Neighbor } from '../../../shared/domain/neighbor';
import type { Platform } from '../../../shared/domain/device';
import type { CliTransport, DriverDeps } from './cli-transport';
import type { CommitOptions, Driver, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError } from './driver-errors';

export interface Candidate {
  text: string;
  mode: 'merge' | 'replace';
}

/** The state every driver keeps: the staged candidate and whether a commit waits for confirm(). */
export abstract class BaseDriver implements Driver {
  abstract readonly platform: Platform;
  abstract readonly capabilities: ReadonlySet<DriverCapability>;
  abstract readonly safeChange: SafeChangeMechanism;
  protected readonly cli: CliTransport;
  protected readonly log: (message: string) => void;
  protected readonly now: () => Date;
  protected candidate: Candidate | undefined;
  protected pending = false;

  constructor(deps: DriverDeps) {
    this.cli = deps.cli;
    this.log = deps.log ?? (() => undefined);
    this.now = deps.now ?? (() => new Date());
  }

  abstract facts(): Promise<Facts>;
  abstract interfaces(): Promise<InterfaceState[]>;
  abstract neighbors(): Promise<Neighbor[]>;
  abstract runningConfig(): Promise<string>;
  abstract diff(): Promise<string>;
  abstract commit(opts?: CommitOptions): Promise<void>;
  abstract confirm(): Promise<void>;
  abstract rollback(): Promise<void>;

  async loadCandidate(text: string, mode: 'merge' | 'replace'): Promise<void> {
    if (this.pending) throw driverError('commit-pending', this.cli, 'load', 'a confirmed commit is pending: confirm() or rollback() it first');
    if (mode === 'replace' && !this.capabilities.has('config-replace')) {
      throw driverError('unsupported', this.cli, 'load replace', `${this.platform} cannot replace the whole configuration from a CLI session; load a merge instead`);
    }
    this.candidate = { text, mode };
  }

  show(command: string): Promise<string> {
    return this.cli.run(command);
  }

  close(): Promise<void> {
    return this.cli.close();
  }

  protected requireCandidate(command: string): Candidate {
    if (!this.candidate) throw driverError('commit-failed', this.cli, command, 'no candidate configuration is loaded');
    return this.candidate;
  }

  protected requirePending(command: string): void {
    if (!this.pending) throw driverError('commit-failed', this.cli, command, 'no confirmed commit is pending');
  }
}

/**
 * Candidate text as configuration-mode lines: no blanks or `!` separators; `end` dropped too unless the platform
 * needs it (FortiOS applies a `config` block at its `end`).
 */
export function configLines(text: string, opts: { keepEnd?: boolean } = {}): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trimEnd())
    .filter((l) => l.trim() !== '' && !/^\s*!/.test(l) && (opts.keepEnd === true || l.trim() !== 'end'));
}
