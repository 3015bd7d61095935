import type { DeviceIdentity, LabDeviceRuntime } from '../device-runtime';

export interface ConfigRevision {
  readonly id: number;
  readonly at: string;
  readonly by: string;
  readonly text: string;
  readonly comment: string;
}

export interface PendingConfirm {
  readonly deadlineMs: number;
  readonly revertTo: string;
  readonly kind: string;
}

export interface ConfigStoreOptions {
  /** Lab seconds per wall second: a 1-minute confirm timer fires after 60 / timeScale seconds. */
  timeScale: number;
  /** Identity (hostname, contact, location) as this platform's config says. */
  identityOf(text: string): Partial<DeviceIdentity>;
  /** pilot-gate-failure: this device goes dark while any committed change is live. */
  pilot: boolean;
  now?: () => number;
}

/**
 * The running configuration of one lab device, with what every platform's safe-change mechanism needs:
 * commit history (Junos `rollback N`, FortiOS revisions), named files (IOS-XE `flash:`), and a real
 * timer that reverts an unconfirmed commit (Junos `commit confirmed`, IOS-XE `revert timer`, EOS
 * `commit timer`). Changes land in SNMP through the device runtime's identity.
 */
export class ConfigStore {
  private runningText: string;
  readonly boot: string;
  /** Newest first: history[0] is the configuration before the last commit (Junos rollback 1). */
  private readonly history: ConfigRevision[] = [];
  private nextRevisionId = 1;
  readonly files = new Map<string, string>();
  private pending?: PendingConfirm & { timer: NodeJS.Timeout };
  private readonly listeners = new Set<(event: string) => void>();
  /** Device-side scheduled jobs (RouterOS /system scheduler, FortiOS auto-script), by name. */
  private readonly jobs = new Map<string, NodeJS.Timeout>();
  /** After dispose no job starts (a FortiOS monitor round finishing late would otherwise schedule the next). */
  private disposed = false;

  constructor(
    private readonly rt: LabDeviceRuntime,
    initial: string,
    private readonly opts: ConfigStoreOptions,
  ) {
    this.runningText = initial;
    this.boot = initial;
  }

  get running(): string {
    return this.runningText;
  }

  get pendingConfirm(): PendingConfirm | undefined {
    return this.pending ? { deadlineMs: this.pending.deadlineMs, revertTo: this.pending.revertTo, kind: this.pending.kind } : undefined;
  }

  /** rollback N: 0 is the running config, 1 the one before the last commit … */
  rollbackText(n: number): string | undefined {
    return n === 0 ? this.runningText : this.history[n - 1]?.text;
  }

  revisions(): readonly ConfigRevision[] {
    return this.history;
  }

  revisionById(id: number): ConfigRevision | undefined {
    return this.history.find((r) => r.id === id);
  }

  /** Make `text` the running config. With `confirmWithinMin`, revert unless confirmed in time. */
  commit(text: string, by: string, opts: { confirmWithinMin?: number; comment?: string; kind?: string } = {}): void {
    const previous = this.runningText;
    const changed = text !== previous;
    if (changed) {
      this.history.unshift({ id: this.nextRevisionId++, at: new Date(this.now()).toISOString(), by, text: previous, comment: opts.comment ?? '' });
      if (this.history.length > 49) this.history.pop();
      this.runningText = text;
    }
    if (opts.confirmWithinMin !== undefined) {
      // A second `commit confirmed` while one is pending keeps the original revert point (Junos does the same).
      const revertTo = this.pending?.revertTo ?? previous;
      this.clearTimer();
      const delayMs = (opts.confirmWithinMin * 60_000) / this.opts.timeScale;
      const timer = setTimeout(() => this.expire(), delayMs);
      this.pending = { deadlineMs: this.now() + delayMs, revertTo, kind: opts.kind ?? 'commit confirmed', timer };
    } else if (this.pending && !changed) {
      this.confirm();
    }
    this.applied(changed ? 'commit' : 'noop');
  }

  /** Keep the change: cancel the revert timer. Returns false when nothing was pending. */
  confirm(): boolean {
    if (!this.pending) return false;
    this.clearTimer();
    this.emit('confirmed');
    return true;
  }

  /** Replace running outright (rollback, configure replace, revision revert): history keeps the old one. */
  replace(text: string, by: string, comment: string): void {
    this.clearTimer();
    this.commit(text, by, { comment });
  }

  /** Keep the running config as a revision without changing it (FortiOS `execute backup config flash`). */
  snapshot(by: string, comment: string): ConfigRevision {
    const rev = { id: this.nextRevisionId++, at: new Date(this.now()).toISOString(), by, text: this.runningText, comment };
    this.history.unshift(rev);
    if (this.history.length > 49) this.history.pop();
    return rev;
  }

  /** Run `job` after `afterSec` device seconds (scaled like every lab timer), replacing a job of that name. */
  schedule(name: string, afterSec: number, job: () => void): void {
    this.cancelJob(name);
    if (this.disposed) return;
    const timer = setTimeout(() => {
      this.jobs.delete(name);
      job();
    }, (afterSec * 1000) / this.opts.timeScale);
    this.jobs.set(name, timer);
  }

  cancelJob(name: string): boolean {
    const timer = this.jobs.get(name);
    if (timer) clearTimeout(timer);
    return this.jobs.delete(name);
  }

  hasJob(name: string): boolean {
    return this.jobs.has(name);
  }

  onEvent(fn: (event: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    for (const timer of this.jobs.values()) clearTimeout(timer);
    this.jobs.clear();
    this.listeners.clear();
  }

  private expire(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.history.unshift({ id: this.nextRevisionId++, at: new Date(this.now()).toISOString(), by: 'timer', text: this.runningText, comment: `${pending.kind} expired` });
    this.runningText = pending.revertTo;
    this.applied('reverted');
  }

  private clearTimer(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private applied(event: string): void {
    this.rt.setIdentity(this.opts.identityOf(this.runningText));
    if (this.opts.pilot) this.rt.setDark(this.runningText !== this.boot);
    this.emit(event);
  }

  private emit(event: string): void {
    for (const fn of this.listeners) fn(event);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
