import type { GateConfig } from '../../../shared/api/rollout';
import type { Driver, InterfaceState } from '../drivers/driver';
import { backendHealthGate, latencyGate } from './data-plane-gates';

export interface GateResult {
  gate: 'snmp-reachable' | 'interfaces-up' | 'cpu' | 'threats' | 'show' | 'backend-health' | 'latency';
  ok: boolean;
  /** Not evaluated (e.g. no threats store); a skipped gate does not fail the device, and its reason is recorded. */
  skipped?: boolean;
  detail: string;
}

/** What gates may ask about a device besides its driver; each is optional, and an absent one skips its gate. */
export interface GateProbes {
  /** SNMP get of sysUpTime with the device's credential; resolves true when it answers. */
  snmpReachable?(address: string): Promise<boolean>;
  /** HOST-RESOURCES-MIB hrProcessorLoad, averaged over processors; undefined when the device does not report it. */
  cpuPercent?(address: string): Promise<number | undefined>;
  /** Critical insights for the device since a time; null when there is no threats store. */
  criticalInsightsSince?(address: string, sinceMs: number): Promise<number | null>;
}

export interface GateInput {
  address: string;
  driver: () => Promise<Driver>;
  /** Interfaces before the change (for interfaces-up). */
  baseline: InterfaceState[] | null;
  changedAtMs: number;
}

async function guard(gate: GateResult['gate'], fn: () => Promise<GateResult>): Promise<GateResult> {
  try {
    return await fn();
  } catch (err) {
    return { gate, ok: false, detail: `${gate} check failed: ${(err as Error).message.slice(0, 300)}` };
  }
}

/** Runs every configured gate; the device passes when none failed. Order: reachability first, the rest after. */
export async function runGates(cfg: GateConfig, input: GateInput, probes: GateProbes): Promise<GateResult[]> {
  const out: GateResult[] = [];
  if (cfg.snmpReachable) {
    out.push(
      probes.snmpReachable
        ? await guard('snmp-reachable', async () => {
            const ok = await probes.snmpReachable!(input.address);
            return { gate: 'snmp-reachable', ok, detail: ok ? 'answers SNMP' : 'does not answer SNMP' };
          })
        : { gate: 'snmp-reachable', ok: true, skipped: true, detail: 'skipped: no SNMP credential for this device' },
    );
  }
  if (cfg.interfacesStayUp) {
    out.push(
      input.baseline === null
        ? { gate: 'interfaces-up', ok: true, skipped: true, detail: 'skipped: interfaces could not be read before the change' }
        : await guard('interfaces-up', async () => {
            const now = new Map((await (await input.driver()).interfaces()).map((i) => [i.name, i]));
            const lost = input.baseline!.filter((i) => i.operUp && !now.get(i.name)?.operUp).map((i) => i.name);
            return lost.length === 0
              ? { gate: 'interfaces-up', ok: true, detail: `${input.baseline!.filter((i) => i.operUp).length} interface(s) that were up are still up` }
              : { gate: 'interfaces-up', ok: false, detail: `went down: ${lost.slice(0, 20).join(', ')}` };
          }),
    );
  }
  if (cfg.cpuMaxPercent !== undefined) {
    const limit = cfg.cpuMaxPercent;
    out.push(
      probes.cpuPercent
        ? await guard('cpu', async () => {
            const cpu = await probes.cpuPercent!(input.address);
            if (cpu === undefined) return { gate: 'cpu', ok: true, skipped: true, detail: 'skipped: the device reports no hrProcessorLoad' };
            return { gate: 'cpu', ok: cpu < limit, detail: `CPU ${cpu.toFixed(0)}% (limit ${limit}%)` };
          })
        : { gate: 'cpu', ok: true, skipped: true, detail: 'skipped: no SNMP credential for this device' },
    );
  }
  if (cfg.noNewCriticalThreats) {
    out.push(
      await guard('threats', async () => {
        const n = probes.criticalInsightsSince ? await probes.criticalInsightsSince(input.address, input.changedAtMs) : null;
        if (n === null) return { gate: 'threats', ok: true, skipped: true, detail: 'skipped: no threats store in this engine' };
        return { gate: 'threats', ok: n === 0, detail: n === 0 ? 'no new critical insights' : `${n} new critical insight(s) since the change` };
      }),
    );
  }
  if (cfg.show) {
    const { command, pattern } = cfg.show;
    out.push(
      await guard('show', async () => {
        const text = await (await input.driver()).show(command);
        const ok = new RegExp(pattern, 'm').test(text);
        return { gate: 'show', ok, detail: ok ? `"${command}" matches /${pattern}/` : `"${command}" does not match /${pattern}/` };
      }),
    );
  }
  const { backendHealth, latency } = cfg;
  if (backendHealth) out.push(await guard('backend-health', async () => ({ gate: 'backend-health', ...(await backendHealthGate(backendHealth, await input.driver())) })));
  if (latency) out.push(await guard('latency', async () => ({ gate: 'latency', ...(await latencyGate(latency, input.address)) })));
  return out;
}

export function gatesPassed(results: readonly GateResult[]): boolean {
  return results.every((r) => r.ok);
}

export function describeGates(results: readonly GateResult[]): string {
  return results.map((r) => `${r.gate}: ${r.ok ? (r.skipped ? 'skipped' : 'ok') : 'FAILED'} (${r.detail})`).join('; ');
}
