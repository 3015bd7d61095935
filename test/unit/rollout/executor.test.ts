import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { type Harness, makePlan, openHarness, writeDevices } from './support/harness';

const A = ['127.22.0.1', '127.22.0.2', '127.22.0.3', '127.22.0.4', '127.22.0.5'];
const boot = (a: string) => `hostname ${a}\ninterface eth0\n`;
const applied = (a: string) => `${boot(a)}ntp server 192.0.2.1\n`;

describe('rollout executor (scripted devices)', () => {
  let tmp: { dir: string; cleanup: () => void };
  let h: Harness;
  beforeEach(async () => {
    tmp = makeTempDir('routewise-rollout-');
  });
  afterEach(async () => {
    await h?.close();
    tmp.cleanup();
  });

  it('pilot then waves: every device backed up, committed with a timer, gated, confirmed; every step journaled and audited', async () => {
    const states = writeDevices(tmp.dir, Object.fromEntries(A.map((a) => [a, {}])));
    h = await openHarness(tmp.dir);
    const id = await makePlan(h, A);
    const plan = await h.repo.getPlan(id);
    expect(plan.phases.map((p) => p.devices.length)).toEqual([1, 2, 2]);
    expect(plan.devices[0]!.diff).toBe('+ntp server 192.0.2.1\n');
    const done = await h.exec.run(id);
    expect(done.status).toBe('completed');
    expect(done.devices.map((d) => d.state)).toEqual(A.map(() => 'confirmed'));
    const s = states.read();
    for (const a of A) {
      expect(s[a]!.running).toBe(applied(a));
      expect(s[a]!.pending).toBeNull();
      expect(s[a]!.commits).toBe(1);
      expect(s[a]!.confirms).toBe(1);
    }
    const journal = await h.repo.journal(id);
    expect(journal.every((j) => j.outcome !== null)).toBe(true);
    // Phases run in order: the pilot's confirm precedes any wave-1 commit.
    const pilotConfirm = journal.find((j) => j.step === 'confirm' && j.address === A[0])!.seq;
    expect(journal.filter((j) => j.step === 'commit' && j.address !== A[0]).every((j) => j.seq > pilotConfirm)).toBe(true);
    expect(journal.filter((j) => j.address === A[1]).map((j) => j.step)).toEqual(['backup', 'load', 'commit', 'gates', 'confirm']);
    const audit = await h.audit.list(100);
    expect(audit.filter((e) => e.action === 'rollout.commit').map((e) => e.subject).sort()).toEqual([...A].sort());
    expect(audit.find((e) => e.action === 'rollout.commit')!.details).toMatchObject({ diff: '+ntp server 192.0.2.1\n' });
    expect((await h.audit.verify()).intact).toBe(true);
    expect(h.steps.some((e) => e.step === 'confirm' && e.outcome === 'ok')).toBe(true);
    expect(h.statuses.at(-1)!.status).toBe('completed');
  });

  it('a pilot that fails its gate halts the plan; the pilot is rolled back and equals its backup byte for byte; nobody else is touched', async () => {
    const states = writeDevices(tmp.dir, Object.fromEntries(A.map((a, i) => [a, i === 0 ? { unhealthyWhenChanged: true } : {}])));
    h = await openHarness(tmp.dir);
    const id = await makePlan(h, A);
    const done = await h.exec.run(id);
    expect(done.status).toBe('halted');
    expect(done.summary).toContain('pilot failed: 1 of 1');
    expect(done.devices[0]!.state).toBe('reverted');
    expect(done.devices[0]!.error).toContain('show: FAILED');
    const s = states.read();
    expect(s[A[0]!]!.running).toBe(boot(A[0]!));
    expect(s[A[0]!]!.confirms).toBe(0);
    for (const a of A.slice(1)) expect(s[a]!.commits).toBe(0);
    expect(done.devices.slice(1).map((d) => d.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });

  it('a pilot that goes dark after the commit is restored by its own timer, and the executor verifies it', async () => {
    const states = writeDevices(tmp.dir, Object.fromEntries(A.slice(0, 2).map((a, i) => [a, i === 0 ? { darkWhenChanged: true } : {}])));
    h = await openHarness(tmp.dir);
    const id = await makePlan(h, A.slice(0, 2));
    const done = await h.exec.run(id);
    expect(done.status).toBe('halted');
    expect(done.devices[0]!.state).toBe('reverted');
    const journal = await h.repo.journal(id);
    expect(journal.find((j) => j.step === 'rollback')!.result!.message).toContain("waiting for the device's own revert timer");
    expect(journal.find((j) => j.step === 'verify')!.outcome).toBe('ok');
    expect(states.read()[A[0]!]!.running).toBe(boot(A[0]!));
  });

  it('an already compliant device is left alone (unchanged, no commit)', async () => {
    const states = writeDevices(tmp.dir, { [A[0]!]: { running: applied(A[0]!), boot: applied(A[0]!) }, [A[1]!]: {} });
    h = await openHarness(tmp.dir);
    const done = await h.exec.run(await makePlan(h, A.slice(0, 2)));
    expect(done.devices.map((d) => d.state)).toEqual(['unchanged', 'confirmed']);
    expect(states.read()[A[0]!]!.commits).toBe(0);
  });

  it('a plan must be approved before it runs', async () => {
    writeDevices(tmp.dir, { [A[0]!]: {} });
    h = await openHarness(tmp.dir);
    const id = await makePlan(h, A.slice(0, 1));
    await h.repo.setStatus(id, 'draft');
    await expect(h.exec.run(id)).rejects.toThrow(/not approved/);
  });

  it('pause stops before the next device; resume finishes; abort stops for good', async () => {
    writeDevices(tmp.dir, Object.fromEntries(A.map((a) => [a, {}])));
    h = await openHarness(tmp.dir);
    const id = await makePlan(h, A);
    await h.repo.setControl(id, 'pause');
    // claimRunner clears the control flag for a fresh run, so request the pause from inside: after the pilot's confirm.
    const orig = h.deps.audit;
    h.deps.audit = async (action, subject, details) => {
      await orig(action, subject, details);
      if (action === 'rollout.confirm' && subject === A[0]) await h.repo.setControl(id, 'pause');
    };
    let p = await h.exec.run(id);
    expect(p.status).toBe('paused');
    expect(p.devices.map((d) => d.state)).toEqual(['confirmed', 'pending', 'pending', 'pending', 'pending']);
    h.deps.audit = orig;
    p = await h.exec.run(id);
    expect(p.status).toBe('completed');

    writeDevices(tmp.dir, Object.fromEntries(A.map((a) => [a, {}])));
    const id2 = await makePlan(h, A.slice(0, 2));
    h.deps.audit = async (action, subject, details) => {
      await orig(action, subject, details);
      if (action === 'rollout.commit') await h.repo.setControl(id2, 'abort');
    };
    p = await h.exec.run(id2);
    expect(p.status).toBe('aborted');
    // The pilot was committed when the abort came: it is rolled back, not confirmed.
    expect(p.devices[0]!.state).toBe('reverted');
  });
});

describe('failure threshold and policies (wave of 4 after a pilot)', () => {
  let tmp: { dir: string; cleanup: () => void };
  let h: Harness;
  beforeEach(() => {
    tmp = makeTempDir('routewise-rollout-');
  });
  afterEach(async () => {
    await h?.close();
    tmp.cleanup();
  });

  // Devices 1..5: pilot = 1, wave 1 = 2..5 (waves 100%). `bad` devices fail their gate.
  async function run(bad: string[], overrides: Parameters<typeof makePlan>[2]) {
    const states = writeDevices(tmp.dir, Object.fromEntries(A.map((a) => [a, bad.includes(a) ? { unhealthyWhenChanged: true } : {}])));
    h = await openHarness(tmp.dir);
    const done = await h.exec.run(await makePlan(h, A, { waves: ['100%'], ...overrides }));
    return { done, states: states.read() };
  }

  it('count 1: one failed device in the wave is at the threshold and passes', async () => {
    const { done } = await run([A[2]!], { failureThreshold: { count: 1 } });
    expect(done.status).toBe('completed');
    expect(done.devices.map((d) => d.state)).toEqual(['confirmed', 'confirmed', 'reverted', 'confirmed', 'confirmed']);
  });

  it('count 1: two failed devices exceed it; halt keeps the confirmed ones', async () => {
    const { done, states } = await run([A[1]!, A[2]!], { failureThreshold: { count: 1 }, failurePolicy: 'halt' });
    expect(done.status).toBe('halted');
    expect(done.summary).toContain('wave 1 failed: 2 of 4');
    for (const a of [A[1]!, A[2]!]) expect(states[a]!.running).toBe(boot(a));
    expect(states[A[0]!]!.running).toBe(applied(A[0]!));
  });

  it('percent 25: 1 of 4 passes (exactly 25 %), 2 of 4 fail', async () => {
    expect((await run([A[4]!], { failureThreshold: { percent: 25 } })).done.status).toBe('completed');
    await h.close();
    tmp.cleanup();
    tmp = makeTempDir('routewise-rollout-');
    expect((await run([A[3]!, A[4]!], { failureThreshold: { percent: 25 } })).done.status).toBe('halted');
  });

  it('rollback-phase restores the confirmed devices of the failed wave only', async () => {
    const { done, states } = await run([A[3]!, A[4]!], { failureThreshold: { count: 1 }, failurePolicy: 'rollback-phase' });
    expect(done.status).toBe('rolled-back');
    expect(states[A[0]!]!.running).toBe(applied(A[0]!));
    for (const a of A.slice(1)) expect(states[a]!.running).toBe(boot(a));
    expect(done.devices.map((d) => d.state)).toEqual(['confirmed', 'rolled-back', 'rolled-back', 'reverted', 'reverted']);
  });

  it('with concurrency 1 a wave stops starting devices once the threshold is exceeded', async () => {
    const { done, states } = await run([A[1]!, A[2]!], { failureThreshold: { count: 1 } });
    expect(done.devices.map((d) => d.state)).toEqual(['confirmed', 'reverted', 'reverted', 'pending', 'pending']);
    expect(states[A[3]!]!.commits).toBe(0);
  });

  it('rollback-all restores every confirmed device, the pilot too', async () => {
    const { done, states } = await run([A[1]!, A[2]!], { failureThreshold: { count: 1 }, failurePolicy: 'rollback-all', concurrency: 4 });
    expect(done.status).toBe('rolled-back');
    for (const a of A) expect(states[a]!.running).toBe(boot(a));
    for (const a of A) expect(states[a]!.pending).toBeNull();
  });
});
