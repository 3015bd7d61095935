import type { DeviceState, RolloutPlan } from '../../../shared/api/rollout';
import type { InterfaceState } from '../drivers/driver';
import { DeviceSession } from './device-session';
import { REVERT_GRACE_SEC, type ExecutorDeps, type RolloutExecutor, TERMINAL } from './executor';
import type { DeviceRow, JournalEntry } from './journal';

export interface RecoveryReport {
  planId: string;
  /** What was found and done, one line per device touched. */
  actions: string[];
  plan: RolloutPlan;
}

/**
 * Reconciles a plan whose runner died, from the journal and the devices themselves, then resumes it or rolls it
 * back per `options.recovery`. Nothing is applied twice: a device whose running config no longer equals its
 * backup already carries the change, so it is gated and confirmed (resume) or restored (rollback), never re-pushed.
 */
export async function recoverPlan(exec: RolloutExecutor, deps: ExecutorDeps, planId: string): Promise<RecoveryReport> {
  const { repo } = deps;
  let plan = await repo.getPlan(planId);
  await repo.claimRunner(planId, deps.pid, deps.isAlive);
  const actions: string[] = [];
  const open = await repo.unfinishedIntents(planId);
  const journal = await repo.journal(planId);
  const rollback = plan.options.recovery === 'rollback';
  const seq = await exec.intent(planId, 0, null, 'recover', { policy: plan.options.recovery, openIntents: open.map((o) => `${o.step} ${o.address ?? ''}`.trim()) });
  try {
    await exec.setStatus(planId, 'interrupted', `recovering from the journal (${open.length} unfinished step(s))`);
    for (const o of open) await repo.closeIntent(o.seq, 'interrupted; reconciled by recovery');
    for (const row of await repo.devices(planId)) {
      const mine = journal.filter((j) => j.address === row.address);
      const action = await reconcileDevice(exec, deps, plan, row, mine, rollback);
      if (action) actions.push(`${row.address}: ${action}`);
    }
    const policyOpen = open.find((o) => o.step === 'policy');
    plan = await repo.getPlan(planId);
    if (rollback || policyOpen) {
      const rows = (await repo.devices(planId)).filter((d) => d.state === 'confirmed' || d.state === 'committed');
      const scope = rollback ? rows : rows.filter((d) => policyOpen!.intent.policy === 'rollback-all' || d.phaseIndex === policyOpen!.phaseIndex);
      for (const r of scope) actions.push(`${r.address}: ${await exec.restore(plan, r, rollback ? 'recovery policy: roll back' : `interrupted ${String(policyOpen!.intent.policy)}`)}`);
      const pending = (await repo.devices(planId)).filter((d) => !TERMINAL.has(d.state));
      for (const d of pending) await repo.outcome(await repo.intent(planId, d.phaseIndex, d.address, 'skip', { reason: 'rolled back by recovery' }), 'ok', {}, { state: 'skipped' });
      const summary = `recovered after a crash and rolled back: ${actions.join('; ') || 'nothing had changed'}`;
      await exec.outcome(planId, 0, null, 'recover', seq, 'ok', summary);
      await exec.setStatus(planId, 'rolled-back', summary);
      await deps.audit('rollout.recover', planId, { policy: 'rollback', actions });
      await repo.releaseRunner(planId);
      return { planId, actions, plan: await repo.getPlan(planId) };
    }
    await exec.outcome(planId, 0, null, 'recover', seq, 'ok', `reconciled: ${actions.join('; ') || 'no device was mid-change'}; resuming`);
    await deps.audit('rollout.recover', planId, { policy: 'resume', actions });
    await repo.setStatus(planId, 'paused', 'resuming after recovery');
  } finally {
    await repo.releaseRunner(planId);
  }
  const finished = await exec.run(planId);
  return { planId, actions, plan: finished };
}

async function reconcileDevice(exec: RolloutExecutor, deps: ExecutorDeps, plan: RolloutPlan, row: DeviceRow, mine: JournalEntry[], rollback: boolean): Promise<string | null> {
  const { repo } = deps;
  const lastBackup = mine.filter((j) => j.step === 'backup').at(-1);
  const lastCommit = mine.filter((j) => j.step === 'commit' && lastBackup !== undefined && j.seq > lastBackup.seq).at(-1);
  const mark = async (state: DeviceState, note: string) => {
    await repo.outcome(await repo.intent(plan.id, row.phaseIndex, row.address, 'reconcile', { found: row.state }), 'ok', { note }, { state });
    return note;
  };
  if (TERMINAL.has(row.state) && row.state !== 'confirmed') return null;
  if (row.state === 'confirmed') return null; // a confirmed change is kept on resume; rollback recovery restores it afterwards
  if (row.state === 'pending' && !lastBackup) return null;
  if (row.backup === null || !lastCommit) {
    // Never committed: the device is as it was. Start it again from the backup.
    return mark(rollback ? 'skipped' : 'pending', 'nothing was committed; the device is unchanged');
  }
  const deadlineMs = Number(lastCommit.intent.deadlineMs ?? 0);
  const untilMs = deadlineMs + REVERT_GRACE_SEC * deps.msPerSec;
  const session = new DeviceSession(() => deps.openDriver(row.address));
  try {
    const running = await readUntil(session, deps, untilMs);
    if (running === null) return mark('inconsistent', 'unreachable until past the revert deadline; state unknown');
    if (running === row.backup) {
      // Not applied, or its timer already reverted it: equal to the backup, so re-applying cannot double it.
      return mark(rollback ? 'reverted' : 'pending', 'running config equals the backup (never applied, or reverted by its timer)');
    }
    if (rollback) {
      await session.run((d) => d.rollback()).catch(() => undefined);
      return `carries the change; ${await exec.restore(plan, { ...row, state: 'committed' }, 'recovery policy: roll back')}`;
    }
    const confirmStarted = mine.some((j) => j.step === 'confirm' && j.seq > lastCommit.seq);
    if (confirmStarted && deps.now() > untilMs) {
      // The revert deadline passed and the change is still there: the confirm reached the device.
      return mark('confirmed', 'carries the change past its revert deadline: the confirm had reached the device');
    }
    // Live and unconfirmed (or unknown): gate it and confirm, then check that it stayed past the deadline.
    const baseline = (lastBackup?.result?.baseline as InterfaceState[] | null | undefined) ?? null;
    const state = await exec.gateAndConfirm(plan, row, session, row.backup, baseline, deadlineMs);
    if (state !== 'confirmed') return `carried the change unconfirmed; gates failed, ${state}`;
    const remaining = untilMs - deps.now();
    if (remaining > 0) await deps.sleep(remaining);
    const after = await readUntil(session, deps, deps.now() + REVERT_GRACE_SEC * deps.msPerSec);
    if (after === row.backup) return mark('pending', 'the confirm came too late and the timer reverted it; applying again');
    return 'carried the change unconfirmed; gates passed and it is confirmed';
  } finally {
    await session.close();
  }
}

async function readUntil(session: DeviceSession, deps: ExecutorDeps, untilMs: number): Promise<string | null> {
  for (;;) {
    try {
      return await session.run((d) => d.runningConfig());
    } catch {
      if (deps.now() >= untilMs) return null;
      await deps.sleep(Math.max(50, Math.min(2000, deps.msPerSec)));
    }
  }
}
