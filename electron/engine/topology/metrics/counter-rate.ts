/**
 * Rates from IF-MIB counters between two polls, following RFC 2863 §3.1.6: a counter may wrap (32-bit ones do within
 * seconds on fast links, which is why ifHC* exist), and its value is meaningless across a discontinuity — an agent
 * restart (sysUpTime went back) or ifCounterDiscontinuityTime changing.
 */
export interface CounterSample {
  value: bigint;
  /** Local time of the poll, ms. */
  atMs: number;
  /** sysUpTime in hundredths of a second, when polled with the counters. */
  uptimeTicks?: number;
  /** ifCounterDiscontinuityTime, when the agent has it. */
  discontinuityTicks?: number;
}

export type RateResult =
  | { kind: 'rate'; perSec: number; wrapped: boolean }
  | { kind: 'no-rate'; reason: 'first-sample' | 'agent-restart' | 'discontinuity' | 'implausible' | 'no-time' };

const WRAP32 = 2n ** 32n;

/**
 * @param bits 32 for ifInOctets & co., 64 for ifHC* counters
 * @param maxPerSec an upper bound (e.g. ifSpeed/8 × 1.1 for octets); a larger computed rate is a reset in disguise
 */
export function counterRate(prev: CounterSample | undefined, cur: CounterSample, bits: 32 | 64, maxPerSec?: number): RateResult {
  if (!prev) return { kind: 'no-rate', reason: 'first-sample' };
  if (prev.uptimeTicks !== undefined && cur.uptimeTicks !== undefined && cur.uptimeTicks < prev.uptimeTicks) {
    return { kind: 'no-rate', reason: 'agent-restart' };
  }
  if (prev.discontinuityTicks !== undefined && cur.discontinuityTicks !== undefined && cur.discontinuityTicks !== prev.discontinuityTicks) {
    return { kind: 'no-rate', reason: 'discontinuity' };
  }
  // Prefer the agent's own clock for the interval: poll latency jitter then does not distort the rate.
  const seconds =
    prev.uptimeTicks !== undefined && cur.uptimeTicks !== undefined && cur.uptimeTicks > prev.uptimeTicks
      ? (cur.uptimeTicks - prev.uptimeTicks) / 100
      : (cur.atMs - prev.atMs) / 1000;
  if (!(seconds > 0)) return { kind: 'no-rate', reason: 'no-time' };
  let delta = cur.value - prev.value;
  let wrapped = false;
  if (delta < 0n) {
    // A 64-bit counter does not wrap in any realistic interval: going backwards is a reset.
    if (bits === 64) return { kind: 'no-rate', reason: 'discontinuity' };
    delta += WRAP32;
    wrapped = true;
  }
  const perSec = Number(delta) / seconds;
  if (maxPerSec !== undefined && perSec > maxPerSec) return { kind: 'no-rate', reason: 'implausible' };
  return { kind: 'rate', perSec, wrapped };
}
