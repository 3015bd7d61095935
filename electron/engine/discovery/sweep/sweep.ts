import type { AiVerdict, DeviceFacts, InterfaceInfo } from '../../../../shared/domain/device';
import type { ProbeTarget } from '../targets/targets';
import { type DeviceProber, type LivenessAnswer, livenessKey, type SnmpCredential, type SshCredential } from './prober';
import { throttle } from './progress-throttle';

export interface SweepProgress {
  probed: number;
  answered: number;
  identified: number;
  total: number;
  inFlight: number;
  elapsedMs: number;
  /** Undefined until the first target finished. */
  etaMs?: number;
}

/** A device that answered SNMP or SSH (identification may be partial: see warnings). */
export interface FoundDevice {
  target: ProbeTarget;
  facts: DeviceFacts;
  interfaces: InterfaceInfo[];
  ai?: AiVerdict;
  /** The SNMP credential that answered (secrets stay in the vault). */
  credentialId?: string;
  sshCredentialId?: string;
  sshBanner?: string;
  /** AI feature-state probe outputs SSH collected ("ssh:<command>" → output). */
  aiProbes?: Record<string, string>;
  identified: boolean;
  warnings: string[];
}

export interface UnreachableTarget {
  target: ProbeTarget;
  reason: string;
}

export interface SweepOptions {
  targets: Iterable<ProbeTarget>;
  total: number;
  snmpCredentials: readonly SnmpCredential[];
  sshCredentials: readonly SshCredential[];
  sshPort: number;
  prober: DeviceProber;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Hard cap on one device's whole identification; by default generous (walks of big ifTables). */
  deviceBudgetMs?: number;
  signal?: AbortSignal;
  /** The credential that answered this device last time: tried first, then the rest in order. */
  preferredCredentialId?: (target: ProbeTarget) => string | undefined;
  /** Called before anything is sent to a target; throwing refuses it (the scan scope). */
  guard?: (target: ProbeTarget) => void;
  onProgress?: (progress: SweepProgress) => void;
  progressIntervalMs?: number;
  onDevice?: (device: FoundDevice) => void;
  now?: () => number;
}

export interface SweepResult {
  devices: FoundDevice[];
  unreachable: UnreachableTarget[];
  /** Targets never finished because the sweep was cancelled. */
  cancelled: boolean;
  progress: SweepProgress;
}

/**
 * Sweeps targets with a fixed pool of workers pulling from one lazy iterator: at most `concurrency` devices
 * are in flight, a slow device holds one worker only (and at most its budget), and cancel aborts every
 * in-flight probe while keeping what was already found.
 */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const now = opts.now ?? (() => Date.now());
  const startedAt = now();
  const devices: FoundDevice[] = [];
  const unreachable: UnreachableTarget[] = [];
  const cancel = new AbortController();
  const onOuterAbort = () => cancel.abort(opts.signal?.reason);
  if (opts.signal?.aborted) cancel.abort(opts.signal.reason);
  else opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  let probed = 0;
  let answered = 0;
  let identified = 0;
  let inFlight = 0;
  const snapshot = (): SweepProgress => {
    const elapsedMs = now() - startedAt;
    const p: SweepProgress = { probed, answered, identified, total: opts.total, inFlight, elapsedMs };
    if (probed > 0) p.etaMs = Math.max(0, Math.round((elapsedMs / probed) * (opts.total - probed)));
    return p;
  };
  const progress = throttle((p: SweepProgress) => opts.onProgress?.(p), opts.progressIntervalMs ?? 200, now);
  const budgetMs =
    opts.deviceBudgetMs ??
    Math.max(60_000, 4 * opts.timeoutMs * (opts.retries + 1) * (opts.snmpCredentials.length + opts.sshCredentials.length + 1));

  const recordUnreachable = (target: ProbeTarget, reason: string): void => {
    probed++;
    unreachable.push({ target, reason });
    progress.push(snapshot());
  };
  const source =
    opts.prober.liveness && opts.snmpCredentials.length > 0
      ? afterLiveness(opts, cancel.signal, recordUnreachable)
      : everyTarget(opts);
  const worker = async () => {
    for (;;) {
      if (cancel.signal.aborted) return;
      const next = await source.next();
      if (next.done) return;
      const { target, snmpCredentials } = next.value;
      inFlight++;
      try {
        const outcome = await probeDevice(target, { ...opts, snmpCredentials }, budgetMs, cancel.signal);
        if (outcome.kind === 'cancelled') return;
        probed++;
        if (outcome.kind === 'device') {
          answered++;
          if (outcome.device.identified) identified++;
          devices.push(outcome.device);
          opts.onDevice?.(outcome.device);
        } else {
          unreachable.push({ target, reason: outcome.reason });
        }
      } finally {
        inFlight--;
      }
      progress.push(snapshot());
    }
  };
  const workers = Math.max(1, Math.min(opts.concurrency, opts.total || 1));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  const final = snapshot();
  progress.flush(final);
  return { devices, unreachable, cancelled: cancel.signal.aborted, progress: final };
}

