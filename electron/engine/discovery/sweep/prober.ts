import type { AiVerdict, DeviceFacts, InterfaceInfo } from '../../../../shared/domain/device';
import type { Credential } from '../../store/credentials-repo';
import type { ProbeTarget } from '../targets/targets';

export type SnmpCredential = Extract<Credential, { kind: 'snmp-v1' | 'snmp-v2c' | 'snmp-v3' }>;
export type SshCredential = Extract<Credential, { kind: 'ssh' }>;

export interface ProbeOptions {
  timeoutMs: number;
  retries: number;
  /** Aborted on cancel or when the device's time budget runs out: stop and release sockets. */
  signal: AbortSignal;
}

/**
 * One SNMP attempt with one credential. Like net-snmp's two error levels: `no-response` and `rejected`
 * mean the request failed (try the next credential); `answered` may still carry warnings for parts of
 * identification that failed (ENTITY-MIB missing, a walk cut short) — the device is kept.
 */
export type SnmpAttempt =
  | { status: 'answered'; facts: DeviceFacts; interfaces: InterfaceInfo[]; warnings: string[] }
  | { status: 'no-response' }
  | { status: 'rejected'; reason: string };

/** Facts SSH refined (vendor, model, version…), or why it failed. */
export type SshAttempt =
  | { status: 'answered'; facts: Partial<DeviceFacts>; banner?: string; warnings: string[]; aiProbes?: Record<string, string> }
  | { status: 'failed'; reason: string };

/** What the sweep needs from SNMP, SSH and the AI catalog; injected so scheduling is testable alone. */
export interface DeviceProber {
  snmp(target: ProbeTarget, credential: SnmpCredential, opts: ProbeOptions): Promise<SnmpAttempt>;
  ssh(target: { address: string; port: number; hostname?: string }, credential: SshCredential, opts: ProbeOptions): Promise<SshAttempt>;
  /** `probes`: AI feature-state probe outputs by key ("ssh:<command>"), when SSH ran them. */
  evaluateAi(facts: DeviceFacts, probes?: Readonly<Record<string, string>>): AiVerdict;
  /**
   * Optional first pass over a batch of targets: which answer SNMP at all, and to which credentials.
   * Without it every target gets the full probe with every credential in turn.
   */
  liveness?(targets: readonly ProbeTarget[], credentials: readonly SnmpCredential[], opts: LivenessOptions): Promise<Map<string, LivenessAnswer>>;
}

/** Who answered the pre-pass at one address:port. */
export interface LivenessAnswer {
  /** v1/v2c credentials whose request got a reply (error replies included: the community was accepted). */
  credentialIds: Set<string>;
  /** An SNMPv3 engine answered discovery: v3 credentials are worth trying. */
  v3: boolean;
  /** Something answered that does not parse as SNMP: the full probe should try every credential and say why. */
  undecodable: boolean;
}

export interface LivenessOptions extends ProbeOptions {
  /**
   * Called once, when the first retries are out (the first wait window has ended), for each target that has
   * answered by then, so its full probe can start while the silent ones wait for their retries. Later answers
   * from it are not reported again.
   */
  onEarly?: (target: ProbeTarget, answer: LivenessAnswer) => void;
}

export const livenessKey = (address: string, port: number): string => `${address}|${port}`;
