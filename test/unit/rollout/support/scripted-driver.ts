import fs from 'node:fs';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { Platform } from '../../../../shared/domain/device';
import type { CommitOptions, Driver, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from '../../../../electron/engine/drivers/driver';
import type { Neighbor } from '../../../../shared/domain/neighbor';

/**
 * A test double of the Driver contract: each device is a running config (lines), an optional pending confirmed
 * commit with a deadline, and fault switches. State lives in a JSON file written atomically, so it survives a
 * SIGKILL of the process driving it — like a real device outlives Routewise — and the revert timer is modelled on
 * the device side: whoever loads the state after the deadline sees the reverted config.
 */
export interface ScriptedDevice {
  platform: Platform;
  running: string;
  /** The config the device booted with; `darkWhenChanged` devices stop answering while running differs from it. */
  boot: string;
  pending: { revertTo: string; deadlineMs: number } | null;
  /** pilot-gate-failure: unreachable while a change is live. */
  darkWhenChanged?: boolean;
  /** `show health` reports degraded while running differs from boot (a change that breaks the device's service). */
  unhealthyWhenChanged?: boolean;
  /** Any commit whose candidate contains this text fails. */
  failCommitOn?: string;
  /** Counts of commits and confirms that reached the device (for "nothing applied twice"). */
  commits: number;
  confirms: number;
}

export type ScriptedState = Record<string, ScriptedDevice>;

export class ScriptedStateFile {
  constructor(
    readonly file: string,
    readonly now: () => number = Date.now,
  ) {}

  read(): ScriptedState {
    const state = JSON.parse(fs.readFileSync(this.file, 'utf8')) as ScriptedState;
    let changed = false;
    for (const d of Object.values(state)) {
      if (d.pending && this.now() >= d.pending.deadlineMs) {
        d.running = d.pending.revertTo;
        d.pending = null;
        changed = true;
      }
    }
    if (changed) this.write(state);
    return state;
  }

  write(state: ScriptedState): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    fs.writeSync(fd, JSON.stringify(state, null, 1));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file);
  }

  update<T>(address: string, fn: (d: ScriptedDevice) => T): T {
    const state = this.read();
    const d = state[address];
    if (!d) throw new RoutewiseError('connection-closed', `no device at ${address}`);
    const r = fn(d);
    this.write(state);
    return r;
  }
}

/** Merge: "no X" removes line X; other lines are added when absent. Replace: the text is the config. */
export function mergeConfig(running: string, change: string, mode: 'merge' | 'replace'): string {
  if (mode === 'replace') return change;
  let lines = running.split('\n').filter((l) => l !== '');
  for (const l of change.split('\n').filter((x) => x.trim() !== '')) {
    if (l.startsWith('no ')) lines = lines.filter((x) => x !== l.slice(3));
    else if (!lines.includes(l)) lines.push(l);
  }
  return `${lines.join('\n')}\n`;
}

function lineDiff(a: string, b: string): string {
  if (a === b) return '';
  const al = a.split('\n').filter(Boolean);
  const bl = b.split('\n').filter(Boolean);
  return [...al.filter((l) => !bl.includes(l)).map((l) => `-${l}`), ...bl.filter((l) => !al.includes(l)).map((l) => `+${l}`)].join('\n') + '\n';
}

export class ScriptedDriver implements Driver {
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'config-replace']);
  readonly safeChange: SafeChangeMechanism = { kind: 'native', description: 'scripted commit confirmed' };
  private candidate?: string;

  constructor(
    private readonly states: ScriptedStateFile,
    private readonly address: string,
    /** Wall ms per device second (tests run device timers fast). */
    private readonly msPerSec = 1000,
  ) {}

  get platform(): Platform {
    return this.device().platform;
  }

  private device(): ScriptedDevice {
    const d = this.states.read()[this.address];
    if (!d) throw new RoutewiseError('connection-closed', `no device at ${this.address}`);
    if (d.darkWhenChanged && d.running !== d.boot) throw new RoutewiseError('timeout', `${this.address} does not answer`);
    return d;
  }

  async facts(): Promise<Facts> {
    return { hostname: this.address, vendor: 'scripted' };
  }
  async interfaces(): Promise<InterfaceState[]> {
    const d = this.device();
    return ['eth0', 'eth1'].map((name) => ({ name, adminUp: true, operUp: !d.running.includes(`shutdown ${name}`) }));
  }
  async neighbors(): Promise<Neighbor[]> {
    return [];
  }
  async runningConfig(): Promise<string> {
    return this.device().running;
  }
  async loadCandidate(text: string, mode: 'merge' | 'replace'): Promise<void> {
    this.candidate = mergeConfig(this.device().running, text, mode);
  }
  async diff(): Promise<string> {
    return this.candidate === undefined ? '' : lineDiff(this.device().running, this.candidate);
  }
  async commit(opts: CommitOptions = {}): Promise<void> {
    const candidate = this.candidate;
    if (candidate === undefined) throw new RoutewiseError('commit-failed', 'nothing staged');
    this.device();
    this.states.update(this.address, (d) => {
      if (d.failCommitOn && candidate.includes(d.failCommitOn)) throw new RoutewiseError('commit-failed', `commit refused: ${d.failCommitOn}`);
      const revertTo = d.pending?.revertTo ?? d.running;
      d.running = candidate;
      d.commits++;
      d.pending = opts.revertAfterSec ? { revertTo, deadlineMs: this.states.now() + opts.revertAfterSec * this.msPerSec } : null;
    });
    this.candidate = undefined;
  }
  async confirm(): Promise<void> {
    this.device();
    // Like `commit` on Junos after `commit confirmed`: confirming with nothing pending is a no-op.
    this.states.update(this.address, (d) => {
      if (d.pending) d.confirms++;
      d.pending = null;
    });
  }
  async rollback(): Promise<void> {
    this.candidate = undefined;
    this.device();
    this.states.update(this.address, (d) => {
      if (d.pending) {
        d.running = d.pending.revertTo;
        d.pending = null;
      }
    });
  }
  async show(command: string): Promise<string> {
    const d = this.device();
    if (command === 'show health') return d.unhealthyWhenChanged && d.running !== d.boot ? 'status: degraded\n' : 'status: ok\n';
    return '';
  }
  async close(): Promise<void> {}
}

export function scriptedDevice(platform: Platform, running: string, extra: Partial<ScriptedDevice> = {}): ScriptedDevice {
  return { platform, running, boot: running, pending: null, commits: 0, confirms: 0, ...extra };
}
