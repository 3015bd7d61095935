import { RoutewiseError } from '../../../shared/api/errors';
import type { DeviceState, PlanStatus, RolloutPlan, RolloutStatusEvent, RolloutStep } from '../../../shared/api/rollout';
import type { Driver, InterfaceState } from '../drivers/driver';
import { forEachLimited } from '../topology/concurrency';
import { DeviceSession } from './device-session';
import { describeGates, gatesPassed, type GateProbes, runGates } from './gates';
import type { DevicePatch, DeviceRow, RolloutRepo } from './journal';
import { inMaintenanceWindow } from './maintenance-window';
import { thresholdExceeded } from './waves';

export interface ExecutorDeps {
  repo: RolloutRepo;
  openDriver(address: string): Promise<Driver>;
  probes: GateProbes;
  audit(action: string, subject: string, details: unknown): Promise<void>;
  emitStep(ev: RolloutStep): void;
  emitStatus(ev: RolloutStatusEvent): void;
  actor: string;
  /** Wall milliseconds per plan second: 1000, or less for a lab whose clock runs faster (and for tests). */
  msPerSec: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  pid: number;
  isAlive(pid: number): boolean;
  redact(text: string): string;
}

/** Devices whose work is over, one way or the other. */
export const TERMINAL: ReadonlySet<DeviceState> = new Set(['confirmed', 'unchanged', 'failed', 'reverted', 'rolled-back', 'skipped', 'inconsistent']);
/** Terminal states that count as a failed device for the wave threshold. */
export const FAILED: ReadonlySet<DeviceState> = new Set(['failed', 'reverted', 'inconsistent']);
/** After the revert deadline, how long a device gets to show its own revert (Junos rounds the timer up to whole minutes). */
export const REVERT_GRACE_SEC = 90;

/**
 * The plan keeps a redacted copy of each device's change (secret parameters as ********). A diff read from the
 * device repeats the change's lines, so each rendered line that differs from its redacted twin is replaced by it,
 * and any remaining secret-looking token of the change is masked too.
 */
