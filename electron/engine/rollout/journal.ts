import type { Selectable } from 'kysely';
import type { DeviceState, PlanStatus, RolloutPlan } from '../../../shared/api/rollout';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Store } from '../store/database';
import type { RolloutDevicesTable, RolloutJournalTable } from './rollout-migration';

/** Seals device configs at rest (the vault in the engine); identity in tests that do not care. */
export interface ConfigSealer {
  seal(plaintext: string, associatedData: string): string;
  open(blob: string, associatedData: string): string;
}

export const PLAIN_SEALER: ConfigSealer = { seal: (t) => t, open: (t) => t };

export interface DeviceRow {
  address: string;
  phaseIndex: number;
  state: DeviceState;
  /** Running config read before the change. */
  backup: string | null;
  /** Running config read right after the commit: what "applied" looks like. */
  expected: string | null;
  /** Unredacted rendered change, for the push. */
  change: string;
  diff: string | null;
  error: string | null;
}

export interface JournalEntry {
  seq: number;
  phaseIndex: number;
  address: string | null;
  step: string;
  intentAt: string;
  intent: Record<string, unknown>;
  outcome: 'ok' | 'failed' | 'skipped' | null;
  outcomeAt: string | null;
  result: Record<string, unknown> | null;
}

export type DevicePatch = Partial<Pick<DeviceRow, 'state' | 'backup' | 'expected' | 'diff' | 'error'>>;

/**
 * Plans, per-device state and the write-ahead journal, in the store. `intent()` commits its row BEFORE the caller
 * acts on a device; `outcome()` completes it afterwards — both in a transaction with the device-state change
 * they imply, so state and journal never disagree. A checkpoint hook runs after each write (fault injection).
 */