interface Candidate {
  target: ProbeTarget;
  /** The SNMP credentials worth trying on this target, in order. */
  snmpCredentials: readonly SnmpCredential[];
}

/** Targets ready for the full probe. Async generators queue concurrent next() calls, so workers can share one. */
async function* everyTarget(opts: SweepOptions): AsyncGenerator<Candidate> {
  for (const target of opts.targets) yield { target, snmpCredentials: opts.snmpCredentials };
}

/** Addresses per liveness batch: one /19. Each batch costs (retries + 1) × timeout however large it is. */
export const LIVENESS_BATCH = 8192;

/**
 * Batches targets through the prober's liveness pass: silent ones are unreachable at once (unless SSH
 * may still find them), the rest go on with only the credentials that got an answer.
 */
async function* afterLiveness(
  opts: SweepOptions,
  signal: AbortSignal,
  recordUnreachable: (target: ProbeTarget, reason: string) => void,
): AsyncGenerator<Candidate> {
  const liveness = opts.prober.liveness;
  if (!liveness) return;
  const iterator = opts.targets[Symbol.iterator]();
  for (;;) {
    const batch: ProbeTarget[] = [];
    while (batch.length < LIVENESS_BATCH) {
      const next = iterator.next();
      if (next.done) break;
      try {
        opts.guard?.(next.value);
        batch.push(next.value);
      } catch (err) {
        recordUnreachable(next.value, `refused: ${messageOf(err)}`);
      }
    }
    if (batch.length === 0 || signal.aborted) return;
    // Responders found in the first wait window go to the workers at once, while the silent ones get
    // their retries: a batch then costs about (retries + 1) × timeout in all, identification included.
    const early: Candidate[] = [];
    const handedOut = new Set<string>();
    let wake: (() => void) | undefined;
    const toCandidate = (target: ProbeTarget, a: LivenessAnswer): Candidate => ({
      target,
      snmpCredentials: a.undecodable
        ? opts.snmpCredentials
        : opts.snmpCredentials.filter((c) => (c.kind === 'snmp-v3' ? a.v3 : a.credentialIds.has(c.id))),
    });
    let settled = false;
    let answers: Map<string, LivenessAnswer> | undefined;
    const pass = liveness(batch, opts.snmpCredentials, {
      timeoutMs: opts.timeoutMs,
      retries: opts.retries,
      signal,
      onEarly: (target, a) => {
        early.push(toCandidate(target, a));
        wake?.();
      },
    }).then(
      (m) => {
        answers = m;
      },
      () => {
        answers = undefined; // the pass itself failed: fall back to probing everything
      },
    ).finally(() => {
      settled = true;
      wake?.();
    });
    // Once the pass has settled, the silent ones are recorded before anything else is handed out (the
    // early ones not yet taken are handed out below, with their final answers).
    while (!settled) {
      const candidate = early.shift();
      if (candidate) {
        handedOut.add(livenessKey(candidate.target.address, candidate.target.port));
        if (signal.aborted) return;
        yield candidate;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (settled || early.length > 0) resolve();
      });
    }
    await pass;
    if (signal.aborted) return;
    const remaining = batch.filter((t) => !handedOut.has(livenessKey(t.address, t.port)));
    // Settle the silent ones first, so progress shows them at once; then hand out the late responders.
    const live: Candidate[] = [];
    for (const target of remaining) {
      const a = answers?.get(livenessKey(target.address, target.port));
      if (answers && (!a || (!a.undecodable && !a.v3 && a.credentialIds.size === 0))) {
        if (opts.sshCredentials.length === 0) recordUnreachable(target, 'no response to any SNMP credential');
        else live.push({ target, snmpCredentials: [] });
        continue;
      }
      live.push(a ? toCandidate(target, a) : { target, snmpCredentials: opts.snmpCredentials });
    }
    for (const candidate of live) {
      if (signal.aborted) return;
      yield candidate;
    }
  }
}