export function redactLike(text: string, change: string, redactedChange: string): string {
  const plain = change.split('\n');
  const shown = redactedChange.split('\n');
  let out = text;
  plain.forEach((line, i) => {
    const twin = shown[i];
    if (twin === undefined || twin === line || line.trim() === '') return;
    out = out.split(line.trim()).join(twin.trim());
    // Tokens that the redaction changed (the secret values themselves), in case the device reformatted the line.
    const a = line.split(/[\s"']+/);
    const b = twin.split(/[\s"']+/);
    a.forEach((tok, j) => {
      if (tok.length >= 3 && b[j] === '********') out = out.split(tok).join('********');
    });
  });
  return out;
}

function errText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 500);
}

/**
 * Runs a plan: phases in order, devices per phase with bounded concurrency. Per device: back up, load, diff,
 * validate, commit with a revert timer, gates (at once and after the soak), confirm only when they pass —
 * otherwise roll back (or let the device's timer do it) and VERIFY the running config equals the backup.
 * Every step's intent is journaled before it happens and its outcome after.
 */
export class RolloutExecutor {
  constructor(private readonly deps: ExecutorDeps) {}

  private stepEvent(planId: string, phaseIndex: number, address: string | null, step: string, outcome: RolloutStep['outcome'], message: string): void {
    this.deps.emitStep({ planId, phaseIndex, address, step, outcome, message: this.deps.redact(message), at: new Date(this.deps.now()).toISOString() });
  }

  async setStatus(planId: string, status: PlanStatus, message: string): Promise<void> {
    await this.deps.repo.setStatus(planId, status, message);
    this.deps.emitStatus({ planId, status, message, at: new Date(this.deps.now()).toISOString() });
  }

  async intent(planId: string, phaseIndex: number, address: string | null, step: string, data: Record<string, unknown> = {}, patch?: DevicePatch): Promise<number> {
    const seq = await this.deps.repo.intent(planId, phaseIndex, address, step, data, patch);
    this.stepEvent(planId, phaseIndex, address, step, 'started', typeof data.reason === 'string' ? data.reason : step);
    return seq;
  }

  async outcome(planId: string, phaseIndex: number, address: string | null, step: string, seq: number, outcome: 'ok' | 'failed' | 'skipped', message: string, result: Record<string, unknown> = {}, patch?: DevicePatch): Promise<void> {
    await this.deps.repo.outcome(seq, outcome, { message, ...result }, patch);
    this.stepEvent(planId, phaseIndex, address, step, outcome, message);
  }

  /** Runs (or continues) a plan until it completes, fails its policy, is paused or aborted. */
  async run(planId: string): Promise<RolloutPlan> {
    const { repo } = this.deps;
    const plan = await repo.getPlan(planId);
    if (!['approved', 'paused', 'running'].includes(plan.status)) {
      throw new RoutewiseError('conflict', plan.status === 'draft' ? `plan ${planId} is not approved yet (rollout approve ${planId})` : `plan ${planId} is ${plan.status}`);
    }
    await repo.claimRunner(planId, this.deps.pid, this.deps.isAlive);
    try {
      await this.setStatus(planId, 'running', `running as ${this.deps.actor}`);
      await this.deps.audit('rollout.run', planId, { template: plan.template.name, params: plan.params, devices: plan.devices.length });
      const final = await this.runPhases(plan);
      await this.setStatus(planId, final.status, final.summary);
      await this.deps.audit(`rollout.${final.status}`, planId, { summary: final.summary });
    } finally {
      await repo.releaseRunner(planId);
    }
    return repo.getPlan(planId);
  }

  private async runPhases(plan: RolloutPlan): Promise<{ status: PlanStatus; summary: string }> {
    const { repo } = this.deps;
    for (const phase of plan.phases) {
      const rows = (await repo.devices(plan.id)).filter((d) => d.phaseIndex === phase.index);
      if (rows.every((r) => TERMINAL.has(r.state))) {
        const failed = rows.filter((r) => FAILED.has(r.state)).length;
        if (thresholdExceeded(phase.threshold, failed, rows.length)) return this.applyPolicy(plan, phase.index, failed, rows.length);
        continue;
      }
      const waited = await this.waitForWindow(plan);
      if (waited) return waited;
      const seq = await this.intent(plan.id, phase.index, null, 'phase', { name: phase.name, devices: phase.devices });
      let stop: 'pause' | 'abort' | 'threshold' | null = null;
      await forEachLimited(
        rows.filter((r) => !TERMINAL.has(r.state)),
        plan.options.concurrency,
        async (row) => {
          if (stop) return;
          const control = await repo.control(plan.id);
          if (control) {
            stop = control;
            return;
          }
          await this.applyDevice(plan, row);
          const now = (await repo.devices(plan.id)).filter((d) => d.phaseIndex === phase.index);
          if (thresholdExceeded(phase.threshold, now.filter((d) => FAILED.has(d.state)).length, now.length)) stop = 'threshold';
        },
      );
      const after = (await repo.devices(plan.id)).filter((d) => d.phaseIndex === phase.index);
      const failed = after.filter((d) => FAILED.has(d.state)).length;
      const count = (s: DeviceState) => after.filter((d) => d.state === s).length;
      const line = `${phase.name}: ${count('confirmed')} confirmed, ${count('unchanged')} unchanged, ${failed} failed of ${after.length}`;
      await this.outcome(plan.id, phase.index, null, 'phase', seq, failed > 0 ? 'failed' : 'ok', line, { failed });
      const control = stop === 'pause' || stop === 'abort' ? stop : await repo.control(plan.id);
      if (control === 'abort') return { status: 'aborted', summary: `aborted during ${line}` };
      if (thresholdExceeded(phase.threshold, failed, after.length)) return this.applyPolicy(plan, phase.index, failed, after.length);
      if (control === 'pause') {
        if (after.some((d) => !TERMINAL.has(d.state)) || phase.index < plan.phases.length - 1) return { status: 'paused', summary: `paused after ${line}` };
      }
      if (after.some((d) => !TERMINAL.has(d.state))) return { status: 'paused', summary: `paused during ${line}` };
    }
    const all = await repo.devices(plan.id);
    const n = (s: DeviceState) => all.filter((d) => d.state === s).length;
    return { status: 'completed', summary: `completed: ${n('confirmed')} confirmed, ${n('unchanged')} already compliant, ${all.filter((d) => FAILED.has(d.state)).length} failed and restored within the threshold` };
  }

  private async waitForWindow(plan: RolloutPlan): Promise<{ status: PlanStatus; summary: string } | null> {
    const w = plan.options.maintenanceWindow;
    if (!w) return null;
    let announced = false;
    while (!inMaintenanceWindow(w, new Date(this.deps.now()))) {
      if (!announced) {
        this.deps.emitStatus({ planId: plan.id, status: 'running', message: `waiting for the maintenance window ${w.start}-${w.end} ${w.timezone}`, at: new Date(this.deps.now()).toISOString() });
        announced = true;
      }
      const control = await this.deps.repo.control(plan.id);
      if (control === 'abort') return { status: 'aborted', summary: 'aborted while waiting for the maintenance window' };
      if (control === 'pause') return { status: 'paused', summary: 'paused while waiting for the maintenance window' };
      await this.deps.sleep(Math.min(30_000, 30 * this.deps.msPerSec));
    }
    return null;
  }

  /** One device, start to end. Never throws for device problems: they end in a device state. */
  async applyDevice(plan: RolloutPlan, row: DeviceRow): Promise<DeviceState> {
    const { repo } = this.deps;
    const p = row.phaseIndex;
    const a = row.address;
    const session = new DeviceSession(() => this.deps.openDriver(a));
    try {
      // 1. Backup (read-only). A failure here changed nothing.
      const seq = await this.intent(plan.id, p, a, 'backup');
      let backup: string;
      let baseline: InterfaceState[] | null = null;
      try {
        backup = await session.run((d) => d.runningConfig());
        baseline = await session.run((d) => d.interfaces()).catch(() => null);
      } catch (err) {
        await this.outcome(plan.id, p, a, 'backup', seq, 'failed', `backup failed: ${errText(err)}`, {}, { state: 'failed', error: `backup failed: ${errText(err)}` });
        return 'failed';
      }
      repo.acted('backup');
      await this.outcome(plan.id, p, a, 'backup', seq, 'ok', `backed up ${backup.length} bytes`, { bytes: backup.length, baseline }, { state: 'backed-up', backup });
      await this.deps.audit('rollout.backup', a, { plan: plan.id, bytes: backup.length });
      return await this.pushAndGate(plan, row, session, backup, baseline);
    } finally {
      await session.close();
    }
  }

  /** From a backed-up device: load, diff, validate, commit with a timer, gates, confirm or revert. */
  async pushAndGate(plan: RolloutPlan, row: DeviceRow, session: DeviceSession, backup: string, baseline: InterfaceState[] | null): Promise<DeviceState> {
    const { repo } = this.deps;
    const p = row.phaseIndex;
    const a = row.address;
    // 2. Stage the change and diff it; validate on the device where the OS can.
    let seq = await this.intent(plan.id, p, a, 'load', { mode: plan.template.mode });
    let diff: string;
    try {
      diff = await session.run(async (d) => {
        await d.loadCandidate(row.change, plan.template.mode);
        const text = await d.diff();
        if (text !== '' && d.validate) await d.validate();
        return text;
      });
    } catch (err) {
      await session.run((d) => d.rollback()).catch(() => undefined);
      await this.outcome(plan.id, p, a, 'load', seq, 'failed', `load/validate failed: ${errText(err)}`, {}, { state: 'failed', error: `load/validate failed: ${errText(err)}` });
      return 'failed';
    }
    repo.acted('load');
    if (diff === '') {
      await session.run((d) => d.rollback()).catch(() => undefined);
      await this.outcome(plan.id, p, a, 'load', seq, 'ok', 'already compliant: nothing to change', { diff: '' }, { state: 'unchanged', diff: '' });
      return 'unchanged';
    }
    const shown = redactLike(this.deps.redact(diff), row.change, plan.devices.find((d) => d.address === a)?.change ?? row.change);
    await this.outcome(plan.id, p, a, 'load', seq, 'ok', `${shown.split('\n').filter((l) => /^[+-][^+-]/.test(l)).length} changed line(s)`, { diff: shown }, { state: 'loaded', diff: shown });

    // 3. Commit with the revert timer. The deadline is journaled BEFORE the commit, so recovery knows how long to wait.
    const revertAfterSec = plan.options.confirmWithinSec;
    const deadlineMs = this.deps.now() + revertAfterSec * this.deps.msPerSec;
    seq = await this.intent(plan.id, p, a, 'commit', { revertAfterSec, deadlineMs });
    try {
      await session.run((d) => d.commit({ revertAfterSec, comment: `routewise rollout ${plan.id}` }));
    } catch (err) {
      repo.acted('commit');
      await this.outcome(plan.id, p, a, 'commit', seq, 'failed', `commit failed: ${errText(err)}`);
      return this.revert(plan, row, session, backup, deadlineMs, `commit failed: ${errText(err)}`);
    }
    repo.acted('commit');
    const expected = await session.run((d) => d.runningConfig()).catch(() => null);
    await this.outcome(plan.id, p, a, 'commit', seq, 'ok', `committed; reverts by itself in ${revertAfterSec}s unless confirmed`, {}, { state: 'committed', expected });
    await this.deps.audit('rollout.commit', a, { plan: plan.id, diff: shown, revertAfterSec });
    return this.gateAndConfirm(plan, row, session, backup, baseline, deadlineMs);
  }

  /** 4–5. Gates now and after the soak; confirm only when every gate passed and no abort came. */
  async gateAndConfirm(plan: RolloutPlan, row: DeviceRow, session: DeviceSession, backup: string, baseline: InterfaceState[] | null, deadlineMs: number): Promise<DeviceState> {
    const { repo } = this.deps;
    const p = row.phaseIndex;
    const a = row.address;
    const changedAtMs = this.deps.now();
    let seq = await this.intent(plan.id, p, a, 'gates', { soakSec: plan.options.soakSec });
    const gateInput = { address: a, driver: () => session.get(), baseline, changedAtMs };
    let results = await runGates(plan.options.gates, gateInput, this.deps.probes);
    if (gatesPassed(results) && plan.options.soakSec > 0) {
      await this.deps.sleep(plan.options.soakSec * this.deps.msPerSec);
      results = await runGates(plan.options.gates, gateInput, this.deps.probes);
    }
    repo.acted('gates');
    const passed = gatesPassed(results);
    await this.outcome(plan.id, p, a, 'gates', seq, passed ? 'ok' : 'failed', describeGates(results), { results });
    if (!passed) return this.revert(plan, row, session, backup, deadlineMs, `gates failed: ${describeGates(results.filter((r) => !r.ok))}`);
    if ((await repo.control(plan.id)) === 'abort') return this.revert(plan, row, session, backup, deadlineMs, 'aborted before confirm');

    seq = await this.intent(plan.id, p, a, 'confirm');
    try {
      await session.run((d) => d.confirm());
    } catch (err) {
      repo.acted('confirm');
      await this.outcome(plan.id, p, a, 'confirm', seq, 'failed', `confirm failed: ${errText(err)}`);
      return this.revert(plan, row, session, backup, deadlineMs, `confirm failed: ${errText(err)}`);
    }
    repo.acted('confirm');
    await this.outcome(plan.id, p, a, 'confirm', seq, 'ok', 'confirmed: the change is permanent', {}, { state: 'confirmed' });
    await this.deps.audit('rollout.confirm', a, { plan: plan.id });
    return 'confirmed';
  }

  /** Undo an unconfirmed commit: rollback now if the device answers, else let its timer fire; then verify against the backup. */
  async revert(plan: RolloutPlan, row: DeviceRow, session: DeviceSession, backup: string, deadlineMs: number, reason: string): Promise<DeviceState> {
    const { repo } = this.deps;
    const p = row.phaseIndex;
    const a = row.address;
    let seq = await this.intent(plan.id, p, a, 'rollback', { reason });
    let how: string;
    try {
      // A session that dropped mid-commit left the change pending on the device: a fresh one takes it over where
      // the platform can tell, and undoes it now rather than at the timer.
      await session.run(async (d) => {
        if (d.adoptPending) await d.adoptPending();
        await d.rollback();
      });
      how = 'rolled back';
    } catch (err) {
      how = `rollback failed (${errText(err)}); waiting for the device's own revert timer`;
    }
    repo.acted('rollback');
    await this.outcome(plan.id, p, a, 'rollback', seq, how === 'rolled back' ? 'ok' : 'failed', how);
    const untilMs = deadlineMs + REVERT_GRACE_SEC * this.deps.msPerSec;
    seq = await this.intent(plan.id, p, a, 'verify', { untilMs });
    const v = await this.waitForConfig(session, backup, untilMs);
    repo.acted('verify');
    const state: DeviceState = v.ok ? 'reverted' : 'inconsistent';
    const message = v.ok ? 'running config equals the backup, byte for byte' : `running config does NOT equal the backup: ${v.detail}`;
    await this.outcome(plan.id, p, a, 'verify', seq, v.ok ? 'ok' : 'failed', message, {}, { state, error: reason });
    await this.deps.audit('rollout.revert', a, { plan: plan.id, reason, verified: v.ok, detail: v.detail });
    return state;
  }

  /** Polls the running config until it equals `want` or the deadline passes; a dark device is retried. */
  async waitForConfig(session: DeviceSession, want: string, untilMs: number): Promise<{ ok: boolean; detail: string }> {
    let last = 'not read';
    const pollMs = Math.max(50, Math.min(2000, this.deps.msPerSec));
    for (;;) {
      try {
        const running = await session.run((d) => d.runningConfig());
        if (running === want) return { ok: true, detail: 'equal' };
        last = `differs (${running.length} vs ${want.length} bytes)`;
      } catch (err) {
        last = `unreachable: ${errText(err)}`;
      }
      if (this.deps.now() >= untilMs) return { ok: false, detail: last };
      await this.deps.sleep(pollMs);
    }
  }

  /** Put a device that carries the change back to its backup (replace + commit with a timer + verify + confirm). */
  async restore(plan: RolloutPlan, row: DeviceRow, reason: string): Promise<DeviceState> {
    const { repo } = this.deps;
    const p = row.phaseIndex;
    const a = row.address;
    const backup = row.backup;
    const session = new DeviceSession(() => this.deps.openDriver(a));
    try {
      const seq = await this.intent(plan.id, p, a, 'restore', { reason });
      if (backup === null) {
        await this.outcome(plan.id, p, a, 'restore', seq, 'skipped', 'nothing to restore: no backup was taken, so nothing was changed', {}, { state: 'skipped' });
        return 'skipped';
      }
      try {
        const running = await session.run((d) => d.runningConfig());
        if (running !== backup) {
          const revertAfterSec = plan.options.confirmWithinSec;
          await session.run(async (d) => {
            await d.loadCandidate(backup, 'replace');
            await d.commit({ revertAfterSec, comment: `routewise rollout ${plan.id} restore` });
          });
          repo.acted('restore');
          const v = await this.waitForConfig(session, backup, this.deps.now() + 10 * this.deps.msPerSec);
          if (!v.ok) throw new RoutewiseError('commit-failed', `after the restore the running config still differs: ${v.detail}`);
          await session.run((d) => d.confirm());
        }
      } catch (err) {
        await this.outcome(plan.id, p, a, 'restore', seq, 'failed', `restore failed: ${errText(err)}`, {}, { state: 'inconsistent', error: `restore failed: ${errText(err)}` });
        return 'inconsistent';
      }
      await this.outcome(plan.id, p, a, 'restore', seq, 'ok', 'restored: running config equals the backup', {}, { state: 'rolled-back', error: reason });
      await this.deps.audit('rollout.restore', a, { plan: plan.id, reason });
      return 'rolled-back';
    } finally {
      await session.close();
    }
  }

  /** The wave failed: halt, or roll back the phase's / every confirmed device, per the plan's policy. */
  async applyPolicy(plan: RolloutPlan, phaseIndex: number, failed: number, size: number): Promise<{ status: PlanStatus; summary: string }> {
    const phase = plan.phases[phaseIndex]!;
    const why = `${phase.name} failed: ${failed} of ${size} device(s) failed (threshold ${JSON.stringify(phase.threshold)})`;
    const policy = plan.options.failurePolicy;
    if (policy === 'halt') return { status: 'halted', summary: `${why}; halted (failed devices were restored, confirmed ones kept)` };
    const seq = await this.intent(plan.id, phaseIndex, null, 'policy', { policy, reason: why });
    const rows = (await this.deps.repo.devices(plan.id)).filter((d) => (policy === 'rollback-all' || d.phaseIndex === phaseIndex) && (d.state === 'confirmed' || d.state === 'committed'));
    const results = await Promise.all(rows.map((r) => this.restore(plan, r, why)));
    const bad = results.filter((s) => s !== 'rolled-back' && s !== 'skipped').length;
    await this.outcome(plan.id, phaseIndex, null, 'policy', seq, bad ? 'failed' : 'ok', `${policy}: ${rows.length - bad} of ${rows.length} restored`);
    return { status: 'rolled-back', summary: `${why}; ${policy}: ${rows.length - bad} of ${rows.length} device(s) restored${bad ? `, ${bad} could not be` : ''}` };
  }
}
