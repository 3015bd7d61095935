import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanRequest } from '../../../shared/api/rollout';
import { createEngine } from '../../../electron/engine/engine';
import { RolloutRepo } from '../../../electron/engine/rollout/journal';
import { buildPlan } from '../../../electron/engine/rollout/plan';
import { resolveTemplate } from '../../../electron/engine/rollout/templates/template-library';
import { AuditChain } from '../../../electron/engine/store/audit-chain';
import { makeTempDir } from '../../support/temp-dir';

const BIN = path.resolve(__dirname, '../../../bin/routewise.mjs');
const DEVICES = ['127.54.9.1', '127.54.9.2'];

function cli(dataDir: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** A pid that is certainly dead: a child that has exited and been reaped. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

describe('the CLI recovers interrupted rollouts at the start of any rollout command', () => {
  it('`rollout status` reconciles a plan whose runner died (rollback policy), and leaves a plan with a live runner alone', { timeout: 120_000 }, async () => {
    const tmp = makeTempDir('routewise-cli-recovery-');
    try {
      // Plans stored the way the engine stores them (changes sealed with its vault key), as an earlier CLI run would.
      const engine = await createEngine({ dataDir: tmp.dir, host: 'test', log: () => undefined });
      const repo = new RolloutRepo(engine.ctx.store, engine.ctx.vault);
      const inventory = DEVICES.map((address, i) => ({ deviceId: `d${i}`, address, port: 16161, label: `r${i}`, platform: 'iosxe' as const, segment: null, credentialId: null, sshCredentialId: null }));
      const makePlan = async () => {
        const opts = PlanRequest.parse({ template: 'ntp', params: { servers: ['192.0.2.1'] }, targets: 'all', pilot: `device:${DEVICES[0]}`, waves: ['100%'], recovery: 'rollback', diffNow: false });
        const built = await buildPlan(opts, { template: resolveTemplate(tmp.dir, 'ntp'), inventory, segments: [], actor: 'test' });
        await repo.insertPlan(built.plan, built.changes);
        await repo.approve(built.plan.id, 'test');
        return built.plan.id;
      };
      let orphan: string;
      let live: string;
      try {
        orphan = await makePlan();
        live = await makePlan();
        // Both look like plans in the middle of a run: one's runner is gone (kill -9), the other's is this process.
        await repo.claimRunner(orphan, deadPid(), () => false);
        await repo.setStatus(orphan, 'running');
        await repo.claimRunner(live, process.pid, () => false);
        await repo.setStatus(live, 'running');
      } finally {
        await engine.close();
      }

      const r = cli(tmp.dir, ['--json', 'rollout', 'status']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`recovered interrupted plan ${orphan}: now rolled-back`);
      expect(r.stderr).not.toContain(live);
      const { plans } = JSON.parse(r.stdout) as { plans: Array<{ id: string; status: string; summary: string | null }> };
      expect(plans.find((p) => p.id === orphan)).toMatchObject({ status: 'rolled-back', summary: expect.stringContaining('recovered after a crash') });
      expect(plans.find((p) => p.id === live)!.status).toBe('running');

      const after = await createEngine({ dataDir: tmp.dir, host: 'test', log: () => undefined });
      try {
        const repo2 = new RolloutRepo(after.ctx.store, after.ctx.vault);
        const journal = await repo2.journal(orphan);
        expect(journal.filter((j) => j.step === 'recover').map((j) => j.outcome)).toEqual(['ok']);
        expect((await repo2.devices(orphan)).map((d) => d.state)).toEqual(['skipped', 'skipped']);
        expect((await new AuditChain(after.ctx.store).list(100)).some((e) => e.action === 'rollout.recover' && e.subject === orphan)).toBe(true);
        expect(await repo2.journal(live)).toEqual([]);
      } finally {
        await after.close();
      }

      // Nothing left to recover: the next command says nothing about recovery.
      const again = cli(tmp.dir, ['--json', 'rollout', 'templates']);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).not.toContain('recovered interrupted plan');
    } finally {
      tmp.cleanup();
    }
  });
});
