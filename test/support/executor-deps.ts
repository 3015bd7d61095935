import { isProcessAlive } from '../../electron/engine/lab/lab-state-file';
import type { ExecutorDeps } from '../../electron/engine/rollout/executor';
import { openSnmpSession } from '../../electron/engine/snmp/snmp-session';

/**
 * The rollout executor's dependencies as tests and benches wire them: this process, the real clock, no redaction,
 * no audit or events unless given. Pass what the test is about (repo, drivers, probes, actor, clock speed).
 */
export function executorDeps(given: Pick<ExecutorDeps, 'repo' | 'openDriver' | 'actor'> & Partial<ExecutorDeps>): ExecutorDeps {
  return {
    probes: {},
    audit: async () => undefined,
    emitStep: () => undefined,
    emitStatus: () => undefined,
    msPerSec: 1000,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    pid: process.pid,
    isAlive: isProcessAlive,
    redact: (t) => t,
    ...given,
  };
}

/** The real SNMP reachability gate: sysUpTime.0 from the device's agent over v2c. */
export function snmpReachableGate(
  community: string,
  snmpPortOf: (address: string) => number,
  timing: { timeoutMs: number; retries: number } = { timeoutMs: 1500, retries: 0 },
): (address: string) => Promise<boolean> {
  return async (address) => {
    const s = openSnmpSession({ host: address, port: snmpPortOf(address) }, { id: 'lab-snmp', kind: 'snmp-v2c', label: 'lab', community }, timing);
    try {
      return (await s.get(['1.3.6.1.2.1.1.3.0'])).length === 1;
    } catch {
      return false;
    } finally {
      s.close();
    }
  };
}
