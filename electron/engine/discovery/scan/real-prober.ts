import { isRoutewiseError } from '../../../../shared/api/errors';
import type { AiVerdict, DeviceFacts } from '../../../../shared/domain/device';
import { openSnmpSession } from '../../snmp/snmp-session';
import { identifyOverSnmp } from '../identify/identify-snmp';
import { snmpLiveness } from '../sweep/snmp-liveness';
import type { DeviceProber, ProbeOptions, SnmpAttempt, SnmpCredential, SshAttempt, SshCredential } from '../sweep/prober';
import type { ProbeTarget } from '../targets/targets';

export interface RealProberParts {
  evaluateAi?: (facts: DeviceFacts, probes?: Readonly<Record<string, string>>) => AiVerdict;
  identifySsh?: (
    target: { address: string; port: number; hostname?: string },
    credential: SshCredential,
    opts: ProbeOptions,
  ) => Promise<SshAttempt>;
}

/** The prober used for real scans: SNMP identification over net-snmp, then SSH, then the AI catalog. */
export function createRealProber(parts: RealProberParts = {}): DeviceProber {
  return {
    snmp: probeSnmp,
    liveness: snmpLiveness,
    ssh: parts.identifySsh ?? (async () => ({ status: 'failed', reason: 'SSH identification is not available in this build' })),
    evaluateAi:
      parts.evaluateAi ??
      (() => {
        throw new Error('the AI capability catalog is not available in this build');
      }),
  };
}

async function probeSnmp(target: ProbeTarget, credential: SnmpCredential, opts: ProbeOptions): Promise<SnmpAttempt> {
  let session;
  try {
    session = openSnmpSession({ host: target.address, port: target.port }, credential, { timeoutMs: opts.timeoutMs, retries: opts.retries });
  } catch (err) {
    // e.g. an incomplete v3 credential: this one cannot be used, the next one may.
    return { status: 'rejected', reason: messageOf(err).slice(0, 500) };
  }
  const closeOnAbort = () => session.close();
  opts.signal.addEventListener('abort', closeOnAbort, { once: true });
  try {
    const id = await identifyOverSnmp(session, { signal: opts.signal });
    return { status: 'answered', facts: id.facts, interfaces: id.interfaces, warnings: id.warnings };
  } catch (err) {
    if (opts.signal.aborted) throw err;
    if (isRoutewiseError(err) && err.code === 'timeout') return { status: 'no-response' };
    return { status: 'rejected', reason: messageOf(err).slice(0, 500) };
  } finally {
    opts.signal.removeEventListener('abort', closeOnAbort);
    session.close();
  }
}

function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