export class RolloutRepo {
  constructor(
    private readonly store: Store,
    private readonly sealer: ConfigSealer = PLAIN_SEALER,
    private readonly checkpoint: (label: string) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private ad(planId: string, address: string, what: string): string {
    return `rollout:${planId}:${address}:${what}`;
  }

  async insertPlan(plan: RolloutPlan, changes: ReadonlyMap<string, string>): Promise<void> {
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('rollout_plans')
        .values({
          id: plan.id, created_at: plan.createdAt, created_by: plan.createdBy, updated_at: at, status: plan.status, template_name: plan.template.name,
          approved_by: plan.approvedBy, approved_at: plan.approvedAt, plan_json: JSON.stringify(plan), result_json: null, control: null, runner_pid: null, heartbeat_at: null,
        })
        .execute();
      for (const d of plan.devices) {
        await trx
          .insertInto('rollout_devices')
          .values({
            plan_id: plan.id, address: d.address, phase_index: d.phaseIndex, state: d.state, backup_config: null,
            expected_config: this.sealer.seal(JSON.stringify({ change: changes.get(d.address) ?? '', expected: null }), this.ad(plan.id, d.address, 'change')),
            diff: d.diff, error: d.error, updated_at: at,
          })
          .execute();
      }
    });
  }

  async getPlan(id: string): Promise<RolloutPlan> {
    const row = await this.store.db.selectFrom('rollout_plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new RoutewiseError('not-found', `no rollout plan ${id.slice(0, 64)}`);
    const plan = JSON.parse(row.plan_json) as RolloutPlan;
    const devices = new Map((await this.store.db.selectFrom('rollout_devices').selectAll().where('plan_id', '=', id).execute()).map((d) => [d.address, d]));
    return {
      ...plan,
      status: row.status as PlanStatus,
      approvedBy: row.approved_by,
      approvedAt: row.approved_at,
      summary: row.result_json ? (JSON.parse(row.result_json) as { summary: string }).summary : null,
      devices: plan.devices.map((d) => {
        const r = devices.get(d.address);
        return r ? { ...d, state: r.state as DeviceState, error: r.error, diff: d.diff ?? r.diff } : d;
      }),
    };
  }

  async listPlans(limit: number) {
    return this.store.db.selectFrom('rollout_plans').select(['id', 'status', 'created_at', 'created_by', 'approved_by', 'template_name', 'plan_json', 'result_json']).orderBy('created_at', 'desc').limit(limit).execute();
  }

  async unfinishedPlanIds(): Promise<Array<{ id: string; runnerPid: number | null; status: PlanStatus }>> {
    const rows = await this.store.db.selectFrom('rollout_plans').select(['id', 'runner_pid', 'status']).where('status', 'in', ['running', 'interrupted']).execute();
    return rows.map((r) => ({ id: r.id, runnerPid: r.runner_pid, status: r.status as PlanStatus }));
  }

  async setStatus(id: string, status: PlanStatus, summary?: string): Promise<void> {
    await this.store.db
      .updateTable('rollout_plans')
      .set({ status, updated_at: this.now().toISOString(), ...(summary !== undefined ? { result_json: JSON.stringify({ summary }) } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async approve(id: string, by: string): Promise<void> {
    const at = this.now().toISOString();
    await this.store.db.updateTable('rollout_plans').set({ status: 'approved', approved_by: by, approved_at: at, updated_at: at }).where('id', '=', id).execute();
  }

  /** Marks this process as the plan's runner; refuses when another live process runs it. */
  async claimRunner(id: string, pid: number, isAlive: (pid: number) => boolean): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('rollout_plans').select(['runner_pid', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
      if (row.status === 'running' && row.runner_pid !== null && row.runner_pid !== pid && isAlive(row.runner_pid)) {
        throw new RoutewiseError('conflict', `plan ${id} is being run by process ${row.runner_pid}`);
      }
      await trx.updateTable('rollout_plans').set({ runner_pid: pid, heartbeat_at: this.now().toISOString(), control: null }).where('id', '=', id).execute();
    });
  }

  async releaseRunner(id: string): Promise<void> {
    await this.store.db.updateTable('rollout_plans').set({ runner_pid: null }).where('id', '=', id).execute();
  }

  async setControl(id: string, control: 'pause' | 'abort' | null): Promise<void> {
    await this.store.db.updateTable('rollout_plans').set({ control }).where('id', '=', id).execute();
  }

  async control(id: string): Promise<'pause' | 'abort' | null> {
    const r = await this.store.db.selectFrom('rollout_plans').select('control').where('id', '=', id).executeTakeFirst();
    return (r?.control as 'pause' | 'abort' | null | undefined) ?? null;
  }

  async devices(planId: string): Promise<DeviceRow[]> {
    const rows = await this.store.db.selectFrom('rollout_devices').selectAll().where('plan_id', '=', planId).execute();
    return rows.map((r) => this.toDevice(r));
  }

  async device(planId: string, address: string): Promise<DeviceRow> {
    const r = await this.store.db.selectFrom('rollout_devices').selectAll().where('plan_id', '=', planId).where('address', '=', address).executeTakeFirstOrThrow();
    return this.toDevice(r);
  }

  private toDevice(r: RolloutDevicesTable): DeviceRow {
    const open = (v: string | null, what: string) => (v === null ? null : this.sealer.open(v, this.ad(r.plan_id, r.address, what)));
    // expected_config holds the sealed change until the commit, then {change, expected}.
    const packed = JSON.parse(open(r.expected_config, 'change') ?? '""') as string | { change: string; expected: string | null };
    return {
      address: r.address,
      phaseIndex: r.phase_index,
      state: r.state as DeviceState,
      backup: open(r.backup_config, 'backup'),
      change: typeof packed === 'string' ? packed : packed.change,
      expected: typeof packed === 'string' ? null : packed.expected,
      diff: r.diff,
      error: r.error,
    };
  }

  /** Writes the intent row (and an optional device patch) in one transaction; returns its seq. */
  async intent(planId: string, phaseIndex: number, address: string | null, step: string, intent: Record<string, unknown> = {}, patch?: DevicePatch): Promise<number> {
    const seq = await this.store.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('rollout_journal')
        .values({ plan_id: planId, phase_index: phaseIndex, address, step, intent_at: this.now().toISOString(), intent_json: JSON.stringify(intent), outcome: null, outcome_at: null, outcome_json: null })
        .returning('seq')
        .executeTakeFirstOrThrow();
      if (address && patch) await this.applyPatch(trx, planId, address, patch);
      await trx.updateTable('rollout_plans').set({ heartbeat_at: this.now().toISOString() }).where('id', '=', planId).execute();
      return r.seq;
    });
    this.checkpoint(`intent ${step} ${address ?? ''}`);
    return seq;
  }

  /** Completes an intent with what happened, and applies the device patch in the same transaction. */
  async outcome(seq: number, outcome: 'ok' | 'failed' | 'skipped', result: Record<string, unknown> = {}, patch?: DevicePatch): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('rollout_journal').select(['plan_id', 'address']).where('seq', '=', seq).executeTakeFirstOrThrow();
      await trx.updateTable('rollout_journal').set({ outcome, outcome_at: this.now().toISOString(), outcome_json: JSON.stringify(result) }).where('seq', '=', seq).execute();
      if (row.address && patch) await this.applyPatch(trx, row.plan_id, row.address, patch);
    });
    this.checkpoint(`outcome ${seq}`);
  }

  /** A fault-injection point between an action on a device and the write of its outcome. */
  acted(label: string): void {
    this.checkpoint(`acted ${label}`);
  }

  private async applyPatch(trx: Parameters<Parameters<ReturnType<Store['db']['transaction']>['execute']>[0]>[0], planId: string, address: string, patch: DevicePatch): Promise<void> {
    const set: Partial<RolloutDevicesTable> = { updated_at: this.now().toISOString() };
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.error !== undefined) set.error = patch.error;
    if (patch.diff !== undefined) set.diff = patch.diff;
    if (patch.backup !== undefined) set.backup_config = patch.backup === null ? null : this.sealer.seal(patch.backup, this.ad(planId, address, 'backup'));
    if (patch.expected !== undefined) {
      const cur = await trx.selectFrom('rollout_devices').select('expected_config').where('plan_id', '=', planId).where('address', '=', address).executeTakeFirstOrThrow();
      const packed = JSON.parse(cur.expected_config === null ? '""' : this.sealer.open(cur.expected_config, this.ad(planId, address, 'change'))) as string | { change: string };
      const change = typeof packed === 'string' ? packed : packed.change;
      set.expected_config = this.sealer.seal(JSON.stringify({ change, expected: patch.expected }), this.ad(planId, address, 'change'));
    }
    await trx.updateTable('rollout_devices').set(set).where('plan_id', '=', planId).where('address', '=', address).execute();
  }

  async journal(planId: string): Promise<JournalEntry[]> {
    const rows = await this.store.db.selectFrom('rollout_journal').selectAll().where('plan_id', '=', planId).orderBy('seq', 'asc').execute();
    return rows.map(toEntry);
  }

  async unfinishedIntents(planId: string): Promise<JournalEntry[]> {
    const rows = await this.store.db.selectFrom('rollout_journal').selectAll().where('plan_id', '=', planId).where('outcome', 'is', null).orderBy('seq', 'asc').execute();
    return rows.map(toEntry);
  }

  /** Closes an intent that recovery has dealt with, saying how. */
  async closeIntent(seq: number, note: string): Promise<void> {
    await this.outcome(seq, 'skipped', { recovered: note });
  }
}

function toEntry(r: Selectable<RolloutJournalTable>): JournalEntry {
  return {
    seq: r.seq,
    phaseIndex: r.phase_index,
    address: r.address,
    step: r.step,
    intentAt: r.intent_at,
    intent: JSON.parse(r.intent_json) as Record<string, unknown>,
    outcome: r.outcome as JournalEntry['outcome'],
    outcomeAt: r.outcome_at,
    result: r.outcome_json === null ? null : (JSON.parse(r.outcome_json) as Record<string, unknown>),
  };
}
