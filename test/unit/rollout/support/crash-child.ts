/**
 * Runs one plan's executor against the scripted devices in <dir>, and SIGKILLs itself at the Nth journal
 * checkpoint (an intent written, an action done, an outcome written). Used by the crash-recovery test.
 * argv: dir planId killAt
 */
import { openHarness } from './harness';

const [dir, planId, killAtText] = process.argv.slice(2);
const killAt = Number(killAtText);
let n = 0;
const h = await openHarness(dir!, () => {
  n++;
  if (n === killAt) process.kill(process.pid, 'SIGKILL');
});
const plan = await h.exec.run(planId!);
await h.close();
process.stdout.write(`${JSON.stringify({ status: plan.status, checkpoints: n })}\n`);