type Outcome = { kind: 'device'; device: FoundDevice } | { kind: 'unreachable'; reason: string } | { kind: 'cancelled' };

async function probeDevice(target: ProbeTarget, opts: SweepOptions, budgetMs: number, sweepSignal: AbortSignal): Promise<Outcome> {
  try {
    opts.guard?.(target);
  } catch (err) {
    return { kind: 'unreachable', reason: `refused: ${messageOf(err)}` };
  }
  const budget = AbortSignal.timeout(budgetMs);
  const signal = AbortSignal.any([sweepSignal, budget]);
  const probeOpts = { timeoutMs: opts.timeoutMs, retries: opts.retries, signal };
  const warnings: string[] = [];
  let found: FoundDevice | undefined;
  const reasons: string[] = [];

  try {
    for (const credential of credentialOrder(opts.snmpCredentials, opts.preferredCredentialId?.(target))) {
      const attempt = await untilAborted(opts.prober.snmp(target, credential, probeOpts), signal);
      if (attempt.status === 'answered') {
        found = {
          target,
          facts: attempt.facts,
          interfaces: attempt.interfaces,
          credentialId: credential.id,
          identified: false,
          warnings: [...attempt.warnings],
        };
        break;
      }
      reasons.push(attempt.status === 'rejected' ? `${credential.label}: ${attempt.reason}` : `${credential.label}: no response`);
    }
    for (const credential of opts.sshCredentials) {
      const attempt = await untilAborted(
        opts.prober.ssh({ address: target.address, port: opts.sshPort, hostname: target.hostname }, credential, probeOpts),
        signal,
      );
      if (attempt.status === 'failed') {
        (found ? warnings : reasons).push(`ssh ${credential.label}: ${attempt.reason}`);
        continue;
      }
      const base: FoundDevice = found ?? { target, facts: { platform: 'unknown', sources: [] }, interfaces: [], identified: false, warnings: [] };
      found = { ...base, facts: refineFacts(base.facts, attempt.facts), sshCredentialId: credential.id, sshBanner: attempt.banner };
      if (attempt.aiProbes && Object.keys(attempt.aiProbes).length > 0) found.aiProbes = attempt.aiProbes;
      warnings.push(...attempt.warnings);
      break;
    }
  } catch (err) {
    if (sweepSignal.aborted) return { kind: 'cancelled' };
    const why = budget.aborted ? `identification took longer than ${budgetMs} ms and was stopped` : `probe failed: ${messageOf(err)}`;
    if (!found) return { kind: 'unreachable', reason: why };
    warnings.push(why);
  }
  if (!found) return { kind: 'unreachable', reason: reasons.join('; ') || 'no credentials to try' };

  found.warnings.push(...warnings);
  try {
    found.ai = opts.prober.evaluateAi(found.facts, found.aiProbes);
  } catch (err) {
    found.warnings.push(`AI catalog: ${messageOf(err)}`);
  }
  found.identified = found.facts.platform !== 'unknown' || found.facts.vendor !== undefined;
  return { kind: 'device', device: found };
}

function credentialOrder(list: readonly SnmpCredential[], preferredId: string | undefined): readonly SnmpCredential[] {
  const preferred = preferredId === undefined ? undefined : list.find((c) => c.id === preferredId);
  return preferred ? [preferred, ...list.filter((c) => c !== preferred)] : list;
}

/** SSH output refines what SNMP said; anything SSH did not learn keeps its SNMP value. */
function refineFacts(snmp: DeviceFacts, ssh: Partial<DeviceFacts>): DeviceFacts {
  const merged: DeviceFacts = { ...snmp };
  for (const [key, value] of Object.entries(ssh) as Array<[keyof DeviceFacts, unknown]>) {
    if (value === undefined || key === 'sources') continue;
    if (key === 'platform' && value === 'unknown') continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  merged.sources = [...new Set([...snmp.sources, 'ssh' as const])];
  return merged;
}

/**
 * Resolves with the probe or rejects as soon as `signal` aborts, so a probe that ignores its signal
 * cannot hold a worker (its late result is dropped).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
