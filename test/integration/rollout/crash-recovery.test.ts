import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverPlan } from '../../../electron/engine/rollout/recover';
import { makeTempDir } from '../../support/temp-dir';
import { makePlan, openHarness, writeDevices } from '../../unit/rollout/support/harness';
import type { ScriptedState } from '../../unit/rollout/support/scripted-driver';

const CHILD = path.resolve(__dirname, '../../unit/rollout/support/crash-child.ts');
const DEVICES = ['127.22.9.1', '127.22.9.2', '127.22.9.3'];
const boot = (a: string) => `hostname ${a}\ninterface eth0\n`;
const applied = (a: string) => `${boot(a)}ntp server 192.0.2.1\n`;

/** Pilot .1 (healthy); wave: .2 healthy, .3 fails its gate — one failure is within the threshold (count 1). */
async function setUp(dir: string, recovery: 'resume' | 'rollback'): Promise<string> {
  writeDevices(dir, { [DEVICES[0]!]: {}, [DEVICES[1]!]: {}, [DEVICES[2]!]: { unhealthyWhenChanged: true } });
  const h = await openHarness(dir);
  try {
    return await makePlan(h, DEVICES, { waves: ['100%'], failureThreshold: { count: 1 }, recovery });
  } finally {
    await h.close();
  }
}

function runChild(dir: string, planId: string, killAt: number): { killed: boolean; out: string } {
  // node --import tsx, not the tsx wrapper: the test must see the SIGKILL itself, not a wrapper's exit code.
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dir, planId, String(killAt)], { encoding: 'utf8', timeout: 60_000 });
  if (r.signal !== 'SIGKILL' && r.status !== 0) throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr}`);
  return { killed: r.signal === 'SIGKILL', out: r.stdout };
}

async function recoverAndCheck(dir: string, planId: string, recovery: 'resume' | 'rollback', killAt: number): Promise<string> {
  const h = await openHarness(dir);
  try {
    const unfinished = await h.repo.unfinishedPlanIds();
    expect(unfinished.map((u) => u.id), `kill at ${killAt}: the plan is found unfinished`).toEqual([planId]);
    const report = await recoverPlan(h.exec, h.deps, planId);
    const plan = report.plan;
    const states = JSON.parse(fs.readFileSync(path.join(dir, 'devices.json'), 'utf8')) as ScriptedState;
    const where = `kill at checkpoint ${killAt}`;
    // Consistent: no revert pending anywhere, every device either fully applied+confirmed or equal to its backup.
    for (const a of DEVICES) {
      const d = states[a]!;
      expect(d.pending, `${where}: ${a} has no pending commit`).toBeNull();
      expect([boot(a), applied(a)], `${where}: ${a} is applied or equal to its backup`).toContain(d.running);
      const state = plan.devices.find((x) => x.address === a)!.state;
      if (d.running === applied(a)) expect(state, `${where}: ${a} carries the change, so it is confirmed`).toBe('confirmed');
      else expect(['reverted', 'rolled-back', 'skipped', 'pending'], `${where}: ${a} equals its backup`).toContain(state);
    }
    expect(states[DEVICES[2]!]!.running, `${where}: the unhealthy device never keeps the change`).toBe(boot(DEVICES[2]!));
    if (recovery === 'resume') {
      expect(plan.status, where).toBe('completed');
      expect(states[DEVICES[0]!]!.running, where).toBe(applied(DEVICES[0]!));
      expect(states[DEVICES[1]!]!.running, where).toBe(applied(DEVICES[1]!));
    } else {
      expect(plan.status, where).toBe('rolled-back');
      for (const a of DEVICES) expect(states[a]!.running, `${where}: ${a} restored`).toBe(boot(a));
    }
    // Reported: a summary, the recovery in the journal and audit chain, and no intent left open.
    expect(plan.summary, where).toBeTruthy();
    expect((await h.repo.unfinishedIntents(planId)).length, where).toBe(0);
    const journal = await h.repo.journal(planId);
    expect(journal.some((j) => j.step === 'recover' && j.outcome === 'ok'), where).toBe(true);
    expect((await h.audit.list(500)).some((e) => e.action === 'rollout.recover'), where).toBe(true);
    return plan.status;
  } finally {
    await h.close();
  }
}

async function killAtEveryStep(recovery: 'resume' | 'rollback'): Promise<number> {
  let killAt = 1;
  for (;;) {
    const tmp = makeTempDir('routewise-crash-');
    try {
      const planId = await setUp(tmp.dir, recovery);
      const r = runChild(tmp.dir, planId, killAt);
      if (!r.killed) {
        // The run finished before reaching this checkpoint: every checkpoint has been killed once.
        const { status, checkpoints } = JSON.parse(r.out) as { status: string; checkpoints: number };
        expect(status).toBe('completed');
        expect(checkpoints).toBe(killAt - 1);
        return checkpoints;
      }
      await recoverAndCheck(tmp.dir, planId, recovery, killAt);
    } finally {
      tmp.cleanup();
    }
    killAt++;
  }
}

describe('crash recovery: the executor is SIGKILLed at each journal checkpoint in turn, then the engine recovers', () => {
  it('resume policy: every kill ends consistent and completed', { timeout: 900_000 }, async () => {
    const checkpoints = await killAtEveryStep('resume');
    // 3 devices × (backup, load, commit, gates, confirm | rollback, verify) × (intent, act, outcome) + phases.
    expect(checkpoints).toBeGreaterThan(40);
  });

  it('rollback policy: every kill ends consistent with every device equal to its backup', { timeout: 900_000 }, async () => {
    expect(await killAtEveryStep('rollback')).toBeGreaterThan(40);
  });
});
