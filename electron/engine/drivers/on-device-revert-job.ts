import type { ExecResult } from '../ssh/ssh-session';
import type { CliTransport } from './cli-transport';
import { driverError } from './driver-errors';
import { shQuote } from './sh-quote';

/**
 * The emulated commit-confirm of a Linux host (FRR, HAProxy/nginx): a detached `sleep N; sh revert.sh` job in
 * stateDir, started before the change so the host reverts by itself when Routewise is gone. The driver writes
 * revert.sh; this schedules, cancels (confirm) or runs it at once (rollback). The job's process group id is in
 * revert.pid, which the job removes itself once it has run.
 */
export class OnDeviceRevertJob {
  constructor(
    private readonly cli: CliTransport,
    /** The state directory as a shell word (quoted where it needs to be). */
    private readonly dir: string,
    private readonly sh: (command: string) => Promise<ExecResult>,
  ) {}

  async schedule(revertAfterSec: number): Promise<void> {
    const delay = Math.max(1, Math.round(revertAfterSec));
    const job = await this.sh(
      `nohup setsid sh -c ${shQuote(`sleep ${delay}; sh ${this.dir}/revert.sh > ${this.dir}/revert.log 2>&1; rm -f ${this.dir}/revert.pid`)} > /dev/null 2>&1 < /dev/null & echo $! > ${this.dir}/revert.pid; cat ${this.dir}/revert.pid`,
    );
    if (!/^\d+$/.test(job.stdout.trim())) throw driverError('unsupported', this.cli, 'schedule revert', `this host cannot start the revert job: ${(job.stdout + job.stderr).slice(0, 200)}`);
  }

  /** Kills the pending job; fails when it is no longer pending (it may have run already). */
  async cancel(): Promise<void> {
    const r = await this.sh(`pid=$(cat ${this.dir}/revert.pid 2>/dev/null) && kill -- -"$pid" && rm -f ${this.dir}/revert.pid && echo cancelled`);
    if (!r.stdout.includes('cancelled')) throw driverError('commit-failed', this.cli, 'kill revert job', 'the revert job is no longer pending (it may have run already)');
  }

  /** Kills the job if it still waits and runs the revert script now. */
  async runNow(): Promise<void> {
    const r = await this.sh(`pid=$(cat ${this.dir}/revert.pid 2>/dev/null); [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null; rm -f ${this.dir}/revert.pid; sh ${this.dir}/revert.sh && echo reverted`);
    if (!r.stdout.includes('reverted')) throw driverError('commit-failed', this.cli, 'revert.sh', `the revert script failed: ${(r.stdout + r.stderr).slice(0, 300)}`);
  }
}
